"""Website quality: the nightly check of internal links, stored files, stale pages and HTML
validity, its staff page with the trend and the link to fix each problem, and indicator EG-06."""

import shutil
import time
from datetime import date, datetime, timedelta
from datetime import time as clock

import pytest
from django.urls import reverse
from django.utils import timezone

from egov import quality
from egov.models import News, QualityProblem, QualityRun, StaticPage
from portal.indicators import registry
from portal.models import JobStatus
from portal.periods import Quarter
from tests.egov.factories import NewsFactory, StaticPageFactory
from tests.helpers import VNU

pytestmark = pytest.mark.django_db

BROKEN = "/tin-tuc/bai-da-bi-xoa/"


def _content_with_a_broken_and_a_working_link():
    """An article linking to a deleted article and to the consultations, and a page whose
    rich text links to the article and to a page that does not exist."""
    news = NewsFactory(
        title="Tin có liên kết",
        body=f"Xem [bài cũ]({BROKEN}) và [góp ý dự thảo](/gop-y-du-thao/).",
    )
    page = StaticPageFactory(
        title="Thông tin liên hệ",
        body=(
            f'<p><a href="{news.get_absolute_url()}">Tin có liên kết</a> '
            '<a href="/gioi-thieu/trang-khong-co/">Trang cũ</a> '
            '<a href="https://example.com/khong-kiem-tra">Trang ngoài</a></p>'
        ),
    )
    return news, page


def _problems(run, kind):
    return {(p.page, p.target): p for p in run.problems.filter(kind=kind)}


@pytest.mark.celery
@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_the_link_checker_run_by_a_real_worker_finds_the_broken_link_not_the_working_one(
    celery_worker,
):
    news, page = _content_with_a_broken_and_a_working_link()

    run = quality.start_run()

    deadline = time.monotonic() + 240
    while run.status not in (JobStatus.DONE, JobStatus.FAILED) and time.monotonic() < deadline:
        time.sleep(0.5)
        run.refresh_from_db()

    assert run.status == JobStatus.DONE, run.error
    broken = _problems(run, QualityProblem.Kind.BROKEN_LINK)
    assert set(broken) >= {
        (news.get_absolute_url(), BROKEN),
        (page.get_absolute_url(), "/gioi-thieu/trang-khong-co/"),
    }
    problem = broken[(news.get_absolute_url(), BROKEN)]
    assert problem.fix_url == reverse("admin:egov_news_change", args=[news.pk])
    assert problem.holder == "Tin có liên kết" and "404" in problem.detail
    assert not {target for _page, target in broken} & {
        "/gop-y-du-thao/",
        news.get_absolute_url(),
        "https://example.com/khong-kiem-tra",
    }
    assert run.pages_checked >= 5 and run.links_checked >= run.pages_checked
    assert run.finished_at is not None


def test_the_crawl_alone_finds_a_broken_link_on_a_rendered_page_and_names_its_item():
    news, page = _content_with_a_broken_and_a_working_link()
    from portal import search

    search.index_object(news)
    search.index_object(page)
    checker = quality.Checker(QualityRun.objects.create())

    checker.crawl()  # the rendered pages only, not the stored text

    found = {(p.page, p.target): p for p in checker.problems}
    problem = found[(news.get_absolute_url(), BROKEN)]
    assert problem.holder == "Tin có liên kết"
    assert problem.fix_url == reverse("admin:egov_news_change", args=[news.pk])
    assert (page.get_absolute_url(), "/gioi-thieu/trang-khong-co/") in found
    assert checker.status["/gop-y-du-thao/"] == 200
    assert checker.status[news.get_absolute_url()] == 200
    assert checker.run.pages_checked >= 5
    assert checker.run.links_checked == len(checker.status)


def test_a_missing_file_a_stale_page_and_the_reason_html_was_not_checked(settings, tmp_path):
    settings.EGOV_VNU_JAR = str(tmp_path / "khong-co-vnu.jar")
    settings.EGOV_STALE_PAGE_MONTHS = 6
    news = NewsFactory(title="Tin mất ảnh", image_alt="Ảnh hội nghị")
    News.objects.filter(pk=news.pk).update(image="news/2026/da-xoa.png")
    stale = StaticPageFactory(title="Cơ cấu tổ chức")
    StaticPage.objects.filter(pk=stale.pk).update(updated_at=timezone.now() - timedelta(days=200))
    StaticPageFactory(title="Thông tin liên hệ")  # updated today

    run = quality.run_check(run_id=QualityRun.objects.create().pk)

    assert run.status == JobStatus.DONE, run.error
    (missing,) = run.problems.filter(kind=QualityProblem.Kind.MISSING_FILE)
    assert missing.target == "news/2026/da-xoa.png" and missing.page == news.get_absolute_url()
    assert missing.fix_url == reverse("admin:egov_news_change", args=[news.pk])
    (old,) = run.problems.filter(kind=QualityProblem.Kind.STALE_PAGE)
    assert old.page == stale.get_absolute_url()
    assert old.fix_url == reverse("admin:egov_staticpage_change", args=[stale.pk])
    assert run.missing_files == 1 and run.stale_pages == 1
    if shutil.which("java"):
        assert not run.html_checked and "vnu.jar" in run.html_skipped_reason
    else:
        assert not run.html_checked and "Java" in run.html_skipped_reason


