from datetime import date

from .models import News


def public_news():
    return News.objects.public()


def news_published(start: date, end: date) -> int:
    return News.objects.published_between(start, end).count()
