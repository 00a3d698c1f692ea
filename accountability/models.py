"""Citizen reception: the calendars (schedules), their sessions and the bookings citizens make.

A ReceptionSchedule is one calendar (the regular weekly reception, the Director's periodic
reception, or ad-hoc sessions) with its own iCal feed. A ReceptionSession is one day of it; a
session planned on a holiday is held on the next working day (`planned_date` keeps the day it
was planned for). A Booking is optional: walk-ins are always received.
"""

from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from portal.models import Unit


class ReceptionSchedule(models.Model):
    class Kind(models.TextChoices):
        REGULAR = "regular", _("Regular reception")
        DIRECTOR = "director", _("Director's reception")
        AD_HOC = "ad_hoc", _("Ad-hoc reception")

    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=100, unique=True)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.REGULAR)
    unit = models.ForeignKey(
        Unit, verbose_name=_("unit"), on_delete=models.PROTECT, null=True, blank=True
    )
    weekdays = models.CharField(
        _("weekdays"),
        max_length=20,
        blank=True,
        help_text=_(
            "Days of the week of the regular reception: 0 is Monday, "
            "e.g. 1,3 for Tuesday and Thursday."
        ),
    )
    start_time = models.TimeField(_("start time"))
    end_time = models.TimeField(_("end time"))
    place = models.CharField(_("place"), max_length=300)
    officer_on_duty = models.CharField(_("officer on duty"), max_length=200, blank=True)
    capacity = models.PositiveSmallIntegerField(
        _("bookings per session"),
        default=10,
        help_text=_("Places that can be booked ahead; walk-ins are received in any case."),
    )
    is_published = models.BooleanField(_("published"), default=False)
    history = HistoricalRecords()

    class Meta:
        ordering = ["kind", "name"]
        verbose_name = _("reception calendar")
        verbose_name_plural = _("reception calendars")

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("accountability:reception_ical", args=[self.slug])

    def weekday_numbers(self) -> list[int]:
        return sorted({int(part) for part in self.weekdays.split(",") if part.strip().isdigit()})


class ReceptionSessionQuerySet(models.QuerySet):
    def public(self):
        """Sessions visitors see: published, of a published calendar (cancelled ones too, with
        their notice, so that nobody comes in vain)."""
        return self.filter(is_published=True, schedule__is_published=True)

    def bookable(self, today=None):
        today = today or timezone.localdate()
        return self.public().filter(
            status__in=ReceptionSession.OPEN, date__gt=today, schedule__capacity__gt=0
        )


class ReceptionSession(models.Model):
    class Status(models.TextChoices):
        SCHEDULED = "scheduled", _("Scheduled")
        CHANGED = "changed", _("Changed")
        CANCELLED = "cancelled", _("Cancelled")

    OPEN = (Status.SCHEDULED, Status.CHANGED)

    schedule = models.ForeignKey(
        ReceptionSchedule,
        verbose_name=_("calendar"),
        related_name="sessions",
        on_delete=models.CASCADE,
    )
    planned_date = models.DateField(_("planned date"))
    date = models.DateField(
        _("date"),
        db_index=True,
        help_text=_("The next working day when the planned date is a holiday."),
    )
    start_time = models.TimeField(_("start time"))
    end_time = models.TimeField(_("end time"))
    place = models.CharField(_("place"), max_length=300)
    host = models.CharField(_("received by"), max_length=200, blank=True)
    delegate = models.CharField(
        _("delegate"),
        max_length=200,
        blank=True,
        help_text=_("Who receives citizens when the Director cannot attend."),
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.SCHEDULED
    )
    notice = models.TextField(
        _("notice of change"),
        blank=True,
        help_text=_(
            "Shown on the calendar and mailed to those who booked when the session changes "
            "or is cancelled."
        ),
    )
    capacity = models.PositiveSmallIntegerField(_("bookings"), default=10)
    is_published = models.BooleanField(_("published"), default=False)
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)
    history = HistoricalRecords()

    objects = ReceptionSessionQuerySet.as_manager()

    class Meta:
        ordering = ["date", "start_time", "pk"]
        verbose_name = _("reception session")
        verbose_name_plural = _("reception sessions")

    def __str__(self):
        return f"{self.schedule} {self.date:%d/%m/%Y} {self.start_time:%H:%M}"

    def get_absolute_url(self):
        return f"{reverse('accountability:reception_calendar')}#phien-{self.pk}"

    @property
    def moved(self) -> bool:
        return self.date != self.planned_date

    @property
    def is_cancelled(self) -> bool:
        return self.status == self.Status.CANCELLED

    @property
    def received_by(self) -> str:
        return self.delegate or self.host


