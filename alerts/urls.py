from django.urls import path

from . import views

app_name = "alerts"

urlpatterns = [
    path("alerts/", views.subscribe, name="subscribe"),
    path("alerts/confirm/<str:signed>/", views.confirm, name="confirm"),
    path("alerts/manage/<uuid:token>/", views.manage, name="manage"),
    path("alerts/unsubscribe/<uuid:token>/", views.unsubscribe, name="unsubscribe"),
]
