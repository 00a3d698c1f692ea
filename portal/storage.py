"""Private file storage: generated reports and evidence files. They live outside MEDIA_ROOT and
have no URL; only permission-checked views stream them (as attachments)."""

from django.core.files.storage import FileSystemStorage, storages
from django.core.signals import setting_changed
from django.dispatch import receiver
from django.utils.functional import LazyObject, empty


class PrivateFileSystemStorage(FileSystemStorage):
    def url(self, name):
        raise ValueError("Private files have no public URL; serve them through a view.")


class _PrivateStorage(LazyObject):
    def _setup(self):
        self._wrapped = storages["private"]


private_storage = _PrivateStorage()


@receiver(setting_changed)
def _reset(*, setting, **kwargs):
    if setting in {"STORAGES", "PRIVATE_MEDIA_ROOT"}:
        private_storage._wrapped = empty


def private():
    """The private storage, for `FileField(storage=private)`: a callable, so that migrations
    name it rather than freeze a path, and tests that move PRIVATE_MEDIA_ROOT apply."""
    return private_storage
