"""python manage.py load_demo: load or refresh the demo dataset (idempotent)."""

from django.core.management.base import BaseCommand

from timeline.demo.loader import counts, load_demo


class Command(BaseCommand):
    help = "Load the demo arms-control dataset. Safe to run again: unchanged rows are not saved."

    def handle(self, *args, **options):
        written = load_demo()
        self.stdout.write(f"Rows written this run: {sum(written.values())}")
        for model, count in counts().items():
            self.stdout.write(f"{model:18} {count:5}  (+{written.get(model, 0)} written)")
