from django.core.management.base import BaseCommand
from django.db import transaction

from contacts import demo as contacts_demo
from initiatives import demo as initiatives_demo
from profiles import demo as profiles_demo


class Command(BaseCommand):
    help = (
        "Load the demo offices, countries, facts and initiatives. Creates only what is "
        "missing, so running it again changes nothing and keeps editors' changes."
    )

    @transaction.atomic
    def handle(self, *args, **options):
        created = sum(app.load() for app in (contacts_demo, profiles_demo, initiatives_demo))
        self.stdout.write(f"Demo data loaded: {created} new rows.")
