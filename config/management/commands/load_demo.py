from importlib import import_module

from django.conf import settings
from django.core.management.base import BaseCommand
from django.utils.translation import gettext

from config.edits import add_user_option, edit, user_option


class Command(BaseCommand):
    help = (
        "Load the demo offices, countries, facts and initiatives. Creates only what is "
        "missing, so running it again changes nothing and keeps editors' changes. The "
        "history records the rows as loaded by --user, or by the “system” user."
    )

    def add_arguments(self, parser):
        add_user_option(parser)

    def handle(self, *args, user, **options):
        with edit(user_option(user), gettext("Loaded the demo content")):  # one transaction
            # Each content app's demo module, each after those it builds on.
            created = sum(import_module(f"{app}.demo").load() for app in settings.CONTENT_APPS)
        self.stdout.write(f"Demo data loaded: {created} new rows.")
