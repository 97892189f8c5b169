"""Time a refresh from a publisher's file: `python scripts/bench_refresh.py [ECONOMIES]`.

Run it against the database to measure (DATABASE_URL=postgres://...). It adds throw-away
published countries and an indicator, writes a World Bank CSV in the publisher's layout
(200 economies x 35 years x one series, by default) and refreshes from it three ways: every
figure new, the same file again (all unchanged), every figure revised. Each is read,
checked and written; the times are printed. Then it rolls everything back, leaving the
database as it was. The target: under 10 seconds each on PostgreSQL.
"""

import sys
import time

from bench_rows import bench_countries
from django.db import connection, transaction
from django_countries import countries

from profiles.models import Indicator
from profiles.publication import Status
from profiles.refresh import refresh_statistics

SERIES = "BENCH.REFRESH"
YEARS = range(1990, 2025)
TARGET_SECONDS = 10


class Rollback(Exception):
    pass


def world_bank_file(codes, bump=0):
    """A bulk CSV as the World Bank writes it: preamble, header, one row per economy."""
    quoted = lambda cells: ",".join(f'"{cell}"' for cell in cells) + ","  # noqa: E731
    lines = [
        '\ufeff"Data Source","World Development Indicators",',
        "",
        '"Last Updated Date","2025-07-01",',
        "",
        quoted(["Country Name", "Country Code", "Indicator Name", "Indicator Code", *YEARS]),
    ]
    for number, code in enumerate(codes):
        values = [(number * 1000 + year) * 10 + bump for year in YEARS]
        lines.append(quoted([f"Bench {code}", code, "Bench series", SERIES, *values]))
    return ("\r\n".join(lines) + "\r\n").encode()


def timed(label, data):
    start = time.perf_counter()
    report = refresh_statistics(data, "API_BENCH.csv")
    seconds = time.perf_counter() - start
    verdict = "within" if seconds < TARGET_SECONDS else "OVER"
    print(
        f"{label:<30} {seconds:6.2f} s  {verdict} the {TARGET_SECONDS} s target  "
        f"({report.new} new, {report.revised} revised)"
    )
    return seconds


def main():
    economies = int(sys.argv[1]) if len(sys.argv) > 1 else 200
    print(f"{economies} economies x {len(YEARS)} years x 1 indicator on {connection.vendor}")
    try:
        with transaction.atomic():
            free = bench_countries(economies, status=Status.PUBLISHED)
            Indicator.objects.create(
                name="Bench indicator", slug="bench-indicator", unit="count", series=SERIES
            )
            codes = [countries.alpha3(code) for code in free]
            timed("every figure new", world_bank_file(codes))
            timed("the same file again", world_bank_file(codes))
            timed("every figure revised", world_bank_file(codes, bump=1))
            raise Rollback
    except Rollback:
        print("Rolled back: the database is as it was.")


if __name__ == "__main__":
    main()
