"""/gop-y-du-thao/: the consultations, their legal minimum period, the draft by article, the
files, and the staff's pages."""

from datetime import timedelta

import pytest
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from egov.models import Consultation, ConsultationAttachment
from portal.models import LegalLimit
from portal.publishing import Publication
from tests.egov.factories import make_comment, make_consultation

pytestmark = pytest.mark.django_db


def _days(n):
    return timezone.localdate() + timedelta(days=n)


def _admin_data(unit, **overrides):
    """The consultation's admin form as a browser posts it, inline management forms included."""
    data = {
        "title": "Dự thảo Quyết định quy định giá dịch vụ chợ",
        "unit": unit.pk,
        "document_kind": "provincial_decision",
        "summary": "Quy định khung giá dịch vụ sử dụng diện tích bán hàng tại chợ.",
        "opens_on": _days(1).strftime("%d/%m/%Y"),
        "closes_on": _days(30).strftime("%d/%m/%Y"),
        "short_period_reason": "",
        "stage": "consulting",
        "adopted_document": "",
        "attachments-TOTAL_FORMS": "0",
        "attachments-INITIAL_FORMS": "0",
        "attachments-MIN_NUM_FORMS": "0",
        "attachments-MAX_NUM_FORMS": "1000",
        "versions-TOTAL_FORMS": "0",
        "versions-INITIAL_FORMS": "0",
        "versions-MIN_NUM_FORMS": "0",
        "versions-MAX_NUM_FORMS": "1000",
    }
    return data | overrides


def test_staff_cannot_open_a_consultation_shorter_than_the_legal_minimum_without_a_reason(
    client, officer_a, unit_a
):
    client.force_login(officer_a)
    url = reverse("admin:egov_consultation_add")
    short = _admin_data(unit_a, closes_on=_days(10).strftime("%d/%m/%Y"))

    response = client.post(url, short)

    assert response.status_code == 200
    page = response.content.decode()
    assert "ngắn hơn thời gian tối thiểu 20 ngày lịch" in page
    assert "Nghị định số 78/2025/NĐ-CP" in page
    assert not Consultation.objects.exists()

    response = client.post(
        url, short | {"short_period_reason": "Văn bản cần ban hành gấp để kịp thời hạn của Bộ."}
    )
    assert response.status_code == 302
    consultation = Consultation.objects.get()
    assert consultation.short_period_reason.startswith("Văn bản cần ban hành gấp")


def test_twenty_days_counted_inclusively_is_enough_and_the_table_decides_the_minimum(
    client, officer_a, unit_a, django_capture_on_commit_callbacks
):
    client.force_login(officer_a)
    url = reverse("admin:egov_consultation_add")
    twenty = _admin_data(unit_a, closes_on=_days(20).strftime("%d/%m/%Y"))
    assert client.post(url, twenty).status_code == 302

    # Staff correct the limit in its table: the next consultation follows at once.
    limit = LegalLimit.objects.get(code="consultation-minimum")
    admin_url = reverse("admin:portal_legallimit_change", args=[limit.pk])
    admin = {
        "label": limit.label,
        "value": "30",
        "unit": "calendar_days",
        "citation": limit.citation,
        "verified": "on",
        "note": "",
    }
    client.logout()
    from tests.helpers import make_staff

    superuser = make_staff("administrator", is_superuser=True)
    client.force_login(superuser)
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(admin_url, admin).status_code == 302
    change = limit.history.latest()
    assert (change.value, change.verified, change.history_user) == (30, True, superuser)
    client.force_login(officer_a)
    response = client.post(url, twenty | {"title": "Dự thảo thứ hai"})
    assert response.status_code == 200
    assert "tối thiểu 30 ngày lịch" in response.content.decode()


