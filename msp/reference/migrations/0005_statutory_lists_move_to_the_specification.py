from django.db import migrations

# The statutory lists this table held until each reporting year's specification (msp/sac)
# took them over: decision 0010. Their codes stay on the case records that use them.
STATUTORY_LISTS = [
    "type_of_risk",
    "location_of_risk",
    "source_of_risk",
    "action_taken_and_result",
    "risk_outcome",
    "mental_capacity",
    "msp_asked_desired_outcomes",
    "msp_outcomes_achieved",
    "sex",
    "ethnicity_groups",
    "primary_support_reason",
    "s42_criteria",
    "age_bands_sg1a",
]


def remove_statutory_lists(apps, schema_editor):
    apps.get_model("reference", "ReferenceItem").objects.filter(
        list_code__in=STATUTORY_LISTS
    ).delete()


def restore_statutory_lists(apps, schema_editor):
    # Going back to a version that read them from this table: load them as that version did.
    import json
    from pathlib import Path

    data = Path(__file__).resolve().parent.parent / "data" / "sac-categories.json"
    lists = json.loads(data.read_text(encoding="utf-8"))
    model = apps.get_model("reference", "ReferenceItem")
    for list_code in STATUTORY_LISTS:
        for order, item in enumerate(lists[list_code]["items"]):
            extra = {k: v for k, v in item.items() if k not in {"code", "label"}}
            model.objects.update_or_create(
                list_code=list_code,
                code=item["code"],
                defaults={"label": item["label"], "sort_order": order, "extra": extra},
            )


class Migration(migrations.Migration):
    dependencies = [("reference", "0004_reference_item_history")]
    operations = [migrations.RunPython(remove_statutory_lists, restore_statutory_lists)]
