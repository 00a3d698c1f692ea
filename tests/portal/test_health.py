"""/healthz says the process lives; /healthz/ready tells the operator which service is down; and
pages keep being served while the cache is down."""

import socket

import pytest
from django.conf import settings
from django.db import connection
from django.test import override_settings

from portal.celery import app
from portal.models import DepartmentProfile
from tests.helpers import broker_reachable, require

pytestmark = pytest.mark.django_db


def closed_port() -> int:
    """A local port nothing listens on (bound then released)."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def get_health(client, path="/healthz/ready"):
    response = client.get(path)
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


def cache_down():
    return override_settings(
        CACHES={
            **settings.CACHES,
            "default": {
                "BACKEND": "portal.cache.ResilientRedisCache",
                "LOCATION": f"redis://127.0.0.1:{closed_port()}/0",
            },
        }
    )


def test_it_says_the_process_lives_whatever_is_down(client):
    with cache_down(), override_settings(CELERY_TASK_ALWAYS_EAGER=True):
        response = get_health(client, "/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}


def test_it_names_the_cache_when_the_cache_is_down(client):
    with cache_down(), override_settings(CELERY_TASK_ALWAYS_EAGER=True):
        response = get_health(client)

    # Still ready: pages are served from the database meanwhile.
    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "degraded"
    assert body["checks"]["cache"].startswith("error")
    assert body["checks"]["database"] == "ok"


def test_it_names_the_broker_when_the_broker_is_down(client, monkeypatch):
    down = f"redis://127.0.0.1:{closed_port()}/0"
    # Celery reads CELERY_BROKER_URL from the environment before its own configuration.
    monkeypatch.setenv("CELERY_BROKER_URL", down)
    monkeypatch.setitem(app.conf, "broker_url", down)
    with override_settings(CELERY_BROKER_URL=down, CELERY_TASK_ALWAYS_EAGER=False):
        response = get_health(client)

    # Still ready: requests that queue work keep it in the outbox until the broker is back.
    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "degraded"
    assert body["checks"]["broker"].startswith("error")
    assert body["checks"]["database"] == "ok"
    assert body["checks"]["cache"] == "ok"


def test_it_is_not_ready_without_the_database(client, monkeypatch):
    from django.db.utils import OperationalError

    def refuse(*args, **kwargs):
        raise OperationalError("the database is down")

    monkeypatch.setattr(connection, "cursor", refuse)
    with override_settings(CELERY_TASK_ALWAYS_EAGER=True):
        response = get_health(client)

    assert response.status_code == 503
    assert response.json()["status"] == "error"
    assert response.json()["checks"]["database"] == "error: OperationalError"


@pytest.mark.parametrize(
    ("path", "status"),
    [("/", 200), ("/van-ban/", 200), ("/tim-kiem/?q=xang+dau", 200), ("/khong-co-trang/", 404)],
)
def test_it_serves_pages_from_the_database_while_the_cache_is_down(client, path, status):
    DepartmentProfile.objects.create(name="Sở Công Thương tỉnh Thái Nguyên", province="Thái Nguyên")
    with cache_down():
        response = client.get(path)
        again = client.get(path)

    assert (response.status_code, again.status_code) == (status, status)
    assert "Sở Công Thương tỉnh Thái Nguyên" in again.content.decode()


def test_it_stops_asking_a_dead_cache_for_a_while():
    from django.core.cache import cache

    with cache_down():
        cache.get("trang-chu")
        assert cache.is_down
        # Within the pause no connection is even tried: a read is a miss at once.
        cache._cache.get_client = None
        assert cache.get("trang-chu", "mặc định") == "mặc định"
        cache.set("trang-chu", "nội dung")
        with pytest.raises(ValueError):
            cache.incr("luot-xem")


def test_it_renders_the_error_page_without_the_cache_or_the_database(rf, monkeypatch):
    from portal.views import server_error

    def broken():
        raise RuntimeError("the database and the cache are both down")

    monkeypatch.setattr(DepartmentProfile, "current", broken)
    response = server_error(rf.get("/"))

    assert response.status_code == 500
    assert "Xin lỗi, hệ thống đang gặp sự cố" in response.content.decode()


def test_it_lets_staff_sign_in_and_reset_a_password_while_the_cache_is_down(client):
    from django.urls import reverse

    from portal import roles
    from tests.helpers import make_staff

    officer = make_staff(roles.EDITOR)
    with cache_down():
        signed_in = client.post(
            reverse("account_login"),
            {"login": officer.email, "password": "mat-khau-thu-nghiem-2026"},
        )
        reset = client.post(reverse("account_reset_password"), {"email": officer.email})

    assert signed_in.status_code == 302
    assert signed_in.headers["Location"] == reverse("mfa_authenticate")
    assert reset.status_code == 302


@pytest.mark.redis
def test_the_cache_keeps_one_redis_client_for_its_connections():
    """Django would wrap the pooled connections in a new client at every call, which costs more
    than the GET itself; the portal's backend keeps one per pool."""
    require(settings.CACHES["default"]["BACKEND"] == "portal.cache.ResilientRedisCache", "Redis")
    from django.core.cache import cache

    cache.set("kept-client", "một", 10)
    assert cache.get("kept-client") == "một"
    assert cache._cache.get_client(write=True) is cache._cache.get_client(write=False)