def test_the_list_puts_open_consultations_first_and_filters_by_status(client, unit_a):
    make_consultation(
        unit=unit_a, title="Dự thảo đã đóng", opens_on=_days(-60), closes_on=_days(-30)
    )
    make_consultation(unit=unit_a, title="Dự thảo sắp mở", opens_on=_days(5), closes_on=_days(40))
    make_consultation(unit=unit_a, title="Dự thảo đang mở", opens_on=_days(-5), closes_on=_days(20))
    make_consultation(unit=unit_a, title="Dự thảo chưa công bố", published=False)

    page = client.get("/gop-y-du-thao/").content.decode()

    assert (
        page.index("Dự thảo đang mở") < page.index("Dự thảo sắp mở") < page.index("Dự thảo đã đóng")
    )
    assert "Dự thảo chưa công bố" not in page
    assert "Còn 20 ngày" in page
    closed = client.get("/gop-y-du-thao/", {"status": "awaiting_answers"}).content.decode()
    assert "Dự thảo đã đóng" in closed and "Dự thảo đang mở" not in closed
    assert "Đã hết hạn góp ý, đang tổng hợp" in closed


def test_the_page_shows_the_days_left_the_legal_minimum_and_the_draft_by_article(client, unit_a):
    consultation = make_consultation(unit=unit_a, closes_on=_days(12))
    version = consultation.versions.get()
    article = version.sections.get(anchor="dieu-12a")
    make_comment(consultation, section=article, status="published")
    make_comment(consultation, section=article, status="published", body="Ý kiến thứ hai.")
    make_comment(consultation, section=article, status="confirmed", body="Chưa duyệt.")

    page = client.get(consultation.get_absolute_url()).content.decode()

    assert "Còn 12 ngày để góp ý" in page
    assert "20 ngày lịch theo Nghị định số 78/2025/NĐ-CP" in page
    assert "chưa đối chiếu với văn bản" in page
    assert 'id="dieu-12a"' in page and 'id="dieu-2-khoan-2-diem-dd"' in page
    assert 'id="dieu-12a-bang-1"' in page
    assert '<th scope="col" class="govuk-table__header">Khu vực</th>' in page
    section = page[page.index('id="dieu-12a"') : page.index('id="dieu-13"')]
    assert "2 ý kiến đã công bố" in section
    assert "Ý kiến thứ hai." in section and "Chưa duyệt." not in page
    assert "?dieu=dieu-12a" in section


def test_a_consultation_page_reads_a_fixed_number_of_queries(
    client, unit_a, django_assert_max_num_queries
):
    consultation = make_consultation(unit=unit_a)
    for section in consultation.versions.get().sections.filter(kind="article"):
        make_comment(consultation, section=section, status="published")
    with django_assert_max_num_queries(12):
        assert client.get(consultation.get_absolute_url()).status_code == 200


def test_a_draft_is_a_404_to_the_public_and_a_preview_to_staff(client, unit_a, officer_a):
    consultation = make_consultation(unit=unit_a, published=False)
    assert client.get(consultation.get_absolute_url()).status_code == 404
    client.force_login(officer_a)
    page = client.get(consultation.get_absolute_url()).content.decode()
    assert "Bản xem trước dành cho cán bộ" in page


def test_files_are_private_until_the_consultation_is_public(client, unit_a, settings, tmp_path):
    settings.STORAGES = {
        **settings.STORAGES,
        "private": {**settings.STORAGES["private"], "OPTIONS": {"location": tmp_path}},
    }
    consultation = make_consultation(unit=unit_a, published=False)
    attachment = ConsultationAttachment(
        consultation=consultation, kind="impact", original_name="danh-gia.pdf", format="pdf"
    )
    attachment.file.save("danh-gia.pdf", ContentFile(b"%PDF-1.7 danh gia"))

    assert client.get(attachment.get_absolute_url()).status_code == 404
    from portal import publishing

    publishing.item_publish(item=consultation)
    response = client.get(attachment.get_absolute_url())
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == b"%PDF-1.7 danh gia"
    assert "attachment" in response["Content-Disposition"]


