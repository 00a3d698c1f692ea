"""Demo data: the documents the department works with (those the PAPI plan names and the
reference list in `data/legal_documents.csv`), with small generated PDF files, plannings and
law-dissemination material. Idempotent: run `manage.py seed_demo` as often as you like."""

import csv
from datetime import date, timedelta
from pathlib import Path

from django.conf import settings
from django.core.files.base import ContentFile
from django.utils import timezone

from . import actions
from .models import (
    Document,
    DocumentRelation,
    Explainer,
    Field,
    Planning,
    Publication,
    Question,
    Ward,
    vi_slugify,
)
from .resources import VIETNAMESE_KINDS

DATA = Path(__file__).resolve().parent / "data" / "legal_documents.csv"

# Documents named in the department's PAPI plan: they get a PDF and, for plans, a status.
PLAN_DOCUMENTS = {
    "59/2019/NĐ-CP": None,
    "7201/KH-UBND": Document.Implementation.IN_PROGRESS,
    "10357/KH-UBND": Document.Implementation.IN_PROGRESS,
    "321/QĐ-UBND": None,
    "2484/QĐ-UBND": None,
}
WITH_PDF = [*PLAN_DOCUMENTS, "83/2014/NĐ-CP", "95/2021/NĐ-CP", "68/2017/NĐ-CP"]

# (source, relation, target)
RELATIONS = [
    ("321/QĐ-UBND", DocumentRelation.Kind.AMENDS, "10357/KH-UBND"),
    ("2484/QĐ-UBND", DocumentRelation.Kind.AMENDS, "10357/KH-UBND"),
    ("2484/QĐ-UBND", DocumentRelation.Kind.AMENDS, "321/QĐ-UBND"),
    ("95/2021/NĐ-CP", DocumentRelation.Kind.AMENDS, "83/2014/NĐ-CP"),
    ("15/2017/TT-BCT", DocumentRelation.Kind.GUIDES, "68/2017/NĐ-CP"),
    ("17/2020/NĐ-CP", DocumentRelation.Kind.AMENDS, "113/2017/NĐ-CP"),
]

# Replacements the reference list holds both sides of, with the day the new document takes
# effect and the old one ceases to (the new one's final article; the list leaves it empty).
REPLACEMENTS = [
    ("105/2017/NĐ-CP", "94/2012/NĐ-CP", date(2017, 11, 1)),
    ("113/2017/NĐ-CP", "108/2008/NĐ-CP", date(2017, 11, 25)),
    ("32/2024/NĐ-CP", "68/2017/NĐ-CP", date(2024, 5, 15)),
    ("118/2025/NĐ-CP", "61/2018/NĐ-CP", date(2025, 7, 1)),
    ("118/2025/NĐ-CP", "107/2021/NĐ-CP", date(2025, 7, 1)),
]
RELATIONS += [(new, DocumentRelation.Kind.REPLACES, old) for new, old, _day in REPLACEMENTS]
EFFECTIVE_ON = {new: day for new, _old, day in REPLACEMENTS}
# Luật Điện lực 2004 was replaced by Luật Điện lực 2024 (61/2024/QH15), not in the list.
EXPIRES_ON = {old: day for _new, old, day in REPLACEMENTS} | {"28/2004/QH11": date(2025, 2, 1)}

WARDS = [
    "Phường Phan Đình Phùng",
    "Phường Gia Sàng",
    "Phường Quyết Thắng",
    "Phường Phổ Yên",
    "Phường Sông Công",
    "Xã Đại Phúc",
    "Xã Phú Bình",
]

PLANNINGS = [
    {
        "name": "Phương án phát triển mạng lưới cửa hàng xăng dầu trên địa bàn tỉnh, "
        "thời kỳ 2021 - 2030, tầm nhìn đến năm 2050",
        "summary": "Phương án thuộc Quy hoạch tỉnh: vị trí các cửa hàng xăng dầu dự kiến xây "
        "mới, cải tạo hoặc di dời dọc các tuyến quốc lộ, tỉnh lộ và trong các phường.",
        "status": Planning.Status.APPROVED,
        "period": "2021–2030",
        "wards": WARDS[:5],
        "field": "Kinh doanh xăng dầu",
    },
    {
        "name": "Phương án phát triển cụm công nghiệp trên địa bàn tỉnh, thời kỳ 2021 - 2030",
        "summary": "Danh mục, diện tích và tiến độ đầu tư hạ tầng các cụm công nghiệp; đang "
        "điều chỉnh để bổ sung hai cụm công nghiệp mới.",
        "status": Planning.Status.ADJUSTING,
        "period": "2021–2030",
        "wards": WARDS[3:],
        "field": "Cụm công nghiệp",
    },
]

