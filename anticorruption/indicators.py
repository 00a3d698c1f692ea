from django.utils.translation import gettext_lazy as _

from portal.indicators import Direction, Indicator, register

from . import selectors

register(
    Indicator(
        code="AK-01",
        dimension="D4",
        label=_("Recruitment steps published on time"),
        unit=_("per cent"),
        target=100,
        compute=lambda period: selectors.steps_on_time_share(period.start, period.end),
        description=_(
            "Steps of recruitment rounds due in the quarter (Decree 115/2020 as amended) that "
            "were published by their due date."
        ),
    )
)

register(
    Indicator(
        code="AK-02",
        dimension="D4",
        label=_("Anonymous reports handled within the limit"),
        unit=_("per cent"),
        target=100,
        compute=lambda period: selectors.handled_on_time_share(period.start, period.end),
        description=_(
            "Reports received in the quarter whose first handling came within the limit of "
            "Law 25/2018, Art. 24(1)."
        ),
    )
)

register(
    Indicator(
        code="AK-03",
        dimension="D4",
        label=_("Days to the first answer to an anonymous report"),
        unit=_("days"),
        direction=Direction.LOWER_IS_BETTER,
        compute=lambda period: selectors.days_to_first_answer(period.start, period.end),
        description=_("Mean calendar days from a report to the inspectors' first answer."),
    )
)
