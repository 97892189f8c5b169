"""The database refuses a statistic whose value its indicator's unit kind forbids: see
profiles/value_rules.py. On SQLite the trigger is kept by profiles/apps.py instead."""

from django.db import migrations

from profiles.value_rules import create_postgresql_trigger, drop_postgresql_trigger


class Migration(migrations.Migration):
    dependencies = [("profiles", "0001_initial")]

    operations = [migrations.RunPython(create_postgresql_trigger, drop_postgresql_trigger)]
