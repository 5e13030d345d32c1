"""Create (or reset) the demo curator account used by `make run`. For local use only."""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand, CommandError

USERNAME = "curator"
PASSWORD = "timeline-demo"


class Command(BaseCommand):
    help = "Create the demo curator (staff, curator + reviewer groups). Local use only."

    def add_arguments(self, parser):
        parser.add_argument("--force", action="store_true", help="Allow with DEBUG off.")

    def handle(self, *args, force=False, **options):
        if not settings.DEBUG and not force:
            raise CommandError(
                "Refusing to create a demo account with a known password while DEBUG is off; "
                "pass --force if this really is a local machine."
            )
        user, created = get_user_model().objects.get_or_create(
            username=USERNAME, defaults={"is_staff": True, "email": "curator@example.org"}
        )
        user.is_staff = True
        user.set_password(PASSWORD)
        user.save()
        user.groups.add(*Group.objects.filter(name__in=["curator", "reviewer"]))
        verb = "Created" if created else "Reset"
        self.stdout.write(f"{verb} demo curator: {USERNAME} / {PASSWORD}")
