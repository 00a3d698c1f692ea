from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from portal.navigation import HomeSection, MenuEntry, TopTask
from portal.results import ResultItem

from .selectors import latest_news

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

PAGE_LABELS = {
    "egov:page_index": _("About the department"),
    "egov:news_feed": _("News feed (Atom)"),
}


def _latest_news() -> list:
    return [
        ResultItem(
            url=item.get_absolute_url(),
            title=item.title,
            summary=item.summary,
            origin=item.category.name if item.category else "",
            when=timezone.localtime(item.published_at).date(),
        )
        for item in latest_news(3)
    ]


HOME_SECTIONS = [
    HomeSection(_("Latest news"), _latest_news, "egov:news_list", _("All news"), 10),
]
