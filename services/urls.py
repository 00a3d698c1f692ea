from django.urls import path

from . import views

app_name = "services"

urlpatterns = [
    path("lich-cat-dien/", views.outage_list, name="outage_list"),
    path("lich-cat-dien/<slug:slug>.ics", views.outage_ical, name="outage_ical"),
    path("dien/", views.project_list, name="project_list"),
    path("dien/atom.xml", views.project_feed, name="project_feed"),
    path("dien/so-lieu/", views.figures, name="figures"),
    path("dien/bao-su-co/", views.problem_report, name="problem_report"),
    path("dien/su-co/", views.problem_lookup, name="problem_lookup"),
    path("dien/su-co/thong-ke/", views.problem_stats, name="problem_stats"),
    path("dien/su-co/<str:code>/", views.problem_status, name="problem_status"),
    path("dien/<slug:slug>/", views.project_detail, name="project_detail"),
    path("quan-tri/dien/su-co/<int:pk>/anh/", views.problem_photo, name="problem_photo"),
]
