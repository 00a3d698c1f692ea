"""The staff area (Django's admin and the packages it shows) speaks Vietnamese: Django's own
`vi` catalogs lack strings of recent versions, and import-export and simple-history ship none,
so the project's catalogs must complete them."""

import ast
import json
import re
from pathlib import Path

import django
import import_export
import pytest
import simple_history
from django.contrib import admin
from django.contrib.admin.utils import label_for_field
from django.core.exceptions import FieldDoesNotExist
from django.urls import reverse
from django.utils import translation

from portal import roles
from tests.helpers import make_staff

pytestmark = pytest.mark.django_db

DJANGO = Path(django.__file__).parent
# Each package's catalog that lists every string it has (English, or the most complete one).
CATALOGS = {
    "django admin": DJANGO / "contrib/admin/locale/en/LC_MESSAGES/django.po",
    "django auth": DJANGO / "contrib/auth/locale/en/LC_MESSAGES/django.po",
    "import-export": Path(import_export.__file__).parent / "locale/de/LC_MESSAGES/django.po",
    "simple-history": Path(simple_history.__file__).parent / "locale/de/LC_MESSAGES/django.po",
}
ADMIN_JS_CATALOG = DJANGO / "contrib/admin/locale/en/LC_MESSAGES/djangojs.po"


def catalog_entries(po: Path) -> list[tuple[str | None, str, str | None]]:
    """(context, msgid, plural msgid) of every entry of a .po file but its header."""
    entries = []
    for block in po.read_text(encoding="utf-8").split("\n\n"):
        parts, key = {}, None
        for line in block.splitlines():
            match = re.match(r'^(msgctxt|msgid_plural|msgid|msgstr(?:\[\d+\])?) (".*")$', line)
            if match:
                key = match[1]
                parts[key] = ast.literal_eval(match[2])
            elif line.startswith('"') and key:
                parts[key] += ast.literal_eval(line)
        if parts.get("msgid"):
            entries.append((parts.get("msgctxt"), parts["msgid"], parts.get("msgid_plural")))
    return entries


def has_vietnamese(context, msgid, plural) -> bool:
    """Whether a Vietnamese catalog holds the entry (some translations equal their msgid)."""
    catalog = translation.trans_real.translation("vi")._catalog
    key = f"{context}\x04{msgid}" if context else msgid
    return bool(catalog.get((key, 0) if plural else key))


@pytest.mark.parametrize("package", CATALOGS)
def test_every_string_of_the_staff_area_packages_has_its_vietnamese(package):
    untranslated = [
        msgid
        for context, msgid, plural in catalog_entries(CATALOGS[package])
        if not has_vietnamese(context, msgid, plural)
    ]
    assert untranslated == []


def test_the_admin_javascript_catalog_is_served_complete_in_vietnamese(client):
    """The selector widget (filter_horizontal), the calendar and the clock read it."""
    client.force_login(make_staff(roles.EDITOR))
    response = client.get(reverse("admin:jsi18n"))
    assert response.status_code == 200
    served = json.loads(re.search(r"const newcatalog = (\{.*?\});\n", response.text, re.S)[1])
    keys = {
        f"{context}\x04{msgid}" if context else msgid
        for context, msgid, _plural in catalog_entries(ADMIN_JS_CATALOG)
    }
    assert sorted(keys - served.keys()) == []
    assert served["Choose all %s"] == "Chọn tất cả %s"


def test_the_admin_index_table_headings_are_in_vietnamese(client):
    client.force_login(make_staff(roles.EDITOR))
    content = client.get(reverse("admin:index")).content.decode()
    for english in ("Model name", "Add link", "Change or view list link"):
        assert english not in content
    assert '<th scope="col">Danh mục</th>' in content


def shown_labels(model_admin, request) -> list[tuple[str, object]]:
    """What the admin's list and form show of a model: its names, the columns, the filters,
    the form's field labels with their help texts and choices."""
    model = model_admin.model
    labels = [("name", model._meta.verbose_name), ("name", model._meta.verbose_name_plural)]
    if isinstance(model_admin, admin.ModelAdmin):
        form = model_admin.get_form(request)
        columns = [n for n in model_admin.get_list_display(request) if n != "__str__"]
        changelist = model_admin.get_changelist_instance(request)
        labels += [("filter", spec.title) for spec in changelist.get_filters(request)[0]]
    else:
        form, columns = model_admin.get_formset(request).form, []
    for name, form_field in form.base_fields.items():
        labels.append((name, form_field.label or name))
        labels.append((f"{name} help text", form_field.help_text))
    for name in [*model_admin.get_readonly_fields(request), *columns]:
        labels.append((name, label_for_field(name, model, model_admin)))
    for name in [*form.base_fields, *model_admin.get_readonly_fields(request)]:
        try:
            field = model._meta.get_field(name)
        except FieldDoesNotExist:
            continue
        labels += [(f"{name}={key}", label) for key, label in field.flatchoices or ()]
    return [(name, label) for name, label in labels if label]


def test_every_label_the_admin_shows_is_in_vietnamese(rf):
    """Every model's admin and its inlines, as a superuser sees them. Codes (ID, PDF) read the
    same in both languages."""
    request = rf.get("/")
    request.user = make_staff(roles.ADMINISTRATOR, is_superuser=True)
    english = []
    for model_admin in admin.site._registry.values():
        for shown in (model_admin, *model_admin.get_inline_instances(request)):
            for name, label in shown_labels(shown, request):
                with translation.override("vi"):
                    vi = str(label)
                with translation.override("en"):
                    en = str(label)
                # A code (PDF) or a measure (22 kV) reads the same in both languages.
                if vi == en and en.isascii() and not en.isupper() and not en[:1].isdigit():
                    english.append(f"{shown.model._meta.label} {name}: {en}")
    assert english == []