def test_the_drafting_unit_imports_a_draft_and_another_unit_cannot(
    client, unit_a, officer_a, officer_b
):
    consultation = make_consultation(unit=unit_a, text="")
    url = reverse("admin:egov_consultation_import_draft", args=[consultation.pk])
    data = {"text": "Điều 1. Phạm vi điều chỉnh\nQuy định này áp dụng cho chợ.", "note": ""}

    client.force_login(officer_b)
    assert client.post(url, data).status_code == 403
    assert not consultation.versions.exists()

    client.force_login(officer_a)
    response = client.post(url, data)
    assert response.status_code == 302
    assert consultation.versions.get().sections.get().anchor == "dieu-1"


def test_an_import_without_articles_shows_the_error_and_keeps_the_text(client, unit_a, officer_a):
    consultation = make_consultation(unit=unit_a, text="")
    client.force_login(officer_a)
    url = reverse("admin:egov_consultation_import_draft", args=[consultation.pk])
    response = client.post(url, {"text": "Văn bản không có điều khoản nào", "note": ""})
    page = response.content.decode()
    assert response.status_code == 200
    assert "Văn bản không có điều khoản nào" in page
    assert "Điều 1." in page


def test_a_docx_that_is_not_a_docx_is_refused(client, unit_a, officer_a):
    consultation = make_consultation(unit=unit_a, text="")
    client.force_login(officer_a)
    url = reverse("admin:egov_consultation_import_draft", args=[consultation.pk])
    fake = SimpleUploadedFile("du-thao.pdf", b"%PDF-1.7")
    response = client.post(url, {"docx": fake, "text": "", "note": ""})
    assert response.status_code == 200
    assert "Chỉ tệp DOCX" in response.content.decode()


def test_another_units_officer_neither_lists_nor_opens_a_consultation(
    client, unit_a, officer_b, leader
):
    consultation = make_consultation(unit=unit_a)
    client.force_login(officer_b)
    changelist = client.get(reverse("admin:egov_consultation_changelist")).content.decode()
    assert consultation.title not in changelist
    change = reverse("admin:egov_consultation_change", args=[consultation.pk])
    assert client.get(change).status_code == 403
    client.force_login(leader)
    assert (
        consultation.title
        in client.get(reverse("admin:egov_consultation_changelist")).content.decode()
    )


def test_the_list_comes_from_the_page_cache_and_shows_a_new_consultation_at_once(
    client, unit_a, django_assert_num_queries, django_capture_on_commit_callbacks
):
    make_consultation(unit=unit_a, title="Dự thảo Quy định về chợ truyền thống")
    url = reverse("egov:consultation_list")
    first = client.get(url)
    with django_assert_num_queries(0):
        assert client.get(url).content == first.content

    with django_capture_on_commit_callbacks(execute=True):
        make_consultation(unit=unit_a, title="Dự thảo Quy định về cửa hàng tiện lợi")
    page = client.get(url).content.decode()
    assert "Dự thảo Quy định về cửa hàng tiện lợi" in page
    assert "Dự thảo Quy định về chợ truyền thống" in page


def test_unpublishing_takes_the_cached_page_down(
    client, unit_a, django_capture_on_commit_callbacks
):
    from portal import publishing

    consultation = make_consultation(unit=unit_a)
    assert client.get(consultation.get_absolute_url()).status_code == 200
    with django_capture_on_commit_callbacks(execute=True):
        publishing.item_unpublish(item=consultation, reason="Rút dự thảo để chỉnh sửa")
    assert consultation.publication == Publication.UNPUBLISHED
    assert client.get(consultation.get_absolute_url()).status_code == 404


