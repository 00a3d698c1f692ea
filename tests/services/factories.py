from datetime import timedelta

import factory
from django.utils import timezone

from portal.models import Unit
from portal.slugs import vi_slugify
from services.models import GridProject, PlannedOutage, SupplyProblem, Ward

# The smallest PNG file: one transparent pixel.
PNG_BYTES = bytes.fromhex(
    "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
    "1f15c4890000000d49444154789c6360000002000154a24f5d0000000049454e44ae426082"
)


class WardFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Ward
        django_get_or_create = ("name",)

    name = factory.Sequence(lambda n: f"Phường Thử Nghiệm {n}")
    slug = factory.LazyAttribute(lambda o: vi_slugify(o.name))


class PlannedOutageFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PlannedOutage
        skip_postgeneration_save = True

    reference = factory.Sequence(lambda n: f"PC-TN-{n:05d}")
    starts_at = factory.LazyFunction(lambda: timezone.now() + timedelta(days=3))
    ends_at = factory.LazyAttribute(lambda o: o.starts_at + timedelta(hours=4))
    announced_at = factory.LazyAttribute(lambda o: o.starts_at - timedelta(days=7))
    reason = "Bảo dưỡng lưới điện trung áp"
    area = "Tổ dân phố 3"

    @factory.post_generation
    def wards(self, create, extracted, **kwargs):
        if create:
            self.wards.set(extracted or [WardFactory()])


class SupplyProblemFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SupplyProblem

    class Params:
        with_photo = False

    code = factory.Sequence(lambda n: f"SCD-T{n:07d}")
    kind = SupplyProblem.Kind.LOW_VOLTAGE
    ward = factory.SubFactory(WardFactory)
    address = "Số 12, tổ dân phố 5"
    description = "Điện yếu vào buổi tối, quạt quay chậm, bóng đèn nhấp nháy."
    name = "Trần Thị Hoa"
    phone = "0912 345 678"
    email = "tran.thi.hoa@example.vn"
    consent_at = factory.LazyFunction(timezone.now)
    consent_notice = "2026-1"
    unit = factory.LazyFunction(
        lambda: Unit.objects.get_or_create(
            code="quan-ly-nang-luong", defaults={"name": "Phòng Quản lý năng lượng"}
        )[0]
    )
    photo = factory.Maybe(
        "with_photo",
        factory.django.FileField(filename="anh.png", data=PNG_BYTES),
        None,
    )


class GridProjectFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = GridProject
        skip_postgeneration_save = True

    name = factory.Sequence(lambda n: f"Cải tạo lưới điện trung áp khu vực {n}")
    slug = factory.Sequence(lambda n: f"cong-trinh-{n}")
    summary = "Cải tạo đường dây 22 kV và xây mới trạm biến áp để giảm quá tải."
    voltage = GridProject.Voltage.MEDIUM_22
    medium_voltage_km = 4.5
    low_voltage_km = 6.2
    substations = 2
    substation_kva = 560
    investor = "Công ty Điện lực Thái Nguyên"
    budget_million_vnd = 12500
    funding_source = "Vốn đầu tư xây dựng của Tổng công ty Điện lực miền Bắc"
    year = 2026
    status = GridProject.Status.UNDER_WAY
    progress = 40
    publication = "published"
    published_at = factory.LazyFunction(lambda: timezone.now() - timedelta(days=1))

    @factory.post_generation
    def wards(self, create, extracted, **kwargs):
        if create:
            self.wards.set(extracted or [WardFactory()])
