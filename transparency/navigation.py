from django.utils.translation import gettext_lazy as _

from portal.navigation import MenuEntry, TopTask

MENU = [
    MenuEntry("transparency:document_list", _("Documents"), 10),
    MenuEntry("transparency:plan_list", _("Plans and planning"), 20),
    MenuEntry("transparency:dissemination", _("The law in plain words"), 30),
]

TOP_TASKS = [
    TopTask(
        "transparency:document_list",
        _("Find a legal document"),
        _("Laws, decrees, circulars and the province's decisions on industry and trade."),
        10,
    ),
]

# The site map's labels of the public pages that are neither in the menu nor a top task.
PAGE_LABELS = {
    "transparency:document_feed": _("Atom feed of newly published documents"),
}
