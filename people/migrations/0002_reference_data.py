"""Reference data every installation needs: the 54 ethnic groups and the target groups.

Codes 21-54 of the ethnicity list are marked unverified (is_code_verified=False)
until checked against QĐ 1019/QĐ-TCTK; correct them as data in the admin.
"""

import csv
from pathlib import Path

from django.db import migrations

DATA_DIR = Path(__file__).resolve().parent.parent / "data"


def read_rows(name):
    with open(DATA_DIR / name, encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def load_reference_data(apps, schema_editor):
    Ethnicity = apps.get_model("people", "Ethnicity")
    TargetGroup = apps.get_model("people", "TargetGroup")
    for row in read_rows("ethnicities.csv"):
        Ethnicity.objects.update_or_create(
            code=row["code"],
            defaults={
                "name": row["name"],
                "other_names": row["other_names"],
                "is_minority": row["is_minority"] == "1",
                "is_code_verified": row["is_code_verified"] == "1",
            },
        )
    for row in read_rows("target_groups.csv"):
        TargetGroup.objects.update_or_create(code=row["code"], defaults={"name": row["name"]})


class Migration(migrations.Migration):
    dependencies = [("people", "0001_initial")]

    operations = [migrations.RunPython(load_reference_data, migrations.RunPython.noop)]
