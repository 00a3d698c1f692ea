from django.contrib.sitemaps import Sitemap

from .models import Procedure


class ProcedureSitemap(Sitemap):
    changefreq = "monthly"
    priority = 0.7

    def items(self):
        return Procedure.objects.public().only("pk", "updated_at").order_by("pk")

    def lastmod(self, item):
        return item.updated_at


sitemaps = {"procedures": ProcedureSitemap}
