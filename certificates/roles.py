"""What each role may do with certificates: declared here, merged by people.access.

Which certificates each person reaches is scoped by people.access (registered
in certificates/apps.py). Templates, issuing bodies and rules are set up by
administrators; trainers and unit managers see and download certificates.
"""

from people.roles import Role

VIEW_CERTIFICATES = [("certificates", "view_certificate")]

ROLE_PERMISSIONS = {
    Role.TRAINER: VIEW_CERTIFICATES,
    Role.UNIT_MANAGER: VIEW_CERTIFICATES,
    Role.ADMINISTRATOR: [
        *VIEW_CERTIFICATES,
        ("certificates", "add_certificate"),
        ("certificates", "change_certificate"),
        *[
            ("certificates", f"{action}_{model}")
            for model in ("issuingbody", "certificatetemplate", "certificaterule")
            for action in ("add", "change", "delete", "view")
        ],
    ],
}
