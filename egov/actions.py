"""Every write of the e-governance app. Views, the admin, tasks and demo data call these; a
consultation's own fields and its publication are written by `portal.publishing`."""

import secrets
from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from portal.caching import bump_content_version
from portal.mail import site_url
from portal.outbox import enqueue
from portal.publishing import check_can_change, refresh_after_commit
from portal.roles import can_access_unit
from portal.uploads import check_attachment

from . import drafts, drawing, selectors
from .models import (
    Answer,
    Comment,
    Consultation,
    ConsultationAttachment,
    ConsultationStatus,
    DraftSection,
    DraftVersion,
    SynthesisReport,
)

# The personal-data notice the commenter consents to; a new wording gets a new version, and
# each comment keeps the version its author saw.
CONSENT_VERSION = "2026-11"
CONFIRMATION_VALID_FOR = timedelta(days=2)


def _check_unit(user, consultation: Consultation) -> None:
    """Staff act on the consultations of their own units; leadership on all."""
    if user is not None and not can_access_unit(user, consultation.unit):
        raise PermissionDenied(_("This consultation belongs to another unit."))


def _refresh(consultation: Consultation) -> None:
    transaction.on_commit(lambda: bump_content_version("egov"))


# --- Drafts -----------------------------------------------------------------------------------


@transaction.atomic
def draft_import(
    *,
    consultation: Consultation,
    text: str = "",
    docx: bytes | None = None,
    note: str = "",
    user=None,
) -> DraftVersion:
    """Splits a draft (pasted text or a DOCX file) into a new version of the consultation.
    Earlier versions, and the comments made on them, stay as they are."""
    _check_unit(user, consultation)
    check_can_change(user, consultation)
    blocks = drafts.blocks_from_docx(docx) if docx is not None else drafts.blocks_from_text(text)
    parts = drafts.split(blocks)
    if not any(part.kind == "article" for part in parts):
        raise ValidationError(
            _("No article (a line starting with “Điều 1.”) was found in the draft.")
        )
    last = consultation.versions.select_for_update().order_by("-number").first()
    version = DraftVersion.objects.create(
        consultation=consultation,
        number=(last.number + 1) if last else 1,
        source_text=drafts.as_text(blocks),
        note=note,
        created_by=user if user is not None and user.is_authenticated else None,
    )
    saved: dict[int, DraftSection] = {}
    for position, part in enumerate(parts):
        section = DraftSection.objects.create(
            version=version,
            parent=saved.get(id(part.parent)) if part.parent else None,
            kind=part.kind,
            number=part.number,
            heading=part.heading[:500],
            text=part.text,
            rows=part.rows,
            anchor=part.anchor[:120],
            position=position,
        )
        saved[id(part)] = section
    _draw(version)
    refresh_after_commit(consultation)  # the search entry holds the current draft's text
    return version


def _draw(version: DraftVersion) -> None:
    """Keeps each part of the version drawn as the page shows it (DraftSection.html)."""
    sections = list(version.sections.order_by("position"))
    drawn = drawing.draw(sections)
    changed = [section for section in sections if section.html != drawn[section.pk]]
    for section in changed:
        section.html = drawn[section.pk]
    DraftSection.objects.bulk_update(changed, ["html"], batch_size=200)


@transaction.atomic(savepoint=False)
def comments_redraw(version_ids) -> None:
    """Draws again the latest published comments of each article of these versions and of the
    whole draft, as the consultation's page shows them (DraftSection and DraftVersion
    `comments_html`, `comments_count`). Called inside the transaction that changed a comment
    (or in one of its own): the version's row is locked first, so that of two moderators
    publishing at once the second draws what the first committed."""
    for version in DraftVersion.objects.select_for_update().filter(pk__in=set(version_ids)):
        drawn = drawing.draw_latest(*selectors.latest_comments(version))
        version.comments_html, version.comments_count = drawn.pop(None, ("", 0))
        version.save(update_fields=["comments_html", "comments_count"])
        articles = DraftSection.objects.filter(version=version, kind=DraftSection.Kind.ARTICLE)
        changed = []
        for article in articles.only("id", "comments_html", "comments_count"):
            now = drawn.get(article.pk, ("", 0))
            if (article.comments_html, article.comments_count) != now:
                article.comments_html, article.comments_count = now
                changed.append(article)
        DraftSection.objects.bulk_update(
            changed, ["comments_html", "comments_count"], batch_size=200
        )


