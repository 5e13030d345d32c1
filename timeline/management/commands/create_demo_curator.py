"""Create (or reset) the demo accounts used by `make run`. For local use only.

Two accounts, because nobody publishes what they submitted themselves (the
two-person rule): ``curator`` edits and submits, ``reviewer`` publishes and
approves revisions.
"""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand, CommandError

PASSWORD = "timeline-demo"
ACCOUNTS = {
    # username: groups
    "curator": ["curator"],
    "reviewer": ["curator", "reviewer"],
}
USERNAME = "curator"  # the first account, kept for callers that name it


class Command(BaseCommand):
    help = "Create the demo curator and reviewer (staff). Local use only."

    def add_arguments(self, parser):
        parser.add_argument("--force", action="store_true", help="Allow with DEBUG off.")

    def handle(self, *args, force=False, **options):
        if not settings.DEBUG and not force:
            raise CommandError(
                "Refusing to create demo accounts with a known password while DEBUG is off; "
                "pass --force if this really is a local machine."
            )
        for username, groups in ACCOUNTS.items():
            user, created = get_user_model().objects.get_or_create(
                username=username, defaults={"is_staff": True, "email": f"{username}@example.org"}
            )
            user.is_staff = True
            user.set_password(PASSWORD)
            user.save()
            # Reset to exactly these groups: an older demo curator was also a reviewer.
            user.groups.set(Group.objects.filter(name__in=groups))
            verb = "Created" if created else "Reset"
            self.stdout.write(f"{verb} demo {username}: {username} / {PASSWORD}")
