"""Demo data: the 37 procedures of `data/procedures.csv` (real codes, names, fields, times,
fees, online levels and legal bases, as the provincial decisions published them) completed
into full records with the parts the file does not hold (steps, papers, results), published.
Idempotent: the procedures are matched on their name."""

import csv
from pathlib import Path

from django.utils.translation import gettext_lazy

from portal import publishing
from portal.demo import DemoStep

from .models import Channel, DossierComponent, Level, OnlineLevel, Procedure, SubmissionMethod

DATA = Path(__file__).resolve().parent / "data" / "procedures.csv"
DEMO_REASON = gettext_lazy("Loaded with the demo data")

ONLINE_LEVELS = {"toàn trình": OnlineLevel.FULL, "một phần": OnlineLevel.PARTIAL}

# Processing times the file leaves empty: a usual figure for the kind of decision.
DEFAULT_DAYS = {"Cấp lại": 7, "Cấp sửa đổi": 10, "Cấp điều chỉnh": 10, "Thông báo": 5}

STEP_TEXT = (
    "Tổ chức, cá nhân chuẩn bị hồ sơ theo quy định.\n"
    "Nộp hồ sơ tại Bộ phận Một cửa của Sở Công Thương (Trung tâm Phục vụ hành chính công "
    "tỉnh), qua dịch vụ bưu chính công ích hoặc trực tuyến trên Cổng Dịch vụ công quốc gia.\n"
    "Bộ phận Một cửa kiểm tra hồ sơ; hồ sơ đầy đủ thì cấp Giấy tiếp nhận hồ sơ và hẹn trả "
    "kết quả; hồ sơ chưa đầy đủ thì hướng dẫn bổ sung một lần bằng văn bản.\n"
    "Phòng chuyên môn thẩm định hồ sơ, kiểm tra thực tế khi cần, trình Lãnh đạo Sở.\n"
    "Lãnh đạo Sở ký kết quả; Bộ phận Một cửa trả kết quả cho tổ chức, cá nhân."
)

REQUIREMENTS = (
    "Đáp ứng các điều kiện quy định tại văn bản quy phạm pháp luật nêu ở phần căn cứ pháp lý."
)


def _result(name: str) -> str:
    for verb in ("Cấp lại ", "Cấp sửa đổi, bổ sung ", "Cấp điều chỉnh ", "Cấp, cấp lại ", "Cấp "):
        if name.startswith(verb):
            paper = name[len(verb) :]
            paper = paper.split(" (")[0]
            return paper[0].upper() + paper[1:] if paper else name
    if name.startswith(("Thông báo", "Đăng ký")):
        return "Văn bản xác nhận của Sở Công Thương"
    return "Văn bản chấp thuận của Sở Công Thương"


def _components(name: str) -> list[tuple[str, str, str, str]]:
    """(case, paper, copies, form) for a procedure, by the kind of its decision."""
    result = _result(name)
    papers = [
        ("", "Văn bản đề nghị theo mẫu", "01 bản chính", "Mẫu đơn đề nghị"),
        (
            "",
            "Giấy chứng nhận đăng ký doanh nghiệp hoặc giấy tờ tương đương",
            "01 bản sao",
            "",
        ),
    ]
    if name.startswith("Cấp lại"):
        papers.append(
            ("Trường hợp bị mất, hỏng", f"Bản gốc hoặc bản sao {result} (nếu còn)", "01 bản", "")
        )
        papers.append(
            (
                "Trường hợp hết hiệu lực",
                "Các tài liệu chứng minh vẫn đáp ứng điều kiện",
                "01 bộ",
                "",
            )
        )
    elif name.startswith(("Cấp sửa đổi", "Cấp điều chỉnh")):
        papers.append(("", "Tài liệu chứng minh nội dung thay đổi", "01 bộ", ""))
        papers.append(("", f"Bản gốc {result} đã được cấp", "01 bản chính", ""))
    else:
        papers.append(("", "Tài liệu chứng minh đáp ứng các điều kiện theo quy định", "01 bộ", ""))
    return papers


def _days(row: dict) -> int:
    if row["processing_days"]:
        return int(row["processing_days"])
    for prefix, days in DEFAULT_DAYS.items():
        if row["name_vi"].startswith(prefix):
            return days
    return 15


def rows() -> list[dict]:
    with DATA.open(encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def seed(stdout=None):
    for row in rows():
        name = row["name_vi"].strip()
        online = ONLINE_LEVELS.get(row["online_level"].strip(), OnlineLevel.NONE)
        procedure = Procedure.objects.filter(name=name).first() or Procedure(name=name)
        if procedure.pk and procedure.is_public:
            continue
        procedure.code = row["code"].strip()
        procedure.level = Level.PROVINCE
        procedure.field = row["field_vi"].strip()
        procedure.implementing_agency = "Sở Công Thương"
        procedure.deciding_agency = "Sở Công Thương"
        procedure.steps = STEP_TEXT
        procedure.requirements = REQUIREMENTS
        procedure.results = _result(name)
        procedure.online_level = online
        procedure.national_portal_url = (
            f"https://dichvucong.gov.vn/p/home/dvc-tthc-thu-tuc-hanh-chinh-chi-tiet.html?ma_thu_tuc={procedure.code}"
            if procedure.code
            else ""
        )
        procedure.legal_basis = row["legal_basis"].strip()
        procedure.source = row["source"].strip()[:500]
        publishing.item_save(item=procedure, user=None, reason=str(DEMO_REASON))
        days = _days(row)
        fee = int(row["fee_vnd"]) if row["fee_vnd"] else None
        channels = [Channel.IN_PERSON, Channel.POST]
        if online != OnlineLevel.NONE:
            channels.append(Channel.ONLINE)
        for channel in channels:
            SubmissionMethod.objects.update_or_create(
                procedure=procedure,
                channel=channel,
                defaults={
                    "processing_days": days,
                    "fee_vnd": fee,
                    "fee_note": "" if fee is not None else "Theo quy định của Bộ Tài chính",
                },
            )
        if not procedure.components.exists():
            for order, (case, paper, copies, form) in enumerate(_components(name)):
                DossierComponent.objects.create(
                    procedure=procedure, case=case, name=paper, copies=copies,
                    form_name=form, order=order,
                )  # fmt: skip
        publishing.item_publish(item=procedure, user=None)
    if stdout:
        stdout.write(f"procedures: {Procedure.objects.count()} procedures")


STEPS = [DemoStep("procedures", seed, after=("portal", "transparency"))]
