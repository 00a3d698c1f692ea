"""Settings for the benchmark: the portal's own, plus a minimal page to compare against.
BENCH_NO_CACHE=1 swaps the shared cache for Django's dummy cache (the "without any cache" run,
as with Redis down); each process keeps its own small cache."""

import os

from portal.settings import *  # noqa: F403
from portal.settings import BASE_DIR, TEMPLATES

ROOT_URLCONF = "bench.urls"
TEMPLATES[0]["DIRS"] = [*TEMPLATES[0]["DIRS"], BASE_DIR / "bench" / "templates"]
LOGGING = {"version": 1, "disable_existing_loggers": False}
if os.environ.get("BENCH_NO_CACHE") == "1":
    CACHES = {**CACHES, "default": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}}  # noqa: F405
# wrk sends every request from one address: the search page's per-IP limit would answer 429.
RATELIMIT_ENABLE = False
