"""Demo data: the documents the department works with (those the PAPI plan names and the
reference list in `data/legal_documents.csv`) and its own, with small generated PDF files,
plannings and law-dissemination material, dated relative to the day the demo is loaded.
Idempotent: run `manage.py seed_demo` as often as you like."""

import csv
from datetime import date, timedelta
from pathlib import Path

from django.conf import settings
from django.core.files.base import ContentFile
from django.utils import timezone
from django.utils.html import escape
from django.utils.translation import gettext_lazy

from portal import publishing
from portal.demo import DemoStep
from portal.models import DepartmentProfile
from portal.publishing import Publication
from portal.slugs import vi_slugify

from . import actions
from .models import (
    Document,
    DocumentRelation,
    Explainer,
    Field,
    Issuer,
    Planning,
    Question,
    Ward,
)
from .resources import VIETNAMESE_KINDS

DATA = Path(__file__).resolve().parent / "data" / "legal_documents.csv"
# The reason the items' history gives for the demo's writes.
DEMO_REASON = gettext_lazy("Loaded with the demo data")

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

# The reference list writes issuing bodies as its sources did; the demo keeps one full name
# per body, with the abbreviation people also use as its short name.
UNKNOWN_PROVINCE = "Ủy ban nhân dân tỉnh (chưa rõ tỉnh)"  # the plan's province: the demo's
ABBREVIATIONS = [("UBND", "Ủy ban nhân dân"), ("TP.", "thành phố")]
SHORT_NAMES = {
    "Quốc hội": "QH",
    "Chính phủ": "CP",
    "Thủ tướng Chính phủ": "TTg",
    "Văn phòng Chính phủ": "VPCP",
    "Bộ Công Thương": "BCT",
    "Bộ Thông tin và Truyền thông": "BTTTT",
}

# Near-duplicate fields of the reference list, merged: {name in the list: field}.
FIELD_MERGES = {
    "Kiểm soát TTHC": "Kiểm soát thủ tục hành chính",
    "Cải cách hành chính, kiểm soát TTHC": "Cải cách hành chính",
    "Cải cách hành chính, dịch vụ công trực tuyến": "Dịch vụ công trực tuyến",
    "Chuyển đổi số, dữ liệu": "Chuyển đổi số",
    "Khiếu nại": "Khiếu nại, tố cáo",
    "Tố cáo": "Khiếu nại, tố cáo",
}

# Key documents: who signed them and when they took effect (their final article).
KEY_DOCUMENTS = {
    "59/2019/NĐ-CP": ("Nguyễn Xuân Phúc", date(2019, 8, 15)),
    "83/2014/NĐ-CP": ("Nguyễn Tấn Dũng", date(2014, 11, 1)),
    "105/2017/NĐ-CP": ("Nguyễn Xuân Phúc", date(2017, 11, 1)),
    "113/2017/NĐ-CP": ("Nguyễn Xuân Phúc", date(2017, 11, 25)),
    "68/2017/NĐ-CP": ("Nguyễn Xuân Phúc", date(2017, 7, 15)),
}

# The demo's people (invented): the department's director and deputy, and the province's
# vice-chair who signs its plans and decisions on the department's work.
DIRECTOR = "Phạm Quang Huy"
DEPUTY_DIRECTOR = "Lê Thị Minh Phương"
PROVINCE_SIGNER = "Đỗ Minh Khang"
# The department's own documents and the province's decisions on its work, issued this many
# days before the demo is loaded: (number, kind, summary, days ago, signer, field, by the
# province). "{year}" is the year of issue.
OWN_DOCUMENTS = [
    ("12/KH-SCT", Document.Kind.PLAN,
     "Kế hoạch tuyên truyền, phổ biến, giáo dục pháp luật ngành công thương năm {year}",
     12, DEPUTY_DIRECTOR, "Phổ biến, giáo dục pháp luật", False),
    ("45/QĐ-SCT", Document.Kind.DECISION,
     "Về việc ban hành Quy chế tiếp công dân và lịch tiếp công dân định kỳ "
     "của Lãnh đạo Sở Công Thương",
     26, DIRECTOR, "Khiếu nại, tố cáo", False),
    ("38/KH-SCT", Document.Kind.PLAN,
     "Kế hoạch kiểm tra việc chấp hành pháp luật trong kinh doanh xăng dầu, khí và rượu năm {year}",
     41, DEPUTY_DIRECTOR, "Kinh doanh xăng dầu", False),
    ("1520/QĐ-UBND", Document.Kind.DECISION,
     "Về việc công bố danh mục thủ tục hành chính được sửa đổi, bổ sung trong lĩnh vực "
     "công thương thuộc phạm vi chức năng quản lý của Sở Công Thương",
     68, PROVINCE_SIGNER, "Kiểm soát thủ tục hành chính", True),
    ("27/KH-SCT", Document.Kind.PLAN,
     "Kế hoạch phòng, chống tham nhũng, tiêu cực năm {year} của Sở Công Thương",
     115, DIRECTOR, "Phòng, chống tham nhũng", False),
    ("09/QĐ-SCT", Document.Kind.DECISION,
     "Về việc ban hành Quy chế làm việc của Sở Công Thương, bổ sung nội dung thực hiện "
     "trách nhiệm giải trình",
     170, DIRECTOR, "Tổ chức bộ máy", False),
    ("215/BC-SCT", Document.Kind.REPORT,
     "Báo cáo kết quả công tác cải cách hành chính năm {year}",
     330, DEPUTY_DIRECTOR, "Cải cách hành chính", False),
]  # fmt: skip

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
        "days_ago": 95,
    },
    {
        "name": "Phương án phát triển cụm công nghiệp trên địa bàn tỉnh, thời kỳ 2021 - 2030",
        "summary": "Danh mục, diện tích và tiến độ đầu tư hạ tầng các cụm công nghiệp; đang "
        "điều chỉnh để bổ sung hai cụm công nghiệp mới.",
        "status": Planning.Status.ADJUSTING,
        "period": "2021–2030",
        "wards": WARDS[3:],
        "field": "Cụm công nghiệp",
        "days_ago": 33,
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
        "days_ago": 52,
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
        "days_ago": 18,
    },
]

