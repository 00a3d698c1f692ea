"""Demo data: the regular reception calendar, the Director's monthly reception (one session of
the coming months planned on a holiday, so the move shows), a few bookings and visits; cases at
each stage, requests for explanation, dialogues with questions and answers, an inspection
conclusion with its recommendations (one overdue). Idempotent."""

from datetime import date, datetime, time, timedelta

from django.utils import timezone

from portal.demo import DemoStep
from portal.models import Unit
from portal.publishing import item_publish
from portal.search import index_object

from . import actions
from .models import (
    Booking,
    Case,
    Dialogue,
    DialogueQuestion,
    ExplanationRequest,
    InspectionConclusion,
    ReceptionSchedule,
    Recommendation,
    Visit,
)

PLACE = "Phòng tiếp công dân, tầng 1, trụ sở Sở Công Thương, số 8 đường Đội Cấn"

BOOKINGS = [
    (
        Booking.Topic.PETITION,
        "Trần Thị Hoa",
        "0912 345 678",
        "tran.thi.hoa@example.vn",
        "Kiến nghị về việc bố trí chợ tạm trong thời gian cải tạo chợ trung tâm phường.",
    ),
    (
        Booking.Topic.COMPLAINT,
        "Nguyễn Văn Bình",
        "0987 654 321",
        "",
        "Khiếu nại quyết định xử phạt vi phạm hành chính trong kinh doanh xăng dầu.",
    ),
    (
        Booking.Topic.FEEDBACK,
        "Lê Minh Tuấn",
        "0203 3855 220",
        "le.minh.tuan@example.vn",
        "Phản ánh cửa hàng bán khí dầu mỏ hóa lỏng không bảo đảm khoảng cách an toàn.",
    ),
]


def _director_day(year: int, month: int) -> date:
    """The Director receives on the 15th; the first month whose 15th is a holiday shows the
    move to the next working day."""
    return date(year, month, 15)


def seed(stdout=None):
    office = Unit.objects.filter(code="thanh-tra").first()
    regular, _ = ReceptionSchedule.objects.update_or_create(
        slug="tiep-cong-dan-thuong-xuyen",
        defaults={
            "name": "Tiếp công dân thường xuyên",
            "kind": ReceptionSchedule.Kind.REGULAR,
            "unit": office,
            "weekdays": "1,3",
            "start_time": time(7, 30),
            "end_time": time(11, 30),
            "place": PLACE,
            "officer_on_duty": "Ông Hoàng Văn Sơn, Phó Chánh Thanh tra Sở",
            "capacity": 8,
            "is_published": True,
        },
    )
    director, _ = ReceptionSchedule.objects.update_or_create(
        slug="giam-doc-tiep-cong-dan",
        defaults={
            "name": "Giám đốc Sở tiếp công dân định kỳ",
            "kind": ReceptionSchedule.Kind.DIRECTOR,
            "unit": office,
            "weekdays": "",
            "start_time": time(8, 0),
            "end_time": time(11, 0),
            "place": PLACE,
            "officer_on_duty": "Ông Đỗ Quang Minh, Giám đốc Sở",
            "capacity": 5,
            "is_published": True,
        },
    )
    index_object(regular)
    index_object(director)
    today = timezone.localdate()
    actions.sessions_generate(
        schedule=regular,
        start=today - timedelta(days=30),
        end=today + timedelta(days=90),
        publish=True,
    )
    planned = set(director.sessions.values_list("planned_date", flat=True))
    year, month = today.year, today.month
    for offset in range(-1, 4):
        y, m = year + (month - 1 + offset) // 12, (month - 1 + offset) % 12 + 1
        day = _director_day(y, m)
        if day in planned:
            continue
        # The month after next is left unpublished, so the dashboard shows its warning.
        publish = offset <= 1
        actions.session_create(
            schedule=director,
            planned_date=day,
            is_published=publish,
            published_at=timezone.now() if publish else None,
            delegate="Bà Phạm Thu Hà, Phó Giám đốc Sở" if offset == 1 else "",
        )
    if office and not Visit.objects.exists():
        for days, name, address, kind, content, handling, forwarded, documents in VISITS:
            Visit.objects.create(
                unit=office, visited_on=today + timedelta(days=days), visitor_name=name,
                visitor_address=address, content=content, classification=kind,
                handling=handling, forwarded_to=forwarded, documents_received=documents,
                within_competence=handling != Visit.Handling.GUIDED,
                received_by="Hoàng Văn Sơn",
            )  # fmt: skip
    if not Booking.objects.exists():
        session = regular.sessions.filter(date__gt=today).order_by("date").first()
        for topic, name, phone, email, description in BOOKINGS if session else []:
            actions.booking_create(
                session_id=session.pk,
                topic=topic,
                description=description,
                name=name,
                phone=phone,
                email=email,
            )


