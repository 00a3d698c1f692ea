"""Factories for the e-governance tests."""

from datetime import timedelta

import factory
from django.utils import timezone

from egov.models import News
from portal.publishing import Publication


class NewsFactory(factory.django.DjangoModelFactory):
    """Published yesterday unless told otherwise (`publication=Publication.DRAFT`)."""

    class Meta:
        model = News

    title = factory.Sequence(lambda n: f"Hội nghị đối thoại doanh nghiệp ngành công thương lần {n}")
    summary = "Sở Công Thương tổ chức hội nghị đối thoại với doanh nghiệp về thủ tục hành chính."
    body = "Hội nghị diễn ra tại trụ sở Sở Công Thương."
    publication = Publication.PUBLISHED
    published_at = factory.LazyFunction(lambda: timezone.now() - timedelta(days=1))


# --- Consultations ----------------------------------------------------------------------------

DRAFT_TEXT = """ỦY BAN NHÂN DÂN TỈNH THÁI NGUYÊN
QUY ĐỊNH
Quản lý cửa hàng bán lẻ xăng dầu trên địa bàn tỉnh Thái Nguyên
Chương I
QUY ĐỊNH CHUNG
Điều 1. Phạm vi điều chỉnh
Quy định này quy định về mạng lưới và điều kiện hoạt động của cửa hàng bán lẻ xăng dầu.
Điều 2. Đối tượng áp dụng
1. Thương nhân kinh doanh xăng dầu có cửa hàng bán lẻ trên địa bàn tỉnh.
2. Cơ quan, tổ chức, cá nhân có liên quan, gồm:
a) Sở Công Thương, Sở Xây dựng;
b) Ủy ban nhân dân các xã, phường;
đ) Công an tỉnh.
Chương II
ĐIỀU KIỆN HOẠT ĐỘNG
Mục 1. KHOẢNG CÁCH VÀ VỊ TRÍ
Điều 12a. Khoảng cách giữa các cửa hàng
Khoảng cách tối thiểu giữa hai cửa hàng trên cùng một tuyến đường như sau:
Khu vực\tKhoảng cách tối thiểu
Phường\t500 m
Xã\t2.000 m
1. Khoảng cách được đo theo đường giao thông.
2. Cửa hàng đã hoạt động trước ngày Quy định này có hiệu lực được tiếp tục hoạt động.
Điều 13. Trách nhiệm của Sở Công Thương
Sở Công Thương chủ trì kiểm tra việc thực hiện Quy định này.
"""


def make_consultation(
    *,
    unit,
    title="Dự thảo Quyết định ban hành Quy định quản lý cửa hàng bán lẻ xăng dầu",
    opens_on=None,
    closes_on=None,
    published=True,
    text=DRAFT_TEXT,
    **fields,
):
    """A consultation of `unit`, open for comments since yesterday for 30 days, with the
    draft imported (version 1) and published unless told otherwise."""
    from egov import actions
    from egov.models import Consultation
    from portal import publishing

    today = timezone.localdate()
    consultation = Consultation.objects.create(
        title=title,
        unit=unit,
        document_kind=Consultation.DocumentKind.PROVINCIAL_DECISION,
        summary="Dự thảo quy định khoảng cách, vị trí và điều kiện hoạt động của cửa hàng.",
        opens_on=opens_on or today - timedelta(days=1),
        closes_on=closes_on or today + timedelta(days=29),
        **fields,
    )
    if text:
        actions.draft_import(consultation=consultation, text=text)
    if published:
        publishing.item_publish(item=consultation)
    return consultation


COMMENT_DATA = {
    "author_kind": "organisation",
    "name": "Trần Thị Hạnh",
    "organisation": "Công ty TNHH Xăng dầu Gia Sàng",
    "email": "hanh.tran@xangdaugiasang.vn",
    "phone": "+84912345678",
    "body": "Đề nghị giữ khoảng cách 500 m ở phường nhưng giảm xuống 1.500 m ở xã.",
}


def make_comment(consultation, *, section=None, status="confirmed", **data):
    """A comment sent through the action (so its author was mailed), then moved to `status`."""
    from egov import actions
    from egov.models import Comment

    submitted = actions.comment_submit(
        consultation=consultation, section=section, data={**COMMENT_DATA, **data}
    )
    comment = submitted.comment
    if status != Comment.Status.UNCONFIRMED:
        actions.comment_confirm(comment=comment)
        comment.refresh_from_db()
    if status == Comment.Status.PUBLISHED:
        actions.comment_publish(comment=comment)
    elif status == Comment.Status.REJECTED:
        actions.comment_reject(comment=comment, reason="Nội dung không liên quan đến dự thảo.")
    comment.refresh_from_db()
    return comment


# --- News categories, pages, pictures ---------------------------------------------------------


def png_bytes(width: int = 8, height: int = 6) -> bytes:
    """A small valid PNG picture."""
    import io

    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (width, height), (0, 90, 160)).save(buffer, format="PNG")
    return buffer.getvalue()


class NewsCategoryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "egov.NewsCategory"
        django_get_or_create = ("name",)

    name = factory.Sequence(lambda n: f"Chuyên mục {n}")
    description = "Tin về hoạt động của Sở Công Thương."


class StaticPageFactory(factory.django.DjangoModelFactory):
    """Published yesterday unless told otherwise."""

    class Meta:
        model = "egov.StaticPage"

    title = factory.Sequence(lambda n: f"Trang giới thiệu {n}")
    summary = "Chức năng, nhiệm vụ của Sở Công Thương."
    body = "<h2>Chức năng</h2><p>Tham mưu quản lý nhà nước về công nghiệp và thương mại.</p>"
    publication = Publication.PUBLISHED
    published_at = factory.LazyFunction(lambda: timezone.now() - timedelta(days=1))
