"""The staff area in a real browser, signed in with TOTP as an editor is: each admin page an
editor works in checked with axe (WCAG 2.2 AA) like the public pages, and the editor's whole
job from sign-in to the published document on the public site."""

import pytest
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
from django.core.files.base import ContentFile
from django.urls import reverse

from portal import roles
from portal.publishing import Publication
from tests.helpers import current_code, make_staff, sign_in
from transparency import actions
from transparency.demo import render_pdf
from transparency.models import Attachment, Document, DocumentRelation

from .factories import DocumentFactory, FieldFactory, IssuerFactory
from .helpers import make_pdf

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


IMPORT_CSV = "number,kind,summary,issuer\n7/2026/QĐ-SCT,decision,Về giá điện,Sở Công Thương\n"


def signed_in(page, role):
    """The page of a member of staff of that role, past the TOTP step."""
    secret = generate_totp_secret()
    user = make_staff(role, mfa=False)
    TOTP.activate(user, secret)
    sign_in(page, user.email)
    page.get_by_label("Mã xác thực").fill(current_code(secret))
    page.get_by_role("button", name="Tiếp tục").click()
    page.wait_for_url(f"**{reverse('portal:dashboard')}")
    return page


@pytest.fixture
def editor_page(page):
    return signed_in(page, roles.EDITOR)


@pytest.fixture
def document():
    """A document with an attachment and a relation, among enough others to fill the list's
    filters and date drill-down."""
    FieldFactory.create_batch(4)
    document = DocumentFactory()
    actions.attachment_add(document=document, uploaded=ContentFile(make_pdf(), name="qd.pdf"))
    others = DocumentFactory.create_batch(30)
    DocumentRelation.objects.create(source=document, kind="amends", target=others[0])
    return document


@pytest.mark.parametrize("width", [390, 1280])
def test_the_admin_pages_an_editor_uses_are_accessible(editor_page, axe, document, width):
    page = editor_page
    page.set_viewport_size({"width": width, "height": 900})
    for url in (
        reverse("admin:index"),
        reverse("admin:transparency_document_changelist"),
        reverse("admin:transparency_document_add"),
        reverse("admin:transparency_document_change", args=[document.pk]),
        reverse("admin:transparency_document_history", args=[document.pk]),
        reverse("admin:transparency_document_import"),
        reverse("admin:transparency_document_export"),
        reverse("admin:transparency_planning_add"),  # an autocomplete of one choice
        reverse("admin:transparency_explainer_add"),  # an autocomplete of several
    ):
        page.goto(url)
        assert page.locator("html").get_attribute("lang") == "vi"
        assert axe(page) == [], url

    # Unpublishing from the document's page asks for the reason on a page of its own.
    page.goto(reverse("admin:transparency_document_change", args=[document.pk]))
    page.locator(".publication-panel").get_by_role("button", name="Gỡ").click()
    assert page.get_by_label("Lý do gỡ").is_visible()
    assert axe(page) == []

    # The import preview.
    page.goto(reverse("admin:transparency_document_import"))
    page.set_input_files(
        "#id_import_file",
        files=[{"name": "van-ban.csv", "mimeType": "text/csv", "buffer": IMPORT_CSV.encode()}],
    )
    page.select_option("#id_format", label="csv")
    page.get_by_role("button", name="Gửi").click()
    assert "Quyết định" in page.locator("table.import-preview").inner_text()
    assert axe(page) == []


def test_the_plan_and_its_tasks_are_accessible_in_the_admin(page, axe):
    """The leadership's admin pages: the PAPI plan with its tasks as inline rows."""
    from tests.papi.helpers import make_task

    task = make_task(title="Công khai danh mục cửa hàng xăng dầu")
    page = signed_in(page, roles.LEADERSHIP)
    page.set_viewport_size({"width": 1280, "height": 900})
    for url in (
        reverse("admin:papi_actionplan_changelist"),
        reverse("admin:papi_actionplan_change", args=[task.plan.pk]),
        reverse("admin:papi_plantask_change", args=[task.pk]),
    ):
        page.goto(url)
        assert axe(page) == [], url


def _wait_for(condition, seconds=60):
    import time

    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.5)


def test_an_editor_adds_a_document_with_its_pdf_publishes_it_and_finds_it_public(
    editor_page, axe, celery_worker
):
    """The editor's whole job, with a real Celery worker reading the PDF's text."""
    page = editor_page
    page.set_viewport_size({"width": 1280, "height": 900})
    FieldFactory(name="Kinh doanh xăng dầu")
    IssuerFactory(name="Sở Công Thương tỉnh Thái Nguyên")
    pdf = render_pdf("Quyết định số 15/2026/QĐ-SCT", ["Kiểm tra cửa hàng xăng dầu Phổ Yên"])

    page.goto(reverse("admin:transparency_document_add"))
    page.select_option("#id_kind", label="Quyết định")
    page.fill("#id_number", "15/2026/QĐ-SCT")
    page.fill("#id_summary", "Về việc kiểm tra hoạt động kinh doanh xăng dầu năm 2026")
    page.select_option("#id_issuer", label="Sở Công Thương tỉnh Thái Nguyên")
    page.fill("#id_issued_on", "05/03/2026")
    # The selector widget, in Vietnamese.
    assert "Chọn tất cả lĩnh vực" in page.locator(".selector").inner_text()
    page.select_option("#id_fields_from", label="Kinh doanh xăng dầu")
    page.get_by_role("button", name="Chọn các lĩnh vực đã đánh dấu").click()
    page.set_input_files(
        "#id_attachments-0-file",
        files=[{"name": "quyet-dinh.pdf", "mimeType": "application/pdf", "buffer": pdf}],
    )
    page.get_by_role("button", name="Lưu và tiếp tục chỉnh sửa").click()

    assert "được thêm vào thành công" in page.locator(".messagelist").inner_text()
    document = Document.objects.get(number="15/2026/QĐ-SCT")
    assert [f.name for f in document.fields.all()] == ["Kinh doanh xăng dầu"]
    assert document.publication == Publication.DRAFT
    assert axe(page) == []

    page.get_by_role("button", name="Đăng ngay").click()
    assert "Đã đăng 1 mục." in page.locator(".messagelist").inner_text()
    assert "Đã đăng" in page.locator(".publication-panel").inner_text()
    # The worker reads the PDF; the search entry follows.
    _wait_for(lambda: Attachment.objects.filter(document=document, text__contains="Phổ Yên"))

    page.goto("/van-ban/")
    page.get_by_role("link", name="15/2026/QĐ-SCT").first.click()
    page.wait_for_url(f"**{document.get_absolute_url()}")

    def found_in_search():
        page.goto(f"{reverse('portal:search')}?q=xang dau Pho Yen")
        return page.locator("main").get_by_role("link", name="15/2026/QĐ-SCT").count()

    _wait_for(found_in_search, seconds=20)

    feed = page.request.get(reverse("transparency:document_feed"))
    assert feed.ok and "15/2026/QĐ-SCT" in feed.text()
