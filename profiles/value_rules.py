"""The database refuses a statistic whose value its indicator's unit kind forbids.

A CHECK constraint cannot read another table, so a trigger does it: counts and money are
not negative, a count of people is a whole number, a percentage lies in 0-100. Model
validation (UnitKind.validate) gives editors the same rule with a friendly message; this is
the guard for code that skips validation.

PostgreSQL keeps the trigger from its migration on. SQLite rebuilds a table to alter it,
and cannot rename the rebuilt table while a trigger elsewhere names it; so on SQLite the
trigger is dropped before every migrate and created again after it (see apps.py).
"""

from django.db import connections

EVENTS = ("INSERT", "UPDATE")
# The same rule as PostgreSQL's function (profiles/migrations/0006), which a test holds to
# UnitKind.validate on both databases: profiles/tests/test_value_rules.py.
VIOLATION = (
    "(i.unit IN ('count', 'usd') AND {v} < 0) "
    "OR (i.unit = 'count' AND {v} <> ROUND({v})) "
    "OR (i.unit = 'percentage' AND ({v} < 0 OR {v} > 100))"
)

SQLITE_TRIGGER = """
CREATE TRIGGER IF NOT EXISTS statistic_value_fits_unit_{event}
BEFORE {event} ON profiles_statistic
WHEN NEW.value IS NOT NULL
BEGIN
    SELECT RAISE(ABORT, 'CHECK constraint failed: statistic_value_fits_unit')
    WHERE EXISTS (
        SELECT 1 FROM profiles_indicator i
        WHERE i.id = NEW.indicator_id AND ({violation})
    );
END;
"""


def drop_sqlite_triggers(using, **kwargs):
    connection = connections[using]
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            for event in EVENTS:
                cursor.execute(f"DROP TRIGGER IF EXISTS statistic_value_fits_unit_{event}")


def create_sqlite_triggers(using, **kwargs):
    connection = connections[using]
    tables = {"profiles_statistic", "profiles_indicator"}
    if connection.vendor != "sqlite" or not tables <= set(connection.introspection.table_names()):
        return
    violation = VIOLATION.format(v="CAST(NEW.value AS REAL)")
    with connection.cursor() as cursor:
        for event in EVENTS:
            cursor.execute(SQLITE_TRIGGER.format(event=event, violation=violation))
