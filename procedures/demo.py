"""Demo data: a year of dossiers (some late, with apology letters; ratings), feedback with
published answers, and the 37 procedures of `data/procedures.csv` (real codes, names, fields, times,
fees, online levels and legal bases, as the provincial decisions published them) completed
into full records with the parts the file does not hold (steps, papers, results), published.
Idempotent: the procedures are matched on their name."""

import csv
import random
from datetime import timedelta
from pathlib import Path

from django.utils import timezone
from django.utils.translation import gettext_lazy

from portal import publishing, workdays
from portal.demo import DemoStep
from portal.models import Unit

from . import actions
from .models import (
    Channel,
    Dossier,
    DossierComponent,
    DossierRating,
    Feedback,
    Level,
    OnlineLevel,
    Procedure,
    SubmissionMethod,
)

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
    seed_dossiers()
    seed_feedback()
    if stdout:
        stdout.write(
            f"procedures: {Procedure.objects.count()} procedures, "
            f"{Dossier.objects.count()} dossiers, {Feedback.objects.count()} feedback"
        )


# The unit that handles each field's dossiers.
FIELD_UNITS = {
    "Điện": "quan-ly-nang-luong",
    "Dầu khí": "quan-ly-nang-luong",
    "Hóa chất": "quan-ly-cong-nghiep",
    "Vật liệu nổ công nghiệp, tiền chất thuốc nổ": "quan-ly-cong-nghiep",
    "Công nghiệp tiêu dùng": "quan-ly-cong-nghiep",
}
FAMILY = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Vũ", "Đặng", "Bùi", "Đỗ", "Ngô"]
MIDDLE = ["Văn", "Thị", "Minh", "Đức", "Thu", "Quang", "Ngọc", "Hữu"]
GIVEN = ["An", "Bình", "Chi", "Dũng", "Hà", "Hải", "Hoa", "Hùng", "Lan", "Long", "Mai", "Nam"]
COMPANIES = [
    "Công ty TNHH Xăng dầu Minh Phát",
    "Công ty Cổ phần Gas Thái Nguyên",
    "Hợp tác xã Rượu truyền thống Đại Từ",
    "Công ty TNHH Hóa chất Sông Cầu",
    "Doanh nghiệp tư nhân Thương mại Hòa Bình",
]


