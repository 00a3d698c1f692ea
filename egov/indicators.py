from django.utils.translation import gettext_lazy as _

from portal.indicators import Indicator, register

from . import selectors

register(
    Indicator(
        code="EG-01",
        dimension="D8",
        label=_("News published"),
        unit=_("news items"),
        compute=lambda period: selectors.news_published(period.start, period.end),
        description=_("News items whose publication on the portal falls in the quarter."),
    )
)
