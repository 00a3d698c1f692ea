from celery import shared_task


@shared_task
def rebuild_dossier_statistics() -> int:
    """Counts the daily summary of the dossiers again (every night), so that rows changed
    outside the dossier actions are counted too."""
    from .summary import rebuild

    return rebuild()
