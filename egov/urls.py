from django.urls import path

from . import pages, quality_views, views

app_name = "egov"

urlpatterns = [
    path("tin-tuc/", pages.news_list, name="news_list"),
    path("tin-tuc/feed/", pages.news_feed, name="news_feed"),
    path("tin-tuc/chuyen-muc/<slug:slug>/", pages.news_category, name="news_category"),
    path("tin-tuc/chuyen-muc/<slug:slug>/feed/", pages.news_feed, name="news_category_feed"),
    path("tin-tuc/<slug:slug>/", pages.news_detail, name="news_detail"),
    path("tin-tuc/<slug:slug>/anh/", pages.news_image, name="news_image"),
    path("gioi-thieu/", pages.page_index, name="page_index"),
    path("gioi-thieu/<slug:slug>/", pages.page_detail, name="page_detail"),
    # Before the admin's own URLs, which would otherwise take this path.
    path("quan-tri/chat-luong-website/", quality_views.quality_report, name="quality_report"),
    path("gop-y-du-thao/", views.consultation_list, name="consultation_list"),
    # Before the admin's own URLs, which would otherwise take this path.
    path("quan-tri/gop-y-du-thao/", views.staff_overview, name="staff_overview"),
    path("gop-y-du-thao/<int:pk>/", views.consultation_detail, name="consultation_detail"),
    path(
        "gop-y-du-thao/<int:consultation_pk>/tep/<int:pk>/",
        views.attachment_download,
        name="attachment_download",
    ),
    path("gop-y-du-thao/<int:pk>/gop-y/", views.comment_create, name="comment_create"),
    path("gop-y-du-thao/<int:pk>/y-kien/", views.comment_list, name="comment_list"),
    path("gop-y-du-thao/<int:pk>/da-gui/", views.comment_sent, name="comment_sent"),
    path("gop-y-du-thao/xac-nhan/<str:token>/", views.comment_confirm, name="comment_confirm"),
    path("gop-y-du-thao/<int:pk>/tong-hop/", views.synthesis_page, name="synthesis_page"),
    path("gop-y-du-thao/<int:pk>/tong-hop.pdf", views.synthesis_pdf, name="synthesis_pdf"),
    path(
        "gop-y-du-thao/<int:pk>/y-kien.csv",
        views.comments_export,
        {"fmt": "csv"},
        name="comments_csv",
    ),
    path(
        "gop-y-du-thao/<int:pk>/y-kien.xlsx",
        views.comments_export,
        {"fmt": "xlsx"},
        name="comments_xlsx",
    ),
]
