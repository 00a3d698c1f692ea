"""Demo data: the wards of Thái Nguyên after the 2025 reform and a month of planned outages
(two announced late, so the staff flag shows). Idempotent."""

import random
from datetime import datetime, time, timedelta

from django.utils import timezone

from portal.caching import bump_content_version
from portal.demo import DemoStep
from portal.models import Unit
from portal.publishing import item_publish
from portal.search import index_object
from portal.slugs import vi_slugify

from . import actions
from .models import (
    GridProject,
    PlannedOutage,
    ProjectMilestone,
    ProjectUpdate,
    ServiceFigure,
    SupplyProblem,
    Ward,
)

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
    seed_problems(wards)
    seed_projects(wards)
    seed_figures(wards)
    bump_content_version("services")
    if stdout:
        stdout.write("Services: wards, a month of planned outages, supply problems.")


# (kind, ward index, address, description, name, phone, days ago, status reached)
PROBLEMS = [
    (SupplyProblem.Kind.OUTAGE, 1, "Tổ dân phố 7, đường Cách Mạng Tháng Tám",
     "Mất điện cả tổ từ 6 giờ sáng, không có thông báo cắt điện trước.",
     "Nguyễn Văn Bình", "0987 654 321", 1, SupplyProblem.Status.RECEIVED),
    (SupplyProblem.Kind.LOW_VOLTAGE, 7, "Xóm Đồng Kiệm",
     "Điện yếu vào buổi tối từ 18 đến 22 giờ, máy bơm nước không chạy được.",
     "Trần Thị Hoa", "0912 345 678", 4, SupplyProblem.Status.FORWARDED),
    (SupplyProblem.Kind.HAZARD, 4, "Ngõ 12, tổ dân phố Tân Long",
     "Cột điện hạ thế bị nghiêng sau mưa bão, dây võng thấp sát mái nhà dân.",
     "Lê Minh Tuấn", "0203 3855 220", 9, SupplyProblem.Status.ANSWERED),
    (SupplyProblem.Kind.OUTAGE, 5, "Khu dân cư số 2, đường Lý Nam Đế",
     "Mất điện ba lần trong tuần, mỗi lần khoảng một giờ.",
     "Phạm Thu Hà", "0975 112 233", 20, SupplyProblem.Status.RESOLVED),
    (SupplyProblem.Kind.LOW_VOLTAGE, 0, "Số 45 đường Hoàng Văn Thụ",
     "Điện áp chập chờn làm hỏng tủ lạnh, đề nghị kiểm tra trạm biến áp.",
     "Đỗ Quang Minh", "0868 456 789", 45, SupplyProblem.Status.RESOLVED),
]  # fmt: skip


def seed_problems(wards) -> None:
    if SupplyProblem.objects.exists():
        return
    unit = Unit.objects.filter(code=actions.ENERGY_UNIT).first()
    order = list(SupplyProblem.Status.values)
    for kind, ward, address, text, name, phone, days, status in PROBLEMS:
        problem = SupplyProblem.objects.create(
            code=actions._new_code(), kind=kind, ward=wards[ward % len(wards)],
            address=address, description=text, name=name, phone=phone,
            consent_at=timezone.now(), consent_notice=actions.CONSENT_NOTICE, unit=unit,
        )  # fmt: skip
        reached = order.index(status)
        when = timezone.now() - timedelta(days=days)
        fields = {"created_at": when, "status": status}
        if reached >= 1:
            fields["forwarded_at"] = when + timedelta(hours=3)
            fields["forwarded_to"] = "cskh@pc-thainguyen.example.vn"
        if reached >= 2:
            fields["answered_at"] = when + timedelta(days=2)
            fields["answer"] = "Điện lực đã kiểm tra, thay dây dẫn và cân chỉnh lại pha."
        if reached >= 3:
            fields |= {"resolved_on": (when + timedelta(days=3)).date()}
        SupplyProblem.objects.filter(pk=problem.pk).update(**fields)


STEPS = [DemoStep("services", seed, after=("portal",))]


# (name, ward indexes, voltage, MV km, LV km, substations, kVA, budget (million VND), year,
#  status, progress, months from the start to completion, months since the start)
PROJECTS = [
    ("Cải tạo, nâng cấp lưới điện trung áp khu vực Gia Sàng", [1], "22kv", 6.8, 4.2, 3, 1260,
     18500, 2025, "completed", 100, 10, 14),
    ("Xây dựng mới trạm biến áp 110 kV Quyết Thắng và nhánh rẽ", [2], "110kv", 3.5, 0, 1, 63000,
     126000, 2025, "under_way", 70, 18, 12),
    ("Chống quá tải lưới điện hạ áp phường Phan Đình Phùng", [0], "0.4kv", 0, 12.4, 4, 1000,
     9800, 2026, "under_way", 55, 8, 5),
    ("Đường dây 22 kV cấp điện cụm công nghiệp Sông Công", [6], "22kv", 9.2, 0, 2, 2500, 32000,
     2026, "under_way", 30, 12, 4),
    ("Cải tạo lưới điện nông thôn xã Đại Phúc và xã Phú Bình", [7, 8], "22kv", 14.5, 21.0, 6,
     1500, 41000, 2026, "under_way", 20, 14, 3),
    ("Nâng công suất trạm biến áp Phổ Yên 3", [5], "35kv", 1.2, 2.0, 1, 630, 4200, 2025,
     "completed", 100, 6, 9),
    ("Ngầm hóa lưới điện trung tâm phường Quan Triều", [4], "22kv", 2.8, 5.5, 2, 800, 27500, 2026,
     "planned", 0, 12, -2),
    ("Xây dựng xuất tuyến 35 kV sau trạm 110 kV Tích Lương", [3], "35kv", 7.6, 0, 0, 0, 15600,
     2026, "planned", 0, 10, -4),
    ("Cấp điện khu tái định cư Phổ Yên", [5, 6], "0.4kv", 0.6, 8.3, 2, 560, 6300, 2025,
     "suspended", 35, 8, 11),
    ("Lắp đặt tụ bù và hoàn thiện lưới hạ áp xã Phú Bình", [8], "0.4kv", 0, 6.0, 0, 0, 2900, 2026,
     "completed", 100, 4, 6),
]  # fmt: skip

