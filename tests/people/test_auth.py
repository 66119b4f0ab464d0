"""Logging in and out, sessions, password policy, and resetting a password by e-mail."""

import re
from unittest import mock

import pytest
from django.conf import settings
from django.contrib.sessions.backends.cached_db import SessionStore
from django.test import Client
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.html import escape
from django.utils.http import urlsafe_base64_encode
from django.utils.translation import override
from wagtail.admin.forms.auth import PasswordChangeForm as AdminPasswordChangeForm

from people.auth_forms import LOGIN_INVALID
from people.models import User
from people.roles import Role
from people.tasks import send_email_task
from tests.factories import UserFactory
from tests.factories.people import TEST_PASSWORD
from tests.people.test_admin import account_form, edit_form

pytestmark = pytest.mark.django_db

NEW_PASSWORD = "Binh-Dang-Gioi-2026"
RESET_LINK = re.compile(r"https?://[^/\s]+(/accounts/reset/[^/\s]+/[^/\s]+/)")


def as_shown(message, language="vi"):
    """A message as the page shows it: translated, then HTML-escaped."""
    with override(language):
        return escape(str(message))


def log_in(client, username, password=TEST_PASSWORD, address="10.0.0.1"):
    return client.post(
        reverse("people:login"),
        {"username": username, "password": password},
        REMOTE_ADDR=address,
    )


def logged_in_user_id(client):
    return client.session.get("_auth_user_id")


@pytest.fixture
def person(db):
    return UserFactory(username="lan.vo", email="Lan.Vo@Example.test")


# --- Logging in and out -------------------------------------------------------


def test_login_by_username_starts_a_session_and_opens_my_learning(client, person):
    response = log_in(client, "lan.vo")

    assert response.status_code == 302
    assert response.url == reverse("courses:dashboard") == "/learning/"
    assert logged_in_user_id(client) == str(person.pk)


@pytest.mark.parametrize(
    "typed", ["LAN.VO", "lan.vo@example.test", "LAN.VO@EXAMPLE.TEST"]
)
def test_login_by_username_or_email_ignores_case(client, person, typed):
    response = log_in(client, typed)

    assert response.status_code == 302
    assert logged_in_user_id(client) == str(person.pk)


def test_login_with_wrong_password_shows_message_and_starts_no_session(client, person):
    response = log_in(client, "lan.vo", "wrong-password")

    assert response.status_code == 200
    assert logged_in_user_id(client) is None
    errors = response.context["form"].non_field_errors().as_data()
    assert [error.code for error in errors] == ["invalid_login"]
    assert as_shown(LOGIN_INVALID) in response.content.decode()


def test_password_is_case_sensitive(client, person):
    response = log_in(client, "lan.vo", TEST_PASSWORD.upper())

    assert response.status_code == 200
    assert logged_in_user_id(client) is None


def test_unknown_username_gets_the_same_message_as_a_wrong_password(client, person):
    response = log_in(client, "nobody")

    assert response.status_code == 200
    assert logged_in_user_id(client) is None
    assert as_shown(LOGIN_INVALID) in response.content.decode()


def test_deactivated_account_cannot_log_in(client, person):
    person.is_active = False
    person.save()

    response = log_in(client, "lan.vo")

    assert response.status_code == 200
    assert logged_in_user_id(client) is None


def test_login_never_redirects_to_another_site(client, person):
    response = client.post(
        reverse("people:login") + "?next=https://evil.example/steal",
        {
            "username": "lan.vo",
            "password": TEST_PASSWORD,
            "next": "https://evil.example/steal",
        },
    )

    assert response.status_code == 302
    assert response.url == reverse("courses:dashboard")


@pytest.mark.parametrize(
    "unsafe",
    [
        "https://evil.example/",
        "//evil.example/",
        "/\\evil.example/",
        "javascript:alert(1)",
        "https:///evil.example/",
    ],
)
def test_an_unsafe_next_is_ignored_for_the_landing_page(client, person, unsafe):
    response = client.post(
        reverse("people:login"),
        {"username": "lan.vo", "password": TEST_PASSWORD, "next": unsafe},
    )

    assert response.status_code == 302
    assert response.url == reverse("courses:dashboard")


def test_login_returns_to_the_page_it_came_from(client, person):
    response = client.post(
        reverse("people:login") + "?next=/khoa-hoc/k1/",
        {"username": "lan.vo", "password": TEST_PASSWORD, "next": "/khoa-hoc/k1/"},
    )

    assert response.status_code == 302
    assert response.url == "/khoa-hoc/k1/"