def seed_dossiers(count: int = 400) -> None:
    """A year of dossiers: mostly on time, about one in twelve late with an apology letter,
    a third online, most returned and some rated. Deterministic; only when there are none."""
    if Dossier.objects.exists():
        return
    units = {u.code: u for u in Unit.objects.all()}
    default = units.get("quan-ly-thuong-mai") or next(iter(units.values()), None)
    if default is None:
        return
    chooser = random.Random(2026)
    procedures = list(Procedure.objects.public().prefetch_related("methods"))
    now = timezone.now()
    zone = timezone.get_current_timezone()
    for n in range(count):
        procedure = chooser.choice(procedures)
        channels = [m.channel for m in procedure.methods.all() if m.processing_days is not None]
        channel = (
            Channel.ONLINE
            if Channel.ONLINE in channels and chooser.random() < 0.5
            else (chooser.choice(channels))
        )
        day = (now - timedelta(days=365 * (count - n) / count)).astimezone(zone)
        received_at = day.replace(
            hour=chooser.randint(7, 16), minute=chooser.choice([0, 15, 30, 45])
        )
        business = chooser.random() < 0.6
        name = (
            chooser.choice(COMPANIES)
            if business
            else f"{chooser.choice(FAMILY)} {chooser.choice(MIDDLE)} {chooser.choice(GIVEN)}"
        )
        dossier = actions.dossier_receive(
            procedure=procedure,
            unit=units.get(FIELD_UNITS.get(procedure.field, ""), default),
            applicant_kind=Dossier.Applicant.BUSINESS if business else Dossier.Applicant.PERSON,
            applicant_name=name,
            applicant_phone=f"09{chooser.randint(10000000, 99999999)}",
            channel=channel,
            received_at=received_at,
        )
        today = timezone.localdate()
        if dossier.due_date >= today and chooser.random() < 0.7:
            continue  # still being processed
        fate = chooser.random()
        if fate < 0.08:
            new_date = workdays.add_working_days(dossier.due_date, chooser.randint(2, 6))
            actions.dossier_apologise(
                dossier=dossier,
                new_due_date=new_date,
                reason="Cần kiểm tra thực tế điều kiện kinh doanh tại cơ sở.",
                on=dossier.due_date,
            )
            finished = new_date
        elif fate < 0.4:
            finished = dossier.due_date
        else:
            finished = workdays.add_working_days(
                actions.counting_start(received_at),
                max(1, (dossier.due_date - received_at.date()).days // 2),
            )
            finished = min(finished, dossier.due_date)
        if finished > today:
            continue
        actions.dossier_resolve(
            dossier=dossier, on=finished, result=procedure.results, digitised=chooser.random() < 0.7
        )
        actions.dossier_return(dossier=dossier, on=finished)
        if chooser.random() < 0.3:
            late = dossier.new_due_date is not None
            score = (lambda: chooser.randint(1, 3)) if late else (lambda: chooser.randint(4, 5))
            actions.dossier_rate(
                dossier=dossier,
                rating=DossierRating(
                    access=score(), procedure=score(), officers=score(), results=score()
                ),
            )


FEEDBACK = [
    (
        "Yêu cầu nộp thêm giấy tờ ngoài thành phần hồ sơ",
        "Khi nộp hồ sơ cấp Giấy chứng nhận cửa hàng đủ điều kiện bán lẻ xăng dầu, tôi được "
        "yêu cầu nộp thêm bản sao hợp đồng thuê đất có công chứng.",
        "Cán bộ yêu cầu nộp thêm bản sao hợp đồng thuê đất có công chứng khi cấp Giấy chứng "
        "nhận cửa hàng đủ điều kiện bán lẻ xăng dầu. Yêu cầu này có đúng quy định không?",
        "Thành phần hồ sơ chỉ gồm các giấy tờ đã công bố. Sở đã nhắc nhở công chức tiếp nhận; "
        "tổ chức, cá nhân không phải nộp thêm giấy tờ nào khác.",
    ),
    (
        "Thời hạn cấp lại giấy chứng nhận trạm nạp LPG",
        "Hồ sơ cấp lại giấy chứng nhận trạm nạp LPG vào chai của công ty đã quá hẹn 3 ngày.",
        "Hồ sơ cấp lại giấy chứng nhận trạm nạp LPG vào chai bị chậm so với ngày hẹn trả.",
        "Hồ sơ chậm do phải kiểm tra thực tế trạm nạp. Sở đã gửi phiếu xin lỗi và hẹn lại ngày "
        "trả kết quả; kết quả đã được trả.",
    ),
    (
        "Quy định về khoảng cách cửa hàng xăng dầu",
        "Đề nghị hướng dẫn quy định về khoảng cách tối thiểu giữa hai cửa hàng xăng dầu.",
        "Đề nghị hướng dẫn quy định về khoảng cách tối thiểu giữa hai cửa hàng xăng dầu.",
        "Nghị định 83/2014/NĐ-CP (sửa đổi bởi Nghị định 95/2021/NĐ-CP) không quy định khoảng "
        "cách tối thiểu; cửa hàng phải phù hợp với phương án phát triển mạng lưới đã công bố.",
    ),
    (
        "Chưa nhận được kết quả qua bưu chính",
        "Tôi chưa nhận được kết quả gửi qua bưu điện.",
        "",
        "",
    ),
]


def seed_feedback() -> None:
    if Feedback.objects.exists():
        return
    unit = Unit.objects.filter(code="quan-ly-thuong-mai").first()
    procedure = Procedure.objects.public().filter(code="2.000648").first()
    now = timezone.now()
    for n, (subject, content, public_question, answer) in enumerate(FEEDBACK):
        feedback = actions.feedback_create(
            about=Feedback.About.PROCEDURE if n != 2 else Feedback.About.REGULATION,
            procedure=procedure if n == 0 else None,
            regulation="83/2014/NĐ-CP" if n == 2 else "",
            subject=subject,
            content=content,
            name="Lê Minh Tuấn",
            phone="0987 654 321",
            consent_publish=bool(answer),
            received_at=now - timedelta(days=60 - 15 * n),
        )
        feedback.unit = unit
        feedback.status = Feedback.Status.ROUTED
        feedback.public_question = public_question
        feedback.save()
        if answer:
            actions.feedback_answer(
                feedback=feedback,
                answer=answer,
                on=workdays.add_working_days(feedback.received_at.date(), 5 + 4 * n),
            )
            publishing.item_publish(item=feedback, user=None)


STEPS = [DemoStep("procedures", seed, after=("portal", "transparency"))]