@transaction.atomic
def section_correct(*, section: DraftSection, user=None) -> None:
    """Saves staff's correction of one part of the split (its kind, number, heading, text or
    table); the page shows it at once."""
    consultation = section.version.consultation
    _check_unit(user, consultation)
    check_can_change(user, consultation)
    section.full_clean()
    section.save()
    _draw(section.version)
    refresh_after_commit(consultation)


@transaction.atomic
def attachment_add(
    *, consultation: Consultation, uploaded, kind: str, title: str = "", user=None
) -> ConsultationAttachment:
    _check_unit(user, consultation)
    check_can_change(user, consultation)
    file_format = check_attachment(uploaded)
    attachment = ConsultationAttachment(
        consultation=consultation,
        kind=kind,
        title=title,
        original_name=uploaded.name.rsplit("/", 1)[-1][:255],
        format=file_format,
        size=uploaded.size,
    )
    attachment.file.save(uploaded.name, uploaded, save=False)
    attachment.save()
    refresh_after_commit(consultation)
    return attachment


@transaction.atomic
def attachment_delete(*, attachment: ConsultationAttachment, user=None) -> None:
    _check_unit(user, attachment.consultation)
    check_can_change(user, attachment.consultation)
    attachment.delete()
    transaction.on_commit(lambda: attachment.file.delete(save=False))
    refresh_after_commit(attachment.consultation)


# --- Comments ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Submitted:
    comment: Comment
    code: str  # shown once to the commenter, who may type it instead of following the link


def _new_secrets(comment: Comment) -> tuple[str, str]:
    token = secrets.token_urlsafe(32)
    code = f"{secrets.randbelow(10**6):06d}"
    comment.token_hash = Comment.hash_secret(token)
    # Salted with the comment's own (unique) token hash: a code fits one comment only, and the
    # comment is stored with both in a single write.
    comment.code_hash = Comment.hash_secret(f"{comment.token_hash}:{code}")
    comment.token_expires_at = timezone.now() + CONFIRMATION_VALID_FOR
    return token, code


def _mail(template: str, comment: Comment, subject: str, **context) -> None:
    body = render_to_string(
        f"egov/mail/{template}.txt", {"comment": comment, "site_url": site_url(""), **context}
    )
    send_mail(subject, body, None, [comment.email])


@transaction.atomic
def comment_submit(
    *,
    consultation: Consultation,
    section: DraftSection | None,
    data: dict,
    version: DraftVersion | None = None,
) -> Submitted:
    """Stores a comment before anything else happens, and mails its author the one-time link
    and code that make it count. `data` holds the form's cleaned fields; `version`, the
    current draft version when the caller has just read it."""
    if not consultation.is_open:
        raise ValidationError(_("This consultation is not open for comments."))
    if version is None:
        version = consultation.versions.only("id", "number").order_by("-number").first()
    if version is None:
        raise ValidationError(_("This consultation has no draft to comment on yet."))
    if section is not None and section.version_id != version.pk:
        raise ValidationError(_("This article is not in the current draft."))
    comment = Comment(
        consultation=consultation,
        version=version,
        section=section,
        author_kind=data["author_kind"],
        name=data["name"],
        organisation=data.get("organisation", ""),
        email=data["email"],
        phone=data.get("phone", ""),
        body=data["body"],
        consent_at=timezone.now(),
        consent_version=CONSENT_VERSION,
    )
    token, code = _new_secrets(comment)
    comment.save()
    _send_confirmation(comment, token, code)
    return Submitted(comment, code)


def _send_confirmation(comment: Comment, token: str, code: str) -> None:
    _mail(
        "confirm",
        comment,
        _("Confirm your comment on the draft: %(title)s") % {"title": comment.consultation.title},
        link=site_url(reverse("egov:comment_confirm", args=[token])),
        code=code,
        valid_until=timezone.localtime(comment.token_expires_at),
    )


def comment_by_token(token: str) -> Comment | None:
    return (
        Comment.objects.select_related("consultation")
        .filter(token_hash=Comment.hash_secret(token))
        .first()
    )