MILESTONES = ["Phê duyệt dự án", "Khởi công", "Hoàn thành phần móng, cột", "Đóng điện"]


def _months(day, months: int):
    return day + timedelta(days=round(30.4 * months))


def seed_projects(wards) -> None:
    today = timezone.localdate()
    for number, row in enumerate(PROJECTS):
        name, indexes, voltage, mv, lv, stations, kva, budget, year, status, progress = row[:11]
        duration, elapsed = row[11:]
        project, created = GridProject.objects.update_or_create(
            slug=vi_slugify(name)[:120],
            defaults={
                "name": name,
                "summary": (
                    f"{name}: {mv} km đường dây trung áp, {lv} km đường dây hạ áp, "
                    f"{stations} trạm biến áp, giảm quá tải và nâng cao chất lượng điện áp."
                ),
                "voltage": voltage,
                "medium_voltage_km": mv,
                "low_voltage_km": lv,
                "substations": stations,
                "substation_kva": kva,
                "investor": "Công ty Điện lực Thái Nguyên",
                "budget_million_vnd": budget,
                "funding_source": "Vốn khấu hao cơ bản và vốn vay thương mại của ngành điện",
                "year": year,
                "status": status,
                "progress": progress,
                "old_area_names": dict(WARDS).get(wards[indexes[0]].name, ""),
            },
        )
        project.wards.set([wards[i % len(wards)] for i in indexes])
        if not created:
            continue
        start = _months(today, -elapsed)
        planned = [
            _months(start, -2),
            start,
            _months(start, duration // 2),
            _months(start, duration),
        ]
        for step, (milestone, day) in enumerate(zip(MILESTONES, planned, strict=True)):
            reached = day <= today and (status == "completed" or step < 3)
            late = (number + step) % 3  # some milestones slip
            ProjectMilestone.objects.create(
                project=project, name=milestone, planned_on=day,
                actual_on=day + timedelta(days=7 * late) if reached else None,
            )  # fmt: skip
        for index, share in enumerate(range(10, progress + 1, 30)):
            ProjectUpdate.objects.create(
                project=project, date=_months(start, index + 1), progress=share,
                text=f"Đơn vị thi công đã hoàn thành khoảng {share}% khối lượng; "
                "bảo đảm an toàn lưới điện và hành lang tuyến.",
            )  # fmt: skip
        item_publish(item=project)


FIGURE_SOURCE = "Báo cáo tình hình cung cấp điện quý của Công ty Điện lực Thái Nguyên (số liệu mẫu)"


def _quarter_start(day):
    return day.replace(month=(day.month - 1) // 3 * 3 + 1, day=1)


def _quarter_ends(count: int):
    """The last days of the `count` quarters before the current one, oldest first."""
    start = _quarter_start(timezone.localdate())
    ends = []
    for _n in range(count):
        end = start - timedelta(days=1)
        ends.append(end)
        start = _quarter_start(end)
    return list(reversed(ends))


def seed_figures(wards) -> None:
    """Two years of quarterly figures (examples, marked so in their source)."""
    ends = _quarter_ends(8)
    for index, end in enumerate(ends):
        values = {
            ServiceFigure.Kind.ELECTRIFICATION: 99.1 + 0.1 * index,
            ServiceFigure.Kind.SAIDI: 310 - 12 * index,
            ServiceFigure.Kind.SAIFI: 3.4 - 0.1 * index,
            ServiceFigure.Kind.PROJECTS_COMPLETED: [1, 0, 2, 1, 1, 2, 0, 3][index],
        }
        for kind, value in values.items():
            ServiceFigure.objects.update_or_create(
                kind=kind, ward=None, period_end=end,
                defaults={"value": round(value, 2), "source": FIGURE_SOURCE,
                          "source_date": end + timedelta(days=20)},
            )  # fmt: skip
    last = ends[-1]
    for number, ward in enumerate(wards):
        ServiceFigure.objects.update_or_create(
            kind=ServiceFigure.Kind.ELECTRIFICATION, ward=ward, period_end=last,
            defaults={"value": 100 - 0.3 * (number % 4), "source": FIGURE_SOURCE,
                      "source_date": last + timedelta(days=20)},
        )  # fmt: skip
