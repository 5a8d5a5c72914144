from django.db import migrations


def fill(apps, schema_editor):
    from msp.facts.services import models_from, rebuild

    rebuild(models=models_from(apps))


def empty(apps, schema_editor):
    for name in ("RiskFact", "CaseFact", "PersonYear"):
        apps.get_model("facts", name).objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [
        ("facts", "0001_initial"),
        ("people", "0003_name_keys"),
        ("concerns", "0002_statutory_return_indexes"),
        ("enquiries", "0004_experience_answers_recorded"),
    ]
    operations = [migrations.RunPython(fill, empty)]
