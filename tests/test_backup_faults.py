"""import_content on a database that goes away in the middle: one sentence, exit status 1,
no traceback, and the content as it was. On a throwaway PostgreSQL cluster of the tests'
own (tests/database_loss.py), where inserting a statistic ends the connection."""

from tests.database_loss import DemoCluster

CONTENT_TABLES = [
    "contacts_office",
    "profiles_country",
    "profiles_statistic",
    "initiatives_initiative",
]


def export(cluster, database, path):
    result = cluster.manage(database, "export_content", str(path))
    assert result.returncode == 0, result.stderr
    return path.read_bytes()


def test_a_connection_lost_mid_import_imports_nothing(throwaway_postgres, tmp_path):
    cluster: DemoCluster = throwaway_postgres
    database = cluster.copy()
    before = export(cluster, database, tmp_path / "before.json")
    counts = {table: cluster.count(database, table) for table in CONTENT_TABLES}
    assert all(counts.values()), counts
    # After --replace has deleted everything and the offices and countries are back.
    cluster.end_connection_on_insert(database, "profiles_statistic")

    result = cluster.manage(database, "import_content", str(tmp_path / "before.json"), "--replace")

    assert result.returncode == 1
    assert result.stderr.strip() == (
        "CommandError: The database connection was lost during the import; nothing was "
        "imported, as its transaction was never committed. Run the command again once the "
        "database answers."
    )
    assert "Traceback" not in result.stdout + result.stderr
    assert {table: cluster.count(database, table) for table in CONTENT_TABLES} == counts
    assert export(cluster, database, tmp_path / "after.json") == before


def test_a_connection_lost_while_committing_says_the_outcome_is_unknown(
    throwaway_postgres, tmp_path
):
    cluster: DemoCluster = throwaway_postgres
    database = cluster.copy()
    before = export(cluster, database, tmp_path / "before.json")
    cluster.end_connection_on_insert(database, "profiles_statistic", at_commit=True)

    result = cluster.manage(database, "import_content", str(tmp_path / "before.json"), "--replace")

    assert result.returncode == 1
    assert result.stderr.strip() == (
        "CommandError: The database connection was lost while the import was being "
        "committed, so it may or may not have been written. Check what the database holds "
        "once it answers."
    )
    assert "Traceback" not in result.stdout + result.stderr
    # PostgreSQL ends the connection before the commit completes: here it was not written.
    assert export(cluster, database, tmp_path / "after.json") == before
