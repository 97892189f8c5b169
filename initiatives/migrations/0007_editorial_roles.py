"""The editorial roles: Editors write and submit, Reviewers read everything and publish."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

CONTENT = {
    "contacts": ["office"],
    "profiles": ["country", "indicator", "statistic"],
    "initiatives": ["theme", "yearlyplan", "initiative"],
}
PUBLISHED_BY_REVIEWERS = [("profiles", "country"), ("initiatives", "yearlyplan")]


def permissions(Permission, actions, models):
    codenames = [f"{action}_{model}" for action in actions for model in models]
    return list(Permission.objects.filter(codename__in=codenames))


def create_roles(apps, schema_editor):
    # Permissions are normally created after all migrations; these need them now.
    for app_label in CONTENT:
        app_config = apps.get_app_config(app_label)
        models_module = getattr(app_config, "models_module", None)  # a migration: none
        app_config.models_module = models_module or True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = models_module
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    models = [model for names in CONTENT.values() for model in names]

    editor, _ = Group.objects.get_or_create(name="Editor")
    editor.permissions.set(permissions(Permission, ["add", "change", "delete", "view"], models))

    reviewer, _ = Group.objects.get_or_create(name="Reviewer")
    reviewer.permissions.set(
        permissions(Permission, ["view"], models)
        + [
            Permission.objects.get(content_type__app_label=app, codename=f"publish_{model}")
            for app, model in PUBLISHED_BY_REVIEWERS
        ]
    )


def remove_roles(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name__in=["Editor", "Reviewer"]).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contacts", "0004_office_history"),
        ("profiles", "0005_review_and_history"),
        ("initiatives", "0006_review_and_history"),
    ]

    operations = [migrations.RunPython(create_roles, remove_roles)]
