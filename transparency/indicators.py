from django.utils.translation import gettext_lazy as _

from portal.indicators import Direction, Indicator, register

from . import selectors

register(
    Indicator(
        code="TR-01",
        dimension="D2",
        label=_("Documents published"),
        unit=_("documents"),
        compute=lambda period: selectors.documents_published(period.start, period.end),
        target=30,
        description=_("Documents whose publication on the portal falls in the quarter."),
    )
)
register(
    Indicator(
        code="TR-02",
        dimension="D2",
        label=_("Median days from issue to publication"),
        unit=_("days"),
        compute=lambda period: selectors.median_days_to_publication(period.start, period.end),
        direction=Direction.LOWER_IS_BETTER,
        target=7,
        description=_(
            "For the documents published in the quarter, the median of the days between the "
            "date of issue and the publication on the portal."
        ),
    )
)
register(
    Indicator(
        code="TR-03",
        dimension="D2",
        label=_("In-force documents with the full text attached"),
        unit="%",
        compute=lambda period: selectors.full_text_share(period.end),
        target=100,
        description=_(
            "On the last day of the quarter, the share of published documents in force that "
            "have their full text attached."
        ),
    )
)
register(
    Indicator(
        code="TR-04",
        dimension="D2",
        label=_("Law-dissemination items published"),
        unit=_("items"),
        compute=lambda period: selectors.dissemination_published(period.start, period.end),
        target=12,
        description=_("Explainers and answered questions published in the quarter."),
    )
)
register(
    Indicator(
        code="TR-05",
        dimension="D2",
        label=_("Document views"),
        unit=_("views"),
        compute=lambda period: selectors.document_views(period.start, period.end),
        description=_(
            "Views of the documents' pages in the quarter, counted per day without cookies, "
            "IP addresses or any other personal data."
        ),
    )
)
