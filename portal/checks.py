"""System checks that catch a misconfigured portal before it serves a page."""

from django.conf import settings
from django.core.checks import Error, Tags, Warning, register

from .indicators import DIMENSION_CODES, registry

VIETNAMESE_SAMPLE = "ăâđêôơưạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹĐƯƠ"


@register()
def check_pdf_fonts(app_configs, **kwargs):
    """portal.E001: every PDF font exists and has every Vietnamese letter."""
    from fontTools.ttLib import TTFont

    errors = []
    fonts = [
        (settings.PDF_FONT_DIR / name, "Run scripts/build-frontend to copy the fonts.", Error)
        for name in settings.PDF_FONTS
    ]
    # A system font: in development the portal still starts without it (the report then falls
    # back to another serif), so that `make run` needs nothing but Python.
    serif_missing = Warning if settings.DEBUG else Error
    fonts += [
        (path, "Install the Debian package fonts-liberation2.", serif_missing)
        for _weight, _style, path in settings.PDF_SERIF_FONTS
    ]
    for path, hint, level in fonts:
        name = path.name
        if not path.is_file():
            errors.append(
                level(
                    f"The PDF font {name} is missing from {path.parent}.",
                    hint=hint,
                    id="portal.E001" if level is Error else "portal.W001",
                )
            )
            continue
        cmap = TTFont(path, lazy=True).getBestCmap()
        missing = [c for c in VIETNAMESE_SAMPLE if ord(c) not in cmap]
        if missing:
            errors.append(
                Error(
                    f"The PDF font {name} lacks Vietnamese letters: {''.join(missing)}",
                    id="portal.E001",
                )
            )
    return errors


@register()
def check_indicators(app_configs, **kwargs):
    """portal.E002: indicator codes are unique and name a PAPI dimension."""
    errors = [
        Error(f"The indicator code {code} is registered more than once.", id="portal.E002")
        for code in registry.duplicate_codes()
    ]
    errors += [
        Error(
            f"The indicator {i.code} names the dimension {i.dimension!r}, not one of D1–D8.",
            id="portal.E002",
        )
        for i in registry.all()
        if i.dimension not in DIMENSION_CODES
    ]
    return errors


@register(Tags.caches, deploy=True)
def check_shared_cache(app_configs, **kwargs):
    """portal.E003: in production the cache is shared by every process (rate limits, pages)."""
    backend = settings.CACHES["default"]["BACKEND"]
    if settings.PRODUCTION and backend.endswith(("LocMemCache", "DummyCache")):
        return [
            Error(
                "Production needs a shared cache: set REDIS_URL.",
                hint="Rate limits and cached pages must be seen by every web process.",
                id="portal.E003",
            )
        ]
    return []


@register(deploy=True)
def check_broker(app_configs, **kwargs):
    """portal.E004: production runs Celery tasks on a broker, never eagerly in the web process."""
    if settings.PRODUCTION and (
        settings.CELERY_TASK_ALWAYS_EAGER or not settings.CELERY_BROKER_URL
    ):
        return [
            Error(
                "Production needs a Celery broker: set REDIS_URL or CELERY_BROKER_URL.",
                id="portal.E004",
            )
        ]
    return []


# Not a deploy-only check: `migrate` runs it, so a production stack without the key never starts.
@register()
def check_mfa_encryption_key(app_configs, **kwargs):
    """portal.E005: production encrypts TOTP secrets with a key of its own, not one derived from
    SECRET_KEY, so that rotating SECRET_KEY cannot lock every officer out."""
    if settings.PRODUCTION and not settings.MFA_ENCRYPTION_KEY:
        return [
            Error(
                "Production needs MFA_ENCRYPTION_KEY.",
                hint="Set it to a random value of 50+ characters, kept apart from SECRET_KEY.",
                id="portal.E005",
            )
        ]
    return []
