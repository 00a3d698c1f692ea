"""The admin's add and change forms of every model with an inline, posted as a browser posts
them: every field the page renders (hidden inputs, the inline management forms, the empty-form
template), the required fields filled in as an editor would, one new row in each inline. The
models are found in the admin's registry, so a model given an inline later is covered too."""

import collections
import itertools
from datetime import date

import lxml.html
import pytest
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
from django import forms
from django.contrib import admin
from django.contrib.messages import constants as message_levels
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db.models import Model
from django.forms.models import _get_foreign_key
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from django.utils.datastructures import MultiValueDict

from portal import publishing, roles
from portal.search import search
from tests.factories import UnitFactory
from tests.helpers import current_code, make_staff, sign_in_with_password
from transparency.demo import render_pdf
from transparency.models import Attachment, Document

pytestmark = pytest.mark.django_db

PDF_WORD = "kinhdoanhxangdau"  # a word only the attached PDF holds
TYPED = itertools.count(1)
CHOSEN = collections.Counter()


def models_with_inlines() -> list[type[Model]]:
    return sorted(
        (model for model, model_admin in admin.site._registry.items() if model_admin.inlines),
        key=lambda model: model._meta.label,
    )


def signed_in_client(model) -> Client:
    """A client signed in with password and TOTP code as the first role that may add and
    change the model and its inline rows, as a member of every unit (unit-owned objects are
    only offered to their units' staff)."""
    from portal.models import Unit

    model_admin = admin.site._registry[model]
    needed = [model, *(inline.model for inline in model_admin.inlines)]
    for role in roles.ROLE_LABELS:
        user = make_staff(role, mfa=False)
        if all(
            user.has_perm(f"{m._meta.app_label}.{action}_{m._meta.model_name}")
            for m in needed
            for action in ("add", "change")
        ):
            break
    else:
        pytest.fail(f"No role may add and change {model._meta.label} and its inline rows")
    for unit in Unit.objects.all():
        unit.members.add(user)
    secret = generate_totp_secret()
    TOTP.activate(user, secret)
    client = Client()
    sign_in_with_password(client, user)
    response = client.post(reverse("mfa_authenticate"), {"code": current_code(secret)})
    assert response.status_code == 302, response.content.decode()
    return client


def submitted(form) -> MultiValueDict:
    """The name/value pairs a browser submits from an lxml form element."""
    for textarea in form.iter("textarea"):
        # A browser drops the newline that follows <textarea>; lxml keeps it.
        if textarea.text and textarea.text.startswith("\n"):
            textarea.text = textarea.text[1:]
    data = MultiValueDict()
    for name, value in form.form_values():
        data.appendlist(name, value)
    return data


def browser_data(page) -> tuple[MultiValueDict, dict]:
    """What a browser submits from the admin page's model form: (fields, files)."""
    form_id = f"{page.context['opts'].model_name}_form"
    return submitted(lxml.html.fromstring(page.content.decode()).get_element_by_id(form_id)), {}


def rendered(field: forms.Field, name: str, value) -> MultiValueDict:
    """The name/value pairs a browser submits for `value` typed into the field's widget."""
    return submitted(lxml.html.fromstring(f"<form>{field.widget.render(name, value)}</form>"))


def typed_value(field: forms.Field, label: str):
    """What an editor would enter in a required field."""
    if isinstance(field, forms.ModelChoiceField):
        # Another record each time, as a new row may not repeat an existing one.
        records = list(field.queryset.order_by("pk")[:10])
        assert records, f"nothing to choose for {label!r}: create one first"
        chosen = records[CHOSEN[label] % len(records)].pk
        CHOSEN[label] += 1
        return [chosen] if isinstance(field, forms.ModelMultipleChoiceField) else chosen
    if isinstance(field, forms.ChoiceField):
        return next(str(key) for key, _label in field.choices if key not in ("", None))
    if isinstance(field, forms.SplitDateTimeField):
        return timezone.localtime()
    if isinstance(field, forms.DateField):
        return date.today()
    if isinstance(field, forms.IntegerField | forms.DecimalField | forms.FloatField):
        return field.min_value if field.min_value is not None else date.today().year
    if isinstance(field, forms.BooleanField):
        return True
    if isinstance(field, forms.EmailField):
        return "thu.nghiem@soct.example.vn"
    if isinstance(field, forms.URLField):
        return "https://soct.example.vn/"
    if isinstance(field, forms.SlugField):
        return "thu-nghiem"
    text = f"Thử nghiệm {label} {next(TYPED)}"  # distinct, as rows may have to be unique
    return text[: field.max_length] if getattr(field, "max_length", None) else text


def fill(data: MultiValueDict, files: dict, form: forms.BaseForm, prefix_name) -> None:
    """Types a value into every required field that the page left empty, and a PDF into a file
    field."""
    for name, field in form.fields.items():
        key = prefix_name(name)
        if isinstance(field, forms.FileField):
            if field.required and key not in files:
                pdf = render_pdf("Quyết định thử nghiệm", [f"Nội dung {PDF_WORD} trên địa bàn"])
                files[key] = SimpleUploadedFile("quyet-dinh.pdf", pdf, "application/pdf")
            continue
        if not field.required or field.disabled or data.get(key) or data.get(f"{key}_0"):
            continue
        value = typed_value(field, str(field.label))
        for rendered_key, values in rendered(field, key, value).lists():
            data.setlist(rendered_key, values)


