"""Curator and reviewer groups with their permissions.

Curators enter and edit records (drafts, submit for review); reviewers also
publish, retract and delete. Superusers can do everything anyway.
"""

from django.db import migrations

DOMAIN_APPS = ("timeline", "sources")
MAIN_MODELS = ("actor", "treaty", "treatyaction", "event", "statement", "source")
SUPPORTING_MODELS = (
    "position",
    "eventtype",
    "tag",
    "eventparticipant",
    "eventrelation",
    "outlet",
    "citation",
)


def _codenames(role):
    codes = set()
    for model in MAIN_MODELS + SUPPORTING_MODELS:
        codes |= {f"view_{model}", f"add_{model}", f"change_{model}"}
        if model != "tag":  # tags keep no history
            codes.add(f"view_historical{model}")
    # Curators may remove links they made (participants, relations, citations).
    codes |= {f"delete_{m}" for m in ("eventparticipant", "eventrelation", "citation")}
    if role == "reviewer":
        codes |= {f"publish_{m}" for m in MAIN_MODELS}
        codes |= {f"delete_{m}" for m in MAIN_MODELS + SUPPORTING_MODELS}
    return codes


def create_groups(apps, schema_editor):
    from django.contrib.auth.management import create_permissions

    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None

    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for role in ("curator", "reviewer"):
        group, _ = Group.objects.get_or_create(name=role)
        wanted = _codenames(role)
        perms = Permission.objects.filter(
            content_type__app_label__in=DOMAIN_APPS, codename__in=wanted
        )
        missing = wanted - set(perms.values_list("codename", flat=True))
        if missing:
            raise RuntimeError(f"Permissions not found for group {role}: {sorted(missing)}")
        group.permissions.set(perms)


def remove_groups(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name__in=("curator", "reviewer")).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("timeline", "0002_publish_permissions"),
        ("sources", "0002_publish_permissions"),
    ]

    operations = [migrations.RunPython(create_groups, remove_groups)]
