from django.contrib.sitemaps import Sitemap

from .models import Document, Explainer, Planning, Question


class _PublicSitemap(Sitemap):
    model = None
    changefreq = "monthly"

    def items(self):
        return self.model.objects.public().only("pk", "updated_at").order_by("pk")

    def lastmod(self, item):
        return item.updated_at


class DocumentSitemap(_PublicSitemap):
    model = Document
    priority = 0.7


class PlanningSitemap(_PublicSitemap):
    model = Planning


class ExplainerSitemap(_PublicSitemap):
    model = Explainer

    def items(self):
        return self.model.objects.public().only("slug", "updated_at").order_by("pk")


class QuestionSitemap(_PublicSitemap):
    model = Question


sitemaps = {
    "documents": DocumentSitemap,
    "plannings": PlanningSitemap,
    "explainers": ExplainerSitemap,
    "questions": QuestionSitemap,
}
