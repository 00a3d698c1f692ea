"""Factories for the procedures tests: procedures as the department's catalog records them."""

from datetime import timedelta

import factory
from django.utils import timezone

from portal.publishing import Publication
from procedures.models import (
    Channel,
    DossierComponent,
    OnlineLevel,
    Procedure,
    SubmissionMethod,
)


class ProcedureFactory(factory.django.DjangoModelFactory):
    """Published yesterday, with an in-person method of `days` working days (7 by default)."""

    class Meta:
        model = Procedure
        skip_postgeneration_save = True

    code = factory.Sequence(lambda n: f"2.{1000 + n:06d}")
    name = factory.Sequence(
        lambda n: f"Cấp Giấy chứng nhận cửa hàng đủ điều kiện bán lẻ xăng dầu số {n}"
    )
    field = "Lưu thông hàng hóa trong nước"
    implementing_agency = "Sở Công Thương"
    deciding_agency = "Sở Công Thương"
    steps = "Nộp hồ sơ tại Bộ phận Một cửa.\nThẩm định hồ sơ.\nTrả kết quả."
    results = "Giấy chứng nhận"
    online_level = OnlineLevel.PARTIAL
    legal_basis = "83/2014/NĐ-CP; 95/2021/NĐ-CP"
    publication = Publication.PUBLISHED
    published_at = factory.LazyFunction(lambda: timezone.now() - timedelta(days=1))

    @factory.post_generation
    def days(self, create, extracted, **kwargs):
        if create:
            SubmissionMethod.objects.create(
                procedure=self,
                channel=Channel.IN_PERSON,
                processing_days=7 if extracted is None else extracted,
                fee_vnd=0,
            )

    @factory.post_generation
    def papers(self, create, extracted, **kwargs):
        if create:
            for order, name in enumerate(extracted or ["Văn bản đề nghị theo mẫu"]):
                DossierComponent.objects.create(procedure=self, name=name, order=order)


def draft(**kwargs) -> Procedure:
    return ProcedureFactory(publication=Publication.DRAFT, published_at=None, **kwargs)


def make_dossier(*, unit, procedure=None, phone="0912 345 678", received_at=None, **kwargs):
    """A dossier received through the action, so its code, date and steps are the real ones."""
    from procedures import actions

    return actions.dossier_receive(
        procedure=procedure or ProcedureFactory(),
        unit=unit,
        applicant_name=kwargs.pop("applicant_name", "Nguyễn Văn An"),
        applicant_phone=phone,
        received_at=received_at or timezone.now(),
        **kwargs,
    )


def make_feedback(*, unit=None, answered=False, published=False, **fields):
    from portal import publishing
    from procedures import actions
    from procedures.models import Feedback

    values = {
        "about": Feedback.About.PROCEDURE,
        "subject": "Yêu cầu nộp thêm giấy tờ không có trong thành phần hồ sơ",
        "content": "Tôi là Trần Thị Hoa, cán bộ yêu cầu nộp thêm bản sao hợp đồng thuê đất.",
        "name": "Trần Thị Hoa",
        "phone": "0912 345 678",
        "consent_publish": True,
        **fields,
    }
    feedback = actions.feedback_create(**values)
    if unit is not None:
        feedback.unit = unit
        feedback.status = Feedback.Status.ROUTED
        feedback.save()
    if answered or published:
        actions.feedback_answer(
            feedback=feedback, answer="Thành phần hồ sơ chỉ gồm các giấy tờ đã công bố."
        )
    if published:
        feedback.public_question = "Cán bộ yêu cầu nộp thêm bản sao hợp đồng thuê đất."
        publishing.item_publish(item=feedback, user=None)
    return feedback
