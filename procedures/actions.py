"""Writes of the procedures app. Every write of a procedure goes through
`portal.publishing` (permission, history, cache and search refresh); this module adds the
field-by-field record of what changed, which the procedure's page shows ("sửa đổi ngày …")."""

import hashlib
import hmac
import secrets
from datetime import date

from django.core.cache import cache
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from portal import publishing, workdays
from portal.models import LegalLimit
from portal.selectors import legal_limit

from . import summary
from .legal_limits import FEEDBACK_HANDLING
from .models import (
    Channel,
    Dossier,
    DossierRating,
    DossierStep,
    Feedback,
    Procedure,
    ProcedureChange,
)

# The fields whose changes the public sees, with the label shown beside each difference.
TRACKED_FIELDS = {
    "code": _("Procedure code"),
    "name": _("Name"),
    "level": _("Level"),
    "field": _("Field"),
    "implementing_agency": _("Implementing agency"),
    "deciding_agency": _("Deciding agency"),
    "steps": _("Steps"),
    "requirements": _("Requirements and conditions"),
    "results": _("Result"),
    "online_level": _("Online service"),
    "national_portal_url": _("Link to the national public service portal"),
    "legal_basis": _("Legal basis"),
    "methods": _("How to submit, processing time and fees"),
    "components": _("What to submit"),
}


def snapshot(procedure: Procedure) -> dict[str, str]:
    """The procedure's tracked fields as text, as the public reads them."""
    values = {}
    for name in TRACKED_FIELDS:
        if name in ("methods", "components"):
            continue
        field = Procedure._meta.get_field(name)
        value = getattr(procedure, name)
        if field.choices:
            value = str(dict(field.choices).get(value, value))
        values[name] = str(value or "")
    if procedure.pk:
        values["methods"] = "\n".join(
            "; ".join(
                part
                for part in (
                    str(method.get_channel_display()),
                    f"{method.processing_days} ngày làm việc"
                    if method.processing_days is not None
                    else "",
                    method.processing_note,
                    f"{method.fee_vnd:,} đồng".replace(",", ".")
                    if method.fee_vnd is not None
                    else "",
                    method.fee_note,
                )
                if part
            )
            for method in procedure.methods.order_by("channel")
        )
        values["components"] = "\n".join(
            " – ".join(part for part in (c.case, c.name, c.copies) if part)
            for c in procedure.components.order_by("case", "order", "id")
        )
    else:
        values["methods"] = values["components"] = ""
    return values


def differences(before: dict[str, str], after: dict[str, str]) -> list[dict]:
    return [
        {"field": name, "label": str(label), "old": before.get(name, ""), "new": after[name]}
        for name, label in TRACKED_FIELDS.items()
        if before.get(name, "") != after.get(name, "")
    ]


def record_change(
    *, procedure: Procedure, before: dict[str, str], origin: str
) -> ProcedureChange | None:
    """Records what changed since `before` (a `snapshot`); nothing when nothing changed, and
    nothing for a new procedure (its first record is not an amendment). A change of field
    moves the procedure's dossiers in the statistics."""
    if not before:
        return None
    if before.get("field", "") != (procedure.field or ""):
        summary.procedure_field_changed(procedure, before.get("field", ""))
    found = differences(before, snapshot(procedure))
    if not found:
        return None
    return ProcedureChange.objects.create(
        procedure=procedure, changed_at=timezone.now(), origin=origin, differences=found
    )


@transaction.atomic
def procedure_save(*, procedure: Procedure, user=None, reason: str = "", before=None) -> None:
    """Saves a procedure and records its field-by-field change against `before`."""
    publishing.item_save(item=procedure, user=user, reason=reason)
    if before is not None:
        record_change(procedure=procedure, before=before, origin=reason)


# --- Dossiers ---------------------------------------------------------------------------------


class NoProcessingTime(ValueError):
    """The procedure states no processing time for this channel: no appointment can be given."""


def counting_start(received_at) -> date:
    """The day from which the processing time runs: the day of receipt, or the next working
    day when the dossier arrived on a day off (an online dossier sent on a Sunday)."""
    day = timezone.localtime(received_at).date()
    return workdays.WorkingCalendar(day, day).on_or_after(day)


def due_date_for(received_at, days: int) -> date:
    """The appointment date: `days` working days after the counting start, holidays and
    make-up working days taken from the Holiday table."""
    return workdays.add_working_days(counting_start(received_at), days)


