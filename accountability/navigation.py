from django.utils.translation import gettext_lazy as _

from portal.navigation import MenuEntry, TopTask

MENU = [MenuEntry("accountability:reception_calendar", _("Citizen reception"), 60)]

TOP_TASKS = [
    TopTask(
        "accountability:reception_calendar",
        _("See the citizen reception calendar"),
        _("When and where the department's leaders receive citizens."),
        50,
    ),
]

PAGE_LABELS = {
    "accountability:booking_create": _("Book a place at a citizen reception"),
}