class Booking(models.Model):
    class Topic(models.TextChoices):
        COMPLAINT = "complaint", _("Complaint")
        DENUNCIATION = "denunciation", _("Denunciation")
        PETITION = "petition", _("Petition")
        FEEDBACK = "feedback", _("Feedback")

    class Status(models.TextChoices):
        BOOKED = "booked", _("Booked")
        CANCELLED = "cancelled", _("Cancelled")

    session = models.ForeignKey(
        ReceptionSession,
        verbose_name=_("session"),
        related_name="bookings",
        on_delete=models.PROTECT,
    )
    code = models.CharField(_("booking code"), max_length=20, unique=True)
    topic = models.CharField(_("topic"), max_length=20, choices=Topic.choices)
    description = models.TextField(_("short description"), max_length=2000)
    name = models.CharField(_("full name"), max_length=200)
    phone = models.CharField(_("phone"), max_length=20)
    email = models.EmailField(_("email"), blank=True)
    # The record of consent: when and to which notice the citizen agreed.
    consent_at = models.DateTimeField(_("consent given at"))
    consent_notice = models.CharField(_("notice agreed to"), max_length=20)
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.BOOKED
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    cancelled_at = models.DateTimeField(_("cancelled at"), null=True, blank=True)
    reminder_sent_at = models.DateTimeField(_("reminder sent at"), null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["session__date", "created_at"]
        verbose_name = _("booking")
        verbose_name_plural = _("bookings")

    def __str__(self):
        return self.code


class VisitQuerySet(models.QuerySet):
    def of_units_of(self, user):
        """The visits a user may read: those of the user's units; every visit for leadership.
        Every staff view of the log goes through it, so one unit never reads another's."""
        from portal.roles import units_of

        return self.filter(unit__in=units_of(user))

    def in_month(self, year: int, month: int):
        return self.filter(visited_on__year=year, visited_on__month=month)


class Visit(models.Model):
    """One entry of the reception log (sổ tiếp công dân): a citizen received, booked or not."""

    class Classification(models.TextChoices):
        COMPLAINT = "complaint", _("Complaint")
        DENUNCIATION = "denunciation", _("Denunciation")
        PETITION = "petition", _("Petition")
        FEEDBACK = "feedback", _("Feedback")

    class Handling(models.TextChoices):
        GUIDED = "guided", _("Guided to the competent body")
        ACCEPTED = "accepted", _("Accepted for handling")
        FORWARDED = "forwarded", _("Forwarded")
        ANSWERED = "answered", _("Answered on the spot")

    unit = models.ForeignKey(Unit, verbose_name=_("unit"), on_delete=models.PROTECT)
    session = models.ForeignKey(
        ReceptionSession,
        verbose_name=_("session"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="visits",
    )
    booking = models.OneToOneField(
        Booking, verbose_name=_("booking"), on_delete=models.SET_NULL, null=True, blank=True
    )
    visited_on = models.DateField(_("date received"), db_index=True)
    visitor_name = models.CharField(_("citizen's full name"), max_length=200)
    visitor_address = models.CharField(_("address"), max_length=300)
    old_address = models.CharField(
        _("address before the 2025 reform"),
        max_length=300,
        blank=True,
        help_text=_("As the citizen still writes it, if it differs."),
    )
    people = models.PositiveSmallIntegerField(
        _("people"), default=1, help_text=_("More than one for a group.")
    )
    content = models.TextField(_("content"))
    classification = models.CharField(
        _("classification"), max_length=20, choices=Classification.choices
    )
    within_competence = models.BooleanField(_("within the department's competence"), default=True)
    handling = models.CharField(_("handling"), max_length=20, choices=Handling.choices)
    forwarded_to = models.CharField(_("forwarded to"), max_length=300, blank=True)
    documents_received = models.TextField(_("documents received"), blank=True)
    received_by = models.CharField(_("received by"), max_length=200)
    note = models.TextField(_("note"), blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    history = HistoricalRecords()

    objects = VisitQuerySet.as_manager()

    class Meta:
        ordering = ["visited_on", "pk"]
        verbose_name = _("reception log entry")
        verbose_name_plural = _("reception log")

    def __str__(self):
        return f"{self.visited_on:%d/%m/%Y} – {self.visitor_name}"
