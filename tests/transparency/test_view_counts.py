"""Document views are counted in Redis, once per visitor per document per day and never for
staff, and reach the database only through the periodic flush; with Redis down the page is
served and nothing is counted."""

import socket

import pytest
from django.conf import settings
from django.core.cache import cache
from django.test import override_settings
from django.utils import timezone

from portal.models import DepartmentProfile
from tests.helpers import require
from transparency import actions
from transparency.models import DocumentViewCount
from transparency.tasks import flush_document_views

from .factories import DocumentFactory

pytestmark = pytest.mark.django_db


def counts() -> dict[int, int]:
    return dict(DocumentViewCount.objects.values_list("document_id", "count"))


def visit(client, document, address="203.113.0.10"):
    response = client.get(document.get_absolute_url(), REMOTE_ADDR=address)
    assert response.status_code == 200
    assert not response.cookies
    return response


@pytest.fixture
def redis_cache():
    require(
        settings.CACHES["default"]["BACKEND"].endswith("RedisCache"), "a Redis cache (REDIS_URL)"
    )


@pytest.mark.redis
def test_it_counts_one_view_per_visitor_per_document_per_day(redis_cache, client):
    document, other = DocumentFactory(), DocumentFactory()
    for _ in range(5):  # reloading, from the cache or not, is still one visitor's view
        visit(client, document)
    visit(client, other)
    visit(client, document, address="14.160.0.7")  # another visitor

    assert counts() == {}  # nothing reaches the database before the flush
    assert flush_document_views() == 3

    today = timezone.localdate()
    assert {(c.document_id, c.day, c.count) for c in DocumentViewCount.objects.all()} == {
        (document.pk, today, 2),
        (other.pk, today, 1),
    }
    # Nothing personal is kept: the visitor exists only as an expiring hashed key in Redis.
    assert {f.name for f in DocumentViewCount._meta.fields} == {"id", "document", "day", "count"}
    client_redis = cache._cache.get_client(write=True)
    keys = [k.decode() for k in client_redis.keys(cache.make_key("views:seen:*"))]
    assert len(keys) == 3 and not any("203.113" in k or "14.160" in k for k in keys)
    assert all(0 < client_redis.ttl(k) <= 24 * 3600 for k in keys)


@pytest.mark.redis
def test_the_flush_adds_to_the_days_counter_and_counts_nothing_twice(redis_cache, client):
    document = DocumentFactory()
    DocumentViewCount.objects.create(document=document, day=timezone.localdate(), count=40)
    visit(client, document)
    visit(client, document, address="14.160.0.7")

    assert flush_document_views() == 2
    assert flush_document_views() == 0  # taken once
    assert counts() == {document.pk: 42}


@pytest.mark.redis
def test_it_never_counts_staff(redis_cache, client, officer_a):
    document = DocumentFactory()
    client.force_login(officer_a)
    for _ in range(3):
        visit(client, document)
    client.logout()
    assert flush_document_views() == 0
    assert counts() == {}


@pytest.mark.redis
def test_it_counts_visitors_by_their_address_behind_the_proxy(redis_cache, client, settings):
    settings.TRUSTED_PROXY_COUNT = 1
    document = DocumentFactory()
    for visitor in ("203.113.0.10", "203.113.0.11", "203.113.0.10"):
        client.get(
            document.get_absolute_url(), REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR=visitor
        )
    assert flush_document_views() == 2


@pytest.mark.redis
def test_the_counts_go_back_to_redis_when_the_database_refuses(redis_cache, client, monkeypatch):
    from django.db import DatabaseError, connection

    document = DocumentFactory()
    visit(client, document)

    def refuse(*args, **kwargs):
        raise DatabaseError("the database is down")

    monkeypatch.setattr(connection, "cursor", refuse)
    with pytest.raises(DatabaseError):
        actions.document_views_flush()
    monkeypatch.undo()
    assert flush_document_views() == 1
    assert counts() == {document.pk: 1}


def closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def test_with_redis_down_the_page_is_served_and_nothing_is_counted(client):
    document = DocumentFactory(summary="Về việc công bố giá bán lẻ điện")
    DepartmentProfile.objects.create(name="Sở Công Thương", province="Thái Nguyên")
    down = {
        **settings.CACHES,
        "default": {
            "BACKEND": "portal.cache.ResilientRedisCache",
            "LOCATION": f"redis://127.0.0.1:{closed_port()}/0",
        },
    }
    with override_settings(CACHES=down):
        for _ in range(2):
            response = visit(client, document)
            assert "Về việc công bố giá bán lẻ điện" in response.content.decode()
        assert flush_document_views() == 0
    assert counts() == {}


def test_without_a_redis_cache_views_are_not_counted(client):
    with override_settings(
        CACHES={
            **settings.CACHES,
            "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
        }
    ):
        document = DocumentFactory()
        visit(client, document)
        assert flush_document_views() == 0
    assert counts() == {}
