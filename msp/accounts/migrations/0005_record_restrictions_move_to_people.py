# Record restrictions are about people, so they now belong to the people app
# (msp/people/migrations/0004_record_restrictions.py). Only Django's idea of which app owns
# them changes here: the tables and their rows stay where they are.

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0004_team_area_phone"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.DeleteModel(name="BreakGlassAccess"),
                migrations.DeleteModel(name="RecordRestriction"),
            ],
            database_operations=[],
        ),
    ]
