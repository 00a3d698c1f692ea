from django.contrib.sitemaps import Sitemap
from django.urls import reverse


class NewsSitemap(Sitemap):
    """The news list: a news item has no page of its own yet."""

    changefreq = "daily"
    i18n = True
    languages = ["vi", "en"]

    def items(self):
        return ["egov:news_list"]

    def location(self, item):
        return reverse(item)


sitemaps = {"news": NewsSitemap}
