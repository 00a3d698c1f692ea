from django.contrib.syndication.views import Feed
from django.urls import reverse_lazy
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext_lazy as _

from .models import RecruitmentRound


class RoundFeed(Feed):
    feed_type = Atom1Feed
    title = _("Recruitment rounds of the Department of Industry and Trade")
    link = reverse_lazy("anticorruption:round_list")
    subtitle = _("Each round's notice and the steps published since.")

    def items(self):
        return RecruitmentRound.objects.public().order_by("-published_at")[:30]

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return item.summary

    def item_pubdate(self, item):
        return item.published_at

    def item_updateddate(self, item):
        latest = item.steps.public().order_by("-published_at").first()
        return latest.published_at if latest else item.published_at