def test_the_staff_overview_lists_what_each_unit_must_act_on(
    client, unit_a, unit_b, officer_a, officer_b, leader
):
    soon = make_consultation(unit=unit_a, title="Dự thảo giá dịch vụ chợ", closes_on=_days(3))
    make_consultation(unit=unit_a, title="Còn lâu", closes_on=_days(25))
    late = make_consultation(unit=unit_a, title="Chưa tổng hợp")
    make_comment(late)  # confirmed, waiting for moderation
    Consultation.objects.filter(pk=late.pk).update(opens_on=_days(-40), closes_on=_days(-12))
    answered = make_consultation(
        unit=unit_a, title="Chờ ban hành", opens_on=_days(-60), closes_on=_days(-30)
    )
    Consultation.objects.filter(pk=answered.pk).update(stage=Consultation.Stage.ANSWERED)
    make_consultation(unit=unit_b, title="Của phòng khác", closes_on=_days(2))
    url = reverse("egov:staff_overview")

    client.force_login(officer_a)
    page = client.get(url).content.decode()
    closing = page[page.index("Sắp hết hạn lấy ý kiến trong một tuần") :]
    assert soon.title in closing.split("</table>")[0]
    assert "Còn lâu" not in page and "Của phòng khác" not in page
    awaiting = page[page.index("Đã hết hạn, chưa công bố bản tổng hợp") :].split("</table>")[0]
    assert late.title in awaiting and ">12</strong>" in awaiting
    assert 'status__exact=confirmed">1</a>' in awaiting
    not_adopted = page[page.index("Đã trả lời, chưa ban hành") :].split("</table>")[0]
    assert answered.title in not_adopted

    client.force_login(officer_b)
    page = client.get(url).content.decode()
    assert "Của phòng khác" in page and soon.title not in page
    client.force_login(leader)
    page = client.get(url).content.decode()
    assert "Của phòng khác" in page and soon.title in page


def test_an_adopted_consultation_and_its_document_link_to_each_other(client, unit_a):
    from tests.transparency.factories import DocumentFactory

    document = DocumentFactory(number="12/2026/QĐ-UBND")
    consultation = make_consultation(unit=unit_a, opens_on=_days(-60), closes_on=_days(-30))
    Consultation.objects.filter(pk=consultation.pk).update(
        stage=Consultation.Stage.ADOPTED, adopted_document=document
    )

    page = client.get(consultation.get_absolute_url()).content.decode()
    assert "Đã ban hành" in page
    assert f'href="{document.get_absolute_url()}"' in page and "12/2026/QĐ-UBND" in page
    back = client.get(document.get_absolute_url()).content.decode()
    assert "Dự thảo đã được lấy ý kiến công khai" in back
    assert f'href="{consultation.get_absolute_url()}"' in back


def test_the_page_shows_the_latest_comments_of_an_article_and_links_to_all_of_them(client, unit_a):
    consultation = make_consultation(unit=unit_a)
    article = consultation.versions.get().sections.get(anchor="dieu-12a")
    for n in range(5):
        make_comment(consultation, section=article, status="published", body=f"Ý kiến số {n}.")
    make_comment(consultation, section=article, status="confirmed", body="Chưa duyệt.")

    page = client.get(consultation.get_absolute_url()).content.decode()
    section = page[page.index('id="dieu-12a"') : page.index('id="dieu-13"')]
    assert "5 ý kiến đã công bố" in section
    assert "Ý kiến số 4." in section and "Ý kiến số 2." in section
    assert "Ý kiến số 1." not in section  # beyond the latest three
    assert "Tất cả 5 ý kiến về Điều 12a" in section

    listing = client.get(
        reverse("egov:comment_list", args=[consultation.pk]), {"dieu": "dieu-12a"}
    ).content.decode()
    assert all(f"Ý kiến số {n}." in listing for n in range(5))
    assert "Chưa duyệt." not in listing
    assert (
        client.get(
            reverse("egov:comment_list", args=[consultation.pk]), {"dieu": "khong-co"}
        ).status_code
        == 404
    )


