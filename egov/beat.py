from celery.schedules import crontab

BEAT = {
    # Every night, after the open data files: links, files, stale pages and HTML validity.
    "egov-site-quality": {
        "task": "egov.tasks.check_site_quality",
        "schedule": crontab(minute=15, hour=3),
    },
}