# The statutory steps of a dossier, each due that many working days before the appointment.
STEP_PLAN = [
    (_("Dossier received at the one-stop desk"), None),
    (_("Dossier appraised by the specialist unit"), 2),
    (_("Result signed by the department's leadership"), 1),
    (_("Result returned to the applicant"), 0),
]


def _new_code(received_at) -> str:
    day = timezone.localtime(received_at).date()
    prefix = f"SCT-{day:%y%m%d}-"
    last = (
        Dossier.objects.filter(code__startswith=prefix)
        .order_by("-code")
        .values_list("code", flat=True)
        .first()
    )
    number = int(last.rsplit("-", 1)[1]) + 1 if last else 1
    return f"{prefix}{number:04d}"


@transaction.atomic
def dossier_receive(
    *,
    procedure: Procedure,
    unit,
    applicant_name: str,
    applicant_phone: str,
    channel: str = Channel.IN_PERSON,
    received_at=None,
    applicant_kind: str = Dossier.Applicant.PERSON,
    applicant_email: str = "",
    applicant_address: str = "",
    code: str = "",
    with_steps: bool = True,
) -> Dossier:
    """Records a received dossier: its code, its appointment date counted in working days
    from the procedure's processing time for the channel, and its statutory steps."""
    received_at = received_at or timezone.now()
    days = procedure.processing_days(channel)
    if days is None:
        raise NoProcessingTime(procedure.pk)
    dossier = Dossier(
        code=code or _new_code(received_at),
        procedure=procedure,
        unit=unit,
        applicant_kind=applicant_kind,
        applicant_name=applicant_name,
        applicant_phone=applicant_phone,
        applicant_email=applicant_email,
        applicant_address=applicant_address,
        channel=channel,
        received_at=received_at,
        due_date=due_date_for(received_at, days),
    )
    dossier.save()
    if with_steps:
        steps_create(dossier=dossier, days=days)
    summary.dossier_changed(dossier)
    return dossier


def steps_create(*, dossier: Dossier, days: int) -> None:
    start = counting_start(dossier.received_at)
    received = timezone.localtime(dossier.received_at).date()
    DossierStep.objects.bulk_create(
        DossierStep(
            dossier=dossier,
            order=order,
            name=str(name),
            due_on=received
            if before is None
            else workdays.add_working_days(start, max(days - before, 0)),
            done_on=received if before is None else None,
        )
        for order, (name, before) in enumerate(STEP_PLAN)
    )


@transaction.atomic
def dossier_resolve(*, dossier: Dossier, on: date, result: str, digitised: bool, refused=False):
    """Records the result (or the refusal with its reasons) and closes the open steps."""
    dossier.status = Dossier.Status.REFUSED if refused else Dossier.Status.RESOLVED
    dossier.resolved_on = on
    dossier.result = result
    dossier.result_digitised = digitised
    dossier.save()
    dossier.steps.filter(done_on__isnull=True).exclude(order=len(STEP_PLAN) - 1).update(done_on=on)
    summary.dossier_changed(dossier)


@transaction.atomic
def dossier_return(*, dossier: Dossier, on: date) -> None:
    dossier.status = Dossier.Status.RETURNED
    dossier.returned_on = on
    dossier.resolved_on = dossier.resolved_on or on
    dossier.save()
    dossier.steps.filter(done_on__isnull=True).update(done_on=on)
    summary.dossier_changed(dossier)


@transaction.atomic
def dossier_save(*, dossier: Dossier) -> None:
    """Saves a dossier changed by staff (the admin's form, an import): the statistics of the
    day and field it had and of those it has now are counted again."""
    before = summary.stored_key(dossier.pk) if dossier.pk else None
    dossier.save()
    summary.dossier_changed(dossier, before)


@transaction.atomic
def dossiers_delete(*, dossiers) -> None:
    """Deletes dossiers (entered by mistake) and counts their days again."""
    keys = {summary.key_of(d) for d in dossiers.select_related("procedure")}
    dossiers.delete()
    summary.refresh(keys)


@transaction.atomic
def dossier_rate(*, dossier: Dossier, rating: DossierRating) -> DossierRating:
    """Records the applicant's rating of a finished dossier."""
    rating.dossier = dossier
    rating.save()
    summary.dossier_changed(dossier)
    return rating


class NotLate(ValueError):
    pass


