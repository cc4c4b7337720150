"""The Wagtail admin's login form (settings.WAGTAILADMIN_USER_LOGIN_FORM)."""

from wagtail.admin.forms.auth import LoginForm


class AdminLoginForm(LoginForm):
    """A right password of someone who may not use the admin (a researcher) gets the
    same answer as a wrong one, and no session: the form tells nothing of either."""

    def confirm_login_allowed(self, user):
        super().confirm_login_allowed(user)
        if not user.has_perm("wagtailadmin.access_admin"):
            raise self.get_invalid_login_error()
