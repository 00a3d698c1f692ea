"""Online applications during a round's registration window: writes and reads."""

import secrets
from datetime import date

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.mail import send_mail
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation

from portal import mail

from .models import Application, ApplicationDocument, RecruitmentRound, RecruitmentStep

CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"


class WindowClosed(Exception):
    """The round takes no application today; `opens` and `closes` say when it does or did."""

    def __init__(self, opens: date | None, closes: date | None):
        super().__init__()
        self.opens, self.closes = opens, closes


def registration_step(round_: RecruitmentRound) -> RecruitmentStep | None:
    return (
        round_.steps.public().filter(kind=RecruitmentStep.Kind.REGISTRATION).first()
        if round_.pk
        else None
    )


def check_window(round_: RecruitmentRound, today: date | None = None) -> RecruitmentStep:
    """The published registration step when `today` is inside its window; else WindowClosed."""
    today = today or timezone.localdate()
    step = registration_step(round_)
    if step is None:
        raise WindowClosed(None, None)
    closes = step.closes_on or step.held_on
    if not (step.held_on <= today <= closes):
        raise WindowClosed(step.held_on, closes)
    return step


def _new_code(year: int) -> str:
    while True:
        code = f"TD{year}-" + "".join(secrets.choice(CODE_ALPHABET) for _ in range(6))
        if not Application.objects.filter(code=code).exists():
            return code


def render_mail(application: Application, kind: str, **extra) -> tuple[str, str]:
    """The subject and body of a mail to one candidate, in Vietnamese."""
    with translation.override(settings.LANGUAGE_CODE):  # the status page's Vietnamese address
        status_url = mail.site_url(reverse("anticorruption:application_status"))
    context = {"application": application, "status_url": status_url, **extra}
    return mail.render_mail(f"anticorruption/mail/{kind}", context)


def _send(application: Application, kind: str) -> None:
    subject, body = render_mail(application, kind)
    transaction.on_commit(lambda: send_mail(subject, body, None, [application.email]))


@transaction.atomic
def application_create(*, round_: RecruitmentRound, data: dict, files=()) -> Application:
    """Records an application; WindowClosed outside the registration window (checked again
    here, at the moment of sending)."""
    check_window(round_)
    application = Application.objects.create(
        round=round_,
        code=_new_code(round_.year),
        full_name=data["full_name"].strip(),
        birth_date=data["birth_date"],
        email=data["email"],
        phone=data["phone"],
        position=data["position"],
        qualifications=data["qualifications"],
        consent_at=timezone.now(),
    )
    for number, uploaded in enumerate(files, start=1):
        uploaded.seek(0)
        document = ApplicationDocument(application=application, name=uploaded.name[:200])
        document.file.save(f"{application.code}-{number}.pdf", ContentFile(uploaded.read()))
    _send(application, "submitted")
    return application


@transaction.atomic
def application_review(*, application: Application, eligible: bool, reason: str = "", user):
    application.status = Application.Status.ELIGIBLE if eligible else Application.Status.INELIGIBLE
    application.reason = "" if eligible else reason
    application.reviewed_at = timezone.now()
    application.reviewed_by = user
    application._history_user = user
    application.save()
    _send(application, "reviewed")


def application_lookup(code: str, birth_date: date) -> Application | None:
    """The application with this code and date of birth: both must match."""
    return (
        Application.objects.filter(code=code.strip().upper(), birth_date=birth_date)
        .select_related("round")
        .first()
    )


def eligible_list(round_: RecruitmentRound) -> list[dict]:
    """What the published list shows: code, name, year of birth, position. Nothing else."""
    return [
        {
            "code": a.code,
            "name": a.full_name,
            "birth_year": a.birth_date.year,
            "position": a.position,
        }
        for a in round_.applications.filter(status=Application.Status.ELIGIBLE).order_by(
            "position", "full_name", "pk"
        )
    ]
