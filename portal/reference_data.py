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
# Vietnamese names of the sub-dimensions since 2018 (the files give them in English only; the
# 2017 names are those of 2016, which the 2011–2016 table gives in both languages).
SUB_DIMENSION_NAMES_VI = {
    "Opportunities for Participation in Elections": "Cơ hội tham gia bầu cử",
    "Quality of Village Head Elections": "Chất lượng bầu cử trưởng thôn",
    "Access to Information": "Tiếp cận thông tin",
    "Poverty List Transparency": "Công khai danh sách hộ nghèo",
    "Communal Budget Transparency": "Công khai ngân sách cấp xã",
    "Transparent Land-Use Plan/Price Frames": "Công khai quy hoạch sử dụng đất, khung giá đất",
    "Interactions With Local Authorities": "Tiếp xúc với chính quyền",
    "Governments Responsive to Citizen Appeals": "Chính quyền phản hồi kiến nghị của người dân",
    "Access to Justice Services": "Tiếp cận dịch vụ tư pháp",
    "Limits on Corruption in Local Governments": "Kiểm soát tham nhũng trong chính quyền",
    "Equity in State Employment": "Công bằng trong tuyển dụng vào khu vực nhà nước",
    "Land Title Procedures": "Thủ tục cấp giấy chứng nhận quyền sử dụng đất",
    "Public Healthcare": "Y tế công lập",
    "Primary Education": "Giáo dục tiểu học công lập",
    "Environmental Protection": "Nghiêm túc trong bảo vệ môi trường",
    "Quality of Air": "Chất lượng không khí",
    "Quality of Water": "Chất lượng nước",
    "Access to E-Government Portals": "Sử dụng cổng thông tin điện tử của chính quyền",
    "Access to the Internet": "Tiếp cận và sử dụng Internet",
    "E-Responsiveness of Provincial Authorities": "Phúc đáp của chính quyền qua cổng điện tử",
}


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


def _cited(row) -> str:
    """The row's source file (not the columns it was summed from, which the README explains)
    and, when there are any, the published pages that confirm it."""
    path = row["source"].split(": ")[0].split(" column ")[0].removeprefix("github ")
    source = f"Điểm PAPI {row['year']} theo tỉnh, bảng số liệu trong kho công khai {path}"
    if row.get("verified_by"):
        return f"{source}; đối chiếu: {row['verified_by']}"
    return source


