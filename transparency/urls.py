from django.urls import path

from . import views

app_name = "transparency"

urlpatterns = [
    path("van-ban/", views.document_list, name="document_list"),
    path("van-ban/feed/", views.DocumentFeed(), name="document_feed"),
    path("van-ban/feed/<slug:field_slug>/", views.DocumentFeed(), name="document_field_feed"),
    path("van-ban/<int:pk>/", views.document_detail, name="document_detail"),
    path(
        "van-ban/<int:document_pk>/tep/<int:pk>/",
        views.attachment_download,
        name="attachment_download",
    ),
    path("ke-hoach/", views.plan_list, name="plan_list"),
    path("ke-hoach/quy-hoach/<int:pk>/", views.planning_detail, name="planning_detail"),
    path("pho-bien-phap-luat/", views.dissemination, name="dissemination"),
    path("pho-bien-phap-luat/hoi-dap/<int:pk>/", views.question_detail, name="question_detail"),
    path("pho-bien-phap-luat/<slug:slug>/", views.explainer_detail, name="explainer_detail"),
]
