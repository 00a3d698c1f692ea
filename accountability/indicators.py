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

register(
    Indicator(
        code="AC-04",
        dimension="D3",
        label=_("Complaints and denunciations accepted or refused within the legal limit"),
        unit="%",
        target=100,
        compute=lambda period: selectors.cases_accepted_within_limit(period.start, period.end),
        description=_(
            "Cases whose acceptance (or forwarding) decision fell in the quarter, decided within "
            "the limit of the Law on Complaints or the Law on Denunciations, read from the table "
            "of legal limits."
        ),
    )
)

register(
    Indicator(
        code="AC-05",
        dimension="D3",
        label=_("Complaints and denunciations resolved within the legal limit"),
        unit="%",
        target=100,
        compute=lambda period: selectors.cases_resolved_within_limit(period.start, period.end),
        description=_(
            "Cases resolved in the quarter within the resolution period (with the longer period "
            "for complex or remote cases and the extensions the law allows)."
        ),
    )
)

register(
    Indicator(
        code="AC-06",
        dimension="D3",
        label=_("Explanations given within the legal limit"),
        unit="%",
        target=100,
        compute=lambda period: selectors.explanations_within_limit(period.start, period.end),
        description=_(
            "Requests for explanation explained in the quarter within the period of Decree "
            "59/2019, Art. 13 (with its one extension)."
        ),
    )
)

register(
    Indicator(
        code="AC-07",
        dimension="D3",
        label=_("Dialogues with businesses held"),
        unit=_("dialogues"),
        target=1,
        compute=lambda period: selectors.dialogues_held(period.start, period.end),
        description=_("Published dialogues with businesses held in the quarter."),
    )
)

register(
    Indicator(
        code="AC-08",
        dimension="D3",
        label=_("Businesses' questions answered"),
        unit="%",
        target=100,
        compute=lambda period: selectors.dialogue_questions_answered(period.start, period.end),
        description=_(
            "Approved questions sent ahead to the quarter's dialogues that have a published answer."
        ),
    )
)

register(
    Indicator(
        code="AC-09",
        dimension="D4",
        label=_("Inspection recommendations implemented on time"),
        unit="%",
        target=100,
        compute=lambda period: selectors.recommendations_on_time(period.start, period.end),
        description=_(
            "Recommendations of inspection conclusions due in the quarter that were implemented "
            "by their deadline."
        ),
    )
)
