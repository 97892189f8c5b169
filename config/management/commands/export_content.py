from django.core.management.base import BaseCommand

from config.backup import export_content


class Command(BaseCommand):
    help = (
        "Write all content (offices, countries, indicators, statistics, themes, plans and "
        "their initiatives) to a JSON file, with natural keys. import_content reads it back."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="The JSON file to write; - for standard output.")

    def handle(self, *args, file, **options):
        if file == "-":
            export_content(self.stdout)
            return
        with open(file, "w", encoding="utf-8") as stream:
            export_content(stream)
        self.stderr.write(f"Content written to {file}.")