QUESTIONS = [
    {
        "question": "Cửa hàng của tôi bán rượu dưới 5,5 độ có cần giấy phép bán lẻ rượu không?",
        "answer": "Không cần giấy phép, nhưng phải **thông báo** với Phòng Kinh tế (nay là "
        "cơ quan chuyên môn của Ủy ban nhân dân cấp xã) theo Nghị định 105/2017/NĐ-CP.",
        "documents": ["105/2017/NĐ-CP"],
        "field": "Kinh doanh rượu",
        "days_ago": 8,
    },
    {
        "question": "Kế hoạch số hóa kết quả giải quyết thủ tục hành chính của tỉnh đã được "
        "sửa đổi những gì?",
        "answer": "Kế hoạch 10357/KH-UBND được sửa đổi, bổ sung bởi Quyết định 321/QĐ-UBND "
        "ngày 28/01/2022 và Quyết định 2484/QĐ-UBND ngày 03/11/2022.",
        "documents": ["10357/KH-UBND", "321/QĐ-UBND", "2484/QĐ-UBND"],
        "field": "Chuyển đổi số",
        "days_ago": 61,
    },
    {
        "question": "Thời hạn Sở trả lời yêu cầu giải trình là bao lâu?",
        "answer": "Không quá 15 ngày kể từ ngày thông báo tiếp nhận, gia hạn tối đa 15 ngày "
        "với vụ việc phức tạp (Điều 11 Nghị định 59/2019/NĐ-CP).",
        "documents": ["59/2019/NĐ-CP"],
        "field": "Phòng, chống tham nhũng",
        "days_ago": 24,
    },
]


def _field(name: str) -> Field | None:
    name = FIELD_MERGES.get(name, name)
    if not name:
        return None
    field, _created = Field.objects.get_or_create(
        name=name, defaults={"slug": vi_slugify(name)[:200]}
    )
    return field


def _merge_fields() -> None:
    """Fields an earlier demo created under a merged name move to the field they merge into."""
    for old in Field.objects.filter(name__in=FIELD_MERGES):
        new = _field(old.name)
        for related in (old.document_set, old.planning_set, old.explainer_set, old.question_set):
            for item in related.all():
                item.fields.add(new)
        old.delete()


def _issuer_name(text: str, province: str) -> str:
    text = f"Ủy ban nhân dân tỉnh {province}" if text == UNKNOWN_PROVINCE else text
    for short, full in ABBREVIATIONS:
        text = text.replace(short, full)
    return text


def _issuer(text: str, province: str) -> Issuer:
    """The issuer record of a body as the reference list writes it; a record an earlier demo
    made under the list's spelling is renamed (or merged), so that no document is duplicated."""
    name = _issuer_name(text, province)
    short_name = name
    for short, full in ABBREVIATIONS:
        short_name = short_name.replace(full, short)
    short_name = SHORT_NAMES.get(name) or (short_name if short_name != name else "")
    issuer, _created = Issuer.objects.update_or_create(
        name=name, defaults={"short_name": short_name}
    )
    if text != name and (legacy := Issuer.objects.filter(name=text).first()):
        for document in legacy.documents.all():
            if Document.objects.filter(number=document.number, issuer=issuer).exists():
                publishing.item_delete(item=document)  # the demo made it again under the full name
            else:
                document.issuer = issuer
                publishing.item_save(item=document, reason=str(DEMO_REASON))
        legacy.delete()
    return issuer


def _save(model, defaults: dict, **lookup):
    """Creates or updates an item through the action staff edits go through, so that search
    and the cached pages follow; an unchanged item is left alone."""
    item = model.objects.filter(**lookup).first() or model(**lookup)
    changed = item.pk is None or any(getattr(item, k) != v for k, v in defaults.items())
    for name, value in defaults.items():
        setattr(item, name, value)
    if changed:
        publishing.item_save(item=item, reason=str(DEMO_REASON))
    return item


