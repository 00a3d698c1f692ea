"""Factories for the accountability tests: a published regular calendar and its sessions."""

from datetime import time, timedelta

import factory
from django.utils import timezone

from accountability.models import Booking, ReceptionSchedule, ReceptionSession, Visit


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
