"""What each role may do on the public site: declared here, merged by
people.access (content_pages/apps.py registers ROLE_PERMISSIONS at start-up)."""

from people.roles import Role

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

ROLE_PERMISSIONS = {Role.ADMINISTRATOR: PUBLIC_SITE_ADMIN}