EXPLAINERS = [
    {
        "slug": "yeu-cau-giai-trinh-theo-nghi-dinh-59-2019",
        "title": "Người dân được yêu cầu cơ quan nhà nước giải trình những gì?",
        "lead": "Nghị định 59/2019/NĐ-CP cho phép người dân, doanh nghiệp yêu cầu cơ quan "
        "giải thích quyết định, hành vi liên quan trực tiếp đến quyền và lợi ích của mình.",
        "body": "## Ai được yêu cầu giải trình\n\nCá nhân, tổ chức có quyền, lợi ích hợp pháp "
        "chịu tác động trực tiếp của quyết định, hành vi của cơ quan.\n\n## Thời hạn\n\n"
        "Cơ quan giải trình trong thời hạn không quá **15 ngày** kể từ ngày ra thông báo "
        "tiếp nhận; có thể gia hạn không quá 15 ngày.\n\n## Gửi yêu cầu ở đâu\n\n"
        "- trực tiếp tại bộ phận tiếp công dân của Sở;\n- bằng văn bản gửi qua bưu điện.",
        "documents": ["59/2019/NĐ-CP"],
        "field": "Phòng, chống tham nhũng",
    },
    {
        "slug": "dieu-kien-kinh-doanh-xang-dau",
        "title": "Điều kiện mở cửa hàng bán lẻ xăng dầu",
        "lead": "Những điều kiện chính để được cấp Giấy chứng nhận cửa hàng đủ điều kiện "
        "bán lẻ xăng dầu.",
        "body": "Theo Nghị định 83/2014/NĐ-CP, được sửa đổi bởi Nghị định 95/2021/NĐ-CP, "
        "cửa hàng bán lẻ xăng dầu phải:\n\n1. thuộc sở hữu hoặc đồng sở hữu của doanh "
        "nghiệp, hoặc được thuê từ 5 năm trở lên;\n2. phù hợp với phương án phát triển "
        "mạng lưới cửa hàng xăng dầu của tỉnh;\n3. có nhân viên được huấn luyện về "
        "phòng cháy, chữa cháy và bảo vệ môi trường.",
        "documents": ["83/2014/NĐ-CP", "95/2021/NĐ-CP"],
        "field": "Kinh doanh xăng dầu",
    },
]

QUESTIONS = [
    {
        "question": "Cửa hàng của tôi bán rượu dưới 5,5 độ có cần giấy phép bán lẻ rượu không?",
        "answer": "Không cần giấy phép, nhưng phải **thông báo** với Phòng Kinh tế (nay là "
        "cơ quan chuyên môn của Ủy ban nhân dân cấp xã) theo Nghị định 105/2017/NĐ-CP.",
        "documents": ["105/2017/NĐ-CP"],
        "field": "Kinh doanh rượu",
    },
    {
        "question": "Kế hoạch số hóa kết quả giải quyết thủ tục hành chính của tỉnh đã được "
        "sửa đổi những gì?",
        "answer": "Kế hoạch 10357/KH-UBND được sửa đổi, bổ sung bởi Quyết định 321/QĐ-UBND "
        "ngày 28/01/2022 và Quyết định 2484/QĐ-UBND ngày 03/11/2022.",
        "documents": ["10357/KH-UBND", "321/QĐ-UBND", "2484/QĐ-UBND"],
        "field": "Chuyển đổi số",
    },
    {
        "question": "Thời hạn Sở trả lời yêu cầu giải trình là bao lâu?",
        "answer": "Không quá 15 ngày kể từ ngày thông báo tiếp nhận, gia hạn tối đa 15 ngày "
        "với vụ việc phức tạp (Điều 11 Nghị định 59/2019/NĐ-CP).",
        "documents": ["59/2019/NĐ-CP"],
        "field": "Phòng, chống tham nhũng",
    },
]


def _field(name: str) -> Field | None:
    if not name:
        return None
    field, _created = Field.objects.get_or_create(
        name=name, defaults={"slug": vi_slugify(name)[:200]}
    )
    return field


