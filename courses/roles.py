"""What each role may do with courses: declared here, merged by people.access.

courses/apps.py registers ROLE_PERMISSIONS at start-up; the page and collection
permissions below are granted by course_publishing_setup.
"""

from people.roles import Role

# The "Learning" admin: the progress report (view), deciding requests to join
# (change) and assigning courses. Which rows each person reaches is scoped by
# people.access (Enrolment and CourseAssignment are registered in courses/apps.py).
LEARNING_ADMIN = [
    ("courses", "view_enrolment"),
    ("courses", "change_enrolment"),
    ("courses", "add_courseassignment"),
    ("courses", "view_courseassignment"),
]

# Wagtail page permissions on the course catalogue (and so every page below it).
# "add" lets a trainer create courses and edit the pages they own, and nothing
# else; reviewers may edit any course and publish it (approving publishes).
CATALOGUE_PAGE_PERMISSIONS = {
    Role.TRAINER: ("add",),
    Role.REVIEWER: ("change", "publish"),
    Role.ADMINISTRATOR: ("add", "change", "publish"),
}

# Images and documents are permitted per collection in Wagtail, not by the
# group's model permissions alone: granted on the root collection. A trainer's
# group also holds its own as model permissions (ROLE_PERMISSIONS below).
ROOT_COLLECTION_PERMISSIONS = {
    Role.TRAINER: (
        ("wagtailimages", "add_image"),
        ("wagtailimages", "choose_image"),
        ("wagtaildocs", "add_document"),
        ("wagtaildocs", "choose_document"),
    ),
    Role.REVIEWER: (
        ("wagtailimages", "choose_image"),
        ("wagtaildocs", "choose_document"),
    ),
    Role.ADMINISTRATOR: (
        ("wagtailimages", "add_image"),
        ("wagtailimages", "change_image"),
        ("wagtailimages", "choose_image"),
        ("wagtaildocs", "add_document"),
        ("wagtaildocs", "change_document"),
        ("wagtaildocs", "choose_document"),
    ),
}

# (app_label, codename) pairs each role's group holds for courses.
ROLE_PERMISSIONS = {
    Role.TRAINER: [*LEARNING_ADMIN, *ROOT_COLLECTION_PERMISSIONS[Role.TRAINER]],
    Role.UNIT_MANAGER: LEARNING_ADMIN,
    Role.ADMINISTRATOR: LEARNING_ADMIN,
}
