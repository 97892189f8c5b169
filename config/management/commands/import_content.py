import os

from django.core.management.base import BaseCommand, CommandError
from django.db import DatabaseError

from config.backup import ContentExists, import_content
from config.backup_check import BackupRefused
from config.database import database_problem
from config.edits import add_user_option, user_option


class Command(BaseCommand):
    help = (
        "Restore the content written by export_content, in one transaction. Refuses a "
        "database that already holds content unless --replace is given, and any file that "
        "holds anything but content (users, groups, permissions, sessions...). The history "
        "records the restore as made by --user, or by the “system” user."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="A JSON file written by export_content.")
        parser.add_argument(
            "--replace",
            action="store_true",
            help="Delete the content this database holds, then restore the file's.",
        )
        add_user_option(parser)

    def handle(self, *args, file, replace, user, **options):
        user = user_option(user)
        try:
            with open(file, encoding="utf-8") as stream:
                loaded = import_content(
                    stream, replace=replace, user=user, filename=os.path.basename(file)
                )
        except ContentExists as error:
            held = ", ".join(f"{count} {name}" for name, count in error.args[0].items())
            raise CommandError(
                f"This database already holds content ({held}); nothing was imported. "
                "Restore into an empty database, or add --replace to delete that content "
                "and restore the file's instead."
            ) from error
        except BackupRefused as error:
            raise CommandError(str(error)) from error
        except OSError as error:
            raise CommandError(
                f"Cannot read {file}: {error.strerror}. Nothing was changed."
            ) from error
        except DatabaseError as error:
            raise CommandError(database_problem(error)) from error
        self.stdout.write(f"Imported {loaded} objects from {file}.")
