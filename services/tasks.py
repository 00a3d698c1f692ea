from celery import shared_task


@shared_task
def erase_old_problem_data() -> int:
    """Keeps the report form's promise: contact details and the photo are kept two years."""
    from .actions import problems_erase_personal_data

    return problems_erase_personal_data()