def test_each_article_and_the_whole_draft_show_their_own_latest_comments(client, unit_a):
    consultation = make_consultation(unit=unit_a)
    version = consultation.versions.get()
    article, other = (version.sections.get(anchor=a) for a in ("dieu-12a", "dieu-13"))
    for n in range(4):
        make_comment(consultation, status="published", body=f"Chung số {n}.")
    make_comment(consultation, section=other, status="published", body="Về Điều 13.")
    make_comment(consultation, section=article, status="published", body="Về Điều 12a.")

    page = client.get(consultation.get_absolute_url()).content.decode()
    first = page[page.index('id="dieu-12a"') : page.index('id="dieu-13"')]
    assert "1 ý kiến đã công bố" in first and "Về Điều 12a." in first
    assert "Về Điều 13." not in first and "Chung số" not in first
    whole = page[page.index('id="y-kien-chung"') :]
    assert [f"Chung số {n}." in whole for n in range(4)] == [False, True, True, True]
    assert "Về Điều" not in whole
    assert "Tất cả ý kiến đã công bố" in whole


def test_adopting_a_consultation_links_the_documents_cached_page_to_it_at_once(
    client, unit_a, officer_a, django_capture_on_commit_callbacks
):
    from tests.transparency.factories import DocumentFactory

    document = DocumentFactory(number="15/2026/QĐ-UBND")
    consultation = make_consultation(unit=unit_a, opens_on=_days(-60), closes_on=_days(-30))
    # A visitor reads the document's page: the copy is cached for the next visitors.
    assert "Dự thảo đã được lấy ý kiến công khai" not in (
        client.get(document.get_absolute_url()).content.decode()
    )

    client.force_login(officer_a)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("admin:egov_consultation_change", args=[consultation.pk]),
            _admin_data(
                unit_a,
                title=consultation.title,
                opens_on=_days(-60).strftime("%d/%m/%Y"),
                closes_on=_days(-30).strftime("%d/%m/%Y"),
                stage="adopted",
                adopted_document=document.pk,
            ),
        )
    assert response.status_code == 302
    client.logout()

    back = client.get(document.get_absolute_url()).content.decode()
    assert "Dự thảo đã được lấy ý kiến công khai" in back
    assert f'href="{consultation.get_absolute_url()}"' in back

    # Unpublishing the consultation takes the link down as soon.
    from portal import publishing

    consultation.refresh_from_db()
    with django_capture_on_commit_callbacks(execute=True):
        publishing.item_unpublish(item=consultation, reason="Rút để sửa tiêu đề")
    assert consultation.get_absolute_url() not in (
        client.get(document.get_absolute_url()).content.decode()
    )


def test_the_draft_on_the_page_escapes_what_commenters_typed_and_keeps_their_line_breaks(
    client, unit_a
):
    from egov import actions

    consultation = make_consultation(unit=unit_a)
    article = consultation.versions.get().sections.get(anchor="dieu-12a")
    on_article = make_comment(
        consultation,
        section=article,
        status="published",
        body="Đề nghị sửa <b>khoản 2</b>.\nLý do: trùng lặp.\n\nXin cảm ơn.",
    )
    actions.answer_create(
        comments=[on_article], verdict="accepted", text="Tiếp thu & chỉnh sửa <khoản 2>."
    )
    make_comment(
        consultation,
        status="published",
        author_kind="individual",
        organisation="",
        name="Lê Văn <Nam>",
        body="Ý kiến chung về dự thảo.",
    )

    page = client.get(consultation.get_absolute_url()).content.decode()
    section = page[page.index('id="dieu-12a"') : page.index('id="dieu-13"')]
    assert "&lt;b&gt;khoản 2&lt;/b&gt;.<br>Lý do: trùng lặp.</p>\n\n<p>Xin cảm ơn.</p>" in section
    assert "Công ty TNHH Xăng dầu Gia Sàng</strong> (tổ chức)" in section
    assert "Tiếp thu & chỉnh sửa" not in section
    assert "Tiếp thu &amp; chỉnh sửa &lt;khoản 2&gt;." in section
    assert f'id="y-kien-{on_article.pk}"' in section
    whole = page[page.index('id="y-kien-chung"') :]
    assert "Lê Văn &lt;Nam&gt;</strong> ·" in whole and "Ý kiến chung về dự thảo." in whole
    assert "<b>" not in page.split("<main", 1)[1]
