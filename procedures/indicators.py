"""The procedures app's PAPI indicators (D5 public services, D8 e-governance). Each is a pure
function of a quarter built on the app's selectors."""

from django.utils.translation import gettext_lazy as _

from portal.indicators import Indicator, register

from . import selectors

register(
    Indicator(
        code="PR-01",
        dimension="D8",
        label=_("Procedures offered online"),
        unit="%",
        target=80,
        compute=lambda period: selectors.share_online(period.end),
        description=_(
            "Published procedures that can be submitted online, fully or in part (Decision "
            "766/QĐ-TTg, group 'online services': full points at 80%)."
        ),
    )
)

register(
    Indicator(
        code="PR-02",
        dimension="D5",
        label=_("Procedures published with every part of their record"),
        unit="%",
        target=100,
        compute=lambda period: selectors.share_complete(period.end),
        description=_(
            "Published procedures whose record has steps, submission methods with time and "
            "fees, papers, result and legal basis (approximates Decision 766/QĐ-TTg, group "
            "'publicity': all parts of the record published)."
        ),
    )
)
