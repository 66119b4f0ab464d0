import django.utils.timezone
from django.db import migrations, models


class Migration(migrations.Migration):
    initial = True

    dependencies = []

    operations = [
        migrations.CreateModel(
            name="OutboxMessage",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True,
                        primary_key=True,
                        serialize=False,
                        verbose_name="ID",
                    ),
                ),
                ("task_name", models.CharField(max_length=255, verbose_name="task")),
                (
                    "task_id",
                    models.CharField(
                        max_length=64, unique=True, verbose_name="task id"
                    ),
                ),
                (
                    "args",
                    models.JSONField(
                        blank=True, default=list, verbose_name="arguments"
                    ),
                ),
                (
                    "kwargs",
                    models.JSONField(
                        blank=True, default=dict, verbose_name="keyword arguments"
                    ),
                ),
                (
                    "options",
                    models.JSONField(
                        blank=True, default=dict, verbose_name="sending options"
                    ),
                ),
                (
                    "created_at",
                    models.DateTimeField(
                        default=django.utils.timezone.now, verbose_name="created at"
                    ),
                ),
            ],
            options={
                "verbose_name": "queued task",
                "verbose_name_plural": "queued tasks",
                "ordering": ["pk"],
            },
        ),
    ]
