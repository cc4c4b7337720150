"""This app's non-page views, under the /fa/ and /en/ prefixes."""

from django.urls import path

from . import views

app_name = "publications"

urlpatterns = [
    path(
        "publications/data/<int:page_id>/<str:block_id>.<str:fmt>",
        views.block_download,
        name="block_download",
    ),
    path("publications/workbook/<int:page_id>.xlsx", views.yearbook_workbook, name="yearbook_workbook"),
    path("publications/corrections/<int:pk>/previous/", views.previous_version, name="previous_version"),
]
