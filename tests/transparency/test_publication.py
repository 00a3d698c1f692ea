from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from portal import publishing, roles
from portal.publishing import Publication
from tests.helpers import make_staff
from transparency import tasks
from transparency.models import Document

from .factories import DocumentFactory, ExplainerFactory, draft

pytestmark = pytest.mark.django_db


def test_it_publishes_a_draft_and_records_who_did_it(client, editor):
    document = draft()
    publishing.item_publish(item=document, user=editor)
    document.refresh_from_db()
    assert document.publication == Publication.PUBLISHED
    assert document.published_at <= timezone.now()
    assert client.get(document.get_absolute_url()).status_code == 200
    latest = document.history.latest()
    assert latest.history_user == editor
    assert latest.history_change_reason == "Đã đăng"


def test_it_schedules_and_the_task_publishes_when_the_time_comes(client, editor):
    document = draft()
    later = timezone.now() + timedelta(hours=2)
    publishing.item_publish(item=document, user=editor, at=later)
    document.refresh_from_db()
    assert document.publication == Publication.SCHEDULED
    assert tasks.publish_scheduled() == 0
    assert client.get(document.get_absolute_url()).status_code == 404
    Document.objects.filter(pk=document.pk).update(publish_at=timezone.now() - timedelta(minutes=1))
    explainer = ExplainerFactory(
        publication=Publication.SCHEDULED,
        published_at=None,
        publish_at=timezone.now() - timedelta(minutes=1),
    )
    assert tasks.publish_scheduled() == 2
    document.refresh_from_db()
    assert document.publication == Publication.PUBLISHED
    assert client.get(document.get_absolute_url()).status_code == 200
    assert client.get(explainer.get_absolute_url()).status_code == 200


def test_it_requires_and_records_a_reason_to_unpublish(editor):
    document = DocumentFactory()
    with pytest.raises(ValidationError):
        publishing.item_unpublish(item=document, user=editor, reason="  ")
    publishing.item_unpublish(item=document, user=editor, reason="Đăng nhầm phiên bản dự thảo")
    document.refresh_from_db()
    assert document.publication == Publication.UNPUBLISHED
    assert document.unpublish_reason == "Đăng nhầm phiên bản dự thảo"
    assert "Đăng nhầm phiên bản dự thảo" in document.history.latest().history_change_reason


def test_it_lets_only_editors_publish():
    officer = make_staff(roles.PROCEDURES_OFFICER)
    leader = make_staff(roles.LEADERSHIP)
    document = draft()
    for user in (officer, leader):
        with pytest.raises(PermissionDenied):
            publishing.item_publish(item=document, user=user)
        with pytest.raises(PermissionDenied):
            publishing.item_unpublish(item=document, user=user, reason="x")
    assert officer.has_perm("transparency.add_document")
    assert not leader.has_perm("transparency.change_document")
    assert leader.has_perm("transparency.view_document")


def test_it_bulk_publishes_from_the_admin(client, editor):
    documents = [draft(), draft(), draft()]
    client.force_login(editor)
    response = client.post(
        reverse("admin:transparency_document_changelist"),
        {"action": "publish_now", "_selected_action": [d.pk for d in documents]},
    )
    assert response.status_code == 302
    assert Document.objects.public().count() == 3


def test_it_hides_the_publish_actions_from_officers_who_cannot_publish(client):
    officer = make_staff(roles.PROCEDURES_OFFICER)
    document = draft()
    client.force_login(officer)
    changelist = client.get(reverse("admin:transparency_document_changelist"))
    assert changelist.status_code == 200
    assert "publish_now" not in changelist.content.decode()
    client.post(
        reverse("admin:transparency_document_changelist"),
        {"action": "publish_now", "_selected_action": [document.pk]},
    )
    assert not Document.objects.public().exists()


def test_it_asks_for_a_reason_in_the_admin_before_unpublishing(client, editor):
    document = DocumentFactory()
    client.force_login(editor)
    url = reverse("admin:transparency_document_changelist")
    form = client.post(url, {"action": "unpublish", "_selected_action": [document.pk]})
    assert form.status_code == 200 and 'name="reason"' in form.content.decode()
    client.post(
        url,
        {
            "action": "unpublish",
            "_selected_action": [document.pk],
            "confirm": "1",
            "reason": "Văn bản đã được thay thế",
        },
    )
    document.refresh_from_db()
    assert document.publication == Publication.UNPUBLISHED
    assert document.unpublish_reason == "Văn bản đã được thay thế"


def test_it_shows_staff_the_change_history(client, editor):
    document = draft()
    publishing.item_save(item=document, user=editor, reason="Sửa trích yếu")
    publishing.item_publish(item=document, user=editor)
    client.force_login(editor)
    response = client.get(reverse("admin:transparency_document_history", args=[document.pk]))
    assert response.status_code == 200
    assert "Sửa trích yếu" in response.content.decode()


