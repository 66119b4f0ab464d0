"""The admin works in offices without internet: the dashboard asks no outside
server whether a new Wagtail release exists."""

import pytest
from django.conf import settings
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_wagtail_update_check_is_off_in_base_settings():
    assert settings.WAGTAIL_ENABLE_UPDATE_CHECK is False


def test_dashboard_does_not_ask_wagtail_for_new_releases(client, administrator):
    client.force_login(administrator)

    body = client.get(reverse("wagtailadmin_home")).content.decode()

    assert "w-panel-upgrade" not in body
    # The upgrade panel's controller is what fetches releases.wagtail.org.
    assert "w-upgrade" not in body
    assert "releases.wagtail.org" not in body
