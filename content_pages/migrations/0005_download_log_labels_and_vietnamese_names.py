"""The download log labels its fields and shows roles by their label; the role
names it stored are renamed as the groups were (people 0004); Wagtail's root page
and root collection, both "Root", are named "Gốc" as the admin shows them.
Self-contained: a migration must not follow later changes of the code.
"""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models

ROLES = {
    "Learners": "Học viên",
    "Teachers": "Giáo viên",
    "Trainers": "Giảng viên",
    "Reviewers": "Người duyệt",
    "Unit managers": "Quản lý đơn vị",
    "Administrators": "Quản trị viên",
}
ROOT = ("Root", "Gốc")


def rename(apps, roles, root):
    old_root, new_root = root
    ResourceDownload = apps.get_model("content_pages", "ResourceDownload")
    for old, new in roles.items():
        ResourceDownload.objects.filter(role=old).update(role=new)
    apps.get_model("wagtailcore", "Page").objects.filter(
        depth=1, title=old_root
    ).update(title=new_root, draft_title=new_root)
    apps.get_model("wagtailcore", "Collection").objects.filter(
        depth=1, name=old_root
    ).update(name=new_root)


def to_vietnamese(apps, schema_editor):
    rename(apps, ROLES, ROOT)


def to_english(apps, schema_editor):
    rename(apps, {new: old for old, new in ROLES.items()}, ROOT[::-1])


class Migration(migrations.Migration):
    dependencies = [
        ("content_pages", "0004_site_texts_in_english"),
        ("people", "0004_group_names_in_vietnamese"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AlterField(
            model_name="resourcedownload",
            name="file",
            field=models.ForeignKey(
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="downloads",
                to="content_pages.resourcefile",
                verbose_name="file",
            ),
        ),
        migrations.AlterField(
            model_name="resourcedownload",
            name="resource",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.CASCADE,
                related_name="downloads",
                to="content_pages.resourcepage",
                verbose_name="resource",
            ),
        ),
        migrations.AlterField(
            model_name="resourcedownload",
            name="role",
            field=models.CharField(
                blank=True,
                choices=[
                    ("Học viên", "Learner"),
                    ("Giáo viên", "Teacher"),
                    ("Giảng viên", "Trainer"),
                    ("Người duyệt", "Reviewer"),
                    ("Quản lý đơn vị", "Unit manager"),
                    ("Quản trị viên", "Administrator"),
                ],
                max_length=50,
                verbose_name="role",
            ),
        ),
        migrations.AlterField(
            model_name="resourcedownload",
            name="unit",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="+",
                to="people.adminunit",
                verbose_name="unit",
            ),
        ),
        migrations.AlterField(
            model_name="resourcedownload",
            name="user",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="+",
                to=settings.AUTH_USER_MODEL,
                verbose_name="user",
            ),
        ),
        migrations.RunPython(to_vietnamese, to_english),
    ]