@pytest.mark.parametrize(
    "role", [Role.TRAINER, Role.REVIEWER, Role.UNIT_MANAGER, Role.ADMINISTRATOR]
)
def test_people_who_work_in_the_admin_land_on_its_dashboard(client, role):
    UserFactory(username="canbo", roles=[role])

    response = log_in(client, "canbo")

    assert response.status_code == 302
    assert response.url == reverse("wagtailadmin_home") == "/admin/"


@pytest.mark.parametrize("role", [Role.LEARNER, Role.TEACHER])
def test_learners_and_teachers_land_on_my_learning(client, role):
    UserFactory(username="hocvien", roles=[role])

    response = log_in(client, "hocvien")

    assert response.url == reverse("courses:dashboard")


def test_a_trainer_with_a_next_goes_there_not_to_the_admin(client):
    UserFactory(username="canbo", roles=[Role.TRAINER])

    response = client.post(
        reverse("people:login"),
        {"username": "canbo", "password": TEST_PASSWORD, "next": "/learning/"},
    )

    assert response.url == "/learning/"


def test_a_failed_login_lands_nowhere(client, person):
    response = client.post(
        reverse("people:login"),
        {"username": "lan.vo", "password": "wrong", "next": "/khoa-hoc/k1/"},
    )

    assert response.status_code == 200
    assert logged_in_user_id(client) is None


def test_logout_by_post_ends_the_session(client, person):
    client.force_login(person)

    response = client.post(reverse("people:logout"))

    assert response.status_code == 302
    assert response.url == settings.LOGOUT_REDIRECT_URL
    assert logged_in_user_id(client) is None


def test_logout_by_get_is_refused_and_keeps_the_session(client, person):
    client.force_login(person)

    response = client.get(reverse("people:logout"))

    assert response.status_code == 405
    assert logged_in_user_id(client) == str(person.pk)


# --- Sessions -------------------------------------------------------------------
# Lockout after failed logins is tested in test_lockout.py (every login route).


def test_login_gives_a_new_session_key(client, person):
    """Session fixation: a key known before login is worthless after it."""
    session = client.session
    session["seen"] = True
    session.save()
    before = session.session_key

    log_in(client, "lan.vo")

    after = client.cookies[settings.SESSION_COOKIE_NAME].value
    assert after != before
    assert logged_in_user_id(client) == str(person.pk)
    assert not SessionStore(session_key=before).exists(before)


def test_logout_makes_the_old_session_cookie_worthless(client, person):
    log_in(client, "lan.vo")
    old_key = client.cookies[settings.SESSION_COOKIE_NAME].value
    assert client.get(reverse("people:profile")).status_code == 200

    client.post(reverse("people:logout"))
    replay = Client()
    replay.cookies[settings.SESSION_COOKIE_NAME] = old_key
    response = replay.get(reverse("people:profile"))

    assert response.status_code == 302
    assert response.url.startswith(reverse("people:login"))
    assert not SessionStore(session_key=old_key).exists(old_key)


def test_a_session_expires_after_session_cookie_age(client, person):
    assert settings.SESSION_ENGINE == "django.contrib.sessions.backends.cached_db"
    assert settings.SESSION_COOKIE_AGE == 12 * 60 * 60

    response = log_in(client, "lan.vo")

    cookie = response.cookies[settings.SESSION_COOKIE_NAME]
    assert int(cookie["max-age"]) == settings.SESSION_COOKIE_AGE
    assert client.session.get_expiry_age() == settings.SESSION_COOKIE_AGE


# --- Password policy ----------------------------------------------------------------


@pytest.mark.parametrize("weak", ["12345678", "password", "lan.vo123", "Ab1!"])
def test_the_admin_refuses_a_weak_password_for_a_new_account(
    client, administrator, commune_a, weak
):
    client.force_login(administrator)
    data = account_form(unit=commune_a.pk, password1=weak, password2=weak)
    data["username"] = "lan.vo123"

    response = client.post(reverse("wagtailusers_users:add"), data)

    assert response.status_code == 200
    assert "password2" in response.context["form"].errors
    assert not User.objects.filter(username="lan.vo123").exists()


def test_the_admin_refuses_a_weak_password_when_editing_an_account(
    client, administrator, person, commune_a
):
    client.force_login(administrator)
    data = edit_form(person, unit=commune_a.pk, password1="12345678")
    data["password2"] = "12345678"

    response = client.post(reverse("wagtailusers_users:edit", args=[person.pk]), data)

    assert response.status_code == 200
    assert "password2" in response.context["form"].errors
    person.refresh_from_db()
    assert person.check_password(TEST_PASSWORD)


