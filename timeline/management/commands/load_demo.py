"""python manage.py load_demo: load the demo dataset, leaving what curators changed alone."""

from django.core.management.base import BaseCommand

from timeline.demo.loader import Loader, counts, load_demo


class Command(BaseCommand):
    help = (
        "Load the demo arms-control dataset. Safe to run again: unchanged rows are not saved, "
        "and records anyone changed or deleted since they were loaded are kept as they are."
    )

    def handle(self, *args, **options):
        loader = Loader()
        written = load_demo(loader)
        self.stdout.write(f"Rows written this run: {sum(written.values())}")
        if loader.kept:
            noun = "record" if len(loader.kept) == 1 else "records"
            self.stdout.write(
                f"Kept {len(loader.kept)} {noun} changed since it was loaded "
                "(the demo data does not overwrite curators' work):"
            )
            for label in loader.kept:
                self.stdout.write(f"  {label}")
        for model, count in counts().items():
            self.stdout.write(f"{model:18} {count:5}  (+{written.get(model, 0)} written)")
