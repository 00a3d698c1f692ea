"""Formatting for the PAPI pages and report."""

from decimal import ROUND_HALF_UP, Decimal

from django import template
from django.utils.formats import number_format

register = template.Library()


@register.filter
def papi_number(value, places: int = 2):
    """A figure with at most `places` decimals and no trailing zeros, in the active locale:
    87.5000 → "87,5" in Vietnamese; nothing → "–"."""
    if value is None or value == "":
        return "–"
    number = Decimal(str(value)).quantize(Decimal(1).scaleb(-int(places)), ROUND_HALF_UP)
    number = number.normalize()
    if number == number.to_integral():
        number = number.quantize(Decimal(1))
    return number_format(number, use_l10n=True, force_grouping=True)
