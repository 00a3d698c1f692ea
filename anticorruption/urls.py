from django.urls import path

from portal.views import page_not_found

from . import views
from .privacy import anonymous_route

app_name = "anticorruption"


@anonymous_route
def _channel_not_found(request, rest=""):
    return page_not_found(request, None)


urlpatterns = [
    # The anonymous channel: every page under /to-giac/ goes through privacy.anonymous_route.
    path("to-giac/", views.tip_create, name="tip_create"),
    path("to-giac/theo-doi/", views.tip_follow, name="tip_follow"),
    path("to-giac/thong-ke/", views.tip_statistics, name="tip_statistics"),
    # A mistyped address under /to-giac/ is not logged with the visitor's address either.
    path("to-giac/<path:rest>", _channel_not_found),
    # The inspectors' side.
    path("quan-tri/to-giac/", views.tip_list, name="tip_list"),
    path("quan-tri/to-giac/khoa/", views.tip_unlock, name="tip_unlock"),
    path("quan-tri/to-giac/<int:pk>/", views.tip_detail, name="tip_detail"),
    path(
        "quan-tri/to-giac/<int:pk>/tep/<int:attachment_pk>/",
        views.tip_attachment,
        name="tip_attachment",
    ),
    # Recruitment.
    path("tuyen-dung/", views.round_list, name="round_list"),
    path("tuyen-dung/feed.atom", views.round_feed, name="round_feed"),
    path("tuyen-dung/tra-cuu/", views.application_status, name="application_status"),
    path("tuyen-dung/<slug:slug>/", views.round_detail, name="round_detail"),
    path("tuyen-dung/<slug:slug>/dang-ky/", views.round_apply, name="round_apply"),
    path("tuyen-dung/<slug:slug>/buoc/<int:pk>.pdf", views.step_document, name="step_document"),
    path("quan-tri/tuyen-dung/", views.recruitment_overview, name="recruitment_overview"),
    path(
        "quan-tri/tuyen-dung/ho-so/<int:pk>/tep/<int:document_pk>/",
        views.application_document,
        name="application_document",
    ),
]
