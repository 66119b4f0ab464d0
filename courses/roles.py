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
# else. Review means approve or send back: Wagtail opens the editor of a course
# in review to the review task's group and offers them its decisions
# (GroupApprovalTask.user_can_access_editor / get_actions) without any page
# permission, but approving the last task publishes as the reviewer and asks
# the page's can_publish() (wagtail.workflows.publish_workflow_state ->
# PublishPageRevisionAction.check), so "publish" is the one right they hold.
# What else it would allow (unpublishing, publishing from the editor or in
# bulk) is refused to them by the admin hooks (courses.wagtail_hooks, rule in
# courses.services.publishing.course_review_only). course_publishing_setup
# removes from each role what is not listed here.
CATALOGUE_PAGE_PERMISSIONS = {
    Role.TRAINER: ("add",),
    Role.REVIEWER: ("publish",),
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
