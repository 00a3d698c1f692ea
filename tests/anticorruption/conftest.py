import pytest


@pytest.fixture(autouse=True)
def _media_in_tmp(settings, tmp_path):
    """Uploaded and sealed files go to a fresh directory per test."""
    media, private = tmp_path / "media", tmp_path / "private"
    media.mkdir()
    private.mkdir()
    settings.MEDIA_ROOT = media
    settings.PRIVATE_MEDIA_ROOT = private
    settings.STORAGES = {
        **settings.STORAGES,
        "private": {**settings.STORAGES["private"], "OPTIONS": {"location": private}},
    }
    return media, private
