from django.core.management.base import BaseCommand, CommandError
from django.core.serializers.base import DeserializationError
from django.db import DatabaseError

from initiatives.backup import ContentExists, import_content


class Command(BaseCommand):
    help = (
        "Restore the content written by export_content, in one transaction. Refuses a "
        "database that already holds content unless --replace is given."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="A JSON file written by export_content.")
        parser.add_argument(
            "--replace",
            action="store_true",
            help="Delete the content this database holds, then restore the file's.",
        )

    def handle(self, *args, file, replace, **options):
        try:
            with open(file, encoding="utf-8") as stream:
                loaded = import_content(stream, replace=replace)
        except ContentExists as error:
            held = ", ".join(f"{count} {name}" for name, count in error.args[0].items())
            raise CommandError(
                f"This database already holds content ({held}); nothing was imported. "
                "Restore into an empty database, or add --replace to delete that content "
                "and restore the file's instead."
            ) from error
        except (OSError, DeserializationError, DatabaseError) as error:
            raise CommandError(f"Nothing was imported: {error}") from error
        self.stdout.write(f"Imported {loaded} objects from {file}.")
