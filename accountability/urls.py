from django.urls import path

from . import views

app_name = "accountability"

R = "tiep-cong-dan/"

urlpatterns = [
    path(R, views.reception_calendar, name="reception_calendar"),
    path(R + "thang/<int:year>/<int:month>/", views.reception_month, name="reception_month"),
    path(R + "lich/<slug:slug>.ics", views.reception_ical, name="reception_ical"),
    path(R + "dat-lich/", views.booking_create, name="booking_create"),
    path(R + "dat-lich/ma/<str:token>/", views.booking_detail, name="booking_detail"),
    path(R + "dat-lich/ma/<str:token>/huy/", views.booking_cancel, name="booking_cancel"),
    path(R + "so-tiep-cong-dan/<int:year>/<int:month>/", views.visit_ledger, name="visit_ledger"),
    # Cases: the public form, the sender's page, the public statistics; staff documents.
    path(R + "gui-don/", views.case_submit, name="case_submit"),
    path(R + "gui-don/theo-doi/<str:token>/", views.case_track, name="case_track"),
    path(R + "thong-ke-don/", views.case_statistics, name="case_statistics"),
    # Staff pages of cases, beside the admin's.
    path("quan-tri/vu-viec/han-xu-ly/", views.case_clock_board, name="case_clock_board"),
    path(
        "quan-tri/vu-viec/<int:case_pk>/tai-lieu/<int:pk>/",
        views.case_attachment,
        name="case_attachment",
    ),
    # Requests for explanation (Decree 59/2019).
    path("giai-trinh/", views.explanation_list, name="explanation_list"),
    path("giai-trinh/gui-yeu-cau/", views.explanation_submit, name="explanation_submit"),
    path("giai-trinh/theo-doi/<str:token>/", views.explanation_track, name="explanation_track"),
    path("giai-trinh/<str:code>/", views.explanation_detail, name="explanation_detail"),
    # Dialogues with businesses.
    path("doi-thoai/", views.dialogue_list, name="dialogue_list"),
    path("doi-thoai/tra-cuu/", views.question_lookup, name="question_lookup"),
    path("doi-thoai/<slug:slug>/", views.dialogue_detail, name="dialogue_detail"),
    path("doi-thoai/<slug:slug>/gui-cau-hoi/", views.question_create, name="question_create"),
    # Inspection conclusions: the public summaries.
    path("ket-luan-thanh-tra/", views.conclusion_list, name="conclusion_list"),
    path("ket-luan-thanh-tra/<int:pk>/", views.conclusion_detail, name="conclusion_detail"),
]
