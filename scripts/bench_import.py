"""Time the statistics import with 10,000 rows: `python scripts/bench_import.py [ROWS]`.

Run it against the database to measure (DATABASE_URL=postgres://...). It adds throw-away
countries and indicators, imports a generated CSV three ways (all new, all unchanged, all
changed) and prints the times; then it rolls everything back, leaving the database as it was.
"""

import sys
import time

from bench_rows import bench_countries
from django.db import connection, transaction

from profiles.models import Indicator
from profiles.statistics_file import import_statistics

INDICATORS = 10
YEARS = range(1990, 2025)


class Rollback(Exception):
    pass


def generate(rows, country_codes, indicator_slugs, bump=0):
    lines = ["country,indicator,year,value,source,note"]
    for number in range(rows):
        code = country_codes[number // (INDICATORS * len(YEARS)) % len(country_codes)]
        slug = indicator_slugs[number // len(YEARS) % INDICATORS]
        year = YEARS[number % len(YEARS)]
        lines.append(f"{code},{slug},{year},{number * 10 + bump},Bench source,")
    return ("\n".join(lines) + "\n").encode()


def timed(label, data):
    start = time.perf_counter()
    report = import_statistics(data)
    seconds = time.perf_counter() - start
    if not report.written:
        raise SystemExit([str(error) for error in report.errors[:5]])
    print(f"{label:<34} {seconds:6.2f} s   ({report.summary()})")


def main():
    rows = int(sys.argv[1]) if len(sys.argv) > 1 else 10_000
    per_country = INDICATORS * len(YEARS)
    needed = -(-rows // per_country)
    print(f"{rows} rows on {connection.vendor}")
    try:
        with transaction.atomic():
            codes = bench_countries(needed)
            slugs = [f"bench-indicator-{n}" for n in range(INDICATORS)]
            Indicator.objects.bulk_create(
                Indicator(name=slug, slug=slug, unit="count") for slug in slugs
            )
            timed("all new (10,000 created)", generate(rows, codes, slugs))
            timed("the same file again (unchanged)", generate(rows, codes, slugs))
            timed("every value changed", generate(rows, codes, slugs, bump=1))
            raise Rollback
    except Rollback:
        print("Rolled back: the database is as it was.")


if __name__ == "__main__":
    main()
