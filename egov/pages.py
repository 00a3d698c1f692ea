"""Public pages of the news (/tin-tuc/, its categories, each article, the Atom feeds) and of
the department's own pages (/gioi-thieu/)."""

from django.contrib.syndication.views import Feed
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext as _

from portal.caching import cache_anonymous
from portal.markdown import markdown_html
from portal.pagination import CappedPaginator, page_links
from portal.publishing import can_preview, visible_to

from . import selectors
from .models import News, NewsCategory, StaticPage

NAMESPACE = selectors.PAGE_NAMESPACE
PAGE_SIZE = 10
FEED_SIZE = 30


def _news_page(request, category=None):
    paginator = CappedPaginator(selectors.public_news(category), PAGE_SIZE)
    page = paginator.get_page(request.GET.get("page"))
    return render(
        request,
        "egov/news_list.html",
        {
            "category": category,
            "categories": selectors.news_categories(),
            "page": page,
            "news": page.object_list,
            "pagination": page_links(page),
            "feed_url": (
                reverse("egov:news_category_feed", args=[category.slug])
                if category
                else reverse("egov:news_feed")
            ),
        },
    )


@cache_anonymous(NAMESPACE)
def news_list(request):
    return _news_page(request)


@cache_anonymous(NAMESPACE)
def news_category(request, slug):
    return _news_page(request, get_object_or_404(NewsCategory, slug=slug))


@cache_anonymous(NAMESPACE)
def news_detail(request, slug):
    try:
        news = selectors.news_for_page(slug, include_drafts=can_preview(request.user, News))
    except News.DoesNotExist:
        raise Http404 from None
    return render(
        request,
        "egov/news_detail.html",
        {"news": news, "more": [n for n in selectors.latest_news(4) if n.pk != news.pk][:3]},
    )


def news_image(request, slug):
    """The lead image, served only while the article is public (or to staff who preview it)."""
    news = get_object_or_404(visible_to(request.user, News).exclude(image=""), slug=slug)
    try:
        handle = news.image.open("rb")
    except FileNotFoundError:
        raise Http404 from None
    extension = news.image.name.rsplit(".", 1)[-1].lower()
    content_type = "image/png" if extension == "png" else "image/jpeg"
    response = FileResponse(handle, content_type=content_type)
    response["Cache-Control"] = "public, max-age=3600" if news.is_public else "private, no-store"
    return response


class NewsFeed(Feed):
    """Atom feed of the latest news, all of them or one category's."""

    feed_type = Atom1Feed

    def get_object(self, request, slug=None):
        return get_object_or_404(NewsCategory, slug=slug) if slug else None

    def title(self, category):
        if category is None:
            return _("News of the department")
        return _("News of the department: %(category)s") % {"category": category.name}

    def link(self, category):
        return category.get_absolute_url() if category else reverse("egov:news_list")

    def subtitle(self, category):
        return _("The department's activities, notices and trade promotion news.")

    def items(self, category):
        return selectors.public_news(category)[:FEED_SIZE]

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return item.summary or markdown_html(item.body)

    def item_pubdate(self, item):
        return item.published_at

    def item_updateddate(self, item):
        return item.updated_at

    def item_categories(self, item):
        return [item.category.name] if item.category else []


# Feed readers poll: the feed is cached for anonymous readers like the pages.
news_feed = cache_anonymous(NAMESPACE)(NewsFeed())


@cache_anonymous(NAMESPACE)
def page_index(request):
    return render(request, "egov/page_index.html", {"pages": selectors.public_pages()})


@cache_anonymous(NAMESPACE)
def page_detail(request, slug):
    page = get_object_or_404(visible_to(request.user, StaticPage), slug=slug)
    return render(
        request,
        "egov/page_detail.html",
        {"page_item": page, "pages": selectors.public_pages()},
    )
