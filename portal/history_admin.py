"""The base ModelAdmin of every model with change history (django-simple-history)."""

from django.contrib.admin.utils import unquote
from simple_history.admin import SimpleHistoryAdmin


class HistoryAdmin(SimpleHistoryAdmin):
    """The admin of a model with change history. Its history pages open only objects that the
    user's queryset holds, like the change page: a unit-scoped model's objects of another unit
    get the admin's "does not exist" there too (django-simple-history reads the model itself)."""

    def _hidden_from(self, request, object_id) -> bool:
        """The object exists, but the change page would not find it for this user. Staff
        without the model's permission are not told that much: they get the history's 403."""
        pk = unquote(object_id)
        return (
            self.has_view_or_change_permission(request)
            and self.get_object(request, pk) is None
            and self.model._default_manager.filter(pk=pk).exists()
        )

    def history_view(self, request, object_id, extra_context=None):
        if self._hidden_from(request, object_id):
            return self._get_obj_does_not_exist_redirect(request, self.opts, object_id)
        return super().history_view(request, object_id, extra_context)

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        if self._hidden_from(request, object_id):
            return self._get_obj_does_not_exist_redirect(request, self.opts, object_id)
        return super().history_form_view(request, object_id, version_id, extra_context)
