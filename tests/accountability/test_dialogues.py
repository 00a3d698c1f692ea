"""Dialogues with businesses: the public page with its agenda, questions sent ahead (moderated,
nothing typed lost on an error), the answer found by the question's code, the minutes after."""

from datetime import timedelta

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied
from django.utils import timezone

from accountability import actions
from accountability.models import DialogueQuestion
from portal import roles
from portal.search import index_object, search
from tests.accountability.factories import DialogueFactory, QuestionFactory
from tests.helpers import make_staff

pytestmark = pytest.mark.django_db


def _question(**changes):
    return {
        "business": "Công ty TNHH Xăng dầu Đại Phát",
        "name": "Nguyễn Văn Đại",
        "email": "dai@example.vn",
        "phone": "",
        "question": "Doanh nghiệp nhỏ có được hỗ trợ chi phí gian hàng tại hội chợ không?",
        "consent": "on",
        "website": "",
    } | changes


def test_the_dialogue_page_shows_agenda_place_and_only_approved_questions(client):
    dialogue = DialogueFactory()
    QuestionFactory(dialogue=dialogue, question="Câu hỏi đã duyệt về thủ tục cấp phép")
    QuestionFactory(
        dialogue=dialogue, question="Câu hỏi chờ duyệt", status=DialogueQuestion.Status.PENDING
    )

    listing = client.get("/doi-thoai/").content.decode()
    page = client.get(f"/doi-thoai/{dialogue.slug}/").content.decode()

    assert dialogue.title in listing
    assert dialogue.place in page and "Chương trình xúc tiến thương mại" in page
    assert "Câu hỏi đã duyệt về thủ tục cấp phép" in page
    assert "Câu hỏi chờ duyệt" not in page
    assert f"/doi-thoai/{dialogue.slug}/gui-cau-hoi/" in page


def test_a_draft_dialogue_is_not_public(client):
    dialogue = DialogueFactory(publication="draft", published_at=None)

    assert client.get(f"/doi-thoai/{dialogue.slug}/").status_code == 404
    assert dialogue.title not in client.get("/doi-thoai/").content.decode()


def test_a_business_sends_a_question_and_finds_the_answer_by_its_code(
    client, django_capture_on_commit_callbacks
):
    dialogue = DialogueFactory()
    url = f"/doi-thoai/{dialogue.slug}/gui-cau-hoi/"

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, _question())

    question = DialogueQuestion.objects.get()
    assert question.status == DialogueQuestion.Status.PENDING
    assert question.code in response.content.decode()
    assert question.code in mail.outbox[0].body
    pending = client.get("/doi-thoai/tra-cuu/", {"code": question.code.lower()}).content.decode()
    assert "Chờ duyệt" in pending and "Chưa trả lời" in pending

    moderator = make_staff(roles.RECEPTION_OFFICER)
    with django_capture_on_commit_callbacks(execute=True):
        actions.question_answer(
            user=moderator, question=question, answer="Có, Sở hỗ trợ 50% chi phí gian hàng."
        )

    found = client.get("/doi-thoai/tra-cuu/", {"code": question.code}).content.decode()
    assert "Có, Sở hỗ trợ 50% chi phí gian hàng." in found
    assert "Có, Sở hỗ trợ 50% chi phí gian hàng." in mail.outbox[-1].body
    page = client.get(f"/doi-thoai/{dialogue.slug}/").content.decode()
    assert "Có, Sở hỗ trợ 50% chi phí gian hàng." in page
    assert "dai@example.vn" not in page and "Nguyễn Văn Đại" not in page


def test_a_wrong_code_is_an_error_on_the_field(client):
    response = client.get("/doi-thoai/tra-cuu/", {"code": "HD-KHONGCO"})

    page = response.content.decode()
    assert 'href="#id_code"' in page and "Không có câu hỏi nào có mã này" in page


def test_a_question_with_an_error_keeps_what_was_typed(client):
    dialogue = DialogueFactory()

    response = client.post(f"/doi-thoai/{dialogue.slug}/gui-cau-hoi/", _question(consent=""))

    page = response.content.decode()
    assert "Doanh nghiệp nhỏ có được hỗ trợ chi phí gian hàng" in page
    assert "Công ty TNHH Xăng dầu Đại Phát" in page
    assert not DialogueQuestion.objects.exists()


def test_questions_close_on_their_day_and_the_minutes_show_after_the_dialogue(client):
    dialogue = DialogueFactory(
        held_at=timezone.now() - timedelta(days=2),
        questions_until=timezone.localdate() - timedelta(days=5),
        minutes="Hội nghị có 42 doanh nghiệp tham dự.",
    )

    closed = client.post(f"/doi-thoai/{dialogue.slug}/gui-cau-hoi/", _question())
    page = client.get(f"/doi-thoai/{dialogue.slug}/").content.decode()

    assert closed.status_code == 410
    assert not DialogueQuestion.objects.exists()
    assert "Hội nghị có 42 doanh nghiệp tham dự." in page


def test_only_moderators_answer_questions():
    question = QuestionFactory(status=DialogueQuestion.Status.PENDING)
    inspector = make_staff(roles.INSPECTOR)

    with pytest.raises(PermissionDenied):
        actions.question_answer(user=inspector, question=question, answer="Trả lời")
    question.refresh_from_db()
    assert question.answer == ""


def test_the_search_finds_a_published_dialogue_and_never_a_draft():
    public = DialogueFactory(title="Đối thoại về thương mại điện tử nông sản")
    draft = DialogueFactory(title="Đối thoại nội bộ chưa công bố", publication="draft")
    index_object(public)
    index_object(draft)

    titles = [entry.title for entry in search("đối thoại thương mại điện tử").entries]
    assert public.title in titles
    assert draft.title not in [entry.title for entry in search("chưa công bố").entries]