VISITS = [
    (
        -20,
        "Nguyễn Thị Lan",
        "Tổ 3, phường Gia Sàng, tỉnh Thái Nguyên",
        Visit.Classification.COMPLAINT,
        "Khiếu nại việc thu hồi giấy chứng nhận đủ điều kiện bán lẻ xăng dầu của cửa hàng.",
        Visit.Handling.ACCEPTED,
        "",
        "Đơn khiếu nại (01 bản), bản sao quyết định thu hồi",
    ),
    (
        -13,
        "Đặng Văn Hùng",
        "Xóm Đồng Kem, xã Phú Bình, tỉnh Thái Nguyên",
        Visit.Classification.PETITION,
        "Kiến nghị sớm cải tạo đường dây hạ thế sau trạm biến áp của xóm.",
        Visit.Handling.FORWARDED,
        "Công ty Điện lực Thái Nguyên",
        "",
    ),
    (
        -6,
        "Vũ Thị Mai",
        "Tổ 12, phường Quyết Thắng, tỉnh Thái Nguyên",
        Visit.Classification.FEEDBACK,
        "Phản ánh cơ sở kinh doanh khí dầu mỏ hóa lỏng không niêm yết giá.",
        Visit.Handling.GUIDED,
        "",
        "",
    ),
]


def seed_cases(today: date, office) -> None:
    """Cases at each stage: received, accepted, resolved, forwarded, and one overdue."""
    if Case.objects.exists():
        return
    visit = Visit.objects.filter(classification=Visit.Classification.COMPLAINT).first()
    if visit:
        case = actions.case_from_visit(user=None, visit=visit)
        case.status, case.accepted_on = Case.Status.ACCEPTED, visit.visited_on + timedelta(days=6)
        case.save()
    for days, kind, status, name, subject, content, extra in CASES:
        case = actions.case_submit(
            kind=kind,
            name=name,
            address="Tỉnh Thái Nguyên",
            subject=subject,
            content=content,
            channel=Case.Channel.POST if days < -40 else Case.Channel.ONLINE,
            received_on=today + timedelta(days=days),
        )
        case.status, case.unit = status, office
        for field, value in extra.items():
            setattr(case, field, today + timedelta(days=value) if field.endswith("_on") else value)
        case.save()


CASES = [
    (
        -3,
        Case.Kind.COMPLAINT,
        Case.Status.RECEIVED,
        "Phạm Văn Khoa",
        "Khiếu nại quyết định không cấp giấy phép bán lẻ sản phẩm thuốc lá",
        "Ngày 02 tháng 11, Sở có văn bản không cấp giấy phép bán lẻ sản phẩm thuốc lá cho hộ kinh "
        "doanh của tôi với lý do địa điểm gần trường học. Địa điểm kinh doanh cách cổng trường "
        "hơn 100 m; đề nghị Sở xem xét lại.",
        {},
    ),
    (
        -25,
        Case.Kind.DENUNCIATION,
        Case.Status.ACCEPTED,
        "Hoàng Thị Thu",
        "Tố cáo cán bộ quản lý thị trường nhận tiền của hộ kinh doanh",
        "Tôi tố cáo việc một cán bộ kiểm tra tại chợ trung tâm yêu cầu hộ kinh doanh nộp tiền "
        "không có biên lai. Kèm theo đơn là ảnh chụp và lời khai của hai hộ kinh doanh.",
        {"accepted_on": -19, "notified_on": -16, "complex": True, "extensions": 1},
    ),
    (
        -75,
        Case.Kind.COMPLAINT,
        Case.Status.RESOLVED,
        "Công ty TNHH Thương mại Minh Phát",
        "Khiếu nại quyết định xử phạt vi phạm hành chính về kinh doanh xăng dầu",
        "Công ty khiếu nại Quyết định xử phạt vi phạm hành chính vì cho rằng việc đo kiểm cột "
        "bơm không đúng quy trình.",
        {
            "accepted_on": -68,
            "resolved_on": -45,
            "decision_number": "125/QĐ-SCT",
            "decision": "Giữ nguyên quyết định xử phạt; khiếu nại là không có cơ sở.",
        },
    ),
    (
        -10,
        Case.Kind.DENUNCIATION,
        Case.Status.FORWARDED,
        "Trịnh Văn Long",
        "Tố cáo hành vi lấn chiếm hành lang an toàn lưới điện",
        "Hộ gia đình xây dựng nhà trong hành lang an toàn đường dây 35 kV.",
        {
            "within_competence": False,
            "forwarded_on": -7,
            "forwarded_to": "Ủy ban nhân dân xã Phú Bình",
        },
    ),
    (
        -50,
        Case.Kind.COMPLAINT,
        Case.Status.ACCEPTED,
        "Bùi Thị Ngân",
        "Khiếu nại việc thu hồi giấy chứng nhận đủ điều kiện kinh doanh khí",
        "Đề nghị Sở xem xét lại việc thu hồi giấy chứng nhận vì cửa hàng đã khắc phục các tồn tại.",
        {"accepted_on": -44},
    ),
]


