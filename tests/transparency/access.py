"""The transparency app's rows of the role × URL matrix (see tests/matrix.py)."""

from tests.matrix import everyone

# Public pages: staff see the same; drafts are tested in tests/transparency.
EXPECTED = {
    "transparency:document_list": everyone(200),
    "transparency:document_feed": everyone(200),
    "transparency:document_field_feed": everyone(200),
    "transparency:document_detail": everyone(200),
    # No such file: downloads themselves are tested in tests/transparency/test_visibility.py.
    "transparency:attachment_download": everyone(404),
    "transparency:plan_list": everyone(200),
    "transparency:planning_detail": everyone(200),
    "transparency:dissemination": everyone(200),
    "transparency:explainer_detail": everyone(200),
    "transparency:question_detail": everyone(200),
}

SAMPLE_KWARGS = {
    "transparency:document_field_feed": lambda s: {
        "field_slug": s.objects["transparency.field"].slug
    },
    "transparency:document_detail": lambda s: {"pk": s.objects["transparency.document"].pk},
    "transparency:attachment_download": lambda s: {
        "document_pk": s.objects["transparency.document"].pk,
        "pk": 999999,
    },
    "transparency:planning_detail": lambda s: {"pk": s.objects["transparency.planning"].pk},
    "transparency:explainer_detail": lambda s: {"slug": s.objects["transparency.explainer"].slug},
    "transparency:question_detail": lambda s: {"pk": s.objects["transparency.question"].pk},
}


def samples() -> dict:
    from tests.transparency.factories import (
        DocumentFactory,
        ExplainerFactory,
        FieldFactory,
        PlanningFactory,
        QuestionFactory,
    )
    from transparency.models import DocumentRelation, Ward

    field = FieldFactory(name="Kinh doanh xăng dầu")
    document = DocumentFactory(number="83/2014/NĐ-CP", fields=[field])
    amending = DocumentFactory(number="95/2021/NĐ-CP")
    return {
        "transparency.field": field,
        "transparency.ward": Ward.objects.create(name="Phường Gia Sàng"),
        "transparency.document": document,
        "transparency.documentrelation": DocumentRelation.objects.create(
            source=amending, kind="amends", target=document
        ),
        "transparency.planning": PlanningFactory(),
        "transparency.explainer": ExplainerFactory(),
        "transparency.question": QuestionFactory(),
    }
