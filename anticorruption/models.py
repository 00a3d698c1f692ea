"""Control of corruption: the anonymous reporting channel and recruitment rounds.

The channel (`Tip` and what hangs on it) keeps nothing that identifies the reporter: the
receipt only as a keyed hash, the day a report arrived but no time of day, and every word and
file sealed to the inspection unit's public key (`crypto.py`). Recruitment rounds are published
timelines of their legal steps (Decree 115/2020 as amended).
"""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from portal.publishing import Publishable
from portal.storage import private


class Tip(models.Model):
    """An anonymous report. Under Law 25/2018 Art. 25 it is not handled as a denunciation;
    concrete content with evidence may lead the inspectors to verify and act."""

    class Status(models.TextChoices):
        RECEIVED = "received", _("Received")
        VERIFYING = "verifying", _("Being verified")
        REFERRED = "referred", _("Referred")
        CONCLUDED = "concluded", _("Concluded")
        CLOSED = "closed", _("Closed")

    receipt_hash = models.CharField(_("receipt hash"), max_length=64, unique=True)
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.RECEIVED
    )
    # Days only: a time of day could be matched against other records.
    received_on = models.DateField(_("received on"), db_index=True)
    due_on = models.DateField(_("first handling due on"))
    verifying_on = models.DateField(_("verification started on"), null=True, blank=True)
    referred_on = models.DateField(_("referred on"), null=True, blank=True)
    concluded_on = models.DateField(_("concluded on"), null=True, blank=True)
    closed_on = models.DateField(_("closed on"), null=True, blank=True)
    first_answer_on = models.DateField(_("first answered on"), null=True, blank=True)
    referred_to = models.CharField(_("referred to"), max_length=300, blank=True)
    content = models.BinaryField(_("sealed content"))
    # The public half of a key pair derived from the receipt: answers are sealed to it too, so
    # that the reporter reads them with the receipt alone.
    reporter_key = models.BinaryField(_("reporter's public key"))
    destroyed_on = models.DateField(_("content destroyed on"), null=True, blank=True)

    class Meta:
        ordering = ["-received_on", "-pk"]
        verbose_name = _("anonymous report")
        verbose_name_plural = _("anonymous reports")
        permissions = [("handle_tip", _("Can handle anonymous reports"))]

    def __str__(self):
        return _("Report no. %(number)s") % {"number": self.pk}

    @property
    def is_open(self) -> bool:
        return self.status not in (self.Status.CONCLUDED, self.Status.CLOSED)


class TipMessage(models.Model):
    class Sender(models.TextChoices):
        REPORTER = "reporter", _("The reporter")
        INSPECTOR = "inspector", _("The inspectors")

    tip = models.ForeignKey(Tip, on_delete=models.CASCADE, related_name="messages")
    sender = models.CharField(_("from"), max_length=20, choices=Sender.choices)
    body = models.BinaryField(_("sealed message"))
    reporter_copy = models.BinaryField(_("copy sealed to the reporter"))
    sent_on = models.DateField(_("sent on"))
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["pk"]
        verbose_name = _("message")
        verbose_name_plural = _("messages")

    def __str__(self):
        return f"{self.tip}: {self.get_sender_display()} {self.sent_on}"


def _attachment_path(instance, filename):
    # The stored name says nothing: a random name, no extension, no original name.
    from django.utils.crypto import get_random_string

    return f"anticorruption/{get_random_string(32)}"


class TipAttachment(models.Model):
    tip = models.ForeignKey(Tip, on_delete=models.CASCADE, related_name="attachments")
    message = models.ForeignKey(
        TipMessage, on_delete=models.CASCADE, null=True, blank=True, related_name="attachments"
    )
    file = models.FileField(_("sealed file"), storage=private, upload_to=_attachment_path)
    name = models.BinaryField(_("sealed file name"))
    kind = models.CharField(_("format"), max_length=10)

    class Meta:
        ordering = ["pk"]
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")

    def __str__(self):
        return f"{self.tip}: {self.kind}"


class TipNote(models.Model):
    """An inspector's working note, sealed like the report."""

    tip = models.ForeignKey(Tip, on_delete=models.CASCADE, related_name="notes")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    body = models.BinaryField(_("sealed note"))
    created_at = models.DateTimeField(_("written at"), auto_now_add=True)

    class Meta:
        ordering = ["pk"]
        verbose_name = _("note")
        verbose_name_plural = _("notes")

    def __str__(self):
        return f"{self.tip}: {self.created_at:%Y-%m-%d}"


