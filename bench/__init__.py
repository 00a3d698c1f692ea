"""Benchmarks of the portal's pages against its minimal page (see the README)."""

# A well-formed CSRF secret: the middleware keeps it, and the page cache passes by a visitor who
# carries it, so the page is drawn for every request (the "rendered" and "uncached" measures).
CSRF_SECRET = "b" * 32
CSRF_COOKIE = f"csrftoken={CSRF_SECRET}"
