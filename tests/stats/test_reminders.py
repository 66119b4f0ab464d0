"""Reminders before a report is due: 14, 7 and 1 days before, to the managers
of every unit in force that has not submitted (or had its report returned),
each reminder once."""

import datetime as dt

import pytest
from django.utils import timezone

from people.roles import Role
from stats.models import ReportReminder, ReportTemplate
from stats.services.submissions import (
    report_reminders_send,
    report_return,
    report_submit,
    reports_due_in,
)
from stats.tasks import send_report_reminders_task
from tests.factories import UserFactory

from .test_submissions import YEAR, make_template

pytestmark = pytest.mark.django_db

DUE = dt.date(2026, 7, 15)  # the test template's due date in 2026


@pytest.fixture
def template(db):
    return make_template()


def send(today, callbacks):
    with callbacks(execute=True):
        return report_reminders_send(today=today)


def test_reports_due_in_14_7_and_1_days(template):
    assert (template, YEAR, 14) in reports_due_in(today=DUE - dt.timedelta(days=14))
    assert (template, YEAR, 7) in reports_due_in(today=DUE - dt.timedelta(days=7))
    assert (template, YEAR, 1) in reports_due_in(today=DUE - dt.timedelta(days=1))
    for days in (0, 2, 13, 15):
        due = reports_due_in(today=DUE - dt.timedelta(days=days))
        assert template not in [t for t, _year, _days in due]


def test_a_template_not_made_for_the_year_reminds_nobody(world):
    make_template(slug="bao-cao-cu", first_year=2022, last_year=2024)
    assert reports_due_in(today=DUE - dt.timedelta(days=14)) == []


def test_managers_of_units_yet_to_report_are_reminded_once(
    world, template, django_capture_on_commit_callbacks, mailoutbox
):
    report_submit(
        template=template, year=YEAR, unit=world.tinh_khe, by=world.manager_tinh_khe
    )
    today = DUE - dt.timedelta(days=14)
    # Lý Sơn has not submitted; Tịnh Khê has; the province has no manager.
    assert send(today, django_capture_on_commit_callbacks) == 1
    assert [mail.to for mail in mailoutbox] == [[world.manager_ly_son.email]]
    # Run again (or on a second worker): nothing more.
    assert send(today, django_capture_on_commit_callbacks) == 0
    assert len(mailoutbox) == 1
    assert list(
        ReportReminder.objects.values_list("unit__name", "year", "days_before")
    ) == [("Đặc khu Lý Sơn", YEAR, 14)]
    # A week later, the 7-day reminder; the day before, the last one.
    assert send(DUE - dt.timedelta(days=7), django_capture_on_commit_callbacks) == 1
    assert send(DUE - dt.timedelta(days=1), django_capture_on_commit_callbacks) == 1
    assert send(DUE - dt.timedelta(days=1), django_capture_on_commit_callbacks) == 0
    assert len(mailoutbox) == 3


def test_the_reminder_is_in_vietnamese_with_the_dates_and_a_link(
    world, template, django_capture_on_commit_callbacks, mailoutbox
):
    send(DUE - dt.timedelta(days=7), django_capture_on_commit_callbacks)
    mail = next(m for m in mailoutbox if m.to == [world.manager_ly_son.email])
    assert mail.subject == (
        "Nhắc hạn: báo cáo “Báo cáo thử nửa năm” năm 2026, hạn nộp 15/07/2026"
    )
    assert "Báo cáo thử nửa năm" in mail.body
    assert "01/01/2026 – 30/06/2026" in mail.body
    assert "15/07/2026" in mail.body
    assert "còn 7 ngày" in mail.body
    assert (
        f"/stats-reports/submit/?template={template.pk}&year=2026"
        f"&unit={world.ly_son.pk}" in mail.body
    )
    assert mail.alternatives  # the HTML part


def test_a_returned_report_is_reminded_again(
    world, template, django_capture_on_commit_callbacks, mailoutbox
):
    submission = report_submit(
        template=template, year=YEAR, unit=world.ly_son, by=world.manager_ly_son
    )
    send(DUE - dt.timedelta(days=14), django_capture_on_commit_callbacks)
    # Only Tịnh Khê, which has not submitted.
    assert [mail.to for mail in mailoutbox] == [[world.manager_tinh_khe.email]]
    report_return(submission=submission, by=world.administrator, comment="Sửa lại")
    mailoutbox.clear()
    send(DUE - dt.timedelta(days=7), django_capture_on_commit_callbacks)
    reminded = sorted(mail.to[0] for mail in mailoutbox if "Nhắc hạn" in mail.subject)
    assert reminded == sorted(
        [world.manager_ly_son.email, world.manager_tinh_khe.email]
    )


def test_every_manager_of_the_unit_is_reminded_and_no_one_else(
    world, template, django_capture_on_commit_callbacks, mailoutbox
):
    second = UserFactory(
        unit=world.ly_son, roles=[Role.UNIT_MANAGER], managed_units=[world.ly_son]
    )
    UserFactory(  # no longer a manager
        unit=world.ly_son, roles=[Role.LEARNER], managed_units=[world.ly_son]
    )
    UserFactory(  # left
        unit=world.ly_son,
        roles=[Role.UNIT_MANAGER],
        managed_units=[world.ly_son],
        is_active=False,
    )
    send(DUE - dt.timedelta(days=1), django_capture_on_commit_callbacks)
    sent_to = sorted(mail.to[0] for mail in mailoutbox)
    assert sent_to == sorted(
        [world.manager_ly_son.email, second.email, world.manager_tinh_khe.email]
    )


def test_the_daily_task_sends_each_reminder_once(
    world, django_capture_on_commit_callbacks, mailoutbox
):
    """The task reads today's date: a template due 7 days from today."""
    ReportTemplate.objects.all().delete()
    today = timezone.localdate()
    due = today + dt.timedelta(days=7)
    make_template(
        first_year=today.year,
        period_end_month=today.month,
        period_end_day=today.day,
        cutoff_month=today.month,
        cutoff_day=today.day,
        due_month=due.month,
        due_day=due.day,
    )
    with django_capture_on_commit_callbacks(execute=True):
        first = send_report_reminders_task()
    with django_capture_on_commit_callbacks(execute=True):
        second = send_report_reminders_task()
    assert (first, second) == (2, 0)
    assert sorted(mail.to[0] for mail in mailoutbox) == sorted(
        [world.manager_tinh_khe.email, world.manager_ly_son.email]
    )
    assert ReportReminder.objects.count() == 2


def test_celery_beat_runs_the_reminders_every_day(settings):
    entry = settings.CELERY_BEAT_SCHEDULE["stats-report-reminders"]
    assert entry["task"] == send_report_reminders_task.name
    assert entry["schedule"].hour == {7}
