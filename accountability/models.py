"""Citizen reception: the calendars (schedules), their sessions and the bookings citizens make.

A ReceptionSchedule is one calendar (the regular weekly reception, the Director's periodic
reception, or ad-hoc sessions) with its own iCal feed. A ReceptionSession is one day of it; a
session planned on a holiday is held on the next working day (`planned_date` keeps the day it
was planned for). A Booking is optional: walk-ins are always received. A Visit is an entry of the
reception log.

Cases (complaints, denunciations) and requests for explanation carry legal clocks computed in
`deadlines.py`; they, and the recommendations of inspection conclusions, are read only by the
inspection unit, leadership and the unit they belong to (`of_units_of`). Dialogues with
businesses and inspection conclusions are published items.
"""

import uuid
from pathlib import PurePath

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from portal.models import Unit
from portal.publishing import Publishable
from portal.roles import INSPECTOR, sees_all_units, units_of, user_has_role
from portal.storage import private


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


# --- Cases: complaints and denunciations --------------------------------------------------------


def sees_every_case(user) -> bool:
    """The inspection unit (the inspector role) handles complaints and denunciations for the
    whole department; leadership oversees every unit."""
    return sees_all_units(user) or user_has_role(user, INSPECTOR)


def case_units(user):
    """The units a user may assign a case, a request or a follow-up to."""
    return Unit.objects.all() if sees_every_case(user) else units_of(user)


def _scoped(queryset, user, unit_field: str):
    if not user.is_authenticated:
        return queryset.none()
    if sees_every_case(user):
        return queryset
    return queryset.filter(**{f"{unit_field}__in": case_units(user)})


class CaseQuerySet(models.QuerySet):
    def of_units_of(self, user):
        """The cases a user may read: every case for the inspection unit (the inspector role)
        and leadership; otherwise only those assigned to the user's units. Views, the admin,
        exports and the staff search all go through it, so one unit never reads another's."""
        return _scoped(self, user, "unit")

    def open(self):
        return self.exclude(status__in=Case.CLOSED)


