from django.contrib.sitemaps import Sitemap
from django.urls import reverse


class ServicesSitemap(Sitemap):
    changefreq = "daily"
    i18n = True
    languages = ["vi", "en"]

    def items(self):
        return [
            "services:outage_list",
            "services:project_list",
            "services:problem_report",
            "services:problem_stats",
            "services:figures",
        ]

    def location(self, item):
        return reverse(item)


class GridProjectSitemap(Sitemap):
    changefreq = "weekly"
    i18n = True
    languages = ["vi", "en"]

    def items(self):
        from .models import GridProject

        return GridProject.objects.public().order_by("pk")

    def lastmod(self, project):
        return project.updated_at


sitemaps = {"services": ServicesSitemap, "grid-projects": GridProjectSitemap}
