"""A person downloads everything the platform holds on them (profile/my-data)."""

import io
import json
import zipfile

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from people.models import PersonalDataExport
from people.personal_data import personal_data_sections

from .personal_data_records import ESSAY, give_records

pytestmark = pytest.mark.django_db

URL = reverse("people:personal_data_download")
SECTIONS_WITH_ROWS = {
    "profile",
    "consents",
    "enrolments",
    "quiz_attempts",
    "class_registrations",
    "attendance",
    "certificates",
    "resource_downloads",
    "resource_bookmarks",
}


def unpack(response):
    archive = zipfile.ZipFile(io.BytesIO(response.content))
    return archive, json.loads(archive.read("data.json"))


@pytest.fixture
def records(learner, other_learner, course_index):
    mine = give_records(learner, course_index, tag="A")
    theirs = give_records(other_learner, course_index, tag="B")
    return mine, theirs


def test_every_app_registers_its_sections():
    names = {section.name for section in personal_data_sections()}
    assert (
        SECTIONS_WITH_ROWS
        | {
            "erasure_requests",
            "resource_downloads",
            "resource_bookmarks",
        }
        <= names
    )


def test_the_download_holds_a_row_of_every_section_the_person_has(
    learner_client, learner, records
):
    response = learner_client.post(URL)

    assert response.status_code == 200
    assert response["Content-Type"] == "application/zip"
    assert "attachment" in response["Content-Disposition"]
    archive, data = unpack(response)
    sections = data["sections"]
    for name in SECTIONS_WITH_ROWS:
        assert sections[name]["rows"], name
        assert f"{name}.csv" in archive.namelist()
    assert sections["profile"]["rows"][0]["full_name"] == learner.full_name
    assert sections["profile"]["rows"][0]["email"] == learner.email
    attempt = sections["quiz_attempts"]["rows"][0]
    assert attempt["quiz"] == "Bài A"
    assert attempt["score"] is not None
    assert {"text": ESSAY} in [answer["response"] for answer in attempt["answers"]]
    assert sections["enrolments"]["rows"][0]["lessons"]
    assert sections["class_registrations"]["rows"][0]["class_code"] == "K-A-0"
    assert sections["certificates"]["rows"][0]["full_name"] == learner.full_name
    csv_text = archive.read("profile.csv").decode("utf-8-sig")
    assert learner.full_name in csv_text


def test_another_persons_rows_never_appear(learner_client, other_learner, records):
    response = learner_client.post(URL)

    archive, _data = unpack(response)
    everything = "".join(
        archive.read(name).decode("utf-8-sig") for name in archive.namelist()
    )
    assert other_learner.full_name not in everything
    assert other_learner.email not in everything
    assert "Bài B" not in everything
    assert "K-B-0" not in everything
    assert "Khoá B" not in everything
    assert "Tài liệu B" not in everything


def test_the_download_is_logged(learner_client, learner, records):
    learner_client.post(URL)

    log = PersonalDataExport.objects.get()
    assert log.exported_by == learner
    assert log.view_name == "people:personal_data_download"
    assert log.row_count >= len(SECTIONS_WITH_ROWS)


def test_anonymous_is_sent_to_log_in(client, records):
    response = client.post(URL)

    assert response.status_code == 302
    assert reverse("people:login") in response["Location"]
    assert not PersonalDataExport.objects.exists()


def test_a_get_is_refused(learner_client, records):
    assert learner_client.get(URL).status_code == 405


def test_the_number_of_queries_does_not_grow_with_the_records(
    client, learner, other_learner, course_index
):
    give_records(learner, course_index, tag="A", classes=1)
    give_records(other_learner, course_index, tag="B", classes=4)
    give_records(other_learner, course_index, tag="C", classes=2)
    counts = []
    for person in (learner, other_learner):
        client.force_login(person)
        with CaptureQueriesContext(connection) as queries:
            assert client.post(URL).status_code == 200
        counts.append(len(queries))
    assert counts[0] == counts[1]
    assert counts[0] <= 20, counts


def test_a_csv_cell_never_starts_a_formula(learner_client, learner):
    learner.position = '=HYPERLINK("http://evil.example")'
    learner.save()

    archive, _data = unpack(learner_client.post(URL))

    text = archive.read("profile.csv").decode("utf-8-sig")
    assert "'=HYPERLINK" in text
    assert ",=HYPERLINK" not in text
