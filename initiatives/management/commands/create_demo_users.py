from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.core.management.base import BaseCommand, CommandError

# Listed in the README. Development only: refused when DEBUG is off.
DEMO_USERNAME = "editor"
DEMO_PASSWORD = "iom-demo-editor"  # noqa: S105 (published on purpose, as above)
CONTENT_APPS = ["contacts", "profiles", "initiatives"]


class Command(BaseCommand):
    help = "Create the demo editor login (development only)."

    def handle(self, *args, **options):
        if not settings.DEBUG:
            raise CommandError(
                "Demo users have known passwords: they are never created with DEBUG off."
            )
        user, created = get_user_model().objects.get_or_create(
            username=DEMO_USERNAME, defaults={"is_staff": True, "first_name": "Demo editor"}
        )
        if created:
            user.set_password(DEMO_PASSWORD)
            user.save()
        user.user_permissions.add(
            *Permission.objects.filter(content_type__app_label__in=CONTENT_APPS)
        )
        self.stdout.write(
            f"Demo editor: {DEMO_USERNAME} / {DEMO_PASSWORD}"
            + ("" if created else " (already there)")
        )
