"""/healthz tells the load balancer and the operator which service is down."""

import socket

import pytest
from django.conf import settings
from django.db import connection
from django.test import override_settings

from portal.celery import app
from tests.conftest import broker_reachable, require

pytestmark = pytest.mark.django_db


def closed_port() -> int:
    """A local port nothing listens on (bound then released)."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def get_health(client):
    response = client.get("/healthz")
    assert response["Content-Type"] == "application/json"
    # A cached health answer would hide an outage.
    cache_control = response["Cache-Control"]
    assert "no-store" in cache_control
    assert "max-age=0" in cache_control
    return response


@pytest.mark.postgres
def test_it_reports_every_service_ok_on_postgresql_and_redis(client):
    require(connection.vendor == "postgresql", "PostgreSQL (set DATABASE_URL)")
    require(
        settings.CACHES["default"]["BACKEND"].endswith("RedisCache"), "a Redis cache (REDIS_URL)"
    )
    broker = settings.CELERY_BROKER_URL
    require(bool(broker) and broker_reachable(broker), "a reachable Redis broker (REDIS_URL)")

    with override_settings(CELERY_TASK_ALWAYS_EAGER=False):
        response = get_health(client)

    assert response.status_code == 200
    assert response.json() == {
        "status": "ok",
        "checks": {"database": "ok", "cache": "ok", "broker": "ok"},
    }


def test_it_is_healthy_without_a_broker_when_tasks_run_eagerly(client):
    with override_settings(CELERY_TASK_ALWAYS_EAGER=True):
        response = get_health(client)

    assert response.status_code == 200
    assert response.json()["checks"] == {"database": "ok", "cache": "ok", "broker": "eager"}


def test_it_names_the_cache_when_the_cache_is_down(client):
    down = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": f"redis://127.0.0.1:{closed_port()}/0",
        }
    }
    with override_settings(CACHES=down, CELERY_TASK_ALWAYS_EAGER=True):
        response = get_health(client)

    assert response.status_code == 503
    body = response.json()
    assert body["status"] == "error"
    assert body["checks"]["cache"].startswith("error")
    assert body["checks"]["database"] == "ok"


def test_it_names_the_broker_when_the_broker_is_down(client, monkeypatch):
    down = f"redis://127.0.0.1:{closed_port()}/0"
    # Celery reads CELERY_BROKER_URL from the environment before its own configuration.
    monkeypatch.setenv("CELERY_BROKER_URL", down)
    monkeypatch.setitem(app.conf, "broker_url", down)
    with override_settings(CELERY_BROKER_URL=down, CELERY_TASK_ALWAYS_EAGER=False):
        response = get_health(client)

    assert response.status_code == 503
    body = response.json()
    assert body["status"] == "error"
    assert body["checks"]["broker"].startswith("error")
    assert body["checks"]["database"] == "ok"
    assert body["checks"]["cache"] == "ok"
