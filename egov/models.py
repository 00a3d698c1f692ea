"""E-governance: news for now; public consultation and website quality come later."""

from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from portal.publishing import Publishable


class News(Publishable):
    """A news item of the department, shown on /tin-tuc/ once published."""

    title = models.CharField(_("title"), max_length=300)
    summary = models.TextField(_("summary"), blank=True)
    body = models.TextField(_("body"), help_text=_("Markdown: paragraphs, lists, headings."))

    class Meta:
        ordering = ["-published_at", "-id"]
        verbose_name = _("news item")
        verbose_name_plural = _("news")

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return f"{reverse('egov:news_list')}#tin-{self.pk}"
