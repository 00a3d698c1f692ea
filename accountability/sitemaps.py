from django.contrib.sitemaps import Sitemap
from django.urls import reverse


class ReceptionSitemap(Sitemap):
    changefreq = "weekly"
    i18n = True
    languages = ["vi", "en"]

    def items(self):
        return ["accountability:reception_calendar", "accountability:booking_create"]

    def location(self, item):
        return reverse(item)


sitemaps = {"reception": ReceptionSitemap}
