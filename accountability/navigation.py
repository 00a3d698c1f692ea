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
    "accountability:case_submit": _("Send a complaint or a denunciation"),
    "accountability:dialogue_list": _("Dialogues with businesses"),
    "accountability:case_statistics": _("Statistics of complaints and denunciations"),
    "accountability:explanation_list": _("Explanations given by the department"),
    "accountability:explanation_submit": _("Ask the department for an explanation"),
    "accountability:question_lookup": _("Find the answer to your question"),
    "accountability:conclusion_list": _("Inspection conclusions"),
}
