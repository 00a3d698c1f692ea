"""Demo data: news and the department's pages (news_demo.py), and three consultations at
different stages built from draft-like texts (open with comments; closed with its comments
answered; adopted as a published decision). Dated relative to the day the demo is loaded.
Idempotent."""

from datetime import date, timedelta
from pathlib import Path

from django.utils import timezone
from django.utils.translation import gettext_lazy

from portal import publishing
from portal.demo import DemoStep
from portal.models import Unit

from . import actions, news_demo
from .models import Comment, Consultation

DEMO_REASON = gettext_lazy("Loaded with the demo data")
DATA = Path(__file__).resolve().parent / "data"


def _draft(name: str) -> str:
    return (DATA / name).read_text(encoding="utf-8")


PETROL_DRAFT = _draft("du-thao-cua-hang-xang-dau.txt")

MARKET_DRAFT = _draft("du-thao-quan-ly-cho.txt")

DIGITAL_DRAFT = _draft("du-thao-sua-doi-ke-hoach-10357.txt")

# (title, unit code, kind, opening (a date, or days before today), length in days, draft)
CONSULTATIONS = [
    (
        "Dự thảo Quyết định ban hành Quy định về khoảng cách và điều kiện hoạt động của cửa "
        "hàng bán lẻ xăng dầu trên địa bàn tỉnh",
        "quan-ly-thuong-mai",
        Consultation.DocumentKind.PROVINCIAL_DECISION,
        10,
        30,
        PETROL_DRAFT,
    ),
    (
        "Dự thảo Quyết định ban hành Quy định về quản lý, khai thác chợ trên địa bàn tỉnh",
        "quan-ly-thuong-mai",
        Consultation.DocumentKind.PROVINCIAL_DECISION,
        45,
        30,
        MARKET_DRAFT,
    ),
    (
        "Dự thảo Quyết định về việc sửa đổi, bãi bỏ một số nội dung của Kế hoạch số 10357/KH-UBND",
        "van-phong",
        Consultation.DocumentKind.PROVINCIAL_DECISION,
        date(2022, 9, 1),  # before the decision it became (3 November 2022)
        30,
        DIGITAL_DRAFT,
    ),
]
ADOPTED_AS = "2484/QĐ-UBND"  # a decision of the transparency demo's library

# (consultation index, article anchor or "", author kind, name, organisation, email, text,
#  final status, answer verdict and text or None)
COMMENTS = [
    (
        0,
        "dieu-4",
        "organisation",
        "Trần Thị Hạnh",
        "Công ty TNHH Xăng dầu Gia Sàng",
        "hanh.tran@example.vn",
        "Đề nghị giảm khoảng cách trên đường tỉnh tại xã từ 2.000 m xuống 1.500 m, vì mật độ "
        "dân cư các xã vùng cao thấp, người dân phải đi xa để mua xăng.",
        Comment.Status.PUBLISHED,
        None,
    ),
    (
        0,
        "dieu-4a",
        "individual",
        "Nguyễn Văn Nam",
        "",
        "nam.nguyen@example.vn",
        "Khoảng cách 100 m đến cổng trường học là quá gần; đề nghị nâng lên 200 m để bảo đảm "
        "an toàn cho học sinh.",
        Comment.Status.PUBLISHED,
        None,
    ),
    (
        0,
        "",
        "individual",
        "Lê Thị Mai",
        "",
        "mai.le@example.vn",
        "Đề nghị bổ sung quy định về trạm sạc xe điện tại cửa hàng xăng dầu.",
        Comment.Status.CONFIRMED,
        None,
    ),
    (
        1,
        "dieu-3",
        "organisation",
        "Phạm Quang Sơn",
        "Hợp tác xã Thương mại chợ Túc Duyên",
        "son.pham@example.vn",
        "Đề nghị quy định rõ thời hạn tổ chức quản lý chợ phải niêm yết giá dịch vụ sau khi "
        "có khung giá mới.",
        Comment.Status.PUBLISHED,
        (
            "accepted",
            "Tiếp thu: bổ sung thời hạn niêm yết trong 05 ngày làm việc kể từ ngày "
            "khung giá có hiệu lực (khoản 2 Điều 3).",
        ),
    ),
    (
        1,
        "dieu-4",
        "individual",
        "Vũ Thu Trang",
        "",
        "trang.vu@example.vn",
        "Đề nghị bỏ quy định về giờ đóng cửa chợ vì mỗi chợ có đặc thù riêng.",
        Comment.Status.PUBLISHED,
        (
            "explained",
            "Giải trình: nội quy chợ do từng tổ chức quản lý chợ xây dựng; dự thảo "
            "chỉ yêu cầu nội quy nêu rõ giờ mở cửa, đóng cửa, không quy định giờ cụ thể.",
        ),
    ),
    (
        2,
        "dieu-1",
        "organisation",
        "Đỗ Minh Tuấn",
        "Trung tâm Phục vụ hành chính công tỉnh",
        "tuan.do@example.vn",
        "Đề nghị thống nhất chỉ tiêu số hóa với Kế hoạch chuyển đổi số của tỉnh.",
        Comment.Status.PUBLISHED,
        ("accepted", "Tiếp thu: chỉ tiêu số hóa được điều chỉnh thành 80%."),
    ),
]


