"""The sitemap: the portal's own pages plus every app's sitemap, registered in `SITEMAPS`."""

from django.contrib.sitemaps import Sitemap
from django.urls import reverse


class StaticPagesSitemap(Sitemap):
    changefreq = "weekly"
    i18n = True
    languages = ["vi", "en"]

    def items(self):
        return [
            "portal:home",
            "portal:papi_scores",
            "portal:accessibility",
            "portal:privacy",
            "portal:site_map",
        ]

    def location(self, item):
        return reverse(item)


from transparency.sitemaps import sitemaps as transparency_sitemaps  # noqa: E402

sitemaps = {"pages": StaticPagesSitemap, **transparency_sitemaps}
