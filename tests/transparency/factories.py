"""Factories for the transparency tests: documents as the department's really look."""

from datetime import date, timedelta

import factory
from django.utils import timezone

from portal.publishing import Publication
from portal.slugs import vi_slugify
from transparency.models import (
    Document,
    Explainer,
    Field,
    Issuer,
    Planning,
    Question,
)


class FieldFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Field
        django_get_or_create = ["name"]

    name = factory.Iterator(["Kinh doanh xăng dầu", "Điện", "Hóa chất", "Kinh doanh rượu"])
    slug = factory.LazyAttribute(lambda o: vi_slugify(o.name))


class IssuerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Issuer
        django_get_or_create = ["name"]

    name = "Ủy ban nhân dân tỉnh Thái Nguyên"


class DocumentFactory(factory.django.DjangoModelFactory):
    """Published yesterday unless told otherwise (`publication=Publication.DRAFT`). The issuer
    may be given by its name: `DocumentFactory(issuer="Chính phủ")`."""

    class Meta:
        model = Document
        skip_postgeneration_save = True

    kind = Document.Kind.DECISION
    number = factory.Sequence(lambda n: f"{100 + n}/QĐ-UBND")
    summary = factory.Sequence(lambda n: f"Về việc công bố danh mục thủ tục hành chính số {n}")
    issuer = factory.SubFactory(IssuerFactory)
    signer = "Nguyễn Văn An"
    issued_on = factory.Sequence(lambda n: date(2024, 1, 1) + timedelta(days=n))
    publication = Publication.PUBLISHED
    published_at = factory.LazyFunction(lambda: timezone.now() - timedelta(days=1))

    @classmethod
    def _adjust_kwargs(cls, **kwargs):
        if isinstance(kwargs.get("issuer"), str):
            kwargs["issuer"] = IssuerFactory(name=kwargs["issuer"])
        return kwargs

    @factory.post_generation
    def fields(self, create, extracted, **kwargs):
        if create and extracted:
            self.fields.add(*extracted)


def draft(**kwargs) -> Document:
    return DocumentFactory(publication=Publication.DRAFT, published_at=None, **kwargs)


def scheduled(**kwargs) -> Document:
    return DocumentFactory(
        publication=Publication.SCHEDULED,
        published_at=None,
        publish_at=timezone.now() + timedelta(days=3),
        **kwargs,
    )


class PlanningFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Planning

    name = factory.Sequence(lambda n: f"Phương án phát triển cụm công nghiệp số {n}")
    status = Planning.Status.APPROVED
    publication = Publication.PUBLISHED
    published_at = factory.LazyFunction(lambda: timezone.now() - timedelta(days=1))


class ExplainerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Explainer

    title = factory.Sequence(lambda n: f"Điều kiện kinh doanh xăng dầu, phần {n}")
    slug = factory.Sequence(lambda n: f"dieu-kien-kinh-doanh-xang-dau-{n}")
    body = "Cửa hàng bán lẻ xăng dầu phải **phù hợp** với phương án phát triển mạng lưới."
    publication = Publication.PUBLISHED
    published_at = factory.LazyFunction(lambda: timezone.now() - timedelta(days=1))


class QuestionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Question

    question = factory.Sequence(lambda n: f"Bán rượu dưới 5,5 độ có cần giấy phép không? ({n})")
    answer = "Không cần giấy phép, chỉ cần thông báo."
    publication = Publication.PUBLISHED
    published_at = factory.LazyFunction(lambda: timezone.now() - timedelta(days=1))
