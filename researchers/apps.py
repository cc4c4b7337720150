from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _

COMMITTEE_GROUP = "Data exchange committee"
OFFICE_GROUP = "Researchers club office"

GROUP_PERMISSIONS = {
    # The committee reviews applications; it sees the applicant's name and
    # affiliation but not national IDs, email or mobile.
    COMMITTEE_GROUP: [("wagtailadmin", "access_admin"), ("researchers", "review_application")],
    # The club office approves members and may see their personal data.
    OFFICE_GROUP: [
        ("wagtailadmin", "access_admin"),
        ("researchers", "view_researcher"),
        ("researchers", "decide_membership"),
        ("researchers", "view_personal_data"),
    ],
}


def ensure_groups(**kwargs):
    # A post_migrate receiver in apps.py, which loads before models exist: import when called.
    from django.contrib.auth.models import Group, Permission

    for name, perms in GROUP_PERMISSIONS.items():
        group, _created = Group.objects.get_or_create(name=name)
        for app_label, codename in perms:
            perm = Permission.objects.filter(content_type__app_label=app_label, codename=codename).first()
            if perm is not None:
                group.permissions.add(perm)


class ResearchersConfig(AppConfig):
    name = "researchers"
    verbose_name = _("Researchers club")

    def ready(self):
        post_migrate.connect(ensure_groups, dispatch_uid="researchers.ensure_groups")
