"""Demo data: the wards of Thái Nguyên after the 2025 reform and a month of planned outages
(two announced late, so the staff flag shows). Idempotent."""

import random
from datetime import datetime, time, timedelta

from django.utils import timezone

from portal.caching import bump_content_version
from portal.demo import DemoStep
from portal.search import index_object
from portal.slugs import vi_slugify

from .models import PlannedOutage, Ward

# (name, names before the 2025 reform as people still write them: examples for the demo)
WARDS = [
    ("Phường Phan Đình Phùng", "Phường Trưng Vương, Phường Túc Duyên, Phường Đồng Quang"),
    ("Phường Gia Sàng", "Phường Cam Giá, Phường Hương Sơn"),
    ("Phường Quyết Thắng", "Phường Thịnh Đán, Xã Phúc Hà"),
    ("Phường Tích Lương", "Phường Trung Thành, Xã Tân Cương"),
    ("Phường Quan Triều", "Phường Quang Vinh, Phường Tân Long"),
    ("Phường Phổ Yên", "Phường Ba Hàng, Phường Đồng Tiến"),
    ("Phường Sông Công", "Phường Mỏ Chè, Phường Thắng Lợi"),
    ("Xã Đại Phúc", "Xã Phúc Lương, Xã Minh Tiến"),
    ("Xã Phú Bình", "Thị trấn Hương Sơn, Xã Xuân Phương"),
]

REASONS = [
    "Bảo dưỡng, sửa chữa lưới điện trung áp",
    "Thay máy biến áp, nâng công suất trạm biến áp",
    "Cải tạo đường dây 22 kV, di dời cột điện phục vụ mở rộng đường",
    "Thí nghiệm định kỳ thiết bị trạm biến áp",
    "Phát quang hành lang tuyến đường dây",
]
AREAS = [
    "Tổ dân phố 3, 5, 7; đường Lương Ngọc Quyến",
    "Khu dân cư số 2, đường Cách Mạng Tháng Tám",
    "Trạm biến áp Gia Sàng 4, Gia Sàng 6",
    "Xóm Đồng Cẩm, xóm Đồng Kiệm",
    "Khu công nghiệp Sông Công I (một phần)",
    "Tổ dân phố Tân Long, chợ Quan Triều",
]


def seed_wards() -> dict[str, Ward]:
    wards = {}
    for name, old in WARDS:
        wards[name], _created = Ward.objects.update_or_create(
            slug=vi_slugify(name), defaults={"name": name, "old_names": old}
        )
        index_object(wards[name])
    return wards


def seed(stdout=None):
    wards = list(seed_wards().values())
    rng = random.Random(2026)
    today = timezone.localdate()
    zone = timezone.get_current_timezone()
    for number in range(1, 31):
        day = today + timedelta(days=number - 8)
        start = datetime.combine(day, time(rng.choice([6, 7, 8, 13])), tzinfo=zone)
        # Two outages are announced late: the staff dashboard flags them.
        notice = 2 if number in (12, 19) else rng.choice([6, 7, 10])
        outage, _created = PlannedOutage.objects.update_or_create(
            reference=f"PC-TN-{day:%Y%m}-{number:03d}",
            defaults={
                "starts_at": start,
                "ends_at": start + timedelta(hours=rng.choice([3, 4, 5, 8])),
                "area": rng.choice(AREAS),
                "reason": rng.choice(REASONS),
                "announced_at": start - timedelta(days=notice, hours=3),
            },
        )
        outage.wards.set(rng.sample(wards, rng.choice([1, 1, 2])))
    bump_content_version("services")
    if stdout:
        stdout.write("Services: wards and a month of planned outages.")


STEPS = [DemoStep("services", seed, after=("portal",))]