def test_changing_ones_own_password_in_the_admin_refuses_a_weak_one():
    """The admin's account page changes a password with this form."""
    trainer = UserFactory(username="canbo", roles=[Role.TRAINER])
    form = AdminPasswordChangeForm(
        trainer,
        {
            "old_password": TEST_PASSWORD,
            "new_password1": "12345678",
            "new_password2": "12345678",
        },
    )

    assert not form.is_valid()
    assert "new_password2" in form.errors


def test_imported_accounts_get_no_password_to_bypass_the_policy():
    """The account import sets no password (people.account_import.services): a
    person sets the first one through the reset form, which applies the policy
    (test_reset_refuses_a_weak_new_password)."""
    assert settings.AUTH_PASSWORD_VALIDATORS
    validators = {
        v["NAME"].rsplit(".", 1)[1] for v in settings.AUTH_PASSWORD_VALIDATORS
    }
    assert validators == {
        "UserAttributeSimilarityValidator",
        "MinimumLengthValidator",
        "CommonPasswordValidator",
        "NumericPasswordValidator",
    }


# --- Password reset -----------------------------------------------------------


def ask_for_reset(client, email, capture):
    with capture(execute=True):
        return client.post(reverse("people:password_reset"), {"email": email})


def reset_path_in(message):
    match = RESET_LINK.search(message.body)
    assert match, message.body
    return match.group(1)


def test_reset_mail_goes_through_the_celery_task_after_commit(
    client, person, django_capture_on_commit_callbacks, mailoutbox
):
    with mock.patch.object(
        send_email_task, "apply_async", wraps=send_email_task.apply_async
    ) as enqueue:
        with django_capture_on_commit_callbacks(execute=False) as callbacks:
            response = client.post(
                reverse("people:password_reset"), {"email": "lan.vo@example.test"}
            )
        assert response.status_code == 302
        assert len(callbacks) == 1
        assert mailoutbox == []
        enqueue.assert_not_called()

        callbacks[0]()

    enqueue.assert_called_once()
    assert enqueue.call_args.args[0][2] == person.email
    assert len(mailoutbox) == 1
    assert mailoutbox[0].to == [person.email]


def test_reset_mail_has_an_html_part_with_the_link_and_the_name_escaped(
    client, person, django_capture_on_commit_callbacks, mailoutbox
):
    person.full_name = "<b>Lan</b> & Hoa"
    person.save()
    ask_for_reset(client, person.email, django_capture_on_commit_callbacks)

    [message] = mailoutbox
    assert "<b>Lan</b> & Hoa" in message.body
    [(html, mimetype)] = message.alternatives
    assert mimetype == "text/html"
    assert "&lt;b&gt;Lan&lt;/b&gt; &amp; Hoa" in html
    assert "<b>" not in html
    assert f'<a href="http://testserver{reset_path_in(message)}"' in html
    assert '<html lang="vi">' in html


def test_reset_link_in_the_mail_sets_a_new_password(
    client, person, django_capture_on_commit_callbacks, mailoutbox
):
    response = ask_for_reset(
        client, "LAN.VO@EXAMPLE.TEST", django_capture_on_commit_callbacks
    )
    assert response.status_code == 302
    assert response.url == reverse("people:password_reset_done")
    assert len(mailoutbox) == 1
    assert person.username in mailoutbox[0].body

    form_page = client.get(reset_path_in(mailoutbox[0]), follow=True)
    assert form_page.context["validlink"] is True
    done = client.post(
        form_page.redirect_chain[-1][0],
        {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD},
    )

    assert done.status_code == 302
    assert done.url == reverse("people:password_reset_complete")
    person.refresh_from_db()
    assert person.check_password(NEW_PASSWORD)
    assert not person.check_password(TEST_PASSWORD)
    assert log_in(client, "lan.vo", NEW_PASSWORD).status_code == 302


def test_reset_link_cannot_be_used_twice(
    client, person, django_capture_on_commit_callbacks, mailoutbox
):
    ask_for_reset(client, person.email, django_capture_on_commit_callbacks)
    path = reset_path_in(mailoutbox[0])
    form_page = client.get(path, follow=True)
    client.post(
        form_page.redirect_chain[-1][0],
        {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD},
    )

    again = client.get(path, follow=True)

    assert again.context["validlink"] is False


def test_unknown_email_gets_the_same_sent_page_and_no_mail(
    client, person, django_capture_on_commit_callbacks, mailoutbox
):
    response = ask_for_reset(
        client, "nobody@example.test", django_capture_on_commit_callbacks
    )

    assert response.status_code == 302
    assert response.url == reverse("people:password_reset_done")
    assert mailoutbox == []