class TipEvent(models.Model):
    """The trail of a report: what was done, by whom, when; kept after its content is
    destroyed, with what was destroyed."""

    class Action(models.TextChoices):
        STATUS = "status", _("Status changed")
        NOTE = "note", _("Note added")
        ANSWER = "answer", _("Answer sent")
        REFERRAL = "referral", _("Referred")
        DESTROYED = "destroyed", _("Content destroyed")

    tip = models.ForeignKey(Tip, on_delete=models.CASCADE, related_name="events")
    at = models.DateTimeField(_("at"), auto_now_add=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    action = models.CharField(_("action"), max_length=20, choices=Action.choices)
    detail = models.CharField(_("detail"), max_length=300, blank=True)

    class Meta:
        ordering = ["pk"]
        verbose_name = _("report event")
        verbose_name_plural = _("report events")

    def __str__(self):
        return f"{self.tip}: {self.get_action_display()}"


# Recruitment ------------------------------------------------------------------------------


class RecruitmentRound(Publishable):
    title = models.CharField(_("title"), max_length=300)
    slug = models.SlugField(_("slug"), max_length=120, unique=True)
    summary = models.TextField(
        _("summary"), help_text=_("Positions and numbers, who may apply, in a few lines.")
    )
    year = models.PositiveSmallIntegerField(_("year"))
    history = HistoricalRecords()

    class Meta:
        ordering = ["-year", "-pk"]
        verbose_name = _("recruitment round")
        verbose_name_plural = _("recruitment rounds")
        permissions = [("publish_recruitmentround", _("Can publish recruitment rounds"))]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("anticorruption:round_detail", args=[self.slug])


class RecruitmentStep(Publishable):
    """One legal step of a round. Its due date comes from the previous step and the legal
    limits (`selectors.step_due_date`); it is late while unpublished after that date."""

    class Kind(models.TextChoices):
        PLAN = "plan", _("Recruitment plan")
        NOTICE = "notice", _("Recruitment notice")
        REGISTRATION = "registration", _("Registration window")
        ELIGIBLE = "eligible", _("List of eligible candidates")
        EXAM_NOTICE = "exam_notice", _("Exam notice")
        EXAM = "exam", _("Exam")
        RESULTS = "results", _("Results")
        REVIEW = "review", _("Review of marks (phúc khảo)")
        FINAL = "final", _("Final list")
        DECISION = "decision", _("Recruitment decisions")

    round = models.ForeignKey(
        RecruitmentRound,
        verbose_name=_("recruitment round"),
        on_delete=models.CASCADE,
        related_name="steps",
    )
    kind = models.CharField(_("step"), max_length=20, choices=Kind.choices)
    held_on = models.DateField(
        _("date"), help_text=_("The day of the step (for a window, the day it opens).")
    )
    closes_on = models.DateField(
        _("closes on"), null=True, blank=True, help_text=_("For a window: its last day.")
    )
    body = models.TextField(_("text"), blank=True)
    document = models.FileField(
        _("signed PDF"), storage=private, upload_to="anticorruption/recruitment/", blank=True
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["held_on", "pk"]
        verbose_name = _("recruitment step")
        verbose_name_plural = _("recruitment steps")
        permissions = [("publish_recruitmentstep", _("Can publish recruitment steps"))]
        constraints = [
            models.UniqueConstraint(fields=["round", "kind"], name="one_step_of_each_kind")
        ]

    def __str__(self):
        return f"{self.round}: {self.get_kind_display()}"

    def on_published(self):
        # The candidates are told once the step goes public (edits of a published step tell
        # no one again; `StepMailing` keeps who was told of what).
        from .step_mail import mail_later

        mail_later(self)


class Application(models.Model):
    """A candidate's application (Phiếu đăng ký dự tuyển) sent online during the registration
    window. Only the code, the name, the year of birth and the position reach the published
    list of eligible candidates; contact details and documents stay with the staff."""

    class Status(models.TextChoices):
        SUBMITTED = "submitted", _("Submitted, awaiting review")
        ELIGIBLE = "eligible", _("Eligible")
        INELIGIBLE = "ineligible", _("Not eligible")

    round = models.ForeignKey(
        RecruitmentRound,
        verbose_name=_("recruitment round"),
        on_delete=models.PROTECT,
        related_name="applications",
    )
    code = models.CharField(_("application code"), max_length=20, unique=True)
    full_name = models.CharField(_("full name"), max_length=200)
    birth_date = models.DateField(_("date of birth"))
    email = models.EmailField(_("email"))
    phone = models.CharField(_("phone number"), max_length=20)
    position = models.CharField(_("position applied for"), max_length=200)
    qualifications = models.TextField(_("qualifications"))
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.SUBMITTED
    )
    reason = models.TextField(
        _("reason"), blank=True, help_text=_("Why the candidate is not eligible (mailed to them).")
    )
    submitted_at = models.DateTimeField(_("submitted at"), auto_now_add=True)
    consent_at = models.DateTimeField(_("consent given at"))
    reviewed_at = models.DateTimeField(_("reviewed at"), null=True, blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("reviewed by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["round", "full_name", "pk"]
        verbose_name = _("application")
        verbose_name_plural = _("applications")

    def __str__(self):
        return f"{self.code} – {self.full_name}"


class ApplicationDocument(models.Model):
    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="documents")
    file = models.FileField(_("file"), storage=private, upload_to="anticorruption/applications/")
    name = models.CharField(_("file name"), max_length=200)

    class Meta:
        ordering = ["pk"]
        verbose_name = _("application document")
        verbose_name_plural = _("application documents")

    def __str__(self):
        return self.name


class StepMailing(models.Model):
    """A candidate told by mail that a step of their round was published: at most once per
    step and candidate."""

    step = models.ForeignKey(
        RecruitmentStep,
        verbose_name=_("recruitment step"),
        on_delete=models.CASCADE,
        related_name="mailings",
    )
    application = models.ForeignKey(
        Application,
        verbose_name=_("application"),
        on_delete=models.CASCADE,
        related_name="step_mailings",
    )
    sent_at = models.DateTimeField(_("mailed at"), auto_now_add=True)

    class Meta:
        ordering = ["pk"]
        verbose_name = _("step mailing")
        verbose_name_plural = _("step mailings")
        constraints = [
            models.UniqueConstraint(
                fields=["step", "application"], name="one_mail_per_step_and_candidate"
            )
        ]

    def __str__(self):
        return f"{self.step}: {self.application.code}"
