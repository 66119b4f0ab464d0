"""Writes of the school resource library: a download recorded, a bookmark toggled.

Reads are in selectors.py.
"""

from django.db import transaction

from people.models import User
from people.roles import Role

from .models import ResourceBookmark, ResourceDownload, ResourceFile, ResourcePage

# The role recorded with a download: the first of the user's roles in this order,
# so a teacher who also learns online counts as a teacher.
DOWNLOAD_ROLE_ORDER = (
    Role.TEACHER,
    Role.TRAINER,
    Role.ADMINISTRATOR,
    Role.UNIT_MANAGER,
    Role.REVIEWER,
    Role.LEARNER,
)


def _download_role(user: User) -> str:
    if not user.is_authenticated:
        return ""
    names = set(user.groups.values_list("name", flat=True))
    return next((str(role) for role in DOWNLOAD_ROLE_ORDER if role in names), "")


@transaction.atomic
def resource_download_record(
    *, resource_file: ResourceFile, user: User
) -> ResourceDownload:
    """Count one download: the resource, the file, and the downloader's role and unit."""
    signed_in = user.is_authenticated
    return ResourceDownload.objects.create(
        resource_id=resource_file.resource_id,
        file=resource_file,
        user=user if signed_in else None,
        role=_download_role(user),
        unit_id=getattr(user, "unit_id", None) if signed_in else None,
    )


@transaction.atomic
def resource_bookmark_toggle(*, user: User, resource: ResourcePage) -> bool:
    """Save the resource in the user's "My resources", or take it out; True if saved."""
    deleted, _rows = ResourceBookmark.objects.filter(
        user=user, resource=resource
    ).delete()
    if deleted:
        return False
    ResourceBookmark.objects.get_or_create(user=user, resource=resource)
    return True
