"""Factories with Vietnamese data as it really looks: names written Họ Đệm Tên, mobile numbers
that pass the national numbering plan, wards after the 2025 reform."""

import random

import factory
import phonenumbers
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from portal.models import Holiday, OfficialScore, Unit

FAMILY_NAMES = [
    "Nguyễn",
    "Trần",
    "Lê",
    "Phạm",
    "Hoàng",
    "Huỳnh",
    "Phan",
    "Vũ",
    "Võ",
    "Đặng",
    "Bùi",
    "Đỗ",
]
MIDDLE_NAMES = ["Văn", "Thị", "Hữu", "Đức", "Minh", "Thanh", "Ngọc", "Quang", "Thu", "Xuân"]
GIVEN_NAMES = [
    "An",
    "Bình",
    "Cường",
    "Dũng",
    "Giang",
    "Hà",
    "Hạnh",
    "Hùng",
    "Lan",
    "Linh",
    "Mai",
    "Nam",
    "Nga",
    "Phương",
    "Quân",
    "Sơn",
    "Tâm",
    "Thảo",
    "Trang",
    "Tuấn",
    "Yến",
]
# Wards of Thái Nguyên after the 2025 reorganisation (no districts any more).
WARDS = [
    "Phường Phan Đình Phùng",
    "Phường Gia Sàng",
    "Phường Quyết Thắng",
    "Phường Tích Lương",
    "Phường Quan Triều",
    "Phường Phổ Yên",
    "Phường Sông Công",
    "Xã Đại Phúc",
    "Xã Phú Bình",
]
MOBILE_PREFIXES = [
    "032",
    "033",
    "034",
    "035",
    "036",
    "037",
    "038",
    "039",
    "070",
    "076",
    "077",
    "078",
    "079",
    "081",
    "082",
    "083",
    "084",
    "085",
    "086",
    "088",
    "089",
    "090",
    "091",
    "093",
    "094",
    "096",
    "097",
    "098",
]


def vietnamese_name(rng: random.Random = random) -> str:
    return f"{rng.choice(FAMILY_NAMES)} {rng.choice(MIDDLE_NAMES)} {rng.choice(GIVEN_NAMES)}"


def vietnamese_mobile(rng: random.Random = random) -> str:
    """A mobile number in a range the national numbering plan has allocated (not every block
    behind a carrier prefix is in use, so draw until phonenumbers accepts one)."""
    for _attempt in range(100):
        number = rng.choice(MOBILE_PREFIXES) + "".join(str(rng.randint(0, 9)) for _ in range(7))
        if phonenumbers.is_valid_number(phonenumbers.parse(number, "VN")):
            return number
    raise RuntimeError("No valid Vietnamese mobile number drawn: check MOBILE_PREFIXES.")


def vietnamese_address(rng: random.Random = random) -> str:
    street = rng.choice(["Hoàng Văn Thụ", "Lương Ngọc Quyến", "Quang Trung", "Cách Mạng Tháng Tám"])
    return f"Số {rng.randint(1, 300)}, đường {street}, {rng.choice(WARDS)}, tỉnh Thái Nguyên"


class UnitFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Unit
        django_get_or_create = ["code"]

    name = factory.Sequence(lambda n: f"Phòng chuyên môn {n}")
    code = factory.Sequence(lambda n: f"phong-{n}")


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"canbo{n}@congthuong.example.vn")
    username = factory.LazyAttribute(lambda o: o.email)
    # One name, Họ Đệm Tên: the family name is last_name, the rest first_name.
    last_name = factory.LazyAttribute(lambda o: o.full_name.split(" ", 1)[0])
    first_name = factory.LazyAttribute(lambda o: o.full_name.split(" ", 1)[1])
    password = factory.PostGenerationMethodCall("set_password", "mat-khau-thu-nghiem-2026")

    class Params:
        full_name = factory.LazyFunction(vietnamese_name)

    @factory.post_generation
    def roles(self, create, extracted, **kwargs):
        if create and extracted:
            self.groups.add(*Group.objects.filter(name__in=extracted))
            self.save()


class HolidayFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Holiday
        django_get_or_create = ["date"]

    name = "Ngày nghỉ lễ"
    kind = Holiday.Kind.HOLIDAY


class OfficialScoreFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = OfficialScore

    year = 2023
    scope = OfficialScore.Scope.PROVINCE
    province = "Thái Nguyên"
    level = OfficialScore.Level.TOTAL
    code = "PAPI"
    name_vi = "Chỉ số PAPI tổng hợp"
    score = 45
    scale = "8-80"
