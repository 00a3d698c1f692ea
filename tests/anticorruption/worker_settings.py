"""The test worker's settings: the test settings, except that mail a task writes leaves
through the outbox as in production (the test settings keep it in memory, where a separate
worker process cannot show it)."""

from portal.settings import *  # noqa: F403

EMAIL_BACKEND = "portal.mail.CeleryEmailBackend"
