"""The vocabulary of the role × URL matrix and the page lists, and how they are found.

Each app declares its rows in `tests/<app>/access.py`:

* `EXPECTED = {url_name: {persona: outcome}}`: one row per named URL of the app;
* `SAMPLE_KWARGS = {url_name: lambda samples: {...}}`: arguments of the URLs that need them;
* `samples() -> {"app_label.model": object}` (optional): objects for those arguments and for
  the admin's per-model URLs;
* `HTML_PAGES = {name: (path, status)}` (optional): pages the Nu HTML checker validates.

Outcomes are an HTTP status, SIGN_IN (sent to the staff sign-in page), MFA_SETUP (a signed-in
account without TOTP is sent to set it up) or `to("url_name")` (another redirect).
"""

from importlib import import_module
from importlib.util import find_spec

from django.apps import apps
from django.urls import URLPattern, URLResolver, get_resolver

SIGN_IN = "→ sign-in"
MFA_SETUP = "→ TOTP set-up"

STAFF = ["officer_a", "officer_b", "inspector", "leader", "administrator"]
PERSONAS = ["citizen", *STAFF, "staff_without_mfa"]


def to(url_name: str) -> str:
    return f"→ {url_name}"


def everyone(outcome):
    """A public page: the same answer for all, except that an account without TOTP set up is
    sent to set it up first (StaffMFARequiredMiddleware)."""
    return dict.fromkeys(PERSONAS, outcome) | {"staff_without_mfa": MFA_SETUP}


def staff_only(staff_outcome=200, **overrides):
    """A staff page: anonymous visitors sign in first; every staff persona gets staff_outcome."""
    table = dict.fromkeys(STAFF, staff_outcome)
    return {"citizen": SIGN_IN, "staff_without_mfa": MFA_SETUP, **table, **overrides}


def access_modules() -> dict:
    """{app label: its tests/<app>/access.py} for every installed app that has one."""
    found = {}
    for config in apps.get_app_configs():
        if find_spec(f"tests.{config.label}") and find_spec(f"tests.{config.label}.access"):
            found[config.label] = import_module(f"tests.{config.label}.access")
    return found


def collected(attribute: str) -> dict:
    """Every app's `attribute` (EXPECTED, SAMPLE_KWARGS, HTML_PAGES) merged into one dict."""
    merged = {}
    for label, module in access_modules().items():
        for key, value in getattr(module, attribute, {}).items():
            assert key not in merged, f"tests/{label}/access.py repeats {attribute} {key}"
            merged[key] = value
    return merged


def named_urls(patterns=None, namespace=""):
    """Every (qualified name, pattern) in the URLconf, namespaces included."""
    if patterns is None:
        patterns = get_resolver().url_patterns
    for entry in patterns:
        if isinstance(entry, URLResolver):
            inner = namespace
            if entry.namespace:
                inner = f"{namespace}:{entry.namespace}" if namespace else entry.namespace
            yield from named_urls(entry.url_patterns, inner)
        elif isinstance(entry, URLPattern) and entry.name:
            yield (f"{namespace}:{entry.name}" if namespace else entry.name), entry
