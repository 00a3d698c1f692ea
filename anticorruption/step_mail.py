"""Each candidate is mailed when a recruitment step of their round is published, once.

Publishing a step (now, or by the scheduled-publication task) queues `tasks.mail_step` through
the outbox; the task writes one `StepMailing` row per candidate in the same transaction as the
mail it queues, so a step never reaches a candidate twice, however often it is published again,
edited or the task repeated. Each mail goes to one candidate and names only them.
"""

from django.core.mail import send_mail
from django.db import transaction

from portal.mail import site_url
from portal.outbox import enqueue

from .applications import render_mail
from .models import Application, RecruitmentStep, StepMailing

Kind = RecruitmentStep.Kind

# Who a published step concerns. The eligible list (and the notice to the others) concerns
# every applicant; the later steps only those still in the running. Steps up to the end of the
# registration window come before any application and tell no one.
EVERY_APPLICANT = {Kind.ELIGIBLE}
ELIGIBLE_ONLY = {
    Kind.EXAM_NOTICE,
    Kind.EXAM,
    Kind.RESULTS,
    Kind.REVIEW,
    Kind.FINAL,
    Kind.DECISION,
}


def mail_later(step: RecruitmentStep) -> None:
    """Queues the mails of a step that has just been published (after the commit)."""
    if step.kind in EVERY_APPLICANT | ELIGIBLE_ONLY:
        from .tasks import mail_step

        enqueue(mail_step, step.pk)


def recipients(step: RecruitmentStep):
    """The candidates this step concerns who have not been told of it yet."""
    applications = step.round.applications.all()
    if step.kind in ELIGIBLE_ONLY:
        applications = applications.filter(status=Application.Status.ELIGIBLE)
    elif step.kind not in EVERY_APPLICANT:
        return applications.none()
    return applications.exclude(step_mailings__step=step).order_by("pk")


@transaction.atomic
def mail_step(step_pk: int) -> int:
    """Mails the step to each candidate it concerns not yet told; returns how many."""
    # The lock makes a repeated task wait, then find everyone already told.
    step = (
        RecruitmentStep.objects.select_for_update().select_related("round").filter(pk=step_pk)
    ).first()
    if step is None or not step.is_public:
        return 0
    round_url = site_url(step.round.get_absolute_url())
    sent = 0
    for application in recipients(step):
        StepMailing.objects.create(step=step, application=application)
        subject, body = render_mail(application, "step", step=step, round_url=round_url)
        # Through the outbox in this transaction: the row and the mail commit together.
        send_mail(subject, body, None, [application.email])
        sent += 1
    return sent
