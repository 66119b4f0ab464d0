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
# The "Learning" admin: the progress report (view), deciding requests to join
# (change) and assigning courses. Which rows each person reaches is scoped in
# courses/reports.py: trainers by course, unit managers by unit.
LEARNING_ADMIN = [
    ("courses", "view_enrolment"),
    ("courses", "change_enrolment"),
    ("courses", "add_courseassignment"),
    ("courses", "view_courseassignment"),
]

# The quiz engine's back office: the bank, quizzes, grading, imports, reports.
# Which quizzes a trainer reaches is scoped in assessments.selectors.
ASSESSMENTS_ADMIN = [
    ("assessments", "add_questioncategory"),
    ("assessments", "change_questioncategory"),
    ("assessments", "view_questioncategory"),
    ("assessments", "add_question"),
    ("assessments", "change_question"),
    ("assessments", "view_question"),
    ("assessments", "import_questions"),
    ("assessments", "add_quiz"),
    ("assessments", "change_quiz"),
    ("assessments", "view_quiz"),
    ("assessments", "grade_attempts"),
    ("assessments", "view_quiz_reports"),
]

# The public site's records: legal documents, news topics, the library's facet
# values and its download log, and the site settings (header, menus, footer).
PUBLIC_SITE_ADMIN = [
    *[
        ("content_pages", f"{action}_{model}")
        for model in (
            "legaldocument",
            "newstopic",
            "schoollevel",
            "resourcetopic",
            "resourceformat",
            "audience",
        )
        for action in ("add", "change", "delete", "view")
    ],
    ("content_pages", "view_resourcedownload"),
    ("content_pages", "change_sitesettings"),
]

# (app_label, codename) pairs each role's group holds. Later apps add theirs.
ROLE_PERMISSIONS: dict[str, list[tuple[str, str]]] = {
    Role.LEARNER: [],
    Role.TEACHER: [],
    Role.TRAINER: [
        ADMIN_ACCESS,
        *LEARNING_ADMIN,
        ("wagtailimages", "add_image"),
        ("wagtailimages", "choose_image"),
        ("wagtaildocs", "add_document"),
        ("wagtaildocs", "choose_document"),
        *ASSESSMENTS_ADMIN,
    ],
    Role.REVIEWER: [ADMIN_ACCESS],
    Role.UNIT_MANAGER: [
        ADMIN_ACCESS,
        ("people", "view_user"),
        ("people", "add_user"),
        ("people", "change_user"),
        ("people", "import_accounts"),
        ("people", "view_adminunit"),
        ("people", "view_organisation"),
        *LEARNING_ADMIN,
    ],
    Role.ADMINISTRATOR: [
        ADMIN_ACCESS,
        *LEARNING_ADMIN,
        *ASSESSMENTS_ADMIN,
        *PUBLIC_SITE_ADMIN,
        ("assessments", "delete_question"),
        ("assessments", "delete_questioncategory"),
        ("assessments", "delete_quiz"),
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
    ],
}

# Roles a non-superuser may hand out when they create or edit an account.
GRANTABLE_BY_UNIT_MANAGER = (Role.LEARNER, Role.TEACHER)
