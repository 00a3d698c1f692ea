"""How the kernel finds what each app declares, the way the admin finds `admin.py`: the apps'
`navigation.py`, `roles.py`, `beat.py`, `sitemaps.py` and `demo.py` each hold a named
declaration that the kernel module of the same name collects. `indicators.py` and `search.py`
register themselves instead (see portal.indicators and portal.search)."""

from importlib import import_module

from django.apps import apps
from django.utils.module_loading import module_has_submodule


def declarations(module_name: str, attribute: str) -> list[tuple[str, object]]:
    """(app label, value) of `attribute` in every installed app's `<module_name>.py` that
    declares it, in INSTALLED_APPS order."""
    found = []
    for config in apps.get_app_configs():
        if module_has_submodule(config.module, module_name):
            module = import_module(f"{config.name}.{module_name}")
            if hasattr(module, attribute):
                found.append((config.label, getattr(module, attribute)))
    return found
