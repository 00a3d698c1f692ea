"""Every write of supply problems: the report, the forward to the power company, the answer and
the resolution, each mail sent after the commit (through Celery when a broker is configured)."""

import secrets
import unicodedata
from datetime import date, timedelta

from django.core.mail import send_mail
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from portal.caching import bump_after_commit
from portal.mail import render_mail, site_url
from portal.models import Unit

from .models import SupplyProblem

NAMESPACE = "services"
# The unit that answers supply problems (the energy division).
ENERGY_UNIT = "quan-ly-nang-luong"
# The version of the personal-data notice a report agrees to (kept with the report).
CONSENT_NOTICE = "2026-1"
CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O or 1/I to misread on the phone


def _nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text or "").strip()


def _new_code() -> str:
    while True:
        code = "SCD-" + "".join(secrets.choice(CODE_ALPHABET) for _ in range(8))
        if not SupplyProblem.objects.filter(code=code).exists():
            return code


@transaction.atomic
def problem_report(
    *, kind, ward, address, description, name, phone, email="", photo=None
) -> SupplyProblem:
    problem = SupplyProblem(
        code=_new_code(),
        kind=kind,
        ward=ward,
        address=_nfc(address),
        description=_nfc(description),
        name=_nfc(name),
        phone=phone,
        email=(email or "").strip(),
        consent_at=timezone.now(),
        consent_notice=CONSENT_NOTICE,
        unit=Unit.objects.filter(code=ENERGY_UNIT).first(),
    )
    if photo:
        problem.photo.save(photo.name, photo, save=False)
    problem.save()
    bump_after_commit(NAMESPACE)
    if problem.email:
        _mail_citizen(problem, "received")
    return problem


@transaction.atomic
def problem_forward(*, problem: SupplyProblem, to: str, user=None) -> SupplyProblem:
    """Mails the details to the power company and records when and to whom."""
    problem = SupplyProblem.objects.select_for_update().get(pk=problem.pk)
    _mail("forward", to, {"problem": problem, "site": site_url()})
    problem.forwarded_at = timezone.now()
    problem.forwarded_to = to
    if problem.status == SupplyProblem.Status.RECEIVED:
        problem.status = SupplyProblem.Status.FORWARDED
    problem._change_reason = f"Chuyển tới {to}"
    problem.save()
    bump_after_commit(NAMESPACE)
    return problem


@transaction.atomic
def problem_save(*, problem: SupplyProblem) -> SupplyProblem:
    """Saves staff's edit: an answer makes it answered, a resolution date resolved, and the
    citizen is mailed once when it is resolved."""
    if problem.answer.strip() and not problem.answered_at:
        problem.answered_at = timezone.now()
    if problem.resolved_on:
        problem.status = SupplyProblem.Status.RESOLVED
    elif problem.answer.strip():
        problem.status = SupplyProblem.Status.ANSWERED
    mail = (
        problem.status == SupplyProblem.Status.RESOLVED
        and problem.email
        and not problem.resolution_mailed_at
    )
    if mail:
        problem.resolution_mailed_at = timezone.now()
    problem.save()
    bump_after_commit(NAMESPACE)
    if mail:
        _mail_citizen(problem, "resolved")
    return problem


def _mail_citizen(problem: SupplyProblem, kind: str) -> None:
    status_url = site_url(reverse("services:problem_status", args=[problem.code]))
    _mail(kind, problem.email, {"problem": problem, "status_url": status_url})


def _mail(template: str, to: str, context: dict) -> None:
    """Sends `services/mail/<template>.txt` with its subject, in Vietnamese."""
    subject, body = render_mail(f"services/mail/{template}", context)
    send_mail(subject, body, None, [to])


# The report form's notice promises this: two years after the report, the personal data go.
RETENTION = timedelta(days=730)


def problems_erase_personal_data(today: date | None = None) -> int:
    """Erases the name, contact details and photo of reports more than two years old; the
    code, kind, ward, address, description and dates stay for the statistics."""
    today = today or timezone.localdate()
    old = SupplyProblem.objects.filter(created_at__date__lt=today - RETENTION).exclude(name="")
    erased = 0
    for problem in old.iterator():
        with transaction.atomic():
            if problem.photo:
                problem.photo.delete(save=False)
            problem.name, problem.phone, problem.email = "", "", ""
            problem.save(update_fields=["name", "phone", "email", "photo"])
            erased += 1
    return erased
