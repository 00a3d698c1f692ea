from django.utils.translation import gettext_lazy as _

from portal.indicators import Indicator, register

from . import selectors

register(
    Indicator(
        code="AC-01",
        dimension="D3",
        label=_("Months with a Director's citizen reception"),
        unit=_("months of 3"),
        target=3,
        compute=lambda period: selectors.months_with_director_reception(period.start, period.end),
        description=_(
            "Months of the quarter in which the Director (or a delegate) held at least one "
            "citizen reception session, as Law 42/2013 Art. 18 requires."
        ),
    )
)

register(
    Indicator(
        code="AC-02",
        dimension="D3",
        label=_("Reception places booked online"),
        unit=_("bookings"),
        compute=lambda period: selectors.bookings_made(period.start, period.end),
        description=_("Bookings of a citizen reception place made on the portal in the quarter."),
    )
)

register(
    Indicator(
        code="AC-03",
        dimension="D3",
        label=_("Citizens received"),
        unit=_("visits"),
        compute=lambda period: selectors.visits_received(period.start, period.end),
        description=_("Entries of the reception log (booked or walk-in) dated in the quarter."),
    )
)
