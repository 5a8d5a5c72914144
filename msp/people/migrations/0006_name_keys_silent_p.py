from django.db import migrations


def rekey(apps, schema_editor):
    """Key everyone again now that a silent p is heard ("Thompson" as "Thomson"). Anonymised
    records keep no keys, so only people with keys are keyed again."""
    from msp.people import names

    names.rekey(apps.get_model("people", "Person").objects.exclude(name_keys=""))


class Migration(migrations.Migration):
    dependencies = [("people", "0005_processing_restricted_index")]

    operations = [migrations.RunPython(rekey, migrations.RunPython.noop)]
