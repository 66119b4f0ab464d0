"""QR self check-in in Chromium: the trainer's screen, two participants' phones.

The trainer opens the QR screen; one participant opens the URL the page carries
(data-checkin-url, what the QR code encodes), logs in, confirms and is present;
another uses a code two windows old (60+ seconds) and is refused; the trainer's
roll-call shows both. The check-in clock is set to a session's morning.
"""

import datetime as dt

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from people.roles import Role
from tests.factories import UserFactory
from tests.factories.people import TEST_PASSWORD
from tests.factories.training import make_participant, make_session, make_training_class
from training.models import AttendanceRecord
from training.services import checkin as svc

pytestmark = [
    pytest.mark.e2e,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

YESTERDAY = timezone.localdate() - dt.timedelta(days=1)


@pytest.fixture
def morning(monkeypatch):
    at = timezone.make_aware(
        dt.datetime.combine(YESTERDAY, dt.time(8, 5)), timezone.get_default_timezone()
    )
    monkeypatch.setattr(svc, "now", lambda: at)
    return at


@pytest.fixture
def people(commune_a, province):
    trainer = UserFactory(
        username="giangvien",
        full_name="Trần Văn Giảng",
        roles=[Role.TRAINER],
        unit=province,
    )
    first = UserFactory(username="hocvien1", full_name="Lò Thị Mai", unit=commune_a)
    second = UserFactory(username="hocvien2", full_name="Hà Văn Sơn", unit=commune_a)
    return trainer, first, second


@pytest.fixture
def session(people, commune_a):
    trainer, first, second = people
    training_class = make_training_class(commune_a, trainers=[trainer], code="TH-QR-01")
    for person in (first, second):
        make_participant(training_class, person)
    return make_session(
        training_class, date=YESTERDAY, starts_at=dt.time(8), ends_at=dt.time(11, 30)
    )


def sign_in(page, username):
    form = page.locator("main form")
    form.locator("input[name=username]").fill(username)
    form.locator("input[name=password]").fill(TEST_PASSWORD)
    form.locator("button[type=submit]").click()


def test_qr_check_in_fresh_and_stale(new_page, live_server, morning, people, session):
    trainer, first, second = people
    screen = new_page()
    screen.goto(f"/training/sessions/{session.pk}/check-in-screen/")
    sign_in(screen, trainer.username)
    holder = screen.locator("#checkin-screen")
    expect(holder.locator("svg")).to_be_visible()
    checkin_url = holder.get_attribute("data-checkin-url")
    assert "/training/check-in/" in checkin_url
    expect(screen.locator("#checkin-code")).to_have_text(
        svc.checkin_code_make(session=session)
    )

    phone = new_page(412, 915)
    phone.goto(checkin_url.replace("http://testserver", live_server.url))
    sign_in(phone, first.username)
    expect(phone.locator("main")).to_contain_text(session.topic)
    phone.locator("#checkin-confirm").click()
    expect(phone.locator("#checkin-done")).to_contain_text("Checked in")

    stale = svc.checkin_token_make(session=session, window=svc.checkin_window() - 2)
    other_phone = new_page(412, 915)
    other_phone.goto(f"/training/check-in/{stale}/")
    # Refused at once: a stale code never even leads to the login page.
    expect(other_phone.locator("#checkin-refused")).to_contain_text("expired")

    records = dict(
        AttendanceRecord.objects.values_list(
            "participant__person__username", "status__code"
        )
    )
    assert records == {first.username: "present"}

    screen.goto(f"/training/sessions/{session.pk}/roll-call/")
    first_row = screen.locator(".rollcall-row", has_text=first.full_name)
    second_row = screen.locator(".rollcall-row", has_text=second.full_name)
    expect(first_row.locator("button.mark-present")).to_have_attribute(
        "aria-pressed", "true"
    )
    expect(first_row).to_contain_text("QR check-in")
    expect(second_row).to_contain_text("Not marked yet")
