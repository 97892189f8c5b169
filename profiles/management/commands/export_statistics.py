from pathlib import Path

from django.core.management.base import BaseCommand

from profiles.statistics_file import write_csv, write_xlsx


class Command(BaseCommand):
    help = (
        "Export every statistic in the format import_statistics reads: to FILE (XLSX when it "
        "ends in .xlsx, CSV otherwise) or, without FILE, as CSV to standard output."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path, nargs="?")

    def handle(self, *args, file, **options):
        if file is None:
            write_csv(self.stdout)
        elif file.suffix.lower() == ".xlsx":
            with file.open("wb") as stream:
                write_xlsx(stream)
        else:
            with file.open("w", encoding="utf-8", newline="") as stream:
                write_csv(stream)
        if file is not None:
            self.stdout.write(f"Wrote {file}.")