def add_inline_rows(data: MultiValueDict, files: dict, response) -> dict[str, int]:
    """One new row in each inline: the extra form the page shows, or a copy of the empty form
    as the "Add another" link makes. Returns the rows each inline should then hold."""
    expected = {}
    for inline_admin_formset in response.context["inline_admin_formsets"]:
        formset = inline_admin_formset.formset
        prefix = formset.prefix
        initial = formset.initial_form_count()
        total = int(data[f"{prefix}-TOTAL_FORMS"])
        if total == initial:  # no blank row shown: the "Add another" link adds one
            data[f"{prefix}-TOTAL_FORMS"] = str(total + 1)
        fill(data, files, formset.empty_form, lambda name, p=prefix, i=initial: f"{p}-{i}-{name}")
        expected[prefix] = initial + 1
    return expected


def assert_saved(client, model, response, expected_rows) -> Model:
    assert response.status_code == 302, _form_errors(response)
    page = client.get(response.headers["Location"])
    assert [m.level for m in page.context["messages"]] == [message_levels.SUCCESS]
    obj = model.objects.latest("pk")
    for inline in admin.site._registry[model].inlines:
        fk = _get_foreign_key(model, inline.model, fk_name=inline.fk_name)
        prefix = inline.model._meta.get_field(fk.name).remote_field.get_accessor_name()
        rows = inline.model.objects.filter(**{fk.name: obj}).count()
        assert rows == expected_rows[prefix], f"{inline.model._meta.label} rows not saved"
    return obj


def _form_errors(response) -> str:
    if response.status_code != 200 or not response.context:
        return f"status {response.status_code}"
    errors = [response.context["adminform"].form.errors]
    errors += [f.formset.errors for f in response.context["inline_admin_formsets"]]
    return f"the form came back with errors: {errors}"


@pytest.fixture(autouse=True)
def _tasks_run_here():
    """Tasks (the attachment's text extraction) run in this process, as under `make run`."""
    from portal.celery import app

    eager = app.conf.task_always_eager
    app.conf.task_always_eager = True
    yield
    app.conf.task_always_eager = eager


@pytest.fixture
def choices(db):
    """Records the forms' selects choose from (a unit for a plan's task, documents to relate)."""
    from tests.procedures.factories import ProcedureFactory
    from tests.services.factories import WardFactory
    from tests.transparency.factories import DocumentFactory

    CHOSEN.clear()
    UnitFactory()
    DocumentFactory.create_batch(2)
    ProcedureFactory()  # a dossier's procedure
    WardFactory()  # a grid project's ward


@pytest.mark.parametrize("model", models_with_inlines(), ids=lambda m: m._meta.label)
def test_it_saves_the_admin_add_and_change_forms_with_their_inline_rows(
    model, choices, settings, tmp_path, django_capture_on_commit_callbacks
):
    settings.MEDIA_ROOT = tmp_path
    client = signed_in_client(model)
    info = (model._meta.app_label, model._meta.model_name)

    add_url = reverse("admin:{}_{}_add".format(*info))
    page = client.get(add_url)
    data, files = browser_data(page)
    form = page.context["adminform"].form
    fill(data, files, form, lambda name: form.add_prefix(name))
    expected = add_inline_rows(data, files, page)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(add_url, {**data, **files, "_continue": "1"})
    obj = assert_saved(client, model, response, expected)

    change_url = reverse("admin:{}_{}_change".format(*info), args=[obj.pk])
    page = client.get(change_url)
    data, files = browser_data(page)
    edited = next(
        name
        for name, field in page.context["adminform"].form.fields.items()
        if type(field) is forms.CharField and field.required
    )
    data[edited] = data[edited] + " (đã sửa)"
    expected = add_inline_rows(data, files, page)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(change_url, {**data, **files, "_continue": "1"})
    obj = assert_saved(client, model, response, expected)
    assert getattr(obj, edited).endswith(" (đã sửa)")


def test_attachments_added_in_the_admin_are_read_and_found_once_published(
    choices, settings, tmp_path, django_capture_on_commit_callbacks
):
    """The admin's attachments go through the actions: checked, text extracted, indexed."""
    settings.MEDIA_ROOT = tmp_path
    client = signed_in_client(Document)
    page = client.get(reverse("admin:transparency_document_add"))
    data, files = browser_data(page)
    form = page.context["adminform"].form
    fill(data, files, form, lambda name: form.add_prefix(name))
    add_inline_rows(data, files, page)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("admin:transparency_document_add"), {**data, **files})

    attachment = Attachment.objects.get()
    assert attachment.format == Attachment.Format.PDF
    assert PDF_WORD in attachment.text and attachment.text_extracted_at is not None
    with django_capture_on_commit_callbacks(execute=True):
        publishing.item_publish(item=attachment.document, user=None)
    document_url = attachment.document.get_absolute_url()
    assert [entry.url for entry in search(PDF_WORD).entries] == [document_url]
