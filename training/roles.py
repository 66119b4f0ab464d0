"""What each role may do with training classes: declared here, merged by people.access.

training/apps.py registers ROLE_PERMISSIONS at start-up. Which classes and
participants each person reaches is scoped by people.access: trainers their own
classes, unit managers the classes of their units.
"""

from people.roles import Role

MANAGE_CLASSES = [
    ("training", "add_trainingclass"),
    ("training", "change_trainingclass"),
    ("training", "view_trainingclass"),
    ("training", "add_session"),
    ("training", "change_session"),
    ("training", "delete_session"),
    ("training", "view_session"),
    ("training", "add_participant"),
    ("training", "change_participant"),
    ("training", "view_participant"),
    ("training", "add_attendancerecord"),
    ("training", "change_attendancerecord"),
    ("training", "view_attendancerecord"),
    ("training", "view_attendancechange"),
]

ROLE_PERMISSIONS = {
    Role.TRAINER: MANAGE_CLASSES,
    Role.UNIT_MANAGER: [*MANAGE_CLASSES, ("training", "delete_trainingclass")],
    Role.ADMINISTRATOR: [
        *MANAGE_CLASSES,
        ("training", "delete_trainingclass"),
        ("training", "delete_participant"),
        ("training", "add_attendancestatus"),
        ("training", "change_attendancestatus"),
        ("training", "view_attendancestatus"),
    ],
}