def official_scores():
    """Yields the OfficialScore field values of every published figure we hold. For 2017–2024
    the provincial table (dimension and sub-dimension files) is complete and comes first; a
    provincial figure from a press release is kept only for a year that table lacks."""
    dimension_names = {code: (vi, en) for code, vi, en in DIMENSIONS}
    sub_names_vi = dict(SUB_DIMENSION_NAMES_VI)
    for row in _rows("papi_provinces_2011_2016.csv"):
        if row["level"] == "sub_dimension":
            sub_names_vi.setdefault(row["name_en"], row["name_vi"])
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
    table_years = set()
    for name in ("papi_dimensions_2017.csv", "papi_dimensions_2018_2024.csv"):
        for row in _rows(name):
            total = row["code"] == "PAPI"
            names = TOTAL_NAME if total else dimension_names[row["code"]]
            table_years.add(int(row["year"]))
            yield {
                "year": int(row["year"]),
                "scope": "province",
                "province": row["province"],
                "level": "total" if total else "dimension",
                "code": row["code"],
                "name_vi": names[0] if total or int(row["year"]) >= 2018 else row["name_vi"],
                "name_en": names[1],
                "score": Decimal(row["score"]),
                "scale": row["scale"],
                "source": _cited(row),
            }
    for row in _rows("papi_subdimensions_2017_2024.csv"):
        yield {
            "year": int(row["year"]),
            "scope": "province",
            "province": row["province"],
            "level": "sub_dimension",
            "code": row["code"],
            "name_vi": sub_names_vi.get(row["name_en"], row["name_en"]),
            "name_en": row["name_en"],
            # Stored as the table prints its dimension scores: four decimals.
            "score": Decimal(row["score"]).quantize(Decimal("0.0001")),
            "scale": "",
            "source": _cited(row),
        }
    for row in _rows("papi_figures_2018_2024.csv"):
        code = row["code"]
        total = code == "PAPI"
        province = row["name_vi"] if row["scope"] == "province" else ""
        if province and int(row["year"]) in table_years:
            continue  # the table has every rated province of that year (names spelt its way)
        yield {
            "year": int(row["year"]),
            "scope": row["scope"],
            "province": province,
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


def load_official_scores_2017_2024(OfficialScore) -> None:
    """Adds the provincial table of 2017–2024 to a database seeded before it existed. Press
    figures it supersedes (still with their shipped source, so not edited by staff) and the
    2023 median once shipped as a national average make way for it."""
    OfficialScore.objects.filter(
        year=2023, scope="national_average", code="PAPI", score=Decimal("42.3265")
    ).delete()
    for row in _rows("papi_figures_2018_2024.csv"):
        if row["scope"] == "province":
            OfficialScore.objects.filter(
                year=row["year"],
                scope="province",
                province=row["name_vi"],
                code=row["code"],
                source=row["source"],
            ).delete()
    load_official_scores(OfficialScore)


def restore_if_empty(sender=None, using="default", **kwargs) -> None:
    """After migrate or a test database flush: reload each reference table that is empty.

    Tables staff have edited are never touched, so a corrected holiday stays corrected."""
    from .models import Dimension, Holiday, LegalLimit, OfficialScore

    for model, load in (
        (Dimension, load_dimensions),
        (Holiday, load_holidays),
        (OfficialScore, load_official_scores),
        (LegalLimit, load_legal_limits),
    ):
        if not model.objects.using(using).exists():
            load(model)
    # The limits each app declares in its legal_limits.py (LEGAL_LIMITS, rows as above): its
    # data migration adds them once, and this puts back any that is missing (after a flush).
    from .discovery import declarations

    for _app, rows in declarations("legal_limits", "LEGAL_LIMITS"):
        load_legal_limits(LegalLimit, rows)


# Legal time limits (code, label, days, unit, citation, verified, note), from the project's
# reading of the texts. The consultation minimum is still only commonly cited.
CONSULTATION_MINIMUM = "consultation-minimum"
LEGAL_LIMITS = [
    (
        CONSULTATION_MINIMUM,
        "Thời gian tối thiểu đăng tải dự thảo văn bản để lấy ý kiến",
        20,
        "calendar_days",
        "Nghị định số 78/2025/NĐ-CP (sửa đổi bởi Nghị định số 187/2025/NĐ-CP)",
        False,
        "Số ngày thường được trích dẫn, chưa đối chiếu với văn bản; luật cũ: 30 ngày với "
        "quyết định của địa phương. Tính theo ngày lịch.",
    ),
    (
        "reception-schedule-notice",
        "Công bố lịch tiếp công dân của Giám đốc Sở trước ngày tiếp",
        5,
        "working_days",
        "Khoản 2, khoản 4 Điều 24 Luật Tiếp công dân số 42/2013/QH13",
        True,
        "",
    ),
    (
        "reception-answer",
        "Trả lời hoặc thông báo cho công dân sau buổi tiếp",
        10,
        "working_days",
        "Khoản 1 Điều 28 Luật Tiếp công dân số 42/2013/QH13",
        True,
        "",
    ),
    (
        "reception-forward-outcome",
        "Thông báo kết quả giải quyết cho cơ quan đã chuyển đơn",
        7,
        "working_days",
        "Khoản 2 Điều 27 Luật Tiếp công dân số 42/2013/QH13",
        True,
        "Tính từ ngày có kết quả giải quyết.",
    ),
    (
        "complaint-acceptance",
        "Thụ lý đơn khiếu nại (lần đầu, lần hai)",
        10,
        "working_days",
        "Điều 27, khoản 1 Điều 36 Luật Khiếu nại số 02/2011/QH13; Thông tư 07/2013/TT-TTCP "
        "(sửa đổi bởi Thông tư 02/2016/TT-TTCP)",
        True,
        "Luật ghi 10 ngày; thông tư hướng dẫn tính theo ngày làm việc.",
    ),
    (
        "complaint-resolution-first",
        "Giải quyết khiếu nại lần đầu",
        30,
        "calendar_days",
        "Điều 28 Luật Khiếu nại số 02/2011/QH13",
        True,
        "Tính từ ngày thụ lý; vụ việc phức tạp hoặc ở vùng sâu, vùng xa: 45 ngày; "
        "vùng sâu, vùng xa và phức tạp: 60 ngày.",
    ),
    (
        "complaint-resolution-second",
        "Giải quyết khiếu nại lần hai",
        45,
        "calendar_days",
        "Điều 37 Luật Khiếu nại số 02/2011/QH13",
        True,
        "Vụ việc phức tạp hoặc ở vùng sâu, vùng xa: 60 ngày; vùng sâu, vùng xa và phức tạp: "
        "70 ngày.",
    ),
    (
        "denunciation-acceptance",
        "Xử lý ban đầu và quyết định thụ lý tố cáo",
        7,
        "working_days",
        "Khoản 1 Điều 24 Luật Tố cáo số 25/2018/QH14",
        True,
        "Có thể kéo dài đến 10 ngày làm việc.",
    ),
    (
        "denunciation-forward",
        "Chuyển tố cáo không thuộc thẩm quyền",
        5,
        "working_days",
        "Khoản 2 Điều 24 Luật Tố cáo số 25/2018/QH14",
        True,
        "",
    ),
    (
        "denunciation-notify",
        "Thông báo cho người tố cáo và người bị tố cáo sau khi thụ lý",
        5,
        "working_days",
        "Khoản 3 Điều 29 Luật Tố cáo số 25/2018/QH14",
        True,
        "",
    ),
    (
        "denunciation-resolution",
        "Giải quyết tố cáo",
        30,
        "calendar_days",
        "Điều 30 Luật Tố cáo số 25/2018/QH14",
        True,
        "Vụ việc phức tạp gia hạn một lần không quá 30 ngày; đặc biệt phức tạp gia hạn hai "
        "lần, mỗi lần không quá 30 ngày.",
    ),
    (
        "explanation-acceptance",
        "Tiếp nhận hoặc từ chối yêu cầu giải trình",
        5,
        "working_days",
        "Khoản 4 Điều 11 Nghị định số 59/2019/NĐ-CP",
        True,
        "",
    ),
    (
        "explanation-answer",
        "Thực hiện việc giải trình",
        15,
        "calendar_days",
        "Điều 13 Nghị định số 59/2019/NĐ-CP",
        True,
        "Tính từ ngày ra thông báo tiếp nhận; gia hạn một lần không quá 15 ngày.",
    ),
]


def load_legal_limits(LegalLimit, rows=None) -> None:
    """Adds the rows not there yet (the portal's, or `rows`); never overwrites a value staff
    have corrected."""
    for code, label, value, unit, citation, verified, note in (
        LEGAL_LIMITS if rows is None else rows
    ):
        LegalLimit.objects.get_or_create(
            code=code,
            defaults={
                "label": label,
                "value": value,
                "unit": unit,
                "citation": citation,
                "verified": verified,
                "note": note,
            },
        )
