"""Factories for the accountability tests: a published regular calendar and its sessions."""

from datetime import time, timedelta

import factory
from django.utils import timezone

from accountability.models import (
    Booking,
    Case,
    Dialogue,
    DialogueQuestion,
    ExplanationRequest,
    InspectionConclusion,
    ReceptionSchedule,
    ReceptionSession,
    Recommendation,
    Visit,
)


class ScheduleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ReceptionSchedule

    name = factory.Sequence(lambda n: f"Tiếp công dân thường xuyên {n}")
    slug = factory.Sequence(lambda n: f"tiep-cong-dan-{n}")
    kind = ReceptionSchedule.Kind.REGULAR
    weekdays = "1,3"
    start_time = time(7, 30)
    end_time = time(11, 30)
    place = "Phòng tiếp công dân, tầng 1, số 8 đường Đội Cấn"
    officer_on_duty = "Ông Hoàng Văn Sơn, Phó Chánh Thanh tra Sở"
    capacity = 5
    is_published = True


class SessionFactory(factory.django.DjangoModelFactory):
    """Published, a week from today unless told otherwise."""

    class Meta:
        model = ReceptionSession

    schedule = factory.SubFactory(ScheduleFactory)
    planned_date = factory.LazyFunction(lambda: timezone.localdate() + timedelta(days=7))
    date = factory.LazyAttribute(lambda o: o.planned_date)
    start_time = time(7, 30)
    end_time = time(11, 30)
    place = "Phòng tiếp công dân, tầng 1, số 8 đường Đội Cấn"
    host = "Ông Hoàng Văn Sơn"
    capacity = 5
    is_published = True
    published_at = factory.LazyFunction(timezone.now)


class BookingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Booking

    session = factory.SubFactory(SessionFactory)
    code = factory.Sequence(lambda n: f"TCD-TEST{n:04d}")
    topic = Booking.Topic.PETITION
    description = "Kiến nghị về việc bố trí chợ tạm trong thời gian cải tạo chợ."
    name = "Trần Thị Hoa"
    phone = "0912 345 678"
    email = "tran.thi.hoa@example.vn"
    consent_at = factory.LazyFunction(timezone.now)
    consent_notice = "2026-1"


class VisitFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Visit

    unit = factory.SubFactory("tests.factories.UnitFactory")
    visited_on = factory.LazyFunction(timezone.localdate)
    visitor_name = "Lê Văn Tám"
    visitor_address = "Tổ 5, phường Phan Đình Phùng, tỉnh Thái Nguyên"
    content = "Phản ánh cửa hàng xăng dầu bán hàng không đúng giá niêm yết."
    classification = Visit.Classification.FEEDBACK
    handling = Visit.Handling.ACCEPTED
    received_by = "Hoàng Văn Sơn"


class CaseFactory(factory.django.DjangoModelFactory):
    """A complaint received online a few days ago, assigned to a unit of its own."""

    class Meta:
        model = Case

    code = factory.Sequence(lambda n: f"KN-TEST{n:04d}")
    kind = Case.Kind.COMPLAINT
    channel = Case.Channel.ONLINE
    received_on = factory.LazyFunction(lambda: timezone.localdate() - timedelta(days=3))
    petitioner_name = "Phạm Văn Khoa"
    petitioner_address = "Tổ 4, phường Phan Đình Phùng, tỉnh Thái Nguyên"
    email = "pham.van.khoa@example.vn"
    subject = "Khiếu nại quyết định không cấp giấy phép bán lẻ sản phẩm thuốc lá"
    content = "Đề nghị Sở xem xét lại quyết định không cấp giấy phép của hộ kinh doanh."
    unit = factory.SubFactory("tests.factories.UnitFactory")


class ExplanationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ExplanationRequest

    code = factory.Sequence(lambda n: f"GT-TEST{n:04d}")
    received_on = factory.LazyFunction(lambda: timezone.localdate() - timedelta(days=20))
    requester_name = "Hợp tác xã Chè Tân Cương"
    requester_address = "Xã Tân Cương, tỉnh Thái Nguyên"
    subject = "Giải trình tiêu chí xét chọn sản phẩm tham gia hội chợ"
    content = "Đề nghị Sở giải trình vì sao sản phẩm không được chọn."
    status = ExplanationRequest.Status.EXPLAINED
    decided_on = factory.LazyFunction(lambda: timezone.localdate() - timedelta(days=17))
    explained_on = factory.LazyFunction(lambda: timezone.localdate() - timedelta(days=5))
    meeting_results = "Hai bên đã trao đổi về hồ sơ đăng ký."
    legal_basis = "Quy chế xét chọn đơn vị tham gia hội chợ."
    explanation = "Hồ sơ nộp sau thời hạn đăng ký."
    publish_consent = True
    is_published = True
    unit = factory.SubFactory("tests.factories.UnitFactory")


class DialogueFactory(factory.django.DjangoModelFactory):
    """Published, in two weeks, taking questions for ten more days."""

    class Meta:
        model = Dialogue

    title = factory.Sequence(lambda n: f"Đối thoại với doanh nghiệp về xúc tiến thương mại {n}")
    slug = factory.Sequence(lambda n: f"doi-thoai-{n}")
    held_at = factory.LazyFunction(lambda: timezone.now() + timedelta(days=14))
    place = "Hội trường tầng 3, trụ sở Sở Công Thương"
    agenda = "1. Chương trình xúc tiến thương mại.\n2. Giải đáp câu hỏi của doanh nghiệp."
    questions_until = factory.LazyFunction(lambda: timezone.localdate() + timedelta(days=10))
    publication = "published"
    published_at = factory.LazyFunction(lambda: timezone.now() - timedelta(minutes=1))


class QuestionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = DialogueQuestion

    dialogue = factory.SubFactory(DialogueFactory)
    code = factory.Sequence(lambda n: f"HD-TEST{n:04d}")
    business = "Công ty TNHH Xăng dầu Đại Phát"
    sender_name = "Nguyễn Văn Đại"
    email = "dai@example.vn"
    question = "Thời hạn cấp lại giấy chứng nhận cửa hàng bán lẻ xăng dầu là bao lâu?"
    status = DialogueQuestion.Status.APPROVED
    consent_at = factory.LazyFunction(timezone.now)
    consent_notice = "2026-1"


class ConclusionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = InspectionConclusion

    number = factory.Sequence(lambda n: f"{n + 1}/KL-TTr")
    title = "Kết luận thanh tra việc chấp hành pháp luật về kinh doanh khí"
    issued_on = factory.LazyFunction(lambda: timezone.localdate() - timedelta(days=100))
    inspected = "Các cửa hàng kinh doanh khí trên địa bàn tỉnh"
    unit = factory.SubFactory("tests.factories.UnitFactory")
    summary = "Đoàn thanh tra kiểm tra 18 cửa hàng; 5 cửa hàng vi phạm."
    publication = "published"
    published_at = factory.LazyFunction(lambda: timezone.now() - timedelta(minutes=1))


class RecommendationFactory(factory.django.DjangoModelFactory):
    """Overdue: due ten days ago, being implemented."""

    class Meta:
        model = Recommendation

    conclusion = factory.SubFactory(ConclusionFactory)
    text = "Rà soát, thu hồi giấy chứng nhận của cửa hàng không khắc phục vi phạm."
    responsible_unit = "Phòng Quản lý thương mại"
    follow_up_unit = factory.SelfAttribute("conclusion.unit")
    due_on = factory.LazyFunction(lambda: timezone.localdate() - timedelta(days=10))
    status = Recommendation.Status.IN_PROGRESS
