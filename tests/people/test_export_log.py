"""Every export of personal data is logged, and only administrators read the log."""

import pytest
from django.urls import NoReverseMatch, reverse
from django.utils import timezone

from people.models import PersonalDataExport
from people.roles import Role
from tests.courses.conftest_admin import *  # noqa: F403 (fixtures)
from tests.factories import UserFactory
from tests.factories.courses import make_enrolment

pytestmark = pytest.mark.django_db

LOG = reverse("personal_data_exports:index")
LOG_RESULTS = reverse("personal_data_exports:index_results")
REQUESTS = reverse("erasure_requests:index")


@pytest.fixture
def enrolments(learner, district_a, trainer_course):
    other = UserFactory(username="hv.binhson", unit=district_a, roles=[Role.LEARNER])
    make_enrolment(learner, trainer_course, last_activity_at=timezone.now())
    make_enrolment(other, trainer_course)


def test_a_unit_managers_export_makes_one_log_row_with_its_filter(
    client_for, unit_manager, district_a, enrolments
):
    client = client_for(unit_manager)
    response = client.get(
        reverse("course_progress:index"), {"export": "xlsx", "unit": district_a.pk}
    )

    assert response.status_code == 200
    log = PersonalDataExport.objects.get()
    assert log.exported_by == unit_manager
    assert log.view_name == "course_progress:index"
    assert f"unit={district_a.pk}" in log.query
    assert "export=xlsx" in log.query
    assert (log.file_format, log.row_count) == ("xlsx", 2)


def test_looking_at_a_list_is_not_an_export(client_for, unit_manager, enrolments):
    client_for(unit_manager).get(reverse("course_progress:index"))

    assert not PersonalDataExport.objects.exists()


def test_the_account_list_export_is_logged(client_for, unit_manager, enrolments):
    response = client_for(unit_manager).get(
        reverse("wagtailusers_users:index"), {"export": "csv", "q": "binhson"}
    )
    b"".join(response.streaming_content)

    log = PersonalDataExport.objects.get()
    assert (log.exported_by, log.file_format) == (unit_manager, "csv")
    assert "q=binhson" in log.query


def test_an_administrator_reads_the_log(client_for, administrator, unit_manager):
    PersonalDataExport.objects.create(
        exported_by=unit_manager, view_name="course_progress:index", query="?unit=7"
    )

    response = client_for(administrator).get(LOG)

    assert response.status_code == 200
    assert "course_progress:index" in response.content.decode()
    assert client_for(administrator).get(REQUESTS).status_code == 200


@pytest.mark.parametrize("role", ["trainer", "unit_manager", "reviewer", "learner"])
def test_nobody_else_reaches_the_log_or_the_requests(client_for, request, role):
    PersonalDataExport.objects.create(view_name="course_progress:index", query="?x=1")
    client = client_for(request.getfixturevalue(role))

    for url in (LOG, LOG_RESULTS, REQUESTS):
        response = client.get(url)
        assert response.status_code in (302, 403), url
        assert b"course_progress:index" not in response.content


def test_the_log_is_read_only_and_has_no_chooser():
    for name in ("add", "edit", "delete", "choose", "chooser"):
        with pytest.raises(NoReverseMatch):
            reverse(f"personal_data_exports:{name}", args=[1] if name != "add" else [])
