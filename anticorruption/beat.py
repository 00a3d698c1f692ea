from celery.schedules import crontab

BEAT = {
    "anticorruption-destroy-expired-reports": {
        "task": "anticorruption.tasks.destroy_expired_reports",
        "schedule": crontab(minute=45, hour=2),
    },
}
