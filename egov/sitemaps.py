from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from .models import Consultation, News, StaticPage


class ListSitemap(Sitemap):
    """The app's lists."""

    changefreq = "daily"
    i18n = True
    languages = ["vi", "en"]

    def items(self):
        return ["egov:news_list", "egov:consultation_list", "egov:page_index"]

    def location(self, item):
        return reverse(item)


class PublishedSitemap(Sitemap):
    """The published items of `model`, read with only the columns their address needs."""

    i18n = True
    languages = ["vi", "en"]
    model = None
    fields = ("pk", "slug", "updated_at")

    def items(self):
        return self.model.objects.public().only(*self.fields).order_by("pk")

    def lastmod(self, item):
        return item.updated_at


class NewsSitemap(PublishedSitemap):
    changefreq = "monthly"
    model = News


class PageSitemap(PublishedSitemap):
    changefreq = "monthly"
    model = StaticPage


class ConsultationSitemap(PublishedSitemap):
    changefreq = "weekly"
    model = Consultation
    fields = ("pk", "updated_at")


sitemaps = {
    "news": ListSitemap,
    "consultations": ConsultationSitemap,
    "news-articles": NewsSitemap,
    "about-pages": PageSitemap,
}
