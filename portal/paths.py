"""A URL pattern resolved once and filled in for each row: a list page or an open-data file
links to hundreds of objects, and `reverse()` costs about as much as the rest of a row."""

from django.urls import reverse


def path_pattern(name: str, arguments: int = 1) -> str:
    """The path of the view `name` with `%s` for each argument (`path_pattern(name) % pk`)."""
    markers = [str(987654320 + n) for n in range(arguments)]  # a number fits int and slug
    path = reverse(name, args=markers).replace("%", "%%")
    for marker in markers:
        path = path.replace(marker, "%s", 1)
    return path
