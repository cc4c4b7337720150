"""The one Wagtail admin menu item shown only to those who may use it.

Wagtail's own `MenuItem` is shown to everyone who reaches the admin; the
researchers club, survey results and warehouse imports each want theirs shown
only to a user holding one of a few permissions (the views check again)."""

from wagtail.admin.menu import MenuItem


class PermissionMenuItem(MenuItem):
    """A menu item shown to a user who holds at least one of `perms`
    ("app_label.codename"; a single string is one permission)."""

    def __init__(self, label, url, *, perms, **kwargs):
        self.perms = (perms,) if isinstance(perms, str) else tuple(perms)
        super().__init__(label, url, **kwargs)

    def is_shown(self, request):
        return any(request.user.has_perm(perm) for perm in self.perms)
