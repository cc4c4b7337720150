"""The «Release publishers» group: confirms, moves and cancels calendar entries.
Editors prepare entries; page permissions on the calendar are given by the demo
or by an administrator (they need the calendar page to exist)."""

from django.db import migrations

GROUP = "Release publishers"


def create_group(apps, schema_editor):
    from django.contrib.auth.management import create_permissions

    app_config = apps.get_app_config("releases")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group, _ = Group.objects.get_or_create(name=GROUP)
    wanted = Permission.objects.filter(
        content_type__app_label__in=["releases", "wagtailadmin"],
        codename__in=["manage_release_schedule", "access_admin"],
    )
    group.permissions.add(*wanted)


def remove_group(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name=GROUP).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("releases", "0002_calendar_fields_series_holidays_date_changes"),
        ("wagtailadmin", "0001_create_admin_access_permissions"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(create_group, remove_group)]
