from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from profiles.statistics_file import import_statistics


class Command(BaseCommand):
    help = (
        "Import statistics from a CSV or XLSX file (columns country, indicator, year, value, "
        "source, note). Every row is checked first; nothing is written unless all are good. "
        "Exits with status 0 when the file was written (or, with --dry-run, would be) and 1 "
        "when it was refused."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path)
        parser.add_argument(
            "--dry-run", action="store_true", help="Check and report; write nothing."
        )

    def handle(self, *args, file, dry_run, **options):
        try:
            data = file.read_bytes()
        except OSError as error:
            raise CommandError(f"Cannot read {file}: {error.strerror}.", returncode=1) from error
        report = import_statistics(data, dry_run=dry_run)
        for error in report.errors:
            self.stderr.write(str(error))
        self.stdout.write(report.summary())
        if not report.ok:
            raise CommandError("Nothing was written: correct the rows above.", returncode=1)
        if report.written:
            self.stdout.write(self.style.SUCCESS("Written."))
        else:
            self.stdout.write("Dry run: nothing was written.")