@pytest.mark.skipif(shutil.which("java") is None or not VNU.exists(), reason="no Nu checker")
def test_the_main_pages_are_validated_with_the_nu_checker_when_it_is_installed(settings):
    settings.EGOV_VNU_JAR = str(VNU)
    StaticPageFactory(title="Giới thiệu chung")
    checker = quality.Checker(QualityRun.objects.create())
    assert "/gioi-thieu/gioi-thieu-chung/" in checker.main_pages()
    checker.html()
    assert checker.run.html_checked and checker.run.html_skipped_reason == ""
    assert [p.detail for p in checker.problems] == []


def test_the_staff_page_shows_the_latest_results_their_trend_and_where_to_fix_each(
    client, officer_b
):
    news = NewsFactory(title="Tin có liên kết hỏng")
    older = QualityRun.objects.create(
        status=JobStatus.DONE,
        started_at=timezone.now() - timedelta(days=1),
        finished_at=timezone.now() - timedelta(days=1),
        broken_links=7,
    )
    latest = QualityRun.objects.create(
        status=JobStatus.DONE, finished_at=timezone.now(), broken_links=1, pages_checked=40
    )
    QualityProblem.objects.create(
        run=latest,
        kind=QualityProblem.Kind.BROKEN_LINK,
        page=news.get_absolute_url(),
        target=BROKEN,
        detail="Trả về mã 404",
        holder=str(news),
        fix_url=reverse("admin:egov_news_change", args=[news.pk]),
    )
    QualityProblem.objects.create(run=older, kind=QualityProblem.Kind.BROKEN_LINK, target="/cu/")

    client.force_login(officer_b)
    page = client.get(reverse("egov:quality_report")).content.decode()

    assert "Chất lượng website" in page and BROKEN in page and "/cu/" not in page
    assert f'href="{reverse("admin:egov_news_change", args=[news.pk])}"' in page
    assert "Diễn biến qua các lần kiểm tra gần đây" in page
    assert page.index(">1</td>") < page.index(">7</td>")  # newest run first


def test_an_editor_starts_a_check_and_leadership_or_an_inspector_cannot(
    client, officer_a, leader, inspector
):
    url = reverse("egov:quality_report")
    client.force_login(inspector)
    assert client.get(url).status_code == 403
    client.force_login(leader)
    assert client.get(url).status_code == 200
    assert "Kiểm tra ngay" not in client.get(url).content.decode()
    assert client.post(url).status_code == 403

    client.force_login(officer_a)
    response = client.post(url)
    assert response.status_code == 302 and response["Location"] == url
    # Queued for the worker (the real worker's run is the test above).
    assert QualityRun.objects.get().status == JobStatus.QUEUED
    assert "Đang kiểm tra" in client.get(url).content.decode()


def test_the_indicator_counts_the_broken_links_and_files_of_the_quarters_last_check():
    quarter = Quarter(2026, 1)

    def at(day):
        return timezone.make_aware(datetime.combine(day, clock(3)))

    indicator = registry.get("EG-06")
    assert indicator.dimension == "D8" and indicator.target == 0
    assert indicator.compute(quarter) is None
    done = JobStatus.DONE
    QualityRun.objects.create(status=done, started_at=at(date(2026, 2, 1)), broken_links=9)
    QualityRun.objects.create(
        status=done, started_at=at(date(2026, 3, 30)), broken_links=2, missing_files=1
    )
    QualityRun.objects.create(status=JobStatus.FAILED, started_at=at(date(2026, 3, 31)))
    QualityRun.objects.create(status=done, started_at=at(date(2026, 4, 1)), broken_links=50)
    assert indicator.compute(quarter) == 3


def test_links_to_other_sites_mail_and_the_page_itself_are_not_internal():
    assert quality.internal_path("https://example.com/a") is None
    assert quality.internal_path("mailto:so@example.vn") is None
    assert quality.internal_path("#noi-dung") is None
    assert (
        quality.internal_path("../van-ban/?q=xang", "/tin-tuc/mot/") == "/tin-tuc/van-ban/?q=xang"
    )
    assert quality.internal_path("http://127.0.0.1/gop-y-du-thao/#x") == "/gop-y-du-thao/"


def test_the_dashboard_links_the_quality_page_and_warns_editors_of_broken_links(
    client, officer_a, inspector
):
    QualityRun.objects.create(status=JobStatus.DONE, broken_links=3, missing_files=1)
    client.force_login(officer_a)
    page = client.get(reverse("portal:dashboard")).content.decode()
    assert f'href="{reverse("egov:quality_report")}">Chất lượng website</a>' in page
    assert "3 liên kết hỏng và 1 tệp bị thiếu" in page

    client.force_login(inspector)
    page = client.get(reverse("portal:dashboard")).content.decode()
    assert reverse("egov:quality_report") not in page and "liên kết hỏng" not in page


@pytest.mark.redis
def test_the_checks_visits_are_not_counted_as_views_of_a_document(client, settings):
    from django.conf import settings as django_settings

    from tests.helpers import require
    from tests.transparency.factories import DocumentFactory
    from transparency.tasks import flush_document_views

    require(django_settings.CACHES["default"]["BACKEND"].endswith("RedisCache"), "a Redis cache")
    document = DocumentFactory()
    checker = quality.Checker(QualityRun.objects.create())
    assert checker.check(document.get_absolute_url()) == 200
    assert flush_document_views() == 0
    client.get(document.get_absolute_url(), REMOTE_ADDR="203.113.0.10")  # a visitor
    assert flush_document_views() == 1