@transaction.atomic
def dossier_apologise(*, dossier: Dossier, new_due_date: date, reason: str, on: date | None = None):
    """Records the apology letter for a late dossier and its new appointment date."""
    on = on or timezone.localdate()
    if new_due_date <= dossier.due_date or not reason.strip():
        raise NotLate(dossier.pk)
    dossier.new_due_date = new_due_date
    dossier.apology_reason = reason.strip()
    dossier.apology_on = on
    dossier.save()


# --- Lookup: a second factor, rate limits and an escalating lock per code -------------------------

# After this many wrong attempts on one code within the window, the code is locked; each lock
# lasts twice as long as the one before (kept for a day).
LOOKUP_FAILURES = 5
LOOKUP_WINDOW = 15 * 60
LOOKUP_LOCK_BASE = 15 * 60
LOOKUP_LOCK_MEMORY = 24 * 3600


def _code_key(code: str, what: str) -> str:
    digest = hashlib.sha256(code.strip().upper().encode()).hexdigest()[:32]
    return f"procedures:lookup:{what}:{digest}"


def lookup_locked(code: str) -> bool:
    return cache.get(_code_key(code, "lock")) is not None


def lookup_failed(code: str) -> None:
    """Counts a wrong attempt on `code` (existing or not: the count never tells which); the
    fifth within the window locks the code, each lock twice as long as the last."""
    failures_key = _code_key(code, "failures")
    cache.add(failures_key, 0, LOOKUP_WINDOW)
    try:
        failures = cache.incr(failures_key)
    except ValueError:
        cache.set(failures_key, 1, LOOKUP_WINDOW)
        failures = 1
    if failures >= LOOKUP_FAILURES:
        level_key = _code_key(code, "level")
        level = cache.get(level_key, 0)
        cache.set(_code_key(code, "lock"), 1, LOOKUP_LOCK_BASE * 2**level)
        cache.set(level_key, level + 1, LOOKUP_LOCK_MEMORY)
        cache.delete(failures_key)


def lookup(code: str, digits: str) -> Dossier | None:
    """The dossier of `code` when `digits` are the last four of its phone number. The same
    work is done whether the code exists or not, and digits are compared in constant time."""
    dossier = Dossier.objects.select_related("procedure").filter(code=code.strip().upper()).first()
    phone = "".join(
        ch for ch in (dossier.applicant_phone if dossier else "0000000000") if ch.isdigit()
    )
    matches = hmac.compare_digest(phone[-4:].encode(), digits.strip().encode())
    return dossier if dossier is not None and matches else None


def mask_name(name: str, kind: str) -> str:
    """A person's name shown as initials ("Nguyễn Văn An" → "N*** V*** A***"); an
    organisation's name is public and shown whole."""
    if kind == Dossier.Applicant.BUSINESS:
        return name
    return " ".join(f"{word[0]}***" for word in name.split() if word)


# --- Feedback ------------------------------------------------------------------------------------

# Letters and digits that cannot be mistaken for one another when read aloud or copied.
CODE_ALPHABET = "ACDEFGHJKLMNPQRTUVWXY3479"


def _tracking_code() -> str:
    return "PAKN-" + "".join(secrets.choice(CODE_ALPHABET) for _n in range(10))


def feedback_due_date(received_at) -> date:
    limit = legal_limit(FEEDBACK_HANDLING)
    if limit.unit == LegalLimit.Unit.WORKING_DAYS:
        # Counted from the next working day when it arrives after hours or on a day off.
        return workdays.limit_end(counting_start(received_at), limit)
    return workdays.limit_end(timezone.localtime(received_at).date(), limit)


@transaction.atomic
def feedback_create(*, received_at=None, **fields) -> Feedback:
    """Records a citizen's feedback with its tracking code and the deadline of its answer."""
    received_at = received_at or timezone.now()
    feedback = Feedback(
        tracking_code=_tracking_code(),
        received_at=received_at,
        due_date=feedback_due_date(received_at),
        **fields,
    )
    feedback.save()
    return feedback


@transaction.atomic
def feedback_answer(*, feedback: Feedback, answer: str, user=None, on: date | None = None):
    feedback.answer = answer.strip()
    feedback.answered_on = on or timezone.localdate()
    feedback.status = Feedback.Status.ANSWERED
    publishing.item_save(item=feedback, user=user, reason=str(_("Answered")))


@transaction.atomic
def feedback_rate(*, feedback: Feedback, rating: int) -> None:
    """The citizen rates the answer, once."""
    if feedback.status != Feedback.Status.ANSWERED or feedback.rating is not None:
        return
    Feedback.objects.filter(pk=feedback.pk).update(rating=rating, rated_at=timezone.now())
    feedback.rating = rating
