"""Groups are named in Vietnamese: Wagtail shows a group's stored name as it is
(groups, users, workflow tasks, privacy settings), so the English names showed
through the Vietnamese admin. Renames the role groups (people.roles.Role) and
Wagtail's own default groups and its default "Moderators approval" workflow and
task. A name already taken is left alone. Self-contained: a migration must not
follow later changes of the application's code.
"""

from django.db import migrations

ROLE_GROUPS = {
    "Learners": "Học viên",
    "Teachers": "Giáo viên",
    "Trainers": "Giảng viên",
    "Reviewers": "Người duyệt",
    "Unit managers": "Quản lý đơn vị",
    "Administrators": "Quản trị viên",
}
# Made by Wagtail's own migrations (wagtailcore 0002 and 0048).
WAGTAIL_GROUPS = {"Moderators": "Người kiểm duyệt", "Editors": "Biên tập viên"}
WAGTAIL_WORKFLOW = {"Moderators approval": "Người kiểm duyệt phê duyệt"}


def rename(model, names):
    for old, new in names.items():
        if not model.objects.filter(name=new).exists():
            model.objects.filter(name=old).update(name=new)


def to_vietnamese(apps, schema_editor):
    rename(apps.get_model("auth", "Group"), ROLE_GROUPS | WAGTAIL_GROUPS)
    rename(apps.get_model("wagtailcore", "Workflow"), WAGTAIL_WORKFLOW)
    rename(apps.get_model("wagtailcore", "Task"), WAGTAIL_WORKFLOW)


def to_english(apps, schema_editor):
    def reverse(names):
        return {new: old for old, new in names.items()}

    rename(apps.get_model("auth", "Group"), reverse(ROLE_GROUPS | WAGTAIL_GROUPS))
    rename(apps.get_model("wagtailcore", "Workflow"), reverse(WAGTAIL_WORKFLOW))
    rename(apps.get_model("wagtailcore", "Task"), reverse(WAGTAIL_WORKFLOW))


class Migration(migrations.Migration):
    dependencies = [
        ("people", "0003_names_stored_as_plain_text"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("wagtailcore", "0048_add_default_workflows"),
    ]

    operations = [migrations.RunPython(to_vietnamese, to_english)]
