from django.db import migrations


def load_lists(apps, schema_editor):
    from msp.reference.loader import load

    load(apps.get_model("reference", "ReferenceItem"))


class Migration(migrations.Migration):
    dependencies = [("reference", "0001_initial")]
    operations = [migrations.RunPython(load_lists, migrations.RunPython.noop)]
