"""Shared fixtures: personas, a real browser, axe. Services are real: PostgreSQL and Redis when
DATABASE_URL / REDIS_URL are set (as in CI), SQLite otherwise."""

import os
import shutil
from pathlib import Path
from types import SimpleNamespace

import pytest

from portal import roles
from tests.factories import UnitFactory
from tests.helpers import ROOT, broker_reachable, make_staff, require

pytest_plugins = ["tests.shuffle"]

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
AXE = ROOT / "frontend" / "node_modules" / "axe-core" / "axe.min.js"


@pytest.fixture(autouse=True)
def _clear_cache():
    from django.core.cache import caches

    from portal.related import forget_tables

    for cache in caches.all():
        cache.clear()
    forget_tables()  # their versions start again from the cleared cache
    yield
    for cache in caches.all():
        cache.clear()
    forget_tables()


@pytest.fixture(autouse=True)
def _default_language():
    """Each test starts in Vietnamese. A request under /en/ leaves English active in the thread
    (LocaleMiddleware never deactivates it), and reverse() would then give /en/ paths."""
    from django.conf import settings
    from django.utils import translation

    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.activate(settings.LANGUAGE_CODE)


@pytest.fixture
def unit_a(db):
    return UnitFactory(name="Phòng Quản lý thương mại", code="quan-ly-thuong-mai")


@pytest.fixture
def unit_b(db):
    return UnitFactory(name="Phòng Quản lý năng lượng", code="quan-ly-nang-luong")


@pytest.fixture
def officer_a(unit_a):
    return make_staff(roles.EDITOR, roles.PROCEDURES_OFFICER, unit=unit_a)


@pytest.fixture
def officer_b(unit_b):
    return make_staff(roles.EDITOR, roles.PROCEDURES_OFFICER, unit=unit_b)


@pytest.fixture
def inspector(db):
    return make_staff(roles.INSPECTOR)


@pytest.fixture
def leader(db):
    return make_staff(roles.LEADERSHIP)


@pytest.fixture
def administrator(db):
    return make_staff(roles.ADMINISTRATOR, is_superuser=True)


@pytest.fixture
def personas(db, officer_a, officer_b, inspector, leader, administrator):
    """Every persona by name; "citizen" is an anonymous visitor (None)."""
    return {
        "citizen": None,
        "officer_a": officer_a,
        "officer_b": officer_b,
        "inspector": inspector,
        "leader": leader,
        "administrator": administrator,
    }


# --- Browser ----------------------------------------------------------------------------------


@pytest.fixture(scope="session")
def browser():
    require(
        shutil.which(CHROMIUM) is not None or Path(CHROMIUM).exists(), f"Chromium at {CHROMIUM}"
    )
    os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM,
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"],
        )
        yield browser
        browser.close()


@pytest.fixture
def page(browser, live_server):
    """A phone-sized page in Vietnamese; `page.goto("/path")` is relative to the live server."""
    yield from _phone_page(browser, live_server)


@pytest.fixture
def page_without_javascript(browser, live_server):
    """The same phone with JavaScript turned off: what every page must work with."""
    yield from _phone_page(browser, live_server, java_script_enabled=False)


def _phone_page(browser, live_server, **options):
    context = browser.new_context(
        base_url=live_server.url, locale="vi-VN", viewport={"width": 390, "height": 844}, **options
    )
    yield context.new_page()
    context.close()


def axe_violations(page) -> list[dict]:
    """Runs axe-core with the WCAG 2.2 AA rules and returns the violations (empty when clean)."""
    require(AXE.exists(), f"axe-core at {AXE} (run: cd frontend && npm ci --ignore-scripts)")
    # Evaluated through the DevTools protocol: a <script> tag would be blocked by the site's CSP.
    page.evaluate(AXE.read_text() + "\n;undefined")
    result = page.evaluate(
        """() => axe.run(document, {runOnly: {type: "tag",
             values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]}})"""
    )
    return [
        {"id": v["id"], "help": v["help"], "nodes": [n["target"] for n in v["nodes"]]}
        for v in result["violations"]
    ]


@pytest.fixture
def axe():
    return axe_violations


# --- Celery -----------------------------------------------------------------------------------

WORKER_START_TIMEOUT = 60  # seconds for the worker to answer a ping
WORKER_STOP_TIMEOUT = 20  # seconds between SIGTERM and SIGKILL


def database_url(settings_dict: dict) -> str:
    """A DATABASE_URL for the database that `settings_dict` (the test database) points at."""
    from urllib.parse import quote

    user = quote(settings_dict.get("USER") or "", safe="")
    password = quote(settings_dict.get("PASSWORD") or "", safe="")
    credentials = f"{user}:{password}@" if password else (f"{user}@" if user else "")
    host = settings_dict.get("HOST") or "localhost"
    port = f":{settings_dict['PORT']}" if settings_dict.get("PORT") else ""
    return f"postgres://{credentials}{host}{port}/{quote(settings_dict['NAME'], safe='')}"


@pytest.fixture
def celery_worker_env():
    """Extra environment for the worker; a test module overrides this fixture to add its own."""
    return {}


@pytest.fixture
def outbox(tmp_path):
    """The folder a worker started with `mail_to_files` delivers mail to, a file per message."""
    path = tmp_path / "outbox"
    path.mkdir()
    return path


@pytest.fixture
def mail_to_files(outbox):
    """Worker environment that delivers mail into `outbox`: a test module whose worker sends
    mail returns it from its own `celery_worker_env` fixture."""
    return {
        "CELERY_EMAIL_BACKEND": "django.core.mail.backends.filebased.EmailBackend",
        "EMAIL_FILE_PATH": str(outbox),
    }


