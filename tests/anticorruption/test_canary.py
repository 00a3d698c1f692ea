"""A canary report: a unique user agent and a unique X-Forwarded-For (behind one trusted
proxy, so the portal would otherwise take it as the visitor's address) go through every page
of the channel, a reply with a file, a mistyped address and a server error. Neither may appear
in the log output, any text column of the database, any Redis key or value (cache and broker),
any media file, or the WSGI environ the web server writes its access log from."""

import logging
import uuid
from pathlib import Path

import pytest
from django.core import signals
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.handlers.wsgi import WSGIHandler
from django.db import close_old_connections, connection
from django.test import RequestFactory
from django.urls import reverse

from anticorruption import actions
from anticorruption.models import Tip
from tests.anticorruption.helpers import jpeg_with_gps, pdf_with_author, token
from tests.helpers import require

pytestmark = [pytest.mark.django_db, pytest.mark.postgres, pytest.mark.redis]


def _text_columns_containing(needle: str) -> list[str]:
    found = []
    with connection.cursor() as cursor:
        cursor.execute(
            """SELECT table_name, column_name, data_type FROM information_schema.columns
               WHERE table_schema = 'public'
                 AND data_type IN ('text', 'character varying', 'jsonb', 'json', 'inet',
                                   'character', 'bytea')"""
        )
        for table, column, data_type in cursor.fetchall():
            # Names from the catalogue, quoted: no input of the test reaches the SQL text.
            if data_type == "bytea":
                where = f"position(convert_to(%s, 'UTF8') in \"{column}\") > 0"
                value = needle
            else:
                where = f'"{column}"::text LIKE %s'
                value = f"%{needle}%"
            cursor.execute(f'SELECT count(*) FROM "{table}" WHERE {where}', [value])  # noqa: S608
            if cursor.fetchone()[0]:
                found.append(f"{table}.{column}")
    return found


def _redis_entries_containing(url: str, needle: bytes) -> list[str]:
    import redis

    client = redis.Redis.from_url(url)
    found = []
    for key in client.scan_iter(count=1000):
        kind = client.type(key)
        if kind == b"string":
            values = [client.get(key) or b""]
        elif kind == b"hash":
            values = [k + v for k, v in client.hgetall(key).items()]
        elif kind == b"list":
            values = client.lrange(key, 0, -1)
        elif kind in (b"set",):
            values = list(client.smembers(key))
        elif kind == b"zset":
            values = client.zrange(key, 0, -1)
        else:
            values = []
        if needle in key or any(needle in v for v in values):
            found.append(key.decode(errors="replace"))
    return found


def _files_containing(root: Path, needle: bytes) -> list[str]:
    return [str(p) for p in Path(root).rglob("*") if p.is_file() and needle in p.read_bytes()]


def test_a_canary_report_leaves_no_trace(client, settings, caplog, inspector, monkeypatch):
    require(connection.vendor == "postgresql", "PostgreSQL (DATABASE_URL)")
    cache_url = settings.CACHES["default"].get("LOCATION", "")
    require(str(cache_url).startswith("redis"), "Redis as the cache (CACHE_URL)")
    settings.TRUSTED_PROXY_COUNT = 1
    agent = f"CanaryAgent/{uuid.uuid4().hex}"
    octets = uuid.uuid4().int
    address = f"10.{octets % 251}.{octets // 251 % 251}.{octets // 63001 % 251}"
    headers = {"HTTP_USER_AGENT": agent, "HTTP_X_FORWARDED_FOR": address}
    caplog.set_level(logging.DEBUG)

    client.get(reverse("anticorruption:tip_create"), **headers)
    photo = SimpleUploadedFile("a.jpg", jpeg_with_gps(), content_type="image/jpeg")
    response = client.post(
        reverse("anticorruption:tip_create"),
        {"content": "Tin báo thử", "token": token(), "attachments": [photo]},
        **headers,
    )
    assert response.status_code == 201
    receipt = response.context["receipt"]
    actions.inspector_answer(tip=Tip.objects.get(), body="Đã nhận", user=inspector)
    follow = reverse("anticorruption:tip_follow")
    client.get(follow, **headers)
    document = SimpleUploadedFile("b.pdf", pdf_with_author(), content_type="application/pdf")
    client.post(
        follow,
        {
            "receipt": receipt,
            "token": token(),
            "send": "1",
            "body": "Bổ sung",
            "attachments": [document],
        },
        **headers,
    )
    client.post(follow, {"receipt": "SAI-BIEN-NHAN", "token": token()}, **headers)
    client.post(follow, {"receipt": receipt, "token": token(), "download": "1"}, **headers)
    client.get(reverse("anticorruption:tip_statistics"), **headers)
    assert client.get("/to-giac/khong-co-trang-nay/", **headers).status_code == 404

    # A server error on the channel: its report (logged, and mailed to ADMINS) has neither.
    def broken(**kwargs):
        raise RuntimeError("canary failure")

    monkeypatch.setattr(actions, "tip_create", broken)
    client.raise_request_exception = False
    settings.ADMINS = [("Admin", "admin@example.com")]
    response = client.post(
        reverse("anticorruption:tip_create"), {"content": "x", "token": token()}, **headers
    )
    assert response.status_code == 500

    # The web server's access log reads the WSGI environ after the response.
    environ = RequestFactory().get(reverse("anticorruption:tip_create"), **headers).environ
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    try:
        WSGIHandler()(environ, lambda status, response_headers, exc_info=None: None)
    finally:
        signals.request_started.connect(close_old_connections)
        signals.request_finished.connect(close_old_connections)

    from django.core import mail

    # The scan finds what is there (an account name), and the report's words are not there.
    assert "auth_user.username" in _text_columns_containing(inspector.username)
    assert _text_columns_containing("Tin báo thử") == []
    for needle in (agent, address):
        assert needle not in caplog.text
        assert needle not in "".join(str(record.__dict__) for record in caplog.records), needle
        assert needle not in environ.values()
        assert _text_columns_containing(needle) == []
        for url in (cache_url, settings.CELERY_BROKER_URL):
            assert _redis_entries_containing(url, needle.encode()) == []
        for root in (settings.MEDIA_ROOT, settings.PRIVATE_MEDIA_ROOT):
            assert _files_containing(root, needle.encode()) == []
        for message in mail.outbox:
            assert needle not in message.body + message.subject
    assert response.cookies == {}
