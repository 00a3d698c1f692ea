from datetime import timedelta

import factory
from django.utils import timezone

from portal.slugs import vi_slugify
from services.models import PlannedOutage, Ward


class WardFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Ward
        django_get_or_create = ("name",)

    name = factory.Sequence(lambda n: f"Phường Thử Nghiệm {n}")
    slug = factory.LazyAttribute(lambda o: vi_slugify(o.name))


class PlannedOutageFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PlannedOutage
        skip_postgeneration_save = True

    reference = factory.Sequence(lambda n: f"PC-TN-{n:05d}")
    starts_at = factory.LazyFunction(lambda: timezone.now() + timedelta(days=3))
    ends_at = factory.LazyAttribute(lambda o: o.starts_at + timedelta(hours=4))
    announced_at = factory.LazyAttribute(lambda o: o.starts_at - timedelta(days=7))
    reason = "Bảo dưỡng lưới điện trung áp"
    area = "Tổ dân phố 3"

    @factory.post_generation
    def wards(self, create, extracted, **kwargs):
        if create:
            self.wards.set(extracted or [WardFactory()])
