"""Reference data shipped with the portal, loaded by data migrations: the PAPI dimensions,
the official PAPI scores published so far, and the announced holidays. The CSV files in
portal/data/ are copies of the published figures, each row naming its source."""

import csv
from decimal import Decimal
from pathlib import Path

DATA_DIR = Path(__file__).resolve().parent / "data"

DIMENSIONS = [
    ("D1", "Tham gia của người dân ở cấp cơ sở", "Participation at Local Levels"),
    (
        "D2",
        "Công khai, minh bạch trong việc ra quyết định ở địa phương",
        "Transparency in Local Decision-making",
    ),
    ("D3", "Trách nhiệm giải trình với người dân", "Vertical Accountability Towards Citizens"),
    ("D4", "Kiểm soát tham nhũng trong khu vực công", "Control of Corruption in the Public Sector"),
    ("D5", "Thủ tục hành chính công", "Public Administrative Procedures"),
    ("D6", "Cung ứng dịch vụ công", "Public Service Delivery"),
    ("D7", "Quản trị môi trường", "Environmental Governance"),
    ("D8", "Quản trị điện tử", "E-Governance"),
]
SOURCE_2011_2016 = (
    "PAPI 2011–2016, bảng số liệu chính thức theo tỉnh (PAPI_2011-2016.xlsx, "
    "bản lưu trong kho công khai mdtrinh/vietnamdata)"
)
TOTAL_NAME = ("Chỉ số PAPI tổng hợp", "Aggregate PAPI")


def _rows(name: str):
    with open(DATA_DIR / name, encoding="utf-8", newline="") as handle:
        yield from csv.DictReader(handle)


def load_dimensions(Dimension) -> None:
    for order, (code, name_vi, name_en) in enumerate(DIMENSIONS, start=1):
        Dimension.objects.update_or_create(
            code=code, defaults={"name_vi": name_vi, "name_en": name_en, "order": order}
        )


def load_holidays(Holiday) -> None:
    for row in _rows("holidays_vn.csv"):
        kind = "makeup_workday" if row["kind"] in {"makeup_workday", "workday"} else "holiday"
        Holiday.objects.update_or_create(
            date=row["date"],
            defaults={"name": row["name_vi"], "kind": kind, "source": row["source"]},
        )


def official_scores():
    """Yields the OfficialScore field values of every published figure we hold."""
    dimension_names = {code: (vi, en) for code, vi, en in DIMENSIONS}
    for row in _rows("papi_provinces_2011_2016.csv"):
        score = Decimal(row["score"])
        if not score:  # provinces not surveyed that year have zeros
            continue
        best = row["province_id"] == "999"
        level = row["level"]
        yield {
            "year": int(row["year"]),
            "scope": "best" if best else "province",
            "province": "" if best else row["province_vi"],
            "level": level,
            "code": row["code"],
            "name_vi": TOTAL_NAME[0] if level == "total" else row["name_vi"],
            "name_en": TOTAL_NAME[1] if level == "total" else row["name_en"],
            "score": score,
            "scale": {"total": "6-60", "dimension": "1-10"}.get(level, ""),
            "source": SOURCE_2011_2016,
        }
    for row in _rows("papi_figures_2018_2024.csv"):
        code = row["code"]
        total = code == "PAPI"
        yield {
            "year": int(row["year"]),
            "scope": row["scope"],
            "province": row["name_vi"] if row["scope"] == "province" else "",
            "level": "total" if total else "dimension",
            "code": code,
            "name_vi": TOTAL_NAME[0] if total else dimension_names[code][0],
            "name_en": TOTAL_NAME[1] if total else dimension_names[code][1],
            "score": Decimal(row["score"]),
            "scale": row["scale"],
            "source": row["source"],
        }


def load_official_scores(OfficialScore) -> None:
    existing = set(OfficialScore.objects.values_list("year", "scope", "province", "code"))
    new = [
        OfficialScore(**values)
        for values in official_scores()
        if (values["year"], values["scope"], values["province"], values["code"]) not in existing
    ]
    OfficialScore.objects.bulk_create(new, batch_size=2000)


def restore_if_empty(sender=None, using="default", **kwargs) -> None:
    """After migrate or a test database flush: reload each reference table that is empty.

    Tables staff have edited are never touched, so a corrected holiday stays corrected."""
    from .models import Dimension, Holiday, OfficialScore

    for model, load in (
        (Dimension, load_dimensions),
        (Holiday, load_holidays),
        (OfficialScore, load_official_scores),
    ):
        if not model.objects.using(using).exists():
            load(model)
