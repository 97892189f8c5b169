"""export_content and import_content: nothing is lost, nothing is overwritten unasked."""

import json
from datetime import UTC, datetime
from decimal import Decimal

import pytest
from django.core.management import CommandError, call_command

from config.backup import content_models
from contacts.models import Office
from initiatives.models import Initiative, Theme, YearlyPlan
from profiles.models import Country, Indicator, Statistic
from profiles.publication import Status

EARLY_IN_A_SECOND = datetime(2026, 11, 28, 8, 34, 6, 412, tzinfo=UTC)


@pytest.fixture
def content(demo):
    """The demo content and the cases a backup could lose: a draft plan, a figure not
    available, text beyond ASCII and on several lines, a time within a second's first
    millisecond (JSON times usually stop at milliseconds)."""
    lesotho = Country.objects.get(slug="lesotho")
    assert Office.objects.filter(slug="southern-africa").update(updated_at=EARLY_IN_A_SECOND) == 1
    Statistic.objects.create(
        country=lesotho,
        indicator=Indicator.objects.get(slug="population"),
        year=2015,
        value=None,
        source="Recensement — 2016\n« provisoire »",
    )
    plan = YearlyPlan.objects.create(country=lesotho, year=2021, status=Status.DRAFT)
    Initiative.objects.create(
        plan=plan, theme=Theme.objects.first(), text="Apoyo a la diáspora basotho", order=3
    )


def flush_content():
    """Empty the content tables, as a new database is (flush itself can't run inside the
    test's transaction on PostgreSQL)."""
    for model, _ in reversed(content_models()):
        model.objects.all().delete()


def counts():
    return {model._meta.label: model.objects.count() for model, _ in content_models()}


def test_export_flush_import_export_gives_the_same_file(content, tmp_path):
    first, second = tmp_path / "first.json", tmp_path / "second.json"
    call_command("export_content", str(first), stderr=None)
    before = counts()
    assert all(before.values()), before

    flush_content()
    assert not any(counts().values())
    call_command("import_content", str(first), stdout=None)
    assert counts() == before
    call_command("export_content", str(second), stderr=None)

    assert second.read_bytes() == first.read_bytes()
    lesotho = Country.objects.get(slug="lesotho")
    missing = lesotho.statistics.get(year=2015, indicator__slug="population")
    assert missing.value is None
    assert missing.source == "Recensement — 2016\n« provisoire »"
    assert lesotho.statistics.get(year=2020, indicator__slug="population").value == Decimal(
        "2100000"
    )
    assert lesotho.plans.get(year=2021).status == Status.DRAFT
    assert Office.objects.get(slug="southern-africa").updated_at == EARLY_IN_A_SECOND


def test_the_file_names_rows_by_natural_keys(content, tmp_path):
    path = tmp_path / "backup.json"
    call_command("export_content", str(path), stderr=None)
    rows = json.loads(path.read_text())
    statistic = next(row for row in rows if row["model"] == "profiles.statistic")
    assert "pk" not in statistic
    assert len(statistic["fields"]["country"]) == 1  # [iso code]
    plan = next(row for row in rows if row["model"] == "initiatives.yearlyplan")
    assert isinstance(plan["fields"]["country"], list)
    initiative = next(row for row in rows if row["model"] == "initiatives.initiative")
    assert isinstance(initiative["fields"]["plan"], list)  # [iso code, year]
    assert {row["model"] for row in rows} == {
        model._meta.label_lower for model, _ in content_models()
    }


def test_import_refuses_a_database_with_content(content, tmp_path):
    path = tmp_path / "backup.json"
    call_command("export_content", str(path), stderr=None)
    Country.objects.filter(slug="lesotho").update(name="Lesotho (edited)")
    before = counts()

    with pytest.raises(CommandError, match="already holds content .*add --replace"):
        call_command("import_content", str(path), stdout=None)

    assert counts() == before
    assert Country.objects.get(slug="lesotho").name == "Lesotho (edited)"


def test_import_with_replace_restores_the_file(content, tmp_path):
    path = tmp_path / "backup.json"
    call_command("export_content", str(path), stderr=None)
    before = counts()
    Country.objects.filter(slug="lesotho").update(name="Lesotho (edited)")
    Office.objects.create(name="Office added later", slug="added-later")

    call_command("import_content", str(path), "--replace", stdout=None)

    assert counts() == before
    assert Country.objects.get(slug="lesotho").name == "Lesotho"
    assert not Office.objects.filter(slug="added-later").exists()


def test_a_bad_file_imports_nothing(content, tmp_path):
    path = tmp_path / "backup.json"
    call_command("export_content", str(path), stderr=None)
    rows = json.loads(path.read_text())
    # The last row refers to a plan that the file does not hold.
    rows[-1]["fields"]["plan"] = ["LS", 1999]
    path.write_text(json.dumps(rows))
    flush_content()

    with pytest.raises(CommandError) as refused:
        call_command("import_content", str(path), stdout=None)

    assert str(refused.value) == (
        f"Object {len(rows)} in the file (initiatives.initiative, pk {rows[-1]['pk']}) cannot "
        "be restored: its plan names the yearly plan “LS 1999”, which is neither in the "
        "database nor earlier in the file. Nothing was changed."
    )

    assert not any(counts().values())


def test_new_initiatives_can_be_added_after_a_restore(content, tmp_path):
    path = tmp_path / "backup.json"
    call_command("export_content", str(path), stderr=None)
    flush_content()
    call_command("import_content", str(path), stdout=None)
    highest = Initiative.objects.order_by("-pk").first().pk

    added = Initiative.objects.create(
        plan=YearlyPlan.objects.first(), theme=Theme.objects.first(), text="After the restore"
    )
    assert added.pk > highest
