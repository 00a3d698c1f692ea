from django.contrib.sitemaps import Sitemap
from django.urls import reverse


class ServicesSitemap(Sitemap):
    changefreq = "daily"
    i18n = True
    languages = ["vi", "en"]

    def items(self):
        return ["services:outage_list"]

    def location(self, item):
        return reverse(item)


sitemaps = {"services": ServicesSitemap}
