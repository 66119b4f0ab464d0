"""What the school resource library holds on a person, for the download and the
erasure (people.personal_data; registered in ContentPagesConfig.ready())."""

from people.models import User
from people.personal_data import Row

from .models import ResourceBookmark, ResourceDownload


def resource_downloads_export(user: User) -> list[Row]:
    downloads = (
        ResourceDownload.objects.filter(user=user)
        .select_related("resource", "file__document")
        .order_by("downloaded_at", "pk")
    )
    return [
        {
            "resource": download.resource.title,
            "file": str(download.file) if download.file else "",
            "downloaded_at": download.downloaded_at,
        }
        for download in downloads
    ]


def resource_bookmarks_export(user: User) -> list[Row]:
    bookmarks = ResourceBookmark.objects.filter(user=user).select_related("resource")
    return [
        {"resource": bookmark.resource.title, "saved_at": bookmark.created_at}
        for bookmark in bookmarks.order_by("created_at", "pk")
    ]


def resource_downloads_erase(user: User) -> None:
    """A download is counted by its role and unit, copied on the row: the link
    to the person goes and the count stays. Bookmarks are the person's own."""
    ResourceDownload.objects.filter(user=user).update(user=None)


def resource_bookmarks_erase(user: User) -> None:
    ResourceBookmark.objects.filter(user=user).delete()
