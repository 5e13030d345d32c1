"""Issue an API token and print its key, once: only its SHA-256 is stored."""

from datetime import timedelta

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from api.exports.names import DATASETS
from api.models import ApiToken, TokenAccess


class Command(BaseCommand):
    help = (
        "Create an API token for a partner or read-only client and print its key. "
        "The key is shown once; clients send it as 'Authorization: Bearer <key>'."
    )

    def add_arguments(self, parser):
        parser.add_argument("name", help="Who or what will use the token.")
        parser.add_argument("--user", help="Username the token is issued to (for the record).")
        parser.add_argument(
            "--expires-in-days", type=int, help="Days until the token expires (default: never)."
        )
        parser.add_argument(
            "--datasets",
            help="Comma-separated export datasets the token may download, or 'all' "
            "(default: none).",
        )
        parser.add_argument("--write", action="store_true", help="Give the token the write scope.")

    def handle(self, *args, name, user=None, expires_in_days=None, datasets=None, **options):
        scope = []
        if datasets:
            scope = list(DATASETS) if datasets == "all" else datasets.split(",")
            unknown = sorted(set(scope) - set(DATASETS))
            if unknown:
                raise CommandError(
                    f"--datasets: unknown {', '.join(unknown)}; choose from "
                    f"{', '.join(DATASETS)} or 'all'."
                )
        owner = None
        if user:
            try:
                owner = get_user_model().objects.get(username=user)
            except get_user_model().DoesNotExist:
                raise CommandError(f"No user named {user!r}.") from None
        expires_at = None
        if expires_in_days is not None:
            if expires_in_days <= 0:
                raise CommandError("--expires-in-days must be a positive number of days.")
            expires_at = timezone.now() + timedelta(days=expires_in_days)
        token, key = ApiToken.issue(
            name,
            user=owner,
            expires_at=expires_at,
            datasets=scope,
            access=TokenAccess.WRITE if options["write"] else TokenAccess.READ,
        )
        expiry = f"expires {expires_at:%Y-%m-%d %H:%M} UTC" if expires_at else "never expires"
        self.stderr.write(
            f"Created API token {token.name!r} (id {token.pk}, {expiry}). "
            "Its key follows; it is not stored and will not be shown again."
        )
        self.stdout.write(key)
