"""This app's non-page views, under the /fa/ and /en/ prefixes."""

from django.urls import path

from . import views

app_name = "surveys"

urlpatterns = [
    path("feedback/", views.feedback_view, name="feedback"),
]