class Case(models.Model):
    """A complaint (khiếu nại) or a denunciation (tố cáo), from a visit, by post or online. Its
    legal clocks (acceptance, resolution, forwarding, notification) are computed from the
    table of legal limits by `accountability.deadlines`."""

    class Kind(models.TextChoices):
        COMPLAINT = "complaint", _("Complaint")
        DENUNCIATION = "denunciation", _("Denunciation")

    class Level(models.TextChoices):
        FIRST = "first", _("First instance")
        SECOND = "second", _("Second instance")

    class Channel(models.TextChoices):
        VISIT = "visit", _("At a citizen reception")
        POST = "post", _("By post")
        ONLINE = "online", _("Online")

    class Status(models.TextChoices):
        RECEIVED = "received", _("Received, being examined")
        ACCEPTED = "accepted", _("Accepted (thụ lý), being resolved")
        REFUSED = "refused", _("Not accepted")
        FORWARDED = "forwarded", _("Forwarded to the competent body")
        RESOLVED = "resolved", _("Resolved")
        WITHDRAWN = "withdrawn", _("Withdrawn")

    CLOSED = (Status.REFUSED, Status.FORWARDED, Status.RESOLVED, Status.WITHDRAWN)

    code = models.CharField(_("tracking code"), max_length=20, unique=True)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    level = models.CharField(
        _("instance"),
        max_length=10,
        choices=Level.choices,
        default=Level.FIRST,
        help_text=_("For a complaint: second instance when the first decision is contested."),
    )
    channel = models.CharField(_("received"), max_length=10, choices=Channel.choices)
    visit = models.OneToOneField(
        Visit,
        verbose_name=_("reception log entry"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="case",
    )
    received_on = models.DateField(_("date received"), db_index=True)
    petitioner_name = models.CharField(_("name of the complainant or denouncer"), max_length=200)
    petitioner_address = models.CharField(_("address"), max_length=300)
    phone = models.CharField(_("phone"), max_length=20, blank=True)
    email = models.EmailField(_("email"), blank=True)
    subject = models.CharField(_("subject"), max_length=300)
    content = models.TextField(_("content"))
    unit = models.ForeignKey(
        Unit,
        verbose_name=_("assigned unit"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="cases",
    )
    officer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("officer in charge"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="accountability_cases",
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.RECEIVED
    )
    within_competence = models.BooleanField(_("within the department's competence"), default=True)
    complex = models.BooleanField(_("complex case"), default=False)
    remote_area = models.BooleanField(_("remote or disadvantaged area"), default=False)
    acceptance_extended = models.BooleanField(
        _("initial handling extended"),
        default=False,
        help_text=_("A denunciation's initial handling may be extended (Law 25/2018, Art. 24)."),
    )
    extensions = models.PositiveSmallIntegerField(
        _("resolution extensions"),
        default=0,
        help_text=_("A denunciation: once when complex, twice when very complex."),
    )
    accepted_on = models.DateField(_("accepted on"), null=True, blank=True)
    notified_on = models.DateField(_("parties notified on"), null=True, blank=True)
    forwarded_to = models.CharField(_("forwarded to"), max_length=300, blank=True)
    forwarded_on = models.DateField(_("forwarded on"), null=True, blank=True)
    resolved_on = models.DateField(_("resolved on"), null=True, blank=True)
    decision_number = models.CharField(_("decision number"), max_length=50, blank=True)
    decision = models.TextField(_("decision or conclusion"), blank=True)
    refusal_reason = models.TextField(_("reason for not accepting"), blank=True)
    consent_at = models.DateTimeField(_("consent given at"), null=True, blank=True)
    consent_notice = models.CharField(_("notice agreed to"), max_length=20, blank=True)
    # The reminders and alerts already mailed, as "<clock>:<due date>:<reminder|overdue>".
    alerts_sent = models.JSONField(_("alerts sent"), default=list, blank=True, editable=False)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    history = HistoricalRecords(excluded_fields=["alerts_sent"])

    objects = CaseQuerySet.as_manager()

    class Meta:
        ordering = ["-received_on", "-pk"]
        verbose_name = _("case")
        verbose_name_plural = _("cases")

    def __str__(self):
        return f"{self.code} – {self.subject}"

    @property
    def is_closed(self) -> bool:
        return self.status in self.CLOSED


def case_file_path(instance, filename: str) -> str:
    # A generated name: never the sender's, which may be anything.
    return f"cases/{uuid.uuid4().hex}{PurePath(filename).suffix.lower()}"


class CaseAttachment(models.Model):
    """A document of a case (the letter, evidence, the decision): private, served only to
    those who may read the case."""

    case = models.ForeignKey(
        Case, on_delete=models.CASCADE, related_name="attachments", verbose_name=_("case")
    )
    title = models.CharField(_("title"), max_length=200, blank=True)
    file = models.FileField(_("file"), upload_to=case_file_path, storage=private, max_length=200)
    original_name = models.CharField(_("original file name"), max_length=255, editable=False)
    format = models.CharField(_("format"), max_length=5, editable=False)
    size = models.PositiveBigIntegerField(_("size in bytes"), default=0, editable=False)
    created_at = models.DateTimeField(_("uploaded at"), auto_now_add=True)

    class Meta:
        ordering = ["id"]
        verbose_name = _("case document")
        verbose_name_plural = _("case documents")

    def __str__(self):
        return self.title or self.original_name

    def get_absolute_url(self):
        return reverse("accountability:case_attachment", args=[self.case_id, self.pk])


# --- Requests for explanation (giải trình, Decree 59/2019) ---------------------------------------


class ExplanationRequestQuerySet(models.QuerySet):
    def of_units_of(self, user):
        return _scoped(self, user, "unit")

    def public(self):
        """Explanations given, whose requester agreed to their publication, published by staff."""
        return self.filter(
            status=ExplanationRequest.Status.EXPLAINED, publish_consent=True, is_published=True
        )


class ExplanationRequest(models.Model):
    """A request that the department explain a decision or an act within its remit. The
    written explanation holds the parts Decree 59/2019, Art. 12(3) lists: the requester's name
    and address, the request, the results of any meeting, the legal basis and the explanation."""

    class Status(models.TextChoices):
        RECEIVED = "received", _("Received")
        ACCEPTED = "accepted", _("Accepted, being explained")
        REFUSED = "refused", _("Refused")
        EXPLAINED = "explained", _("Explained")

    code = models.CharField(_("tracking code"), max_length=20, unique=True)
    received_on = models.DateField(_("date received"), db_index=True)
    requester_name = models.CharField(_("name of the requester"), max_length=200)
    requester_address = models.CharField(_("address"), max_length=300)
    phone = models.CharField(_("phone"), max_length=20, blank=True)
    email = models.EmailField(_("email"), blank=True)
    subject = models.CharField(_("what should be explained"), max_length=300)
    content = models.TextField(_("the request"))
    unit = models.ForeignKey(
        Unit,
        verbose_name=_("responsible unit"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="explanation_requests",
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.RECEIVED
    )
    decided_on = models.DateField(_("accepted or refused on"), null=True, blank=True)
    refusal_reason = models.TextField(_("reason for refusing"), blank=True)
    extended = models.BooleanField(_("time for the explanation extended"), default=False)
    meeting_results = models.TextField(_("results of the meeting with the requester"), blank=True)
    legal_basis = models.TextField(_("legal basis"), blank=True)
    explanation = models.TextField(_("the explanation"), blank=True)
    explained_on = models.DateField(_("explained on"), null=True, blank=True)
    publish_consent = models.BooleanField(
        _("the requester agrees to the publication of the explanation"), default=False
    )
    consent_at = models.DateTimeField(_("consent given at"), null=True, blank=True)
    consent_notice = models.CharField(_("notice agreed to"), max_length=20, blank=True)
    is_published = models.BooleanField(_("published"), default=False)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    history = HistoricalRecords()

    objects = ExplanationRequestQuerySet.as_manager()

    class Meta:
        ordering = ["-received_on", "-pk"]
        verbose_name = _("request for explanation")
        verbose_name_plural = _("requests for explanation")

    def __str__(self):
        return f"{self.code} – {self.subject}"

    @property
    def accepted(self) -> bool:
        return self.status in (self.Status.ACCEPTED, self.Status.EXPLAINED)


# --- Dialogues with businesses -----------------------------------------------------------------


class Dialogue(Publishable):
    """A dialogue between the department and businesses: its agenda, place and date; questions
    sent ahead; the answers and the minutes published afterwards."""

    title = models.CharField(_("title"), max_length=300)
    slug = models.SlugField(_("slug"), max_length=120, unique=True)
    held_at = models.DateTimeField(_("date and time"), db_index=True)
    place = models.CharField(_("place"), max_length=300)
    agenda = models.TextField(_("agenda"))
    unit = models.ForeignKey(
        Unit, verbose_name=_("organising unit"), on_delete=models.PROTECT, null=True, blank=True
    )
    questions_until = models.DateField(
        _("questions received until"),
        null=True,
        blank=True,
        help_text=_("Businesses may send questions ahead until this day; empty to receive none."),
    )
    minutes = models.TextField(_("minutes"), blank=True)
    history = HistoricalRecords(excluded_fields=["created_at", "updated_at"])

    class Meta:
        ordering = ["-held_at"]
        verbose_name = _("dialogue with businesses")
        verbose_name_plural = _("dialogues with businesses")
        permissions = [
            ("publish_dialogue", _("Can publish and unpublish dialogues")),
            ("moderate_dialoguequestion", _("Can moderate and answer businesses' questions")),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("accountability:dialogue_detail", args=[self.slug])

    def takes_questions(self, today=None) -> bool:
        today = today or timezone.localdate()
        return bool(self.questions_until and today <= self.questions_until)


class DialogueQuestion(models.Model):
    """A business's question sent ahead; public once approved, answered by staff."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Awaiting moderation")
        APPROVED = "approved", _("Approved")
        REJECTED = "rejected", _("Rejected")

    dialogue = models.ForeignKey(
        Dialogue, on_delete=models.CASCADE, related_name="questions", verbose_name=_("dialogue")
    )
    code = models.CharField(_("question code"), max_length=20, unique=True)
    business = models.CharField(_("business"), max_length=300)
    sender_name = models.CharField(_("name of the sender"), max_length=200)
    email = models.EmailField(_("email"), blank=True)
    phone = models.CharField(_("phone"), max_length=20, blank=True)
    question = models.TextField(_("question"), max_length=3000)
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.PENDING
    )
    rejection_reason = models.CharField(_("reason for rejecting"), max_length=300, blank=True)
    answer = models.TextField(_("answer"), blank=True)
    answered_at = models.DateTimeField(_("answered at"), null=True, blank=True)
    consent_at = models.DateTimeField(_("consent given at"))
    consent_notice = models.CharField(_("notice agreed to"), max_length=20)
    created_at = models.DateTimeField(_("sent at"), auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("business's question")
        verbose_name_plural = _("businesses' questions")

    def __str__(self):
        return self.code


# --- Inspection follow-up ----------------------------------------------------------------------


class InspectionConclusion(Publishable):
    """An inspection conclusion (kết luận thanh tra) and its recommendations. Its public
    summary is published only where the law allows it."""

    number = models.CharField(_("number"), max_length=50)
    title = models.CharField(_("title"), max_length=300)
    issued_on = models.DateField(_("issued on"))
    inspected = models.CharField(_("inspected organisation"), max_length=300)
    unit = models.ForeignKey(
        Unit,
        verbose_name=_("inspecting unit"),
        on_delete=models.PROTECT,
        related_name="inspection_conclusions",
    )
    summary = models.TextField(
        _("public summary"),
        blank=True,
        help_text=_("What the public may read: leave out what the law keeps confidential."),
    )
    history = HistoricalRecords(excluded_fields=["created_at", "updated_at"])

    class Meta:
        ordering = ["-issued_on", "-pk"]
        verbose_name = _("inspection conclusion")
        verbose_name_plural = _("inspection conclusions")
        permissions = [("publish_inspectionconclusion", _("Can publish inspection summaries"))]

    def __str__(self):
        return f"{self.number} – {self.title}"

    def get_absolute_url(self):
        return reverse("accountability:conclusion_detail", args=[self.pk])


class RecommendationQuerySet(models.QuerySet):
    def of_units_of(self, user):
        """Recommendations a user may follow up: inspectors and leadership all of them; an
        officer those of the units responsible for them."""
        return _scoped(self, user, "follow_up_unit")

    def overdue(self, today=None):
        today = today or timezone.localdate()
        return self.filter(due_on__lt=today).exclude(status=Recommendation.Status.IMPLEMENTED)


class Recommendation(models.Model):
    class Status(models.TextChoices):
        PENDING = "pending", _("Not started")
        IN_PROGRESS = "in_progress", _("Being implemented")
        IMPLEMENTED = "implemented", _("Implemented")

    conclusion = models.ForeignKey(
        InspectionConclusion,
        on_delete=models.CASCADE,
        related_name="recommendations",
        verbose_name=_("conclusion"),
    )
    text = models.TextField(_("recommendation"))
    responsible_unit = models.CharField(_("responsible for implementing"), max_length=300)
    follow_up_unit = models.ForeignKey(
        Unit,
        verbose_name=_("unit following it up"),
        on_delete=models.PROTECT,
        related_name="recommendations",
    )
    due_on = models.DateField(_("deadline"))
    status = models.CharField(
        _("implementation status"), max_length=20, choices=Status.choices, default=Status.PENDING
    )
    implemented_on = models.DateField(_("implemented on"), null=True, blank=True)
    note = models.TextField(_("progress note"), blank=True)
    history = HistoricalRecords()

    objects = RecommendationQuerySet.as_manager()

    class Meta:
        ordering = ["due_on", "pk"]
        verbose_name = _("recommendation")
        verbose_name_plural = _("recommendations")

    def __str__(self):
        return self.text[:80]

    @property
    def on_time(self) -> bool | None:
        if self.status != self.Status.IMPLEMENTED or not self.implemented_on:
            return None
        return self.implemented_on <= self.due_on
