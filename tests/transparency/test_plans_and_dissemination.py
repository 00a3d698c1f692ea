import pytest
from django.urls import reverse

from transparency.models import Document, Planning, Ward

from .factories import DocumentFactory, ExplainerFactory, PlanningFactory, QuestionFactory

pytestmark = pytest.mark.django_db


def test_it_lists_plans_with_their_implementation_and_plannings_with_wards(client):
    plan = DocumentFactory(
        kind=Document.Kind.PLAN,
        number="7201/KH-UBND",
        implementation=Document.Implementation.IN_PROGRESS,
    )
    DocumentFactory(kind=Document.Kind.DECREE, number="59/2019/NĐ-CP")
    planning = PlanningFactory(name="Phương án phát triển mạng lưới cửa hàng xăng dầu")
    planning.wards.add(Ward.objects.create(name="Phường Gia Sàng"))
    content = client.get(reverse("transparency:plan_list")).content.decode()
    assert plan.number in content and "Đang thực hiện" in content
    assert "59/2019/NĐ-CP" not in content
    assert planning.name in content and "Phường Gia Sàng" in content
    assert "Đã phê duyệt" in content


def test_it_shows_a_planning_with_its_approving_document(client):
    decision = DocumentFactory(number="222/QĐ-TTg")
    planning = PlanningFactory(
        decision=decision, status=Planning.Status.ADJUSTING, period="2021–2030"
    )
    content = client.get(planning.get_absolute_url()).content.decode()
    assert decision.get_absolute_url() in content and "2021–2030" in content
    assert "Toàn tỉnh" in content


def test_it_links_explainers_and_answers_to_the_documents_they_explain(client):
    document = DocumentFactory(number="105/2017/NĐ-CP")
    explainer = ExplainerFactory(body="## Điều kiện\n\n<script>alert(1)</script>\n\n- một\n- hai")
    explainer.documents.add(document)
    question = QuestionFactory()
    question.documents.add(document)
    index = client.get(reverse("transparency:dissemination")).content.decode()
    assert explainer.title in index and question.question in index and "105/2017/NĐ-CP" in index
    page = client.get(explainer.get_absolute_url()).content.decode()
    assert "<h2>Điều kiện</h2>" in page and "<li>một</li>" in page
    assert "<script>alert(1)</script>" not in page
    assert document.get_absolute_url() in page
    answer = client.get(question.get_absolute_url()).content.decode()
    assert document.get_absolute_url() in answer
