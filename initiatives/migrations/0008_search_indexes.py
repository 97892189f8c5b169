"""Indexes for the reviewers' search and the /initiatives/ list's filters and orders.

On PostgreSQL the initiative's text in every language is kept as a stored full-text vector
(a column the database computes; the model does not declare it) with a GIN index, and each
language's text has a trigram index for fragments of words ("traff"). On SQLite, where the
search is a plain case-insensitive match, only the ordinary indexes are created.
"""

from django.contrib.postgres.operations import TrigramExtension
from django.db import migrations, models

# Written out, not imported: a migration must do the same thing whatever the code becomes.
TEXT_COLUMNS = ["text_en", "text_fr", "text_es"]
VECTOR = " || ".join(
    f"setweight(to_tsvector('english'::regconfig, coalesce({column}, '')), 'A')"
    for column in TEXT_COLUMNS
)
FORWARDS = [
    f"ALTER TABLE initiatives_initiative ADD COLUMN search_vector tsvector "
    f"GENERATED ALWAYS AS ({VECTOR}) STORED",
    f"CREATE INDEX initiative_search_vector ON initiatives_initiative "
    f"USING gin (search_vector)",
    # The expression Django's icontains writes: UPPER(column) LIKE UPPER('%word%').
    *(
        f"CREATE INDEX initiative_{column}_trigrams ON initiatives_initiative "
        f"USING gin ((upper({column})) gin_trgm_ops)"
        for column in TEXT_COLUMNS
    ),
]
BACKWARDS = [
    *(f"DROP INDEX IF EXISTS initiative_{column}_trigrams" for column in TEXT_COLUMNS),
    f"ALTER TABLE initiatives_initiative DROP COLUMN IF EXISTS search_vector",
]


def run_on_postgresql(statements):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            for statement in statements:
                schema_editor.execute(statement)

    return run


class Migration(migrations.Migration):
    dependencies = [
        ("initiatives", "0007_editorial_roles"),
        ("profiles", "0005_review_and_history"),
    ]

    operations = [
        TrigramExtension(),  # does nothing on SQLite
        migrations.RunPython(run_on_postgresql(FORWARDS), run_on_postgresql(BACKWARDS)),
    ]