def _publish_on(item, days_ago: int, now) -> None:
    """Published on its own day, not the day the demo is loaded."""
    if item.publication != Publication.PUBLISHED:
        item.publish_at = now - timedelta(days=days_ago)
        publishing.item_publish(item=item)


def render_pdf(title: str, lines: list[str]) -> bytes:
    """A one-page PDF with the document's heading, in a font with every Vietnamese letter."""
    from weasyprint import HTML  # loads Pango: only when a demo PDF is made

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
    now = timezone.now()
    today = timezone.localdate()
    profile = DepartmentProfile.current()
    _merge_fields()
    ward_objects = {name: Ward.objects.get_or_create(name=name)[0] for name in WARDS}
    documents = {}
    with DATA.open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            number = row["number_symbol"]
            issued = date.fromisoformat(row["issued_date"]) if row["issued_date"] else None
            signer, key_effective = KEY_DOCUMENTS.get(number, ("", None))
            if row["issuer_vi"] == UNKNOWN_PROVINCE:
                # The plan's provincial documents: the demo province's, in force when signed.
                signer, key_effective = PROVINCE_SIGNER, issued
            effective = (
                date.fromisoformat(row["effective_date"])
                if row["effective_date"]
                else key_effective or EFFECTIVE_ON.get(number)
            )
            document = _save(
                Document,
                number=number,
                issuer=_issuer(row["issuer_vi"], profile.province),
                defaults={
                    "kind": VIETNAMESE_KINDS.get(row["kind"].casefold(), Document.Kind.OTHER),
                    "summary": row["title_vi"],
                    "signer": signer,
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

    own = Issuer.objects.update_or_create(name=profile.name, defaults={"short_name": "SCT"})[0]
    province = _issuer(UNKNOWN_PROVINCE, profile.province)
    for number, kind, summary, days_ago, signer, field_name, by_province in OWN_DOCUMENTS:
        issued = today - timedelta(days=days_ago)
        document = _save(
            Document,
            number=number,
            issuer=province if by_province else own,
            defaults={
                "kind": kind,
                "summary": summary.format(year=issued.year),
                "signer": signer,
                "issued_on": issued,
                "effective_on": issued,
                "implementation": Document.Implementation.IN_PROGRESS
                if kind == Document.Kind.PLAN
                else "",
            },
        )
        document.fields.add(_field(field_name))
        documents[number] = document

    for source, kind, target in RELATIONS:
        if source in documents and target in documents:
            DocumentRelation.objects.get_or_create(
                source=documents[source], kind=kind, target=documents[target]
            )

    for number in [*WITH_PDF, *(own[0] for own in OWN_DOCUMENTS)]:
        document = documents.get(number)
        if document is None or document.attachments.exists():
            continue
        pdf = render_pdf(
            f"{document.get_kind_display()} số {document.number}",
            [document.issuer.name, document.summary],
        )
        actions.attachment_add(
            document=document,
            uploaded=ContentFile(pdf, name=f"{vi_slugify(document.number)}.pdf"),
            title=f"Toàn văn {document.number}",
        )

    for document in documents.values():
        if document.publication == Publication.PUBLISHED:
            continue
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
        else:
            # The list gives no date: published long ago, not on the day the demo is loaded.
            published_at = now - timedelta(days=400 + document.pk % 300)
        document.publish_at = published_at  # published on that day, not today
        publishing.item_publish(item=document)

    for spec in PLANNINGS:
        planning = _save(
            Planning,
            name=spec["name"],
            defaults={k: spec[k] for k in ("summary", "status", "period")},
        )
        planning.wards.set([ward_objects[w] for w in spec["wards"]])
        if field := _field(spec["field"]):
            planning.fields.add(field)
        _publish_on(planning, spec["days_ago"], now)

    for spec in EXPLAINERS:
        explainer = _save(
            Explainer, slug=spec["slug"], defaults={k: spec[k] for k in ("title", "lead", "body")}
        )
        explainer.documents.set([documents[n] for n in spec["documents"] if n in documents])
        if field := _field(spec["field"]):
            explainer.fields.add(field)
        _publish_on(explainer, spec["days_ago"], now)

    for spec in QUESTIONS:
        question = _save(Question, question=spec["question"], defaults={"answer": spec["answer"]})
        question.documents.set([documents[n] for n in spec["documents"] if n in documents])
        if field := _field(spec["field"]):
            question.fields.add(field)
        _publish_on(question, spec["days_ago"], now)

    if stdout is not None:
        stdout.write(
            f"Transparency: {len(documents)} documents, {len(PLANNINGS)} plannings, "
            f"{len(EXPLAINERS)} explainers, {len(QUESTIONS)} questions.\n"
        )


STEPS = [DemoStep("transparency", seed, after=("portal",))]
