from django.core.management.base import BaseCommand
from django.utils.translation import gettext

from config.edits import add_user_option, edit, user_option
from contacts import demo as contacts_demo
from initiatives import demo as initiatives_demo
from profiles import demo as profiles_demo


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
            created = sum(app.load() for app in (contacts_demo, profiles_demo, initiatives_demo))
        self.stdout.write(f"Demo data loaded: {created} new rows.")
