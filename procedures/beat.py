from celery.schedules import crontab

BEAT = {
    # The dossier statistics counted again from the dossiers, before the open data files are
    # written (02:30).
    "procedures-rebuild-dossier-statistics": {
        "task": "procedures.tasks.rebuild_dossier_statistics",
        "schedule": crontab(minute=10, hour=2),
    },
}
