BEAT = {
    # Scheduled publications go public within a minute of their time.
    "transparency-publish-scheduled": {
        "task": "transparency.tasks.publish_scheduled",
        "schedule": 60.0,
    },
    # Document views counted in Redis reach the database (and the indicator) within minutes.
    "transparency-flush-document-views": {
        "task": "transparency.tasks.flush_document_views",
        "schedule": 300.0,
    },
}
