from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import DatabaseError

from config.database import database_problem
from config.edits import add_user_option, user_option
from profiles.statistics_file import import_statistics, size_problem


class Command(BaseCommand):
    help = (
        "Import statistics from a CSV or XLSX file (columns country, indicator, year, value, "
        "source, note). Every row is checked first; nothing is written unless all are good. "
        "Exits with status 0 when the file was written (or, with --dry-run, would be) and 1 "
        "when it was refused. The history records the changes as made by --user, or by the "
        "“system” user."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path)
        parser.add_argument(
            "--dry-run", action="store_true", help="Check and report; write nothing."
        )
        add_user_option(parser)

    def handle(self, *args, file, dry_run, user, **options):
        user = user_option(user)
        try:
            # The size first: a file over the limit is refused before it is read.
            problem = size_problem(file.stat().st_size)
            if problem:
                raise CommandError(problem, returncode=1)
            data = file.read_bytes()
        except OSError as error:
            raise CommandError(f"Cannot read {file}: {error.strerror}.", returncode=1) from error
        try:
            report = import_statistics(data, dry_run=dry_run, user=user, filename=file.name)
        except DatabaseError as error:
            raise CommandError(database_problem(error), returncode=1) from error
        for error in report.errors:
            self.stderr.write(str(error))
        self.stdout.write(report.summary())
        if not report.ok:
            raise CommandError("Nothing was written: correct the rows above.", returncode=1)
        if report.written:
            self.stdout.write(self.style.SUCCESS("Written."))
        else:
            self.stdout.write("Dry run: nothing was written.")
