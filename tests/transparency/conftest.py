import pytest


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.STORAGES = {
        **settings.STORAGES,
        "private": {**settings.STORAGES["private"], "OPTIONS": {"location": tmp_path / "private"}},
    }


@pytest.fixture
def editor(db):
    from portal import roles
    from tests.helpers import make_staff

    return make_staff(roles.EDITOR)


@pytest.fixture(autouse=True)
def _vietnamese():
    """A request to /en/ leaves English active in the thread; reverse() would then prefix /en/."""
    from django.utils import translation

    with translation.override("vi"):
        yield
