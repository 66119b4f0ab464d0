"""What each role may do in the quiz engine: declared here, merged by people.access
(assessments/apps.py registers ROLE_PERMISSIONS at start-up)."""

from people.roles import Role

# The quiz engine's back office: the bank, quizzes, grading, imports, reports.
# Which quizzes a trainer reaches is scoped by people.access (Quiz is
# registered in assessments/apps.py).
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

ROLE_PERMISSIONS = {
    Role.TRAINER: ASSESSMENTS_ADMIN,
    Role.ADMINISTRATOR: [
        *ASSESSMENTS_ADMIN,
        ("assessments", "delete_question"),
        ("assessments", "delete_questioncategory"),
        ("assessments", "delete_quiz"),
    ],
}
