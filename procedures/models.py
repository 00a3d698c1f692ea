"""Administrative procedures: the catalog (a national procedure record with its submission
methods and dossier components), the dossiers received under them with their steps, feedback
(phản ánh, kiến nghị) and the applicants' satisfaction ratings."""

from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from portal.collation import vi_order
from portal.publishing import Publishable, PublishableQuerySet
from portal.roles import units_of


class Level(models.TextChoices):
    PROVINCE = "province", _("Province")
    COMMUNE = "commune", _("Commune")
    CENTRAL = "central", _("Central")


class OnlineLevel(models.TextChoices):
    FULL = "full", _("Fully online")
    PARTIAL = "partial", _("Partly online")
    NONE = "none", _("Not online")


class Channel(models.TextChoices):
    IN_PERSON = "in_person", _("In person")
    ONLINE = "online", _("Online")
    POST = "post", _("By post")


class Procedure(Publishable):
    """One administrative procedure (thủ tục hành chính) as the national database records it."""

    code = models.CharField(
        _("code"),
        max_length=30,
        blank=True,
        db_index=True,
        help_text=_("The national database's code, for example 2.000648. Empty until assigned."),
    )
    name = models.CharField(_("name"), max_length=500)
    level = models.CharField(
        _("level"), max_length=20, choices=Level.choices, default=Level.PROVINCE, db_index=True
    )
    field = models.CharField(
        _("field"),
        max_length=200,
        blank=True,
        db_index=True,
        help_text=_("For example Điện, Hóa chất."),
    )
    implementing_agency = models.CharField(
        _("implementing agency"), max_length=300, default="Sở Công Thương", db_index=True
    )
    deciding_agency = models.CharField(_("deciding agency"), max_length=300, blank=True)
    steps = models.TextField(_("steps"), blank=True, help_text=_("One step per line."))
    requirements = models.TextField(_("requirements and conditions"), blank=True)
    results = models.TextField(_("results"), blank=True)
    online_level = models.CharField(
        _("online level"),
        max_length=20,
        choices=OnlineLevel.choices,
        default=OnlineLevel.NONE,
        db_index=True,
    )
    national_portal_url = models.URLField(
        _("link to the national public service portal"), blank=True
    )
    legal_basis = models.TextField(
        _("legal basis"),
        blank=True,
        help_text=_(
            "Document numbers, separated by semicolons, for example 83/2014/NĐ-CP; "
            "95/2021/NĐ-CP. Each is linked to the published document with that number."
        ),
    )
    online_guide = models.TextField(
        _("guide to applying online"), blank=True, help_text=_("One step per line.")
    )
    postal_guide = models.TextField(
        _("guide to applying by post"), blank=True, help_text=_("One step per line.")
    )
    source = models.CharField(_("source of the record"), max_length=500, blank=True)
    history = HistoricalRecords(excluded_fields=["created_at", "updated_at"])

    objects = PublishableQuerySet.as_manager()

    class Meta:
        ordering = [vi_order("name"), "id"]
        verbose_name = _("procedure")
        verbose_name_plural = _("procedures")
        permissions = [("publish_procedure", _("Can publish and unpublish procedures"))]
        indexes = [models.Index(fields=["publication", "published_at"], name="proc_public")]

    def __str__(self):
        return f"{self.code} {self.name}".strip()

    def get_absolute_url(self):
        return reverse("procedures:procedure_detail", args=[self.pk])

    @property
    def legal_numbers(self) -> list[str]:
        return [n.strip() for n in self.legal_basis.replace("\n", ";").split(";") if n.strip()]

    @property
    def step_lines(self) -> list[str]:
        return [line.strip() for line in self.steps.splitlines() if line.strip()]

    @property
    def online_guide_lines(self) -> list[str]:
        return [line.strip() for line in self.online_guide.splitlines() if line.strip()]

    @property
    def postal_guide_lines(self) -> list[str]:
        return [line.strip() for line in self.postal_guide.splitlines() if line.strip()]

    def processing_days(self, channel: str | None = None) -> int | None:
        """The processing time in working days of a channel, or the shortest stated of any
        channel (`channel` None); None when the procedure states none."""
        methods = [m for m in self.methods.all() if m.processing_days is not None]
        days = [m.processing_days for m in methods if channel in (None, m.channel)]
        return min(days) if days else None


