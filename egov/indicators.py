from django.utils.translation import gettext_lazy as _

from portal.indicators import Direction, Indicator, register

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
register(
    Indicator(
        code="EG-02",
        dimension="D8",
        label=_("Drafts posted for the full legal period"),
        unit="%",
        compute=lambda period: selectors.full_period_share(period.start, period.end),
        target=100,
        description=_(
            "Of the drafts opened for comment in the quarter, the share posted for at least the "
            "legal minimum period (kept in the table of legal time limits)."
        ),
    )
)
register(
    Indicator(
        code="EG-03",
        dimension="D8",
        label=_("Comments received on drafts"),
        unit=_("comments"),
        compute=lambda period: selectors.comments_received(period.start, period.end),
        description=_("Comments on draft regulations confirmed by their authors in the quarter."),
    )
)
register(
    Indicator(
        code="EG-04",
        dimension="D8",
        label=_("Comments answered"),
        unit="%",
        compute=lambda period: selectors.answered_share(period.start, period.end),
        target=100,
        description=_(
            "Of the confirmed comments on drafts whose consultation closed in the quarter, the "
            "share the drafting unit has answered."
        ),
    )
)
register(
    Indicator(
        code="EG-05",
        dimension="D8",
        label=_("Median days from closing to the published synthesis"),
        unit=_("days"),
        compute=lambda period: selectors.median_days_to_synthesis(period.start, period.end),
        direction=Direction.LOWER_IS_BETTER,
        target=30,
        description=_(
            "For the syntheses of comments first published in the quarter, the median of the "
            "days between the end of the consultation and the publication."
        ),
    )
)
register(
    Indicator(
        code="EG-06",
        dimension="D8",
        label=_("Broken links and missing files"),
        unit=_("links and files"),
        compute=lambda period: selectors.broken_links(period.start, period.end),
        direction=Direction.LOWER_IS_BETTER,
        target=0,
        description=_(
            "Internal links that lead nowhere and stored files that are missing, found by the "
            "last website quality check of the quarter."
        ),
    )
)