class CeleryWorker:
    """A `celery -A portal worker` process of its own process group: `start(**env)` starts it
    (with extra environment), `stop()` ends it gently, `kill()` SIGKILLs it mid-task."""

    def __init__(self, environment: dict, log_dir: Path):
        self.environment = environment
        self.log_dir = log_dir
        self.process = None
        self.started = 0
        self.log_path = log_dir / "celery-worker-1.log"

    def start(self, **extra_env) -> "CeleryWorker":
        import subprocess
        import sys
        import time
        import uuid

        from portal.celery import app

        self.started += 1
        self.log_path = self.log_dir / f"celery-worker-{self.started}.log"
        hostname = f"pytest-{uuid.uuid4().hex[:8]}@localhost"
        with self.log_path.open("wb") as log:
            self.process = subprocess.Popen(
                [
                    *(sys.executable, "-m", "celery", "-A", "portal", "worker", "--pool=solo"),
                    *("--loglevel=INFO", "--hostname", hostname),
                    *("--without-gossip", "--without-mingle"),
                ],
                cwd=ROOT,
                env={**self.environment, **{k: str(v) for k, v in extra_env.items()}},
                stdout=log,
                stderr=subprocess.STDOUT,
                stdin=subprocess.DEVNULL,
                start_new_session=True,  # its own process group, so that kill() takes all of it
            )
        deadline = time.monotonic() + WORKER_START_TIMEOUT
        while not app.control.ping(destination=[hostname], timeout=1):
            if self.process.poll() is not None or time.monotonic() > deadline:
                pytest.fail(
                    f"The Celery worker did not start (exit code {self.process.poll()}):\n"
                    + self.log_path.read_text(errors="replace")[-4000:]
                )
        return self

    def kill(self, sig=None) -> None:
        import signal

        if self.process and self.process.poll() is None:
            os.killpg(self.process.pid, sig or signal.SIGKILL)
            self.process.wait(timeout=WORKER_STOP_TIMEOUT)

    def stop(self) -> None:
        import signal
        import subprocess

        if self.process and self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=WORKER_STOP_TIMEOUT)
            except subprocess.TimeoutExpired:
                self.kill()


@pytest.fixture
def celery_worker(transactional_db, celery_worker_env, tmp_path, settings):
    """A real Celery worker process on the test database and the configured broker.

    The worker sees only committed data, hence `transactional_db`. The test process stops
    running tasks eagerly for the test's duration, so `.delay()` really goes through the broker;
    both processes share temporary media folders, so a file the worker writes can be read here.
    """
    from django.db import connection

    from portal.celery import app

    require(connection.vendor == "postgresql", "PostgreSQL (set DATABASE_URL)")
    broker = settings.CELERY_BROKER_URL
    require(
        broker.startswith(("redis://", "rediss://")) and broker_reachable(broker),
        f"a reachable Redis broker (set REDIS_URL or CELERY_BROKER_URL; now {broker!r})",
    )
    media, private = tmp_path / "media", tmp_path / "private"
    media.mkdir()
    private.mkdir()
    settings.MEDIA_ROOT = media
    settings.PRIVATE_MEDIA_ROOT = private
    settings.STORAGES = {
        **settings.STORAGES,
        "private": {**settings.STORAGES["private"], "OPTIONS": {"location": private}},
    }
    settings.CELERY_TASK_ALWAYS_EAGER = False
    environment = {
        **os.environ,
        "DJANGO_ENV": "test",
        "DATABASE_URL": database_url(connection.settings_dict),
        "CELERY_BROKER_URL": broker,
        "CELERY_TASK_ALWAYS_EAGER": "false",
        "MEDIA_ROOT": str(media),
        "PRIVATE_MEDIA_ROOT": str(private),
        "CONN_MAX_AGE": "0",
        **celery_worker_env,
    }
    app.control.purge()  # nothing left over from an earlier run may reach this worker
    eager = app.conf.task_always_eager
    app.conf.task_always_eager = False
    worker = CeleryWorker(environment, tmp_path)
    try:
        yield worker.start()
    finally:
        worker.stop()
        app.conf.task_always_eager = eager
        app.control.purge()


@pytest.fixture
def broker_down(monkeypatch):
    """Points this process's Celery app at a port nothing listens on until `.restore()` (or
    the test's end), as when Redis, the broker, is down; a worker already started keeps its own
    connection. Celery reads CELERY_BROKER_URL from the environment before its settings."""
    import socket

    from portal.celery import app

    def use(url):
        monkeypatch.setenv("CELERY_BROKER_URL", url)
        app.conf.broker_url = url
        app._pool = None  # new connections to the new address
        app.amqp._producer_pool = None

    working = app.conf.broker_url
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        closed = f"redis://127.0.0.1:{sock.getsockname()[1]}/0"
    use(closed)
    outage = SimpleNamespace(restore=lambda: use(working))
    yield outage
    outage.restore()


def _tasks_eager(value: bool):
    from portal.celery import app

    before = app.conf.task_always_eager
    app.conf.task_always_eager = value
    yield
    app.conf.task_always_eager = before


@pytest.fixture
def tasks_in_process():
    """Celery tasks run in this process when they are sent (as without a broker)."""
    yield from _tasks_eager(True)


@pytest.fixture
def tasks_through_broker():
    """Celery tasks go to the broker when they are sent (as in production)."""
    yield from _tasks_eager(False)