class SubmissionMethod(models.Model):
    """A way to submit (cách thức thực hiện), each with its own processing time and fees."""

    procedure = models.ForeignKey(
        Procedure, on_delete=models.CASCADE, related_name="methods", verbose_name=_("procedure")
    )
    channel = models.CharField(_("channel"), max_length=20, choices=Channel.choices)
    processing_days = models.PositiveSmallIntegerField(
        _("processing time (working days)"), null=True, blank=True
    )
    processing_note = models.CharField(
        _("processing time, as published"), max_length=300, blank=True
    )
    fee_vnd = models.PositiveIntegerField(_("fee (VND)"), null=True, blank=True)
    fee_note = models.CharField(_("fees and charges, as published"), max_length=500, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["procedure", "channel"]
        verbose_name = _("submission method")
        verbose_name_plural = _("submission methods")

    def __str__(self):
        return f"{self.procedure_id} {self.get_channel_display()}"


class DossierComponent(models.Model):
    """A paper of the dossier (thành phần hồ sơ), by case, with a form to download."""

    procedure = models.ForeignKey(
        Procedure, on_delete=models.CASCADE, related_name="components", verbose_name=_("procedure")
    )
    case = models.CharField(
        _("case"),
        max_length=300,
        blank=True,
        help_text=_("Empty when the paper is needed in every case."),
    )
    name = models.CharField(_("paper"), max_length=500)
    copies = models.CharField(
        _("copies"), max_length=100, blank=True, help_text=_("For example: 1 original.")
    )
    form_file = models.FileField(_("form to fill in"), upload_to="procedures/forms/%Y/", blank=True)
    form_name = models.CharField(_("form's name"), max_length=200, blank=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    history = HistoricalRecords()

    class Meta:
        ordering = ["procedure", "case", "order", "id"]
        verbose_name = _("dossier component")
        verbose_name_plural = _("dossier components")

    def __str__(self):
        return self.name


class ProcedureChange(models.Model):
    """What an import or an edit changed in a procedure, field by field, for the public's
    "sửa đổi ngày …" list."""

    procedure = models.ForeignKey(
        Procedure, on_delete=models.CASCADE, related_name="changes", verbose_name=_("procedure")
    )
    changed_at = models.DateTimeField(_("changed at"), db_index=True)
    origin = models.CharField(_("origin"), max_length=100, blank=True)
    differences = models.JSONField(_("differences"), default=list)

    class Meta:
        ordering = ["-changed_at", "-id"]
        verbose_name = _("procedure change")
        verbose_name_plural = _("procedure changes")

    def __str__(self):
        return f"{self.procedure_id} {self.changed_at:%d/%m/%Y}"


# --- Dossiers ---------------------------------------------------------------------------------


class DossierQuerySet(models.QuerySet):
    def of_units_of(self, user):
        """The dossiers a user may read: those of the user's units; every one for leadership.
        Every staff view of dossiers goes through it."""
        return self.filter(unit__in=units_of(user))


class Dossier(models.Model):
    """A dossier (hồ sơ) received under a procedure, from its receipt to the returned result."""

    class Applicant(models.TextChoices):
        PERSON = "person", _("Person")
        BUSINESS = "business", _("Business or organisation")

    class Status(models.TextChoices):
        RECEIVED = "received", _("Received")
        IN_PROGRESS = "in_progress", _("Being processed")
        ADDITIONS = "additions", _("Waiting for additional papers")
        RESOLVED = "resolved", _("Result ready")
        RETURNED = "returned", _("Result returned")
        REFUSED = "refused", _("Refused, with reasons")

    FINISHED = (Status.RESOLVED, Status.RETURNED, Status.REFUSED)

    code = models.CharField(_("receipt code"), max_length=40, unique=True)
    procedure = models.ForeignKey(
        Procedure, on_delete=models.PROTECT, related_name="dossiers", verbose_name=_("procedure")
    )
    unit = models.ForeignKey(
        "portal.Unit",
        on_delete=models.PROTECT,
        related_name="dossiers",
        verbose_name=_("handling unit"),
    )
    applicant_kind = models.CharField(
        _("applicant"), max_length=20, choices=Applicant.choices, default=Applicant.PERSON
    )
    applicant_name = models.CharField(_("applicant's name"), max_length=300)
    applicant_phone = models.CharField(_("applicant's phone"), max_length=20)
    applicant_email = models.EmailField(_("applicant's email"), blank=True)
    applicant_address = models.CharField(_("applicant's address"), max_length=500, blank=True)
    channel = models.CharField(
        _("channel"), max_length=20, choices=Channel.choices, default=Channel.IN_PERSON
    )
    received_at = models.DateTimeField(_("received at"), db_index=True)
    due_date = models.DateField(_("appointment date for the result"))
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.RECEIVED, db_index=True
    )
    result = models.TextField(_("result"), blank=True)
    resolved_on = models.DateField(_("resolved on"), null=True, blank=True)
    returned_on = models.DateField(_("returned on"), null=True, blank=True)
    result_digitised = models.BooleanField(
        _("result digitised"),
        default=False,
        help_text=_("The result was issued or scanned as an electronic copy."),
    )
    # The apology letter (phiếu xin lỗi và hẹn lại ngày trả kết quả), when it is late.
    new_due_date = models.DateField(_("new appointment date"), null=True, blank=True)
    apology_reason = models.TextField(_("reason for the delay"), blank=True)
    apology_on = models.DateField(_("apology letter dated"), null=True, blank=True)
    history = HistoricalRecords()

    objects = DossierQuerySet.as_manager()

    class Meta:
        ordering = ["-received_at", "-id"]
        verbose_name = _("dossier")
        verbose_name_plural = _("dossiers")
        indexes = [models.Index(fields=["procedure", "received_at"], name="proc_dossier_recv")]

    def __str__(self):
        return self.code


class DossierStep(models.Model):
    """A step of a dossier's processing with its statutory and actual dates."""

    dossier = models.ForeignKey(
        Dossier, on_delete=models.CASCADE, related_name="steps", verbose_name=_("dossier")
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    name = models.CharField(_("step"), max_length=300)
    due_on = models.DateField(_("statutory date"))
    done_on = models.DateField(_("done on"), null=True, blank=True)

    class Meta:
        ordering = ["dossier", "order", "id"]
        verbose_name = _("dossier step")
        verbose_name_plural = _("dossier steps")

    def __str__(self):
        return self.name


# --- Feedback (phản ánh, kiến nghị) ---------------------------------------------------


class FeedbackQuerySet(PublishableQuerySet):
    def of_units_of(self, user):
        """The feedback a user may handle: routed to the user's units, or not routed yet (the
        inbox every procedures officer sorts); every one for leadership."""
        return self.filter(models.Q(unit__in=units_of(user)) | models.Q(unit__isnull=True))

    def answers(self):
        """What the public list shows: published, answered, its author agreed, and a question
        rewritten without personal data. Publishing without these shows nothing."""
        return (
            self.public()
            .filter(consent_publish=True, status="answered")
            .exclude(public_question="")
            .exclude(answer="")
        )


class Feedback(Publishable):
    """A citizen's feedback or petition on a procedure or a regulation, with a tracking code;
    routed to a unit, answered by a deadline from the table of legal limits; the answer
    published, with the citizen's consent and without personal data, in the list of answers."""

    class About(models.TextChoices):
        PROCEDURE = "procedure", _("An administrative procedure")
        REGULATION = "regulation", _("A regulation")

    class Status(models.TextChoices):
        RECEIVED = "received", _("Received")
        ROUTED = "routed", _("Being handled")
        ANSWERED = "answered", _("Answered")

    class Rating(models.IntegerChoices):
        SATISFIED = 3, _("Satisfied")
        PARTLY = 2, _("Partly satisfied")
        UNSATISFIED = 1, _("Not satisfied")

    publish_permission = "procedures.publish_feedback"

    tracking_code = models.CharField(_("tracking code"), max_length=20, unique=True)
    about = models.CharField(_("about"), max_length=20, choices=About.choices)
    procedure = models.ForeignKey(
        Procedure,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="feedback",
        verbose_name=_("procedure"),
    )
    regulation = models.CharField(
        _("regulation"), max_length=300, blank=True, help_text=_("Its number or its name.")
    )
    subject = models.CharField(_("subject"), max_length=300)
    content = models.TextField(_("content"))
    name = models.CharField(_("full name"), max_length=200)
    phone = models.CharField(_("phone number"), max_length=20)
    email = models.EmailField(_("email"), blank=True)
    consent_publish = models.BooleanField(_("agrees to the answer being published"), default=False)
    received_at = models.DateTimeField(_("received at"), db_index=True)
    due_date = models.DateField(_("answer due by"))
    unit = models.ForeignKey(
        "portal.Unit",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="feedback",
        verbose_name=_("handling unit"),
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.RECEIVED
    )
    answer = models.TextField(_("answer"), blank=True)
    answered_on = models.DateField(_("answered on"), null=True, blank=True)
    public_question = models.TextField(
        _("question as published"),
        blank=True,
        help_text=_("The question without the citizen's name or any other personal data."),
    )
    rating = models.PositiveSmallIntegerField(
        _("citizen's rating of the answer"), choices=Rating.choices, null=True, blank=True
    )
    rated_at = models.DateTimeField(_("rated at"), null=True, blank=True)
    history = HistoricalRecords(excluded_fields=["created_at", "updated_at"])

    objects = FeedbackQuerySet.as_manager()

    class Meta:
        ordering = ["-received_at", "-id"]
        verbose_name = _("feedback")
        verbose_name_plural = _("feedback")
        permissions = [("publish_feedback", _("Can publish answers to feedback"))]

    def __str__(self):
        return f"{self.tracking_code} {self.subject}"

    def get_absolute_url(self):
        return reverse("procedures:answer_detail", args=[self.pk])

    @property
    def answered_in_time(self) -> bool | None:
        if self.answered_on is None:
            return None
        return self.answered_on <= self.due_date


# --- Satisfaction ------------------------------------------------------------------------------


class DossierRating(models.Model):
    """The applicant's rating of the service once the result is returned, on the criteria of
    the provincial satisfaction index (each 1 = very dissatisfied … 5 = very satisfied)."""

    CRITERIA = ["access", "procedure", "officers", "results", "feedback_handling"]
    SCALE = [(n, str(n)) for n in range(1, 6)]

    dossier = models.OneToOneField(
        Dossier, on_delete=models.CASCADE, related_name="rating", verbose_name=_("dossier")
    )
    access = models.PositiveSmallIntegerField(_("access to the service"), choices=SCALE)
    procedure = models.PositiveSmallIntegerField(_("the procedure"), choices=SCALE)
    officers = models.PositiveSmallIntegerField(_("the officers"), choices=SCALE)
    results = models.PositiveSmallIntegerField(_("the result"), choices=SCALE)
    feedback_handling = models.PositiveSmallIntegerField(
        _("handling of feedback"), choices=SCALE, null=True, blank=True
    )
    comment = models.TextField(_("comment"), blank=True)
    rated_at = models.DateTimeField(_("rated at"), auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["-rated_at"]
        verbose_name = _("satisfaction rating")
        verbose_name_plural = _("satisfaction ratings")

    def __str__(self):
        return f"{self.dossier_id}"

    @property
    def average(self) -> float:
        scores = [getattr(self, c) for c in self.CRITERIA if getattr(self, c) is not None]
        return sum(scores) / len(scores)


# --- Statistics summary ------------------------------------------------------------------------


class Outcome(models.TextChoices):
    OPEN = "open", _("Not finished")
    EARLY = "early", _("Finished early")
    ON_TIME = "on_time", _("Finished on time")
    LATE = "late", _("Finished late")


class DossierDay(models.Model):
    """The dossiers received on one day under the procedures of one field, by channel and
    outcome (against the first appointment): how many, how many with a digitised result, and
    their satisfaction ratings. Kept by `procedures.summary` in the transaction of each change
    to a dossier and rebuilt every night; the statistics, the open data and the indicators read
    it instead of the dossiers."""

    day = models.DateField(_("day received"))
    field = models.CharField(_("field"), max_length=200, blank=True)
    channel = models.CharField(_("channel"), max_length=20, choices=Channel.choices)
    outcome = models.CharField(_("outcome"), max_length=20, choices=Outcome.choices)
    received = models.PositiveIntegerField(_("dossiers received"), default=0)
    digitised = models.PositiveIntegerField(_("results digitised"), default=0)
    rated = models.PositiveIntegerField(_("dossiers rated"), default=0)
    score_sum = models.PositiveIntegerField(
        _("sum of the scores"),
        default=0,
        help_text=_("Access, procedure, officers and result added up over the ratings."),
    )

    class Meta:
        verbose_name = _("dossiers of a day")
        verbose_name_plural = _("dossiers by day")
        constraints = [
            models.UniqueConstraint(
                fields=["day", "field", "channel", "outcome"], name="proc_dossierday_unique"
            )
        ]

    def __str__(self):
        return f"{self.day} {self.field} {self.channel} {self.outcome}"
