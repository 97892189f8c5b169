"""The content version's table and its one row (config/models.py), in SQL that SQLite and
PostgreSQL both take. It starts at the clock in nanoseconds, not 0: a new database must not
meet pages a shared cache kept from another one."""

import time

from django.db import migrations, models

CREATE = """
CREATE TABLE site_contentversion (
    id smallint NOT NULL PRIMARY KEY,
    version bigint NOT NULL,
    CONSTRAINT site_one_version CHECK (id = 1)
)
"""
DROP = "DROP TABLE site_contentversion"
INSERT = "INSERT INTO site_contentversion (id, version) VALUES (1, %s)"


def insert_the_row(apps, schema_editor):
    schema_editor.execute(INSERT, [time.time_ns()])


class Migration(migrations.Migration):
    initial = True

    dependencies = []

    operations = [
        # The table in plain SQL; Django's record of the model beside it.
        migrations.SeparateDatabaseAndState(
            database_operations=[
                migrations.RunSQL(CREATE, DROP),
                migrations.RunPython(insert_the_row, migrations.RunPython.noop),
            ],
            state_operations=[
                migrations.CreateModel(
                    name="ContentVersion",
                    fields=[
                        (
                            "id",
                            models.SmallIntegerField(default=1, primary_key=True, serialize=False),
                        ),
                        ("version", models.BigIntegerField()),
                    ],
                    options={
                        "default_permissions": (),
                        "constraints": [
                            models.CheckConstraint(
                                condition=models.Q(("id", 1)), name="site_one_version"
                            )
                        ],
                    },
                ),
            ],
        ),
    ]