def render_pdf(title: str, lines: list[str]) -> bytes:
    """A one-page PDF with the document's heading, in a font with every Vietnamese letter."""
    from django.utils.html import escape
    from weasyprint import HTML

    font = Path(settings.PDF_FONT_DIR) / "BeVietnamPro-Regular.ttf"
    paragraphs = "".join(f"<p>{escape(line)}</p>" for line in lines)
    html = (
        "<html lang='vi'><head><meta charset='utf-8'><style>"
        f"@font-face {{ font-family: BVP; src: url('{font.as_uri()}'); }}"
        "body { font-family: BVP; font-size: 12pt; } h1 { font-size: 14pt; }"
        f"</style></head><body><h1>{escape(title)}</h1>{paragraphs}"
        "<p><em>Bản mô phỏng dùng cho dữ liệu trình diễn.</em></p></body></html>"
    )
    return HTML(string=html).write_pdf()


def seed(stdout=None):
    ward_objects = {name: Ward.objects.get_or_create(name=name)[0] for name in WARDS}
    documents = {}
    with DATA.open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            number = row["number_symbol"]
            issued = date.fromisoformat(row["issued_date"]) if row["issued_date"] else None
            effective = (
                date.fromisoformat(row["effective_date"])
                if row["effective_date"]
                else EFFECTIVE_ON.get(number)
            )
            document, _created = Document.objects.update_or_create(
                number=number,
                issuer=row["issuer_vi"],
                defaults={
                    "kind": VIETNAMESE_KINDS.get(row["kind"].casefold(), Document.Kind.OTHER),
                    "summary": row["title_vi"],
                    "issued_on": issued,
                    "effective_on": effective,
                    "expires_on": EXPIRES_ON.get(number),
                    "implementation": PLAN_DOCUMENTS.get(number) or "",
                },
            )
            field = _field(row["field_vi"])
            if field:
                document.fields.add(field)
            documents[number] = document

    for source, kind, target in RELATIONS:
        if source in documents and target in documents:
            DocumentRelation.objects.get_or_create(
                source=documents[source], kind=kind, target=documents[target]
            )

    for number in WITH_PDF:
        document = documents.get(number)
        if document is None or document.attachments.exists():
            continue
        pdf = render_pdf(
            f"{document.get_kind_display()} số {document.number}",
            [document.issuer, document.summary],
        )
        actions.attachment_add(
            document=document,
            uploaded=ContentFile(pdf, name=f"{vi_slugify(document.number)}.pdf"),
            title=f"Toàn văn {document.number}",
        )

    now = timezone.now()
    for document in documents.values():
        if document.publication == Publication.PUBLISHED:
            continue
        actions.item_publish(item=document)
        if document.issued_on:
            # Published a few days after issue, as the department would have: the
            # "days to publication" indicator then shows realistic figures.
            delay = timedelta(days=2 + document.pk % 12, hours=9)
            published_at = min(
                now,
                timezone.make_aware(
                    timezone.datetime.combine(document.issued_on, timezone.datetime.min.time())
                )
                + delay,
            )
            Document.objects.filter(pk=document.pk).update(published_at=published_at)

    for spec in PLANNINGS:
        planning, _created = Planning.objects.update_or_create(
            name=spec["name"],
            defaults={k: spec[k] for k in ("summary", "status", "period")},
        )
        planning.wards.set([ward_objects[w] for w in spec["wards"]])
        if field := _field(spec["field"]):
            planning.fields.add(field)
        if planning.publication != Publication.PUBLISHED:
            actions.item_publish(item=planning)

    for spec in EXPLAINERS:
        explainer, _created = Explainer.objects.update_or_create(
            slug=spec["slug"], defaults={k: spec[k] for k in ("title", "lead", "body")}
        )
        explainer.documents.set([documents[n] for n in spec["documents"] if n in documents])
        if field := _field(spec["field"]):
            explainer.fields.add(field)
        if explainer.publication != Publication.PUBLISHED:
            actions.item_publish(item=explainer)

    for spec in QUESTIONS:
        question, _created = Question.objects.update_or_create(
            question=spec["question"], defaults={"answer": spec["answer"]}
        )
        question.documents.set([documents[n] for n in spec["documents"] if n in documents])
        if field := _field(spec["field"]):
            question.fields.add(field)
        if question.publication != Publication.PUBLISHED:
            actions.item_publish(item=question)

    if stdout is not None:
        stdout.write(
            f"Transparency: {len(documents)} documents, {len(PLANNINGS)} plannings, "
            f"{len(EXPLAINERS)} explainers, {len(QUESTIONS)} questions.\n"
        )
