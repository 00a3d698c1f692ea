from datetime import date

from django import forms
from django.template import Context, Template
from django.utils import translation


class DateForm(forms.Form):
    day = forms.DateField()


def test_it_reads_dates_day_first_in_vietnamese():
    with translation.override("vi"):
        form = DateForm({"day": "05/03/2026"})
        assert form.is_valid()
        assert form.cleaned_data["day"] == date(2026, 3, 5)


def test_it_writes_dates_and_numbers_the_vietnamese_way():
    template = Template(
        '{% load humanize %}{{ day|date:"SHORT_DATE_FORMAT" }} '
        "{{ amount|intcomma }} {{ score|floatformat:2 }}"
    )
    with translation.override("vi"):
        text = template.render(
            Context({"day": date(2026, 3, 5), "amount": 1500000, "score": 45.126})
        )
    assert text == "05/03/2026 1.500.000 45,13"


def test_it_keeps_day_first_dates_in_english_too():
    with translation.override("en"):
        assert DateForm({"day": "05/03/2026"}).is_valid()
        assert (
            Template('{{ d|date:"SHORT_DATE_FORMAT" }}').render(Context({"d": date(2026, 3, 5)}))
            == "05/03/2026"
        )
