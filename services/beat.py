from celery.schedules import crontab

BEAT = {
    "services-erase-old-problem-data": {
        "task": "services.tasks.erase_old_problem_data",
        "schedule": crontab(minute=40, hour=2),
    },
}