class ConfirmationExpired(Exception):
    """The link or code is too old; the comment is kept and a new link can be sent."""


@transaction.atomic
def comment_confirm(*, comment: Comment) -> bool:
    """Marks the comment confirmed (once); True if it was waiting for it."""
    comment = Comment.objects.select_for_update().get(pk=comment.pk)
    if comment.status != Comment.Status.UNCONFIRMED:
        return False
    if comment.token_expires_at < timezone.now():
        raise ConfirmationExpired
    comment.status = Comment.Status.CONFIRMED
    comment.confirmed_at = timezone.now()
    comment._change_reason = _("Confirmed by its author")
    comment.save(update_fields=["status", "confirmed_at"])
    return True


def comment_check_code(*, comment: Comment, code: str) -> bool:
    return secrets.compare_digest(
        comment.code_hash, Comment.hash_secret(f"{comment.token_hash}:{code.strip()}")
    )


@transaction.atomic
def comment_resend(*, comment: Comment) -> str:
    """A fresh link and code for a comment whose confirmation timed out: nothing typed is
    lost. Returns the new code."""
    comment = Comment.objects.select_for_update().get(pk=comment.pk)
    if comment.status != Comment.Status.UNCONFIRMED:
        return ""
    token, code = _new_secrets(comment)
    comment.save(update_fields=["token_hash", "code_hash", "token_expires_at"])
    _send_confirmation(comment, token, code)
    return code


def _check_moderator(user, consultation: Consultation) -> None:
    if user is not None and not user.has_perm("egov.moderate_comment"):
        raise PermissionDenied(_("Only the drafting unit's staff moderate comments."))
    _check_unit(user, consultation)


@transaction.atomic
def comment_publish(*, comment: Comment, user=None) -> None:
    _check_moderator(user, comment.consultation)
    if comment.status == Comment.Status.UNCONFIRMED:
        raise ValidationError(_("A comment its author has not confirmed cannot be published."))
    comment.status = Comment.Status.PUBLISHED
    comment.rejection_reason = ""
    comment.moderated_at = timezone.now()
    comment.moderated_by = user
    comment._change_reason = _("Published")
    comment.save()
    comments_redraw([comment.version_id])
    _refresh(comment.consultation)


@transaction.atomic
def comment_reject(*, comment: Comment, reason: str, user=None) -> None:
    """Keeps the comment off the public pages, with the reason recorded and sent to its
    author."""
    _check_moderator(user, comment.consultation)
    reason = reason.strip()
    if not reason:
        raise ValidationError(_("Give the reason for not publishing the comment."))
    if comment.status == Comment.Status.UNCONFIRMED:
        raise ValidationError(_("A comment its author has not confirmed cannot be moderated."))
    comment.status = Comment.Status.REJECTED
    comment.rejection_reason = reason
    comment.moderated_at = timezone.now()
    comment.moderated_by = user
    comment._change_reason = _("Not published: %(reason)s") % {"reason": reason}
    comment.save()
    comments_redraw([comment.version_id])
    with translation.override(settings.LANGUAGE_CODE):
        _mail(
            "rejected",
            comment,
            _("Your comment on the draft %(title)s was not published")
            % {"title": comment.consultation.title},
            reason=reason,
        )
    _refresh(comment.consultation)


# --- Answers ----------------------------------------------------------------------------------


@transaction.atomic
def answer_create(*, comments: list[Comment], verdict: str, text: str, user=None) -> Answer:
    """One answer to one or several comments of the same consultation; each commenter is
    told by mail."""
    if not comments:
        raise ValidationError(_("Choose the comments this answer covers."))
    consultations = {comment.consultation_id for comment in comments}
    if len(consultations) != 1:
        raise ValidationError(_("An answer covers comments of one consultation only."))
    consultation = comments[0].consultation
    _check_moderator(user, consultation)
    if any(comment.status == Comment.Status.UNCONFIRMED for comment in comments):
        raise ValidationError(_("A comment its author has not confirmed cannot be answered."))
    if not text.strip():
        raise ValidationError(_("Write the acceptance or the explanation."))
    answer = Answer.objects.create(
        consultation=consultation,
        verdict=verdict,
        text=text.strip(),
        created_by=user if user is not None and user.is_authenticated else None,
    )
    for comment in comments:
        comment.answer = answer
        comment._change_reason = _("Answered")
        comment.save(update_fields=["answer"])
        with translation.override(settings.LANGUAGE_CODE):
            _mail(
                "answered",
                comment,
                _("Your comment on the draft %(title)s has been answered")
                % {"title": consultation.title},
                answer=answer,
                link=site_url(consultation.get_absolute_url()),
            )
    comments_redraw(comment.version_id for comment in comments)
    _refresh(consultation)
    return answer


