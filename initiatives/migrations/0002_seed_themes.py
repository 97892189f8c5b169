from django.db import migrations

THEMES = [
    ("counter-trafficking", "Counter-trafficking"),
    ("labour-migration", "Labour migration"),
    ("migration-governance", "Migration governance"),
    ("migration-data", "Migration data"),
    ("diaspora-engagement", "Diaspora engagement"),
    ("return-and-reintegration", "Return and reintegration"),
    ("border-management", "Border management"),
    ("migration-health", "Migration health"),
]


def add_themes(apps, schema_editor):
    Theme = apps.get_model("initiatives", "Theme")
    for slug, name in THEMES:
        Theme.objects.get_or_create(slug=slug, defaults={"name": name})


def remove_unused_themes(apps, schema_editor):
    Theme = apps.get_model("initiatives", "Theme")
    Theme.objects.filter(slug__in=[slug for slug, _ in THEMES], initiatives=None).delete()


class Migration(migrations.Migration):
    dependencies = [("initiatives", "0001_initial")]

    operations = [migrations.RunPython(add_themes, remove_unused_themes)]