def _seed_consultations(stdout=None):
    today = timezone.localdate()
    made = []
    for title, unit_code, kind, opening, length, text in CONSULTATIONS:
        consultation = Consultation.objects.filter(title=title).first()
        if consultation is None:
            opens_on = opening if isinstance(opening, date) else today - timedelta(days=opening)
            consultation = Consultation(
                title=title,
                unit=Unit.objects.get(code=unit_code),
                document_kind=kind,
                summary=text.splitlines()[2],
                opens_on=opens_on,
                closes_on=opens_on + timedelta(days=length - 1),
            )
            consultation.full_clean()
            publishing.item_save(item=consultation, reason=str(DEMO_REASON))
            actions.draft_import(consultation=consultation, text=text)
            publishing.item_publish(item=consultation)
        made.append(consultation)
    for index, anchor, author_kind, name, organisation, email, body, status, answer in COMMENTS:
        consultation = made[index]
        if consultation.comments.filter(email=email).exists():
            continue
        _add_comment(
            consultation, anchor, author_kind, name, organisation, email, body, status, answer
        )
    adopted = made[2]
    if adopted.stage != Consultation.Stage.ADOPTED:
        documents = Consultation._meta.get_field("adopted_document").related_model.objects
        adopted.adopted_document = documents.filter(number=ADOPTED_AS).first()
        adopted.stage = Consultation.Stage.ADOPTED
        publishing.item_save(item=adopted, reason=str(DEMO_REASON))


def _add_comment(
    consultation, anchor, author_kind, name, organisation, email, body, status, answer
):
    """Runs the comment through the public flow's actions, as if opened before closing."""
    version = consultation.versions.order_by("-number").first()
    section = version.sections.filter(anchor=anchor).first() if anchor else None
    closes_on = consultation.closes_on
    today = timezone.localdate()
    if not consultation.is_open:  # an old consultation: write the comment as of its period
        consultation.closes_on = today
        opens_on, consultation.opens_on = consultation.opens_on, min(consultation.opens_on, today)
    else:
        opens_on = consultation.opens_on
    submitted = actions.comment_submit(
        consultation=consultation,
        section=section,
        data={
            "author_kind": author_kind,
            "name": name,
            "organisation": organisation,
            "email": email,
            "phone": "",
            "body": body,
        },
    )
    consultation.closes_on, consultation.opens_on = closes_on, opens_on
    comment = submitted.comment
    actions.comment_confirm(comment=comment)
    comment.refresh_from_db()
    if status == Comment.Status.PUBLISHED:
        actions.comment_publish(comment=comment)
    if answer:
        verdict, text = answer
        actions.answer_create(comments=[comment], verdict=verdict, text=text)


def seed(stdout=None):
    news_demo.seed(stdout)
    _seed_consultations(stdout)


STEPS = [DemoStep("egov", seed, after=("portal", "transparency"))]
