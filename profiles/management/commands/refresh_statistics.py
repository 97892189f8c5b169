from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import DatabaseError

from config.database import database_problem
from config.edits import add_user_option, user_option
from profiles.publishers import PublisherFileRefused, fetch_indicator
from profiles.refresh import check_since, refresh_statistics, report_lines


class Command(BaseCommand):
    help = (
        "Refresh statistics from a publisher's own file: the World Bank's CSV download or a "
        "saved answer of its API, UN DESA's International Migrant Stock “Destination” "
        "workbook, or UN DESA's World Population Prospects demographic indicators CSV. Each "
        "indicator whose series code the file holds is compared with our figures; the report "
        "shows what is new and what is revised, then everything is written at once. By "
        "default new figures and revisions, for published countries. Exits with status 0 when "
        "written (or, with --dry-run, when it would be) and 1 when refused. The history "
        "records the changes as made by --user, or by the “system” user. With --worldbank "
        "SERIES instead of a file, the indicator comes straight from the World Bank's API."
    )

    def add_arguments(self, parser):
        source = parser.add_mutually_exclusive_group(required=True)
        source.add_argument("file", type=Path, nargs="?")
        source.add_argument(
            "--worldbank",
            metavar="SERIES",
            help="Fetch the series (e.g. SP.POP.TOTL) from the World Bank's API, every page.",
        )
        parser.add_argument(
            "--dry-run", action="store_true", help="Report what would change; write nothing."
        )
        parser.add_argument(
            "--only-new",
            action="store_true",
            help="Add figures for years we have none for; leave our figures as they are.",
        )
        parser.add_argument(
            "--since", type=int, metavar="YEAR", help="Leave out the years before YEAR."
        )
        parser.add_argument(
            "--all-countries",
            action="store_true",
            help="Refresh draft countries too (by default, published countries only).",
        )
        add_user_option(parser)

    def handle(
        self, *args, file, worldbank, dry_run, only_new, since, all_countries, user, **options
    ):
        user = user_option(user)
        try:
            check_since(since)  # before the file is read: a mistyped year is told at once
            if worldbank:
                data, name = fetch_indicator(worldbank), f"{worldbank}.json"
            else:
                data, name = file.read_bytes(), file.name
        except PublisherFileRefused as error:
            raise CommandError(str(error), returncode=1) from None
        except OSError as error:
            raise CommandError(f"Cannot read {file}: {error.strerror}.", returncode=1) from error
        try:
            report = refresh_statistics(
                data,
                name,
                only_new=only_new,
                since=since,
                all_countries=all_countries,
                dry_run=dry_run,
                user=user,
            )
        except PublisherFileRefused as error:
            raise CommandError(str(error), returncode=1) from None
        except DatabaseError as error:
            raise CommandError(database_problem(error), returncode=1) from error
        for line in report_lines(report):
            self.stdout.write(line)
        self.stdout.write("")
        figures = f"{report.new} new and {report.revised} revised figures"
        if report.written:
            self.stdout.write(self.style.SUCCESS(f"Written: {figures} (“{report.reason}”)."))
        else:
            self.stdout.write(f"Dry run: {figures} would be written; nothing was.")
