"""The e-governance app's rows of the role × URL matrix (see tests/matrix.py)."""

from tests.matrix import everyone, staff_only

EXPECTED = {
    "egov:news_list": everyone(200),
    "egov:news_feed": everyone(200),
    "egov:news_category": everyone(200),
    "egov:news_category_feed": everyone(200),
    "egov:news_detail": everyone(200),
    "egov:news_image": everyone(200),
    "egov:page_index": everyone(200),
    "egov:page_detail": everyone(200),
    # Website quality: the editors (any unit) and leadership follow it.
    "egov:quality_report": staff_only(
        403, officer_a=200, officer_b=200, leader=200, administrator=200
    ),
    "egov:consultation_list": everyone(200),
    "egov:consultation_detail": everyone(200),
    # No such file: downloads themselves are tested in tests/egov/test_consultations.py.
    "egov:attachment_download": everyone(404),
    "egov:comment_create": everyone(200),
    "egov:comment_list": everyone(200),
    # Without a comment of one's own in the session the page only says to check the mail.
    "egov:comment_sent": everyone(200),
    "egov:comment_confirm": everyone(404),  # an unknown token
    # The published synthesis, as a page and as a PDF.
    "egov:synthesis_page": everyone(200),
    "egov:synthesis_pdf": everyone(200),
    "egov:comments_csv": everyone(200),
    "egov:comments_xlsx": everyone(200),
    # A synthesis's PDF before publication: the drafting unit (unit A) and leadership.
    "admin:egov_synthesisreport_pdf": staff_only(403, officer_a=200, leader=200, administrator=200),
    # The drafting units' overview: staff who follow consultations (each sees their units').
    "egov:staff_overview": staff_only(
        403, officer_a=200, officer_b=200, leader=200, administrator=200
    ),
    # Importing a draft: the drafting unit's editors (unit A here) and administrators.
    "admin:egov_consultation_import_draft": staff_only(403, officer_a=200, administrator=200),
}

SAMPLE_KWARGS = {
    "egov:news_category": lambda s: {"slug": s.objects["egov.newscategory"].slug},
    "egov:news_category_feed": lambda s: {"slug": s.objects["egov.newscategory"].slug},
    "egov:news_detail": lambda s: {"slug": s.objects["egov.news"].slug},
    "egov:news_image": lambda s: {"slug": s.objects["egov.news"].slug},
    "egov:page_detail": lambda s: {"slug": s.objects["egov.staticpage"].slug},
    "egov:consultation_detail": lambda s: {"pk": s.objects["egov.consultation"].pk},
    "egov:attachment_download": lambda s: {
        "consultation_pk": s.objects["egov.consultation"].pk,
        "pk": 999999,
    },
    "egov:comment_create": lambda s: {"pk": s.objects["egov.consultation"].pk},
    "egov:comment_list": lambda s: {"pk": s.objects["egov.consultation"].pk},
    "egov:comment_sent": lambda s: {"pk": s.objects["egov.consultation"].pk},
    "egov:comment_confirm": lambda s: {"token": "khong-co-ma-nay"},
    "egov:synthesis_page": lambda s: {"pk": s.objects["egov.consultation"].pk},
    "egov:synthesis_pdf": lambda s: {"pk": s.objects["egov.consultation"].pk},
    "egov:comments_csv": lambda s: {"pk": s.objects["egov.consultation"].pk},
    "egov:comments_xlsx": lambda s: {"pk": s.objects["egov.consultation"].pk},
    "admin:egov_synthesisreport_pdf": lambda s: {"object_id": s.objects["egov.synthesisreport"].pk},
    "admin:egov_consultation_import_draft": lambda s: {
        "object_id": s.objects["egov.consultation"].pk
    },
}

HTML_PAGES = {
    "news": ("/tin-tuc/", 200),
    # An article, a category and a page, with content: tests/egov/test_html_valid.py.
    "about": ("/gioi-thieu/", 200),
    "consultations": ("/gop-y-du-thao/", 200),
}


def samples() -> dict:
    from django.core.files.base import ContentFile
    from django.utils import timezone

    from egov import actions
    from egov.models import AnswerTemplate, ConsultationAttachment, DraftSection, SynthesisReport
    from portal.models import Unit
    from tests.egov.factories import (
        NewsCategoryFactory,
        NewsFactory,
        StaticPageFactory,
        make_comment,
        make_consultation,
        png_bytes,
    )

    unit = Unit.objects.get(code="quan-ly-thuong-mai")  # unit A of the personas
    consultation = make_consultation(unit=unit)
    article = DraftSection.objects.filter(version__consultation=consultation, kind="article")[0]
    comment = make_comment(consultation, section=article)
    answer = actions.answer_create(comments=[comment], verdict="accepted", text="Tiếp thu.")
    attachment = ConsultationAttachment(
        consultation=consultation, kind="impact", original_name="danh-gia.pdf", format="pdf"
    )
    attachment.file.save("danh-gia.pdf", ContentFile(b"%PDF-1.7 danh gia tac dong"))
    report = SynthesisReport.objects.create(
        consultation=consultation,
        status="done",
        progress=100,
        html="<p>Tổng hợp</p>",
        published_at=timezone.now(),
    )
    report.file.save("tong-hop.pdf", ContentFile(b"%PDF-1.7 tong hop"))
    category = NewsCategoryFactory(name="Xúc tiến thương mại")
    news = NewsFactory(
        title="Khai mạc Hội chợ thương mại", category=category, image_alt="Toàn cảnh hội chợ"
    )
    news.image.save("hoi-cho.png", ContentFile(png_bytes()))
    return {
        "egov.newscategory": category,
        "egov.news": news,
        "egov.staticpage": StaticPageFactory(title="Cơ cấu tổ chức"),
        "egov.synthesisreport": report,
        "egov.consultation": consultation,
        "egov.consultationattachment": attachment,
        "egov.draftversion": consultation.versions.get(),
        "egov.draftsection": article,
        "egov.comment": comment,
        "egov.answer": answer,
        "egov.answertemplate": AnswerTemplate.objects.create(
            title="Khoảng cách", verdict="explained", text="Giữ như dự thảo."
        ),
    }
