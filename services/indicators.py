from django.utils.translation import gettext_lazy as _

from portal.indicators import Indicator, register

from . import selectors

register(
    Indicator(
        code="SV-02",
        dimension="D6",
        label=_("Planned power outages announced with the required notice"),
        unit="%",
        target=100,
        compute=lambda period: selectors.outages_with_notice_share(period.start, period.end),
        description=_(
            "Share of the planned outages starting in the quarter that the power company "
            "announced at least the legal notice ahead (the limit power-outage-notice)."
        ),
    )
)

register(
    Indicator(
        code="SV-03",
        dimension="D6",
        label=_("Electricity supply problems resolved within the target"),
        unit="%",
        target=90,
        compute=lambda period: selectors.problems_resolved_within(period.start, period.end),
        description=_(
            "Share of the supply problems reported on the portal and resolved in the quarter "
            "that were resolved within 7 days of the report (the department's service target)."
        ),
    )
)

register(
    Indicator(
        code="SV-01",
        dimension="D6",
        label=_("Grid project milestones reached on schedule"),
        unit="%",
        target=80,
        compute=lambda period: selectors.projects_on_schedule(period.start, period.end),
        description=_(
            "Share of the milestones of published grid projects planned in the quarter (up to "
            "today) that were reached by their planned date."
        ),
    )
)

register(
    Indicator(
        code="SV-04",
        dimension="D6",
        label=_("Households with grid electricity"),
        unit="%",
        target=99.5,
        compute=lambda period: selectors.electrification_in(period.start, period.end),
        description=_(
            "The latest province-wide share of households supplied from the national grid "
            "reported in the quarter, as the service figures record it with their source."
        ),
    )
)
