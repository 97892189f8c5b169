"""The database refuses a statistic whose value its indicator's unit kind forbids: see
profiles/value_rules.py. PostgreSQL only: on SQLite the trigger is kept by profiles/apps.py.

The SQL is written out here, as it was when this migration was made; a later rule changes
the function in a migration of its own (0006)."""

from django.db import migrations

CREATE = """
CREATE FUNCTION statistic_value_fits_unit() RETURNS trigger AS $$
BEGIN
    IF NEW.value IS NOT NULL AND EXISTS (
        SELECT 1 FROM profiles_indicator i WHERE i.id = NEW.indicator_id AND ((i.unit IN ('count', 'usd') AND NEW.value < 0) OR (i.unit = 'percentage' AND (NEW.value < 0 OR NEW.value > 100)))
    ) THEN
        RAISE EXCEPTION 'statistic value % does not fit its indicator''s unit kind', NEW.value
            USING ERRCODE = 'check_violation', CONSTRAINT = 'statistic_value_fits_unit';
    END IF;
    RETURN NEW;
END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER statistic_value_fits_unit
BEFORE INSERT OR UPDATE ON profiles_statistic
FOR EACH ROW EXECUTE FUNCTION statistic_value_fits_unit();
"""
DROP = """
DROP TRIGGER statistic_value_fits_unit ON profiles_statistic;
DROP FUNCTION statistic_value_fits_unit();
"""


def on_postgresql(sql):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            # No parameters: the body uses % as PL/pgSQL placeholders, not psycopg ones.
            schema_editor.execute(sql, params=None)

    return run


class Migration(migrations.Migration):
    dependencies = [("profiles", "0001_initial")]

    operations = [migrations.RunPython(on_postgresql(CREATE), on_postgresql(DROP))]
