from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand, CommandError

# Listed in the README. Development only: refused when DEBUG is off.
DEMO_USERS = [
    # (username, password, name, group)
    ("editor", "iom-demo-editor", "Demo editor", "Editor"),  # noqa: S106 -- published on purpose
    ("reviewer", "iom-demo-reviewer", "Demo reviewer", "Reviewer"),  # noqa: S106
]


class Command(BaseCommand):
    help = "Create the demo editor and reviewer logins (development only)."

    def handle(self, *args, **options):
        if not settings.DEBUG:
            raise CommandError(
                "Demo users have known passwords: they are never created with DEBUG off."
            )
        for username, password, name, group in DEMO_USERS:
            user, created = get_user_model().objects.get_or_create(
                username=username, defaults={"is_staff": True, "first_name": name}
            )
            if created:
                user.set_password(password)
                user.save()
            user.groups.add(Group.objects.get(name=group))
            self.stdout.write(
                f"Demo {group.lower()}: {username} / {password}"
                + ("" if created else " (already there)")
            )
