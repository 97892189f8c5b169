"""What both write benchmarks (bench_import.py, bench_refresh.py) start from: Django set up
on the project, and throw-away countries with ISO codes the database does not hold yet.
Imported first by each script, which runs with this folder on its path."""

import os
import sys
from pathlib import Path

import django

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
django.setup()

from django_countries import countries  # noqa: E402

from contacts.models import Office  # noqa: E402
from profiles.models import Country  # noqa: E402


def bench_countries(count, **fields):
    """`count` new countries under a new regional office; their ISO codes, in order."""
    office = Office.objects.create(name="Bench Office", slug="bench-office")
    used = set(Country.objects.values_list("iso_code", flat=True))
    codes = [code for code, _ in countries if code not in used][:count]
    Country.objects.bulk_create(
        Country(
            name=f"Bench {code}",
            iso_code=code,
            slug=f"bench-{code}",
            regional_office=office,
            **fields,
        )
        for code in codes
    )
    return codes