def test_deactivated_account_gets_no_reset_mail(
    client, person, django_capture_on_commit_callbacks, mailoutbox
):
    person.is_active = False
    person.save()

    response = ask_for_reset(client, person.email, django_capture_on_commit_callbacks)

    assert response.url == reverse("people:password_reset_done")
    assert mailoutbox == []


def test_malformed_email_on_the_reset_form_is_refused_without_mail(
    client, person, django_capture_on_commit_callbacks, mailoutbox
):
    response = ask_for_reset(
        client, "not-an-address", django_capture_on_commit_callbacks
    )

    assert response.status_code == 200
    assert "email" in response.context["form"].errors
    assert mailoutbox == []


def test_bad_token_shows_the_invalid_link_page_and_changes_nothing(client, person):
    uid = urlsafe_base64_encode(force_bytes(person.pk))
    path = reverse("people:password_reset_confirm", args=[uid, "bad-token"])

    page = client.get(path)
    posted = client.post(
        path, {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD}
    )

    assert page.status_code == 200
    assert page.context["validlink"] is False
    assert "new_password1" not in page.content.decode()
    assert posted.status_code == 200
    person.refresh_from_db()
    assert person.check_password(TEST_PASSWORD)


def test_imported_account_without_a_password_can_set_one_by_reset(
    client, django_capture_on_commit_callbacks, mailoutbox
):
    imported = UserFactory(username="imported", email="imported@example.test")
    imported.set_unusable_password()
    imported.save()
    assert log_in(client, "imported", "").status_code == 200

    ask_for_reset(client, "imported@example.test", django_capture_on_commit_callbacks)
    assert len(mailoutbox) == 1
    form_page = client.get(reset_path_in(mailoutbox[0]), follow=True)
    client.post(
        form_page.redirect_chain[-1][0],
        {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD},
    )

    imported = User.objects.get(pk=imported.pk)
    assert imported.has_usable_password()
    assert imported.check_password(NEW_PASSWORD)


def test_reset_refuses_a_weak_new_password(
    client, person, django_capture_on_commit_callbacks, mailoutbox
):
    ask_for_reset(client, person.email, django_capture_on_commit_callbacks)
    form_page = client.get(reset_path_in(mailoutbox[0]), follow=True)

    response = client.post(
        form_page.redirect_chain[-1][0],
        {"new_password1": "12345678", "new_password2": "12345678"},
    )

    assert response.status_code == 200
    assert "new_password2" in response.context["form"].errors
    person.refresh_from_db()
    assert person.check_password(TEST_PASSWORD)


@pytest.mark.django_db
def test_the_admin_login_page_labels_the_password_in_vietnamese(client, settings):
    settings.LANGUAGE_CODE = "vi"
    html = client.get("/admin/login/", HTTP_ACCEPT_LANGUAGE="vi").content.decode()
    assert 'id="id_password-label">' in html
    label = html.split('id="id_password-label">', 1)[1].split("<", 1)[0]
    assert label.strip() == "Mật khẩu"


# --- The signed-in person on each request (people.auth_backends.get_user) ------


def test_after_a_real_login_each_request_reads_the_person_in_one_query(
    client, learner, django_assert_num_queries
):
    from django.contrib.auth import get_user
    from django.test import RequestFactory

    log_in(client, learner.username)
    request = RequestFactory().get("/")
    request.session = client.session

    assert (
        request.session["_auth_user_backend"]
        == "people.auth_backends.UsernameOrEmailBackend"
    )
    with django_assert_num_queries(1):
        user = get_user(request)
    assert user.pk == learner.pk
    assert user.full_name == learner.full_name
    assert user.date_joined == learner.date_joined  # converted as the ORM does
    assert user.unit_id == learner.unit_id


def test_a_person_deactivated_after_login_is_anonymous_at_once(client, learner):
    log_in(client, learner.username)
    User.objects.filter(pk=learner.pk).update(is_active=False)

    response = client.get(reverse("courses:dashboard"))

    assert response.status_code == 302
    assert reverse("people:login") in response["Location"]


def test_a_forged_user_id_in_the_session_is_anonymous():
    from people.auth_backends import UsernameOrEmailBackend

    backend = UsernameOrEmailBackend()

    assert backend.get_user("1 OR 1=1") is None
    assert backend.get_user(None) is None
    assert backend.get_user(987654321) is None


def test_an_empty_identifier_or_password_logs_no_one_in(learner):
    from people.auth_backends import UsernameOrEmailBackend, login_account_find

    backend = UsernameOrEmailBackend()

    assert login_account_find("  ") is None
    assert backend.authenticate(None, username=None, password=TEST_PASSWORD) is None
    assert backend.authenticate(None, username=learner.username, password=None) is None
