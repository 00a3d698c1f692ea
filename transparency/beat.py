BEAT = {
    # Scheduled publications go public within a minute of their time.
    "transparency-publish-scheduled": {
        "task": "transparency.tasks.publish_scheduled",
        "schedule": 60.0,
    },
}
