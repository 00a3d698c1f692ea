"""The e-governance app's rows of the role × URL matrix (see tests/matrix.py)."""

from tests.matrix import everyone

EXPECTED = {
    "egov:news_list": everyone(200),
}

HTML_PAGES = {
    "news": ("/tin-tuc/", 200),
}
