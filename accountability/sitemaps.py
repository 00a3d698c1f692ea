from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from .models import Dialogue


class ReceptionSitemap(Sitemap):
    changefreq = "weekly"
    i18n = True
    languages = ["vi", "en"]

    def items(self):
        return [
            "accountability:reception_calendar",
            "accountability:booking_create",
            "accountability:case_submit",
            "accountability:case_statistics",
            "accountability:explanation_list",
            "accountability:explanation_submit",
            "accountability:dialogue_list",
            "accountability:conclusion_list",
        ]

    def location(self, item):
        return reverse(item)


class DialogueSitemap(Sitemap):
    changefreq = "weekly"
    i18n = True
    languages = ["vi", "en"]

    def items(self):
        return Dialogue.objects.public()

    def lastmod(self, item):
        return item.updated_at


sitemaps = {"reception": ReceptionSitemap, "dialogues": DialogueSitemap}
