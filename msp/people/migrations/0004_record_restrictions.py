# Record restrictions move here from the accounts app (accounts 0005 lets go of them). The
# models are first declared on their existing tables, then the tables (and the named-users
# table) are renamed to this app's names, so every existing restriction and break-glass row
# survives the move.

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("people", "0003_name_keys"),
        ("accounts", "0005_record_restrictions_move_to_people"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="BreakGlassAccess",
                    fields=[
                        ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                        ("reason", models.TextField()),
                        ("at", models.DateTimeField(auto_now_add=True)),
                        ("expires_at", models.DateTimeField()),
                        ("person", models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name="+", to="people.person")),
                        ("user", models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name="+", to=settings.AUTH_USER_MODEL)),
                    ],
                    options={
                        "ordering": ["-at"],
                        "db_table": "accounts_breakglassaccess",
                        "indexes": [models.Index(fields=["person", "user", "expires_at"], name="accounts_br_person__93e17e_idx")],
                    },
                ),
                migrations.CreateModel(
                    name="RecordRestriction",
                    fields=[
                        ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                        ("reason", models.CharField(choices=[("staff", "The person is a member of staff"), ("related_to_staff", "The person is related to or known by a member of staff"), ("high_profile", "The person is high profile"), ("other", "Another reason")], max_length=32)),
                        ("detail", models.TextField(blank=True)),
                        ("placed_at", models.DateTimeField(auto_now_add=True)),
                        ("lifted_at", models.DateTimeField(blank=True, null=True)),
                        ("lifted_by", models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name="+", to=settings.AUTH_USER_MODEL)),
                        ("named_users", models.ManyToManyField(blank=True, related_name="restricted_records", to=settings.AUTH_USER_MODEL)),
                        ("person", models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name="restrictions", to="people.person")),
                        ("placed_by", models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name="+", to=settings.AUTH_USER_MODEL)),
                    ],
                    options={
                        "db_table": "accounts_recordrestriction",
                        "indexes": [models.Index(fields=["person", "lifted_at"], name="accounts_re_person__9112ca_idx")],
                    },
                ),
            ],
            database_operations=[],
        ),
        migrations.AlterModelTable(name="breakglassaccess", table=None),
        migrations.AlterModelTable(name="recordrestriction", table=None),
        migrations.RenameIndex(
            model_name="breakglassaccess",
            new_name="people_brea_person__4efbe5_idx",
            old_name="accounts_br_person__93e17e_idx",
        ),
        migrations.RenameIndex(
            model_name="recordrestriction",
            new_name="people_reco_person__b10e86_idx",
            old_name="accounts_re_person__9112ca_idx",
        ),
    ]
