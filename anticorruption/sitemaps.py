from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from .models import RecruitmentRound


class ChannelSitemap(Sitemap):
    changefreq = "monthly"
    i18n = True
    languages = ["vi", "en"]

    def items(self):
        return ["anticorruption:tip_create", "anticorruption:round_list"]

    def location(self, item):
        return reverse(item)


class RoundSitemap(Sitemap):
    changefreq = "weekly"

    def items(self):
        return RecruitmentRound.objects.public()

    def lastmod(self, item):
        return item.updated_at


sitemaps = {"anticorruption": ChannelSitemap, "recruitment": RoundSitemap}
