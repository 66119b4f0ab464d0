"""Shared checks for the assessments admin tests."""

from django.urls import reverse


def refused(response) -> bool:
    """403/404, or Wagtail's answer to a refusal: a redirect to the dashboard (admin
    users, with a "no permission" message) or to the login page (everyone else)."""
    if response.status_code in (403, 404):
        return True
    return response.status_code == 302 and (
        response.url == reverse("wagtailadmin_home") or "/login/" in response.url
    )
