"""The platform's roles, kept as Django groups, and what each may do in the admin."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    """The values are the groups' names: data, stored once in Vietnamese (the
    platform's first language) as the other names of the admin are, since Wagtail
    shows a group's name as it is wherever it lists groups (groups, users,
    workflow tasks, privacy settings). Code names a group only through these
    constants; the labels are the translated role names of the platform's own
    forms. Renaming a value needs a migration (see people 0004)."""

    LEARNER = "Học viên", _("Learner")
    TEACHER = "Giáo viên", _("Teacher")
    TRAINER = "Giảng viên", _("Trainer")
    REVIEWER = "Người duyệt", _("Reviewer")
    UNIT_MANAGER = "Quản lý đơn vị", _("Unit manager")
    ADMINISTRATOR = "Quản trị viên", _("Administrator")


ADMIN_ACCESS = ("wagtailadmin", "access_admin")

# What each role may do in people (and in the admin as a whole). The apps above
# declare theirs in their own roles.py; people.access merges them at start-up
# (register_role_permissions, called from each app's ready()).
ROLE_PERMISSIONS: dict[str, list[tuple[str, str]]] = {
    Role.LEARNER: [],
    Role.TEACHER: [],
    Role.TRAINER: [ADMIN_ACCESS],
    Role.REVIEWER: [ADMIN_ACCESS],
    Role.UNIT_MANAGER: [
        ADMIN_ACCESS,
        ("people", "view_user"),
        ("people", "add_user"),
        ("people", "change_user"),
        ("people", "import_accounts"),
        ("people", "view_adminunit"),
        ("people", "view_organisation"),
    ],
    Role.ADMINISTRATOR: [
        ADMIN_ACCESS,
        ("people", "view_user"),
        ("people", "add_user"),
        ("people", "change_user"),
        ("people", "delete_user"),
        ("people", "import_accounts"),
        ("people", "add_adminunit"),
        ("people", "change_adminunit"),
        ("people", "delete_adminunit"),
        ("people", "view_adminunit"),
        ("people", "add_adminunitsuccession"),
        ("people", "change_adminunitsuccession"),
        ("people", "delete_adminunitsuccession"),
        ("people", "view_adminunitsuccession"),
        ("people", "add_organisation"),
        ("people", "change_organisation"),
        ("people", "delete_organisation"),
        ("people", "view_organisation"),
        ("people", "add_targetgroup"),
        ("people", "change_targetgroup"),
        ("people", "delete_targetgroup"),
        ("people", "view_targetgroup"),
        ("people", "change_ethnicity"),
        ("people", "view_ethnicity"),
        ("auth", "add_group"),
        ("auth", "change_group"),
        ("auth", "view_group"),
        # Personal data (people.personal_data_viewsets): erasure requests and the
        # export log, which also ask that the person is an administrator.
        ("people", "view_erasurerequest"),
        ("people", "view_personaldataexport"),
        # Login lockouts (people.lockout_views): see them and lift them.
        ("axes", "view_accessattempt"),
        ("axes", "delete_accessattempt"),
    ],
}

# Roles a non-superuser may hand out when they create or edit an account.
GRANTABLE_BY_UNIT_MANAGER = (Role.LEARNER, Role.TEACHER)
