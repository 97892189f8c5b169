"""The database's unit rule gains the one the models already had: a count of people is a
whole number (profiles/units.py, UnitKind.validate). PostgreSQL only: on SQLite the trigger
is made from profiles/value_rules.py after every migrate. SQL written out, both ways."""

from django.db import migrations

FUNCTION = """
CREATE OR REPLACE FUNCTION statistic_value_fits_unit() RETURNS trigger AS $$
BEGIN
    IF NEW.value IS NOT NULL AND EXISTS (
        SELECT 1 FROM profiles_indicator i WHERE i.id = NEW.indicator_id AND ({violation})
    ) THEN
        RAISE EXCEPTION 'statistic value % does not fit its indicator''s unit kind', NEW.value
            USING ERRCODE = 'check_violation', CONSTRAINT = 'statistic_value_fits_unit';
    END IF;
    RETURN NEW;
END;
$$ LANGUAGE plpgsql;
"""
WITH_WHOLE_COUNTS = FUNCTION.format(
    violation="(i.unit IN ('count', 'usd') AND NEW.value < 0) "
    "OR (i.unit = 'count' AND NEW.value <> ROUND(NEW.value)) "
    "OR (i.unit = 'percentage' AND (NEW.value < 0 OR NEW.value > 100))"
)
WITHOUT = FUNCTION.format(
    violation="(i.unit IN ('count', 'usd') AND NEW.value < 0) "
    "OR (i.unit = 'percentage' AND (NEW.value < 0 OR NEW.value > 100))"
)


def on_postgresql(sql):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            schema_editor.execute(sql, params=None)

    return run


class Migration(migrations.Migration):
    dependencies = [("profiles", "0005_review_and_history")]

    operations = [migrations.RunPython(on_postgresql(WITH_WHOLE_COUNTS), on_postgresql(WITHOUT))]
