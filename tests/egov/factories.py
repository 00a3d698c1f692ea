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
