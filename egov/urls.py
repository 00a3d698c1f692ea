from django.urls import path

from . import views

app_name = "egov"

urlpatterns = [
    path("", views.news_list, name="news_list"),
]
