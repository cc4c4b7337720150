"""The club's views under /fa/researchers/… and /en/researchers/…; the club's
own page (/fa/researchers/) is a Wagtail page."""

from django.urls import path

from . import views

app_name = "researchers"

urlpatterns = [
    path("researchers/register/", views.register, name="register"),
    path("researchers/register/sent/", views.register_sent, name="register_sent"),
    path("researchers/verify/<str:token>/", views.verify_email, name="verify_email"),
    path("researchers/verify-again/", views.resend_verification, name="resend_verification"),
    path("researchers/login/", views.LoginView.as_view(), name="login"),
    path("researchers/logout/", views.LogoutView.as_view(), name="logout"),
    path("researchers/password-reset/", views.PasswordResetView.as_view(), name="password_reset"),
    path("researchers/password-reset/sent/", views.PasswordResetDoneView.as_view(), name="password_reset_done"),
    path(
        "researchers/password-reset/<uidb64>/<token>/",
        views.PasswordResetConfirmView.as_view(),
        name="password_reset_confirm",
    ),
    path(
        "researchers/password-reset/done/",
        views.PasswordResetCompleteView.as_view(),
        name="password_reset_complete",
    ),
    path("researchers/account/", views.profile, name="profile"),
    path("researchers/applications/new/", views.application_edit, name="application_new"),
    path("researchers/applications/<int:pk>/", views.application_detail, name="application_detail"),
    path("researchers/applications/<int:pk>/edit/", views.application_edit, name="application_edit"),
    path("researchers/applications/<int:pk>/action/", views.application_action, name="application_action"),
    path("researchers/applications/<int:pk>/proposal.pdf", views.proposal, name="proposal"),
    path("researchers/downloads/<str:token>/", views.download, name="download"),
    path("researchers/files/<uuid:file_uuid>/", views.open_file, name="open_file"),
]