def seed_explanations(today: date, office) -> None:
    if ExplanationRequest.objects.exists():
        return
    pending = actions.explanation_submit(
        name="Ngô Văn Thành",
        address="Tổ 7, phường Túc Duyên, tỉnh Thái Nguyên",
        subject="Giải trình việc điều chỉnh quy hoạch cửa hàng xăng dầu trên tuyến Quốc lộ 3",
        content="Đề nghị Sở giải trình căn cứ đưa vị trí cửa hàng xăng dầu của gia đình tôi ra "
        "khỏi danh mục quy hoạch.",
        publish_consent=True,
    )
    pending.unit = office
    pending.save()
    done = actions.explanation_submit(
        name="Hợp tác xã Chè Tân Cương",
        address="Xã Tân Cương, tỉnh Thái Nguyên",
        subject="Giải trình tiêu chí xét chọn sản phẩm tham gia hội chợ xúc tiến thương mại",
        content="Hợp tác xã đề nghị Sở giải trình vì sao sản phẩm chè của hợp tác xã không được "
        "chọn tham gia hội chợ năm nay.",
        publish_consent=True,
    )
    ExplanationRequest.objects.filter(pk=done.pk).update(
        unit=office,
        received_on=today - timedelta(days=30),
        status=ExplanationRequest.Status.EXPLAINED,
        decided_on=today - timedelta(days=27),
        explained_on=today - timedelta(days=15),
        meeting_results="Ngày làm việc với đại diện hợp tác xã, hai bên đã trao đổi về hồ sơ "
        "đăng ký và tiêu chí chấm điểm.",
        legal_basis="Kế hoạch xúc tiến thương mại năm của Ủy ban nhân dân tỉnh; Quy chế xét chọn "
        "đơn vị tham gia hội chợ do Sở ban hành.",
        explanation="Hồ sơ của hợp tác xã nộp sau thời hạn đăng ký; Sở ghi nhận và sẽ ưu tiên "
        "xét chọn tại hội chợ quý tới nếu hồ sơ đầy đủ, đúng hạn.",
        is_published=True,
    )


def seed_dialogue(today: date, office) -> None:
    if Dialogue.objects.exists():
        return
    zone = timezone.get_current_timezone()
    past = Dialogue.objects.create(
        title="Hội nghị đối thoại với doanh nghiệp kinh doanh xăng dầu",
        slug="doi-thoai-doanh-nghiep-xang-dau",
        held_at=datetime.combine(today - timedelta(days=20), time(8, 30), tzinfo=zone),
        place="Hội trường tầng 3, trụ sở Sở Công Thương",
        agenda="1. Tình hình cung ứng xăng dầu trên địa bàn tỉnh.\n"
        "2. Thủ tục cấp giấy chứng nhận cửa hàng đủ điều kiện bán lẻ xăng dầu.\n"
        "3. Giải đáp câu hỏi của doanh nghiệp.",
        unit=office,
        questions_until=today - timedelta(days=23),
        minutes="Hội nghị có 42 doanh nghiệp tham dự. Sở đã giải đáp 6 câu hỏi gửi trước và 9 "
        "câu hỏi tại hội nghị; các kiến nghị về thời gian cấp giấy chứng nhận được tiếp thu.",
    )
    coming = Dialogue.objects.create(
        title="Đối thoại với doanh nghiệp về xúc tiến thương mại và thương mại điện tử",
        slug="doi-thoai-xuc-tien-thuong-mai",
        held_at=datetime.combine(today + timedelta(days=14), time(14, 0), tzinfo=zone),
        place="Hội trường tầng 3, trụ sở Sở Công Thương",
        agenda="1. Chương trình xúc tiến thương mại năm tới.\n"
        "2. Hỗ trợ doanh nghiệp đưa sản phẩm lên sàn thương mại điện tử.",
        unit=office,
        questions_until=today + timedelta(days=10),
    )
    for dialogue in (past, coming):
        item_publish(item=dialogue)
    for business, question, answer in QUESTIONS:
        item = actions.question_submit(
            dialogue=past, business=business, name="Đại diện doanh nghiệp", question=question
        )
        item.status, item.answer = DialogueQuestion.Status.APPROVED, answer
        item.answered_at = timezone.now()
        item.save()
    actions.question_submit(
        dialogue=coming,
        business="Công ty Cổ phần Chè Thái",
        name="Lương Thị Hạnh",
        question="Doanh nghiệp nhỏ có được hỗ trợ chi phí gian hàng tại hội chợ không?",
    )


