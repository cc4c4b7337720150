"""Log in, log out and password reset: Django's auth views with the club's
templates, rate limits and the shared log-in guard."""

from django.contrib.auth import views as auth_views
from django.urls import reverse, reverse_lazy
from django.utils.decorators import method_decorator

from core.login_guard import guarded_login

from ..forms import LoginForm
from ..ratelimits import limited


# Failures counted with the admins' log-ins, per normalised email and per address.
@method_decorator(guarded_login, name="post")
class LoginView(auth_views.LoginView):
    template_name = "researchers/login.html"
    authentication_form = LoginForm
    redirect_authenticated_user = True

    def get_default_redirect_url(self):
        return reverse("researchers:profile")


class LogoutView(auth_views.LogoutView):
    def get_success_url(self):
        return reverse("researchers:login")


@method_decorator(limited(key="ip", rate="5/h", method="POST"), name="post")
class PasswordResetView(auth_views.PasswordResetView):
    template_name = "researchers/password_reset.html"
    email_template_name = "researchers/email/password_reset.txt"
    subject_template_name = "researchers/email/password_reset_subject.txt"
    success_url = reverse_lazy("researchers:password_reset_done")


class PasswordResetDoneView(auth_views.PasswordResetDoneView):
    template_name = "researchers/password_reset_done.html"


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    template_name = "researchers/password_reset_confirm.html"
    success_url = reverse_lazy("researchers:password_reset_complete")


class PasswordResetCompleteView(auth_views.PasswordResetCompleteView):
    template_name = "researchers/password_reset_complete.html"
