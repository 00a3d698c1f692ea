from celery import shared_task


@shared_task
def destroy_expired_reports() -> int:
    """Destroys the content of anonymous reports whose retention period has ended."""
    from .actions import destroy_expired

    return destroy_expired()


@shared_task
def mail_step(step_pk: int) -> int:
    """Mails a published recruitment step to the candidates it concerns, once each."""
    from .step_mail import mail_step as mail

    return mail(step_pk)
