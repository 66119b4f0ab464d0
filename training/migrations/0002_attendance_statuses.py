"""The four attendance statuses, with Moodle-like weights an administrator may edit.

Labels are data, stored in Vietnamese (the platform's first language), as the
role groups' names are (people 0004).
"""

from django.db import migrations

STATUSES = [
    # code, label, weight (%), position
    ("present", "Có mặt", 100, 1),
    ("late", "Đến muộn", 80, 2),
    ("excused", "Vắng có phép", 50, 3),
    ("absent", "Vắng", 0, 4),
]


def add_statuses(apps, schema_editor):
    AttendanceStatus = apps.get_model("training", "AttendanceStatus")
    for code, label, weight, position in STATUSES:
        AttendanceStatus.objects.get_or_create(
            code=code, defaults={"label": label, "weight": weight, "position": position}
        )


def remove_statuses(apps, schema_editor):
    AttendanceStatus = apps.get_model("training", "AttendanceStatus")
    AttendanceStatus.objects.filter(code__in=[s[0] for s in STATUSES]).delete()


class Migration(migrations.Migration):
    dependencies = [("training", "0001_initial")]

    operations = [migrations.RunPython(add_statuses, remove_statuses)]
