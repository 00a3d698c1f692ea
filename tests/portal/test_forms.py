"""The one way to draw a form (portal/forms.py): the GOV.UK markup a visitor relies on, from
`{{ form }}` and the error summary, with any Django form."""

import datetime

import lxml.html
from django import forms
from django.template import Context, Template
from django.utils import translation

from portal.forms import DateInputField


class ExampleForm(forms.Form):
    name = forms.CharField(label="Full name", help_text="As on your identity card.")
    colour = forms.ChoiceField(
        label="Colour", choices=[("red", "Red"), ("green", "Green")], widget=forms.RadioSelect
    )
    visited_on = DateInputField(label="Date of the visit", help_text="For example 27 3 2024.")
    topic = forms.ChoiceField(label="Topic", choices=[("", "Choose"), ("a", "A")])
    agree = forms.BooleanField(label="I agree")


def _page(form) -> lxml.html.HtmlElement:
    with translation.override("vi"):
        html = Template('{% include "govuk/error_summary.html" %}<form>{{ form }}</form>').render(
            Context({"form": form})
        )
    return lxml.html.fromstring(f"<main>{html}</main>")


def _group_of(page, element_id: str):
    """The form group that holds the element."""
    return page.get_element_by_id(element_id).xpath(
        "ancestor::div[contains(@class, 'govuk-form-group')][last()]"
    )[0]


def test_it_links_each_error_in_the_summary_to_its_field_and_describes_the_field_by_it():
    form = ExampleForm(
        {"name": "", "colour": "", "visited_on_day": "31", "visited_on_month": "2"},
    )
    page = _page(form)

    summary = page.find_class("govuk-error-summary")[0]
    assert summary.find_class("govuk-error-summary__title")[0].text_content() == "Có lỗi cần sửa"
    links = {a.get("href"): a.text_content() for a in summary.iter("a")}
    # Every link lands on an input the visitor can type in or choose.
    assert set(links) == {"#id_name", "#id_colour_0", "#id_visited_on_0", "#id_topic", "#id_agree"}
    for href in links:
        assert page.get_element_by_id(href[1:]).tag in ("input", "select")
    assert links["#id_visited_on_0"] == "Nhập đủ ngày, tháng và năm."

    # The error is inside the field's group, next to its label and hint, and read with it.
    name = page.get_element_by_id("id_name")
    group = _group_of(page, "id_name")
    assert "govuk-form-group--error" in group.classes
    assert group.xpath("label[@for='id_name']")[0].text_content() == "Full name"
    assert group.get_element_by_id("id_name_error").text_content().startswith("Lỗi:")
    assert name.get("aria-describedby") == "id_name_helptext id_name_error"
    assert page.get_element_by_id("id_name_helptext").text_content() == "As on your identity card."
    assert name.get("aria-invalid") == "true"
    assert {"govuk-input", "govuk-input--error"} <= set(name.classes)
    # GOV.UK: no placeholder, and the server's messages rather than the browser's.
    assert name.get("placeholder") is None and name.get("required") is None

    # Radios and the date: a fieldset whose legend is the question, described by the error.
    for field, error in (("colour", "id_colour_error"), ("visited_on", "id_visited_on_error")):
        fieldset = _group_of(page, f"id_{field}_0").xpath("fieldset")[0]
        assert fieldset.xpath("legend")[0].text_content() == form.fields[field].label
        assert error in fieldset.get("aria-describedby").split()
    assert page.get_element_by_id("id_colour_0").get("class") == "govuk-radios__input"
    day = page.get_element_by_id("id_visited_on_0")
    assert day.get("name") == "visited_on_day"
    assert "govuk-input--error" in day.classes
    assert day.xpath("preceding-sibling::label")[0].text_content() == "Ngày"

    checkbox = page.get_element_by_id("id_agree")
    assert checkbox.get("class") == "govuk-checkboxes__input"
    assert checkbox.xpath("following-sibling::label")[0].text_content() == "I agree"
    assert page.get_element_by_id("id_topic").classes >= {"govuk-select", "govuk-select--error"}


def test_a_valid_form_shows_no_summary_and_keeps_what_was_typed():
    data = {
        "name": "Nguyễn Văn An",
        "colour": "green",
        "visited_on_day": "27",
        "visited_on_month": "3",
        "visited_on_year": "2024",
        "topic": "a",
        "agree": "on",
    }
    form = ExampleForm(data)
    assert form.is_valid(), form.errors
    assert form.cleaned_data["visited_on"] == datetime.date(2024, 3, 27)

    page = _page(form)
    assert not page.find_class("govuk-error-summary")
    assert page.get_element_by_id("id_visited_on_2").get("value") == "2024"
    assert page.get_element_by_id("id_colour_1").get("checked") is not None
    assert page.get_element_by_id("id_name").get("aria-describedby") == "id_name_helptext"


def test_the_date_refuses_a_day_that_does_not_exist():
    form = ExampleForm({"visited_on_day": "31", "visited_on_month": "2", "visited_on_year": "2024"})
    with translation.override("vi"):
        assert form.errors["visited_on"] == ["Nhập một ngày có thật, ví dụ 27 3 2024."]


class ChoiceForm(forms.Form):
    body = forms.ChoiceField(
        label="Issuing body",
        required=False,
        choices=[
            ("", "All"),
            ("Bộ Công Thương", [("moit", 'Bộ "Công" <Thương> & Co'), ("x", "X")]),
            ("7", "Sở 7"),
        ],
    )
    code = forms.CharField(label="Code", widget=forms.TextInput(attrs={"autofocus": True}))


def test_a_select_keeps_its_groups_and_choice_and_escapes_every_label():
    page = _page(ChoiceForm({"body": "moit", "code": 'a"b'}))

    select = page.get_element_by_id("id_body")
    assert select.get("class") == "govuk-select"
    group = select.find("optgroup")
    assert group.get("label") == "Bộ Công Thương"
    options = [(o.get("value"), o.text_content(), o.get("selected")) for o in select.iter("option")]
    assert options == [
        ("", "All", None),
        ("moit", 'Bộ "Công" <Thương> & Co', "selected"),
        ("x", "X", None),
        ("7", "Sở 7", None),
    ]
    # A true attribute is written bare, a false one not at all; values come back escaped.
    code = page.get_element_by_id("id_code")
    assert code.get("autofocus") == "" and code.get("value") == 'a"b'
    assert code.get("placeholder") is None and code.get("required") is None
