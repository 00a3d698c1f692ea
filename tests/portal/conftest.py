"""A real Celery worker for the PAPI report tests (the lead may move it to tests/conftest.py).

The worker is a separate process (`celery -A portal worker`) that uses the pytest-django test
database, so it needs PostgreSQL (SQLite's test database lives in this process's memory) and
Redis. Tests that use it need `transactional_db` so that the worker sees committed rows."""

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.db import connection

from tests.conftest import require

ROOT = Path(__file__).resolve().parents[2]


class Worker:
    def __init__(self, env: dict, log_dir: Path):
        self.env = env
        self.log_dir = log_dir
        self.process = None
        self.started = 0

    def start(self, **extra_env) -> "Worker":
        from portal.celery import app

        self.started += 1
        log = open(self.log_dir / f"worker-{self.started}.log", "wb")  # noqa: SIM115
        name = f"papi-test-{os.getpid()}-{self.started}@%h"
        self.process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "celery",
                "-A",
                "portal",
                "worker",
                "--pool=solo",
                "--loglevel=INFO",
                "--without-gossip",
                "--without-mingle",
                "-n",
                name,
            ],
            cwd=ROOT,
            env={**self.env, **{k: str(v) for k, v in extra_env.items()}},
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,  # its own process group, so that kill() takes all of it
        )
        deadline = time.monotonic() + 60
        hostname = name.replace("%h", os.uname().nodename)
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"The worker exited: see {log.name}")
            replies = app.control.ping(destination=[hostname], timeout=1.0)
            if replies:
                return self
        raise RuntimeError("The Celery worker did not answer within 60 s")

    def kill(self, sig=signal.SIGKILL) -> None:
        if self.process and self.process.poll() is None:
            os.killpg(self.process.pid, sig)
            self.process.wait(timeout=30)

    def stop(self) -> None:
        if self.process and self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.kill()


@pytest.fixture(autouse=True)
def _default_language():
    """A request under /en/ leaves English active in the thread: start each test in Vietnamese."""
    from django.conf import settings
    from django.utils import translation

    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.activate(settings.LANGUAGE_CODE)


@pytest.fixture
def celery_worker(transactional_db, settings, tmp_path):
    """A running worker on the test database; `.kill()` SIGKILLs its process group and
    `.start(**env)` starts a new one."""
    require(connection.vendor == "postgresql", "PostgreSQL (the worker shares the test database)")
    require(bool(settings.CELERY_BROKER_URL), "CELERY_BROKER_URL (Redis)")
    from portal.celery import app

    try:
        with app.connection_for_write() as conn:
            conn.ensure_connection(max_retries=1, timeout=2)
    except Exception as exc:
        require(False, f"the Celery broker answers ({exc})")
    app.control.purge()  # messages left by earlier tests must not reach this worker

    db = connection.settings_dict
    database_url = (
        f"postgres://{db['USER']}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"
    )
    private = tmp_path / "private"
    private.mkdir()
    settings.PRIVATE_MEDIA_ROOT = private
    settings.STORAGES = {
        **settings.STORAGES,
        "private": {**settings.STORAGES["private"], "OPTIONS": {"location": private}},
    }
    env = {
        **os.environ,
        "DJANGO_ENV": "test",
        "DATABASE_URL": database_url,
        "CELERY_BROKER_URL": settings.CELERY_BROKER_URL,
        "PRIVATE_MEDIA_ROOT": str(private),
        "CONN_MAX_AGE": "0",
    }
    if db.get("PASSWORD"):
        env["PGPASSWORD"] = db["PASSWORD"]
    worker = Worker(env, tmp_path)
    worker.start()
    yield worker
    worker.stop()
    app.control.purge()
