"""The contact fields a public form asks a citizen for (portal/forms.py): what they accept,
what they refuse and in which words, and the trap field that tells software from people."""

from django import forms
from django.utils import translation

from portal.forms import (
    CitizenContactMixin,
    full_name_field,
    honeypot_field,
    optional_email_field,
    phone_field,
)


class ContactForm(CitizenContactMixin, forms.Form):
    subject = forms.CharField(label="Subject")
    name = full_name_field()
    phone = phone_field(help_text="For example 0912 345 678.")
    email = optional_email_field("To receive the answer by email as well.")
    website = honeypot_field()


class OptionalPhoneForm(CitizenContactMixin, forms.Form):
    phone = phone_field(required=False)


def _errors(data, form_class=ContactForm) -> dict:
    with translation.override("vi"):
        form = form_class(data)
        form.is_valid()
        return {name: [str(message) for message in errors] for name, errors in form.errors.items()}


def test_a_vietnamese_number_is_kept_in_its_national_form():
    form = ContactForm({"subject": "Điện", "name": "Nguyễn Văn A", "phone": "+84912345678"})
    assert form.is_valid(), form.errors
    assert form.cleaned_data["phone"] == "0912 345 678"
    assert form.cleaned_data["email"] == ""
    assert not form.is_bot()


def test_it_says_in_vietnamese_what_is_missing_or_wrong():
    with translation.override("vi"):
        missing = _errors({"subject": "x"})
        wrong = _errors({"subject": "x", "name": "A", "phone": "12345", "email": "a@"})
        foreign = _errors({"subject": "x", "name": "A", "phone": "+33 1 42 68 53 00"})
        expected_phone = str(
            translation.gettext("Enter a Vietnamese phone number, like 0912 345 678")
        )
        expected_name = str(translation.gettext("Enter your full name"))
    assert missing["name"] == [expected_name]
    assert set(missing) == {"name", "phone"}
    assert wrong["phone"] == [expected_phone]
    assert foreign["phone"] == [expected_phone]
    assert "email" in wrong
    assert expected_phone != "Enter a Vietnamese phone number, like 0912 345 678"


def test_the_fields_keep_the_order_the_form_declares():
    assert list(ContactForm.base_fields) == ["subject", "name", "phone", "email", "website"]
    assert ContactForm.base_fields["phone"].widget.input_type == "tel"
    assert ContactForm.base_fields["name"].widget.attrs["autocomplete"] == "name"


def test_an_optional_phone_says_so_and_may_be_left_empty():
    form = OptionalPhoneForm({"phone": ""})
    assert form.is_valid()
    assert form.cleaned_data["phone"] == ""
    with translation.override("vi"):
        optional = str(OptionalPhoneForm.base_fields["phone"].label)
        required = str(ContactForm.base_fields["phone"].label)
        assert optional == translation.gettext("Phone number (optional)")
    assert optional != required


def test_a_filled_trap_field_marks_the_sender_as_software():
    form = ContactForm(
        {"subject": "x", "name": "A", "phone": "0912345678", "website": "http://spam.example"}
    )
    assert form.is_bot()