def _publication_url(document, action):
    return reverse("admin:transparency_document_publication", args=[document.pk, action])


def test_an_editor_publishes_and_unpublishes_from_the_document_page(client, editor):
    document = draft()
    client.force_login(editor)
    change_url = reverse("admin:transparency_document_change", args=[document.pk])
    page = client.get(change_url).content.decode()
    assert 'value="Đăng ngay"' in page
    assert f'action="{_publication_url(document, "publish_now")}"' in page

    response = client.post(_publication_url(document, "publish_now"), follow=True)
    assert response.redirect_chain == [(change_url, 302)]
    assert [m.level_tag for m in response.context["messages"]] == ["success"]
    document.refresh_from_db()
    assert document.publication == Publication.PUBLISHED
    assert document.history.latest().history_user == editor
    assert 'value="Đăng ngay"' not in response.content.decode()

    # Unpublishing asks for the reason first, as from the list.
    form = client.post(_publication_url(document, "unpublish"))
    assert form.status_code == 200 and 'name="reason"' in form.content.decode()
    response = client.post(
        _publication_url(document, "unpublish"), {"confirm": "1", "reason": "Đăng nhầm bản"}
    )
    assert response.headers["Location"] == change_url
    document.refresh_from_db()
    assert document.publication == Publication.UNPUBLISHED
    assert document.unpublish_reason == "Đăng nhầm bản"


def test_an_officer_without_the_publish_permission_cannot_publish_from_the_page(client):
    officer = make_staff(roles.PROCEDURES_OFFICER)
    document = draft()
    client.force_login(officer)
    page = client.get(reverse("admin:transparency_document_change", args=[document.pk]))
    assert page.status_code == 200
    assert _publication_url(document, "publish_now") not in page.content.decode()
    assert client.post(_publication_url(document, "publish_now")).status_code == 403
    assert client.get(_publication_url(document, "publish_now")).status_code == 405
    document.refresh_from_db()
    assert document.publication == Publication.DRAFT


def test_the_summary_is_a_text_area_on_the_document_form(client, editor):
    client.force_login(editor)
    page = client.get(reverse("admin:transparency_document_add")).content.decode()
    assert '<textarea name="summary"' in page


def _change_form_data(page) -> dict:
    """What a browser submits from the admin's change form."""
    import lxml.html

    form = lxml.html.fromstring(page.content.decode()).get_element_by_id("document_form")
    data = {}
    for name, value in form.form_values():
        data.setdefault(name, []).append(value.removeprefix("\n"))
    return data


def _search_finds(client, words, document) -> bool:
    page = client.get(reverse("portal:search"), {"q": words}).content.decode()
    return f'href="{document.get_absolute_url()}"' in page


def test_a_published_document_changes_in_the_admin_only_with_the_publish_permission(
    client, editor, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        document = draft(summary="Về giá bán lẻ điện")
        publishing.item_publish(item=document, user=editor)
    change_url = reverse("admin:transparency_document_change", args=[document.pk])
    client.force_login(editor)
    data = _change_form_data(client.get(change_url))
    data["summary"] = ["Về giá bán buôn điện"]

    officer = make_staff(roles.PROCEDURES_OFFICER)
    client.force_login(officer)
    page = client.get(change_url)
    assert page.status_code == 200 and 'name="summary"' not in page.content.decode()
    assert client.post(change_url, data).status_code == 403
    document.refresh_from_db()
    assert document.summary == "Về giá bán lẻ điện"

    visitor = Client()
    assert "bán lẻ" in visitor.get(reverse("transparency:document_list")).content.decode()
    client.force_login(editor)
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(change_url, data).status_code == 302
    document.refresh_from_db()
    assert document.summary == "Về giá bán buôn điện"
    listing = visitor.get(reverse("transparency:document_list")).content.decode()
    assert "bán buôn" in listing and "bán lẻ" not in listing
    assert _search_finds(visitor, "bán buôn", document)


def test_deleting_a_published_document_in_the_admin_takes_it_out_of_search_and_the_list(
    client, editor, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        document = draft(summary="Về quản lý vật liệu nổ công nghiệp")
        publishing.item_publish(item=document, user=editor)
    visitor = Client()
    assert "vật liệu nổ" in visitor.get(reverse("transparency:document_list")).content.decode()
    assert _search_finds(visitor, "vật liệu nổ", document)

    client.force_login(editor)
    delete_url = reverse("admin:transparency_document_delete", args=[document.pk])
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(delete_url, {"post": "yes"}).status_code == 302
    assert not Document.objects.filter(pk=document.pk).exists()
    assert "vật liệu nổ" not in visitor.get(reverse("transparency:document_list")).content.decode()
    assert not _search_finds(visitor, "vật liệu nổ", document)