@transaction.atomic
def answer_change(*, answer: Answer, user=None) -> None:
    """Saves staff's correction of an answer's verdict or text; the consultation's page shows
    it at once."""
    _check_moderator(user, answer.consultation)
    if not answer.text.strip():
        raise ValidationError(_("Write the acceptance or the explanation."))
    answer.save()
    comments_redraw(answer.comments.values_list("version_id", flat=True))
    _refresh(answer.consultation)


# --- The synthesis report ---------------------------------------------------------------------


@transaction.atomic
def synthesis_request(*, consultation: Consultation, user=None) -> SynthesisReport:
    """Queues a new synthesis of the consultation (a Celery task renders it)."""
    from . import tasks

    _check_moderator(user, consultation)
    report = SynthesisReport.objects.create(
        consultation=consultation,
        requested_by=user if user is not None and user.is_authenticated else None,
    )
    enqueue(tasks.generate_synthesis, report.pk)
    return report


def synthesis_run(*, report_id: int) -> bool:
    """Renders the report's HTML and PDF, recording progress as it goes; False if another run
    has it or it is finished."""
    from . import synthesis

    claimed = SynthesisReport.objects.filter(
        pk=report_id, status=SynthesisReport.Status.QUEUED
    ).update(status=SynthesisReport.Status.RUNNING, progress=5)
    if not claimed:
        return False
    report = SynthesisReport.objects.select_related("consultation__unit").get(pk=report_id)

    def progress(percent: int) -> None:
        SynthesisReport.objects.filter(pk=report_id).update(progress=percent)

    try:
        context = synthesis.build_context(report.consultation, on_progress=progress)
        body = synthesis.render_body(context)
        progress(60)
        pdf = synthesis.render_pdf(context)
        progress(95)
        report.file.save(
            f"tong-hop-y-kien-{report.consultation_id}.pdf", ContentFile(pdf), save=False
        )
        report.html = body
        report.status = SynthesisReport.Status.DONE
        report.progress = 100
        report.finished_at = timezone.now()
        report.save(update_fields=["file", "html", "status", "progress", "finished_at"])
    except Exception as error:
        SynthesisReport.objects.filter(pk=report_id).update(
            status=SynthesisReport.Status.FAILED,
            error=f"{type(error).__name__}: {error}"[:2000],
            finished_at=timezone.now(),
        )
        raise
    return True


@transaction.atomic
def synthesis_publish(*, report: SynthesisReport, user=None) -> None:
    """Publishes the synthesis on the consultation's page, marks the consultation answered and
    tells every commenter whose comment counted."""
    consultation = report.consultation
    _check_moderator(user, consultation)
    if report.status != SynthesisReport.Status.DONE:
        raise ValidationError(_("Only a finished synthesis can be published."))
    if consultation.status in (ConsultationStatus.UPCOMING, ConsultationStatus.OPEN):
        raise ValidationError(_("The synthesis is published after the consultation closes."))
    report.published_at = timezone.now()
    report.save(update_fields=["published_at"])
    if consultation.stage == Consultation.Stage.CONSULTING:
        consultation.stage = Consultation.Stage.ANSWERED
        consultation._change_reason = _("Synthesis published")
        consultation.save(update_fields=["stage", "updated_at"])
    link = site_url(reverse("egov:synthesis_page", args=[consultation.pk]))
    with translation.override(settings.LANGUAGE_CODE):
        for comment in consultation.comments.counted():
            _mail(
                "synthesis",
                comment,
                _("The synthesis of comments on the draft %(title)s is published")
                % {"title": consultation.title},
                link=link,
            )
    refresh_after_commit(consultation)
