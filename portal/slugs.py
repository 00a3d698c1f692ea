"""Slugs for Vietnamese text."""

from django.utils.text import slugify


def vi_slugify(text: str) -> str:
    """An ASCII slug from Vietnamese text; Django's slugify alone drops "đ"."""
    return slugify(text.replace("đ", "d").replace("Đ", "D"))
