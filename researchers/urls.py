"""The club's views under /fa/researchers/… and /en/researchers/…; the club's
own page (/fa/researchers/) is a Wagtail page."""

from django.urls import path

from .views import applications, downloads, login, profile, registration

app_name = "researchers"

urlpatterns = [
    path("researchers/register/", registration.register, name="register"),
    path("researchers/register/sent/", registration.register_sent, name="register_sent"),
    path("researchers/verify/<str:token>/", registration.verify_email, name="verify_email"),
    path("researchers/verify-again/", registration.resend_verification, name="resend_verification"),
    path("researchers/login/", login.LoginView.as_view(), name="login"),
    path("researchers/logout/", login.LogoutView.as_view(), name="logout"),
    path("researchers/password-reset/", login.PasswordResetView.as_view(), name="password_reset"),
    path("researchers/password-reset/sent/", login.PasswordResetDoneView.as_view(), name="password_reset_done"),
    path(
        "researchers/password-reset/<uidb64>/<token>/",
        login.PasswordResetConfirmView.as_view(),
        name="password_reset_confirm",
    ),
    path(
        "researchers/password-reset/done/",
        login.PasswordResetCompleteView.as_view(),
        name="password_reset_complete",
    ),
    path("researchers/account/", profile.profile, name="profile"),
    path("researchers/applications/new/", applications.application_edit, name="application_new"),
    path("researchers/applications/<int:pk>/", applications.application_detail, name="application_detail"),
    path("researchers/applications/<int:pk>/edit/", applications.application_edit, name="application_edit"),
    path("researchers/applications/<int:pk>/action/", applications.application_action, name="application_action"),
    path("researchers/applications/<int:pk>/proposal.pdf", applications.proposal, name="proposal"),
    path("researchers/downloads/<str:token>/", downloads.download, name="download"),
    path("researchers/files/<uuid:file_uuid>/", downloads.open_file, name="open_file"),
]
