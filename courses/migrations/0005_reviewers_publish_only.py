"""Reviewers approve or send back, nothing more: their group loses "change" on
the course catalogue, which let it edit, delete, move, copy and revert any
course, and keeps only "publish", which approving needs (see courses/roles.py).
course_publishing_setup does the same (seed_demo); this migration reaches
databases that are only migrated."""

from django.db import migrations

REVIEWER_GROUP = "Người duyệt"  # people.roles.Role.REVIEWER, as stored


def remove_reviewer_page_permissions(apps, schema_editor):
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")
    ContentType = apps.get_model("contenttypes", "ContentType")
    catalogue = ContentType.objects.filter(
        app_label="courses", model="courseindexpage"
    ).first()
    if catalogue is None:
        return
    GroupPagePermission.objects.filter(
        group__name=REVIEWER_GROUP, page__content_type=catalogue
    ).exclude(permission__codename="publish_page").delete()


class Migration(migrations.Migration):
    dependencies = [
        ("courses", "0004_lesson_quiz"),
        ("people", "0004_group_names_in_vietnamese"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [
        migrations.RunPython(
            remove_reviewer_page_permissions, migrations.RunPython.noop
        ),
    ]
