from django.utils.translation import gettext_lazy as _

from portal.navigation import MenuEntry, TopTask

MENU = [
    MenuEntry("egov:consultation_list", _("Consultations"), 50),
    MenuEntry("egov:news_list", _("News"), 70),
]

TOP_TASKS = [
    TopTask(
        "egov:consultation_list",
        _("Comment on a draft regulation"),
        _("Drafts open for public comment, and how earlier comments were answered."),
        40,
    ),
]
