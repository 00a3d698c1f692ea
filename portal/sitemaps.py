"""sitemap.xml: every app's sitemaps, declared in its `sitemaps.py` as
`sitemaps = {name: Sitemap class}`, and the portal's own pages."""

from django.contrib.sitemaps import Sitemap
from django.core.exceptions import ImproperlyConfigured
from django.urls import reverse

from .discovery import declarations


def all_sitemaps() -> dict:
    found = {}
    for app_label, declared in declarations("sitemaps", "sitemaps"):
        for name, sitemap in declared.items():
            if name in found:
                raise ImproperlyConfigured(f"{app_label}/sitemaps.py repeats the sitemap {name}.")
            found[name] = sitemap
    return found


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


sitemaps = {"pages": StaticPagesSitemap}