QUESTIONS = [
    (
        "Công ty TNHH Xăng dầu Đại Phát",
        "Thời hạn cấp lại giấy chứng nhận cửa hàng đủ điều kiện bán lẻ xăng dầu là bao lâu?",
        "Theo quy định hiện hành, Sở giải quyết trong thời hạn ghi tại thủ tục hành chính đã công "
        "bố; doanh nghiệp có thể nộp hồ sơ trực tuyến trên Cổng dịch vụ công.",
    ),
    (
        "Doanh nghiệp tư nhân Hồng Hà",
        "Cửa hàng có phải lắp camera giám sát tại cột bơm không?",
        "Sở sẽ hướng dẫn bằng văn bản sau hội nghị; trong khi chờ, doanh nghiệp thực hiện theo "
        "hướng dẫn của cơ quan quản lý thuế về hóa đơn điện tử từng lần bán.",
    ),
]


def seed_inspection(today: date, office) -> None:
    if InspectionConclusion.objects.exists() or office is None:
        return
    conclusion = InspectionConclusion.objects.create(
        number="15/KL-TTr",
        title="Kết luận thanh tra việc chấp hành pháp luật về kinh doanh khí tại các cửa hàng",
        issued_on=today - timedelta(days=120),
        inspected="Các cửa hàng kinh doanh khí dầu mỏ hóa lỏng trên địa bàn tỉnh",
        unit=office,
        summary="Đoàn thanh tra kiểm tra 18 cửa hàng; 5 cửa hàng vi phạm về khoảng cách an toàn "
        "và niêm yết giá. Đã xử phạt vi phạm hành chính và kiến nghị khắc phục.",
    )
    item_publish(item=conclusion)
    for text, unit, due, status, implemented in RECOMMENDATIONS:
        Recommendation.objects.create(
            conclusion=conclusion,
            text=text,
            responsible_unit=unit,
            follow_up_unit=office,
            due_on=today + timedelta(days=due),
            status=status,
            implemented_on=today + timedelta(days=implemented) if implemented else None,
        )


RECOMMENDATIONS = [
    (
        "Các cửa hàng vi phạm bố trí lại khu vực chứa chai khí bảo đảm khoảng cách an toàn.",
        "Các cửa hàng kinh doanh khí vi phạm",
        -60,
        Recommendation.Status.IMPLEMENTED,
        -65,
    ),
    (
        "Phòng Quản lý thương mại rà soát, thu hồi giấy chứng nhận của cửa hàng không khắc phục.",
        "Phòng Quản lý thương mại",
        -10,
        Recommendation.Status.IN_PROGRESS,
        None,
    ),
    (
        "Tổ chức tập huấn pháp luật về kinh doanh khí cho các cửa hàng trên địa bàn.",
        "Phòng Quản lý thương mại",
        45,
        Recommendation.Status.PENDING,
        None,
    ),
]


def seed_rest(stdout=None):
    today = timezone.localdate()
    office = Unit.objects.filter(code="thanh-tra").first()
    seed_cases(today, office)
    seed_explanations(today, office)
    seed_dialogue(today, office)
    seed_inspection(today, office)


STEPS = [
    DemoStep("accountability", seed, after=("portal",)),
    DemoStep("accountability-cases", seed_rest, after=("accountability",)),
]
