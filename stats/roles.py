"""What each role may do with the statistics: declared here, merged by people.access.

Unit managers see the figures of their units and the units below them (scoped
by people.access); administrators see the province. Learners and trainers have
no dashboard: the figures name the people behind them.
"""

from people.roles import Role

READ_FIGURES = [
    ("stats", "view_dashboard"),
    ("stats", "view_reportsubmission"),
    ("stats", "add_reportsubmission"),
    ("stats", "view_targetpopulation"),
    ("stats", "add_targetpopulation"),
    ("stats", "change_targetpopulation"),
    ("stats", "view_reporttemplate"),
]

ROLE_PERMISSIONS = {
    Role.UNIT_MANAGER: READ_FIGURES,
    Role.ADMINISTRATOR: [
        *READ_FIGURES,
        ("stats", "delete_targetpopulation"),
        ("stats", "add_reporttemplate"),
        ("stats", "change_reporttemplate"),
        ("stats", "delete_reporttemplate"),
        ("stats", "change_reportsubmission"),
    ],
}
