"""A database that goes away in the middle of an import, for the import commands' tests.

A throwaway PostgreSQL cluster (tests.servers.Postgres, never the shared server) holds
the demo content once; each test restores into a copy of its own, where a trigger ends
the connection of whoever inserts into a chosen table, the moment it does or when it
commits. The commands run as they do in production: `manage.py` in a process of its own.
"""

import subprocess
import sys
import uuid

import psycopg
from psycopg import sql

from tests.servers import BASE_DIR, Postgres, manage, postgres_bin, production_environment

TEMPLATE = "demo"
END_CONNECTION = """
CREATE FUNCTION end_my_connection() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_terminate_backend(pg_backend_pid());
    RETURN NEW;
END $$
"""


class DemoCluster:
    def __init__(self):
        assert postgres_bin(), "PostgreSQL's programs are needed (.ci/run installs them)"
        self.server = Postgres()

    def create(self):
        self.server.create()
        self.execute(f"CREATE DATABASE {TEMPLATE}")
        manage("migrate", "--noinput", DATABASE_URL=self.url(TEMPLATE))
        manage("load_demo", DATABASE_URL=self.url(TEMPLATE))
        return self

    def remove(self):
        self.server.remove()

    def url(self, database):
        return f"postgres://postgres@127.0.0.1:{self.server.port}/{database}"

    def execute(self, statement, database="postgres"):
        with psycopg.connect(self.url(database), autocommit=True) as connection:
            connection.execute(statement)

    def copy(self):
        """A database of the test's own, holding the demo content."""
        database = f"copy_{uuid.uuid4().hex[:12]}"
        self.execute(f"CREATE DATABASE {database} TEMPLATE {TEMPLATE}")
        return database

    def end_connection_on_insert(self, database, table, at_commit=False):
        """Whoever inserts into `table` loses its connection: at once, or (`at_commit`)
        when it commits, from a constraint trigger deferred to the commit."""
        self.execute(END_CONNECTION, database)
        kind = "CONSTRAINT TRIGGER" if at_commit else "TRIGGER"
        timing = "AFTER INSERT" if at_commit else "BEFORE INSERT"
        deferred = "DEFERRABLE INITIALLY DEFERRED" if at_commit else ""
        self.execute(
            f"CREATE {kind} end_connection {timing} ON {table} {deferred} "
            "FOR EACH ROW EXECUTE FUNCTION end_my_connection()",
            database,
        )

    def count(self, database, table):
        with psycopg.connect(self.url(database)) as connection:
            query = sql.SQL("SELECT count(*) FROM {}").format(sql.Identifier(table))
            return connection.execute(query).fetchone()[0]

    def manage(self, database, *arguments):
        """Run a management command on `database`; the finished process, whatever it said."""
        return subprocess.run(
            [sys.executable, "manage.py", *arguments],
            cwd=BASE_DIR,
            env=production_environment(DATABASE_URL=self.url(database)),
            capture_output=True,
            text=True,
            timeout=120,
        )
