from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from .models import Consultation


class NewsSitemap(Sitemap):
    """The news list: a news item has no page of its own yet."""

    changefreq = "daily"
    i18n = True
    languages = ["vi", "en"]

    def items(self):
        return ["egov:news_list", "egov:consultation_list"]

    def location(self, item):
        return reverse(item)


class ConsultationSitemap(Sitemap):
    changefreq = "weekly"
    i18n = True
    languages = ["vi", "en"]

    def items(self):
        return Consultation.objects.public().only("pk", "updated_at").order_by("pk")

    def lastmod(self, item):
        return item.updated_at


sitemaps = {"news": NewsSitemap, "consultations": ConsultationSitemap}
