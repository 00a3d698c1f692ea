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

register(
    Indicator(
        code="PR-03",
        dimension="D5",
        label=_("Dossiers resolved early or on time"),
        unit="%",
        target=95,
        compute=selectors.share_in_time,
        description=_(
            "Dossiers received in the quarter and finished, resolved by their first appointment "
            "date (approximates Decision 766/QĐ-TTg, group 'progress and results'; time waiting "
            "for the applicant's additions is not deducted)."
        ),
    )
)

register(
    Indicator(
        code="PR-04",
        dimension="D8",
        label=_("Dossiers submitted online"),
        unit="%",
        target=50,
        compute=selectors.share_submitted_online,
        description=_(
            "Dossiers received in the quarter that were submitted online (Decision 766/QĐ-TTg, "
            "group 'online services': full points at 50%)."
        ),
    )
)

register(
    Indicator(
        code="PR-05",
        dimension="D5",
        label=_("Satisfaction with the handling of dossiers"),
        unit="%",
        target=90,
        compute=selectors.satisfaction,
        description=_(
            "Average of the applicants' ratings (access, procedure, officers, result) of the "
            "dossiers received in the quarter, as a percentage of the highest score "
            "(approximates Decision 766/QĐ-TTg, group 'satisfaction': full points at 90%)."
        ),
    )
)

register(
    Indicator(
        code="PR-06",
        dimension="D5",
        label=_("Feedback answered within the limit"),
        unit="%",
        target=100,
        compute=selectors.feedback_in_time,
        description=_(
            "Feedback due in the quarter answered by its deadline, taken from the table of "
            "legal limits (Decision 766/QĐ-TTg, group 'satisfaction': feedback handled on time)."
        ),
    )
)

register(
    Indicator(
        code="PR-07",
        dimension="D8",
        label=_("Results digitised"),
        unit="%",
        target=80,
        compute=selectors.share_digitised,
        description=_(
            "Finished dossiers received in the quarter whose result was issued or scanned as an "
            "electronic copy (approximates Decision 766/QĐ-TTg, group 'digitisation': full "
            "points at 80%)."
        ),
    )
)
