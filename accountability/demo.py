"""Demo data: the regular reception calendar, the Director's monthly reception (one session of
the coming months planned on a holiday, so the move shows), and a few bookings. Idempotent."""

from datetime import date, time, timedelta

from django.utils import timezone

from portal.demo import DemoStep
from portal.models import Unit
from portal.search import index_object

from . import actions
from .models import Booking, ReceptionSchedule, Visit

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

STEPS = [DemoStep("accountability", seed, after=("portal",))]
