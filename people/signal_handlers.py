from .services import role_groups_ensure


def ensure_role_groups(sender, **kwargs):
    """After migrate, so that every permission the roles need exists."""
    if sender.label == "people":
        role_groups_ensure()
