"""The consultation pages, with a draft, comments, answers and a synthesis, are valid HTML
(the Nu HTML checker)."""

import pytest
from django.urls import reverse
from django.utils import timezone

from egov import actions
from egov.models import SynthesisReport
from tests.egov.factories import make_comment, make_consultation
from tests.helpers import nu_errors

pytestmark = pytest.mark.django_db


def test_the_consultation_pages_are_valid_html(client, unit_a, tmp_path):
    consultation = make_consultation(unit=unit_a)
    article = consultation.versions.get().sections.get(anchor="dieu-12a")
    comment = make_comment(consultation, section=article, status="published")
    make_comment(consultation, status="published", body="Ý kiến chung.\nHai dòng.")
    actions.answer_create(comments=[comment], verdict="accepted", text="Tiếp thu.")
    report = SynthesisReport.objects.create(consultation=consultation)
    actions.synthesis_run(report_id=report.pk)
    SynthesisReport.objects.filter(pk=report.pk).update(published_at=timezone.now())
    form_url = reverse("egov:comment_create", args=[consultation.pk])

    pages = {
        "list": client.get("/gop-y-du-thao/"),
        "detail": client.get(consultation.get_absolute_url()),
        "form": client.get(form_url),
        "form-errors": client.post(form_url, {"body": "Chỉ có nội dung."}),
        "sent": client.get(reverse("egov:comment_sent", args=[consultation.pk])),
        "synthesis": client.get(reverse("egov:synthesis_page", args=[consultation.pk])),
    }
    assert nu_errors(pages, tmp_path) == ""


def test_the_news_and_the_department_pages_are_valid_html(client, tmp_path, officer_a):
    from django.core.files.base import ContentFile

    from egov.models import QualityProblem, QualityRun
    from portal.models import JobStatus
    from tests.egov.factories import (
        NewsCategoryFactory,
        NewsFactory,
        StaticPageFactory,
        png_bytes,
    )

    category = NewsCategoryFactory(name="Xúc tiến thương mại")
    news = NewsFactory(
        title="Khai mạc hội chợ",
        body="## Hoạt động\n\n- Trưng bày\n- Kết nối\n\n| Ngày | Việc |\n|--|--|\n| 1 | Mở |",
        category=category,
        image_alt="Toàn cảnh hội chợ",
    )
    news.image.save("hoi-cho.png", ContentFile(png_bytes()))
    NewsFactory(title="Tin khác")
    page = StaticPageFactory(
        title="Cơ cấu tổ chức",
        body='<h2>Phòng</h2><table><caption>Phòng</caption><tr><th scope="col">Tên</th></tr>'
        "<tr><td>Văn phòng</td></tr></table><address>Số 8, đường Đội Cấn</address>",
    )
    StaticPageFactory(title="Thông tin liên hệ")
    run = QualityRun.objects.create(status=JobStatus.DONE, finished_at=timezone.now())
    QualityProblem.objects.create(
        run=run, kind="broken_link", page=news.get_absolute_url(), target="/tin-tuc/cu/",
        detail="404", holder=str(news), fix_url=f"/quan-tri/egov/news/{news.pk}/change/",
    )  # fmt: skip

    pages = {
        "home": client.get("/"),
        "news": client.get("/tin-tuc/"),
        "category": client.get(category.get_absolute_url()),
        "article": client.get(news.get_absolute_url()),
        "about": client.get("/gioi-thieu/"),
        "page": client.get(page.get_absolute_url()),
    }
    client.force_login(officer_a)
    pages["quality"] = client.get(reverse("egov:quality_report"))
    assert nu_errors(pages, tmp_path) == ""
