"""Login lockout (django-axes, people.lockout): every way in, one counter per
account whatever is typed, one per address, a success clearing only its own
account, the cool-off, and the administrators' unlock page."""

from datetime import timedelta

import pytest
from axes.models import AccessAttempt
from django.contrib.auth.models import Group
from django.http import HttpRequest
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape
from django.utils.translation import override

from people.lockout import (
    LOCKED_OUT_CODE,
    LOCKOUT_STATUS,
    client_address,
    lockout_message,
    lockout_username,
)
from people.roles import Role
from people.services import role_groups_ensure
from tests.factories import UserFactory
from tests.factories.people import TEST_PASSWORD

pytestmark = pytest.mark.django_db

WRONG = "wrong-password"
HERE = "10.0.0.1"
ELSEWHERE = "10.0.0.2"

ROUTES = {
    "site": "/accounts/login/",
    "admin": "/admin/login/",
    "private_pages": "/_util/login/",
}


def shown_message():
    with override("vi"):
        return escape(lockout_message())


def log_in(client, username, password=TEST_PASSWORD, address=HERE, route="site"):
    return client.post(
        ROUTES[route],
        {"username": username, "password": password},
        REMOTE_ADDR=address,
    )


def logged_in(client):
    return client.session.get("_auth_user_id") is not None


def fail(client, username, times, address=HERE, route="site"):
    for _attempt in range(times):
        response = log_in(client, username, WRONG, address=address, route=route)
        assert not logged_in(client)
    return response


@pytest.fixture
def limit(settings):
    return settings.AXES_FAILURE_LIMIT


@pytest.fixture
def person(db):
    return UserFactory(
        username="lan.vo", email="lan.vo@example.test", roles=[Role.TRAINER]
    )


# --- Every way in ---------------------------------------------------------------


@pytest.mark.parametrize("route", list(ROUTES))
def test_after_the_limit_the_right_password_is_refused_with_the_message(
    client, person, limit, route
):
    fail(client, "lan.vo", limit, route=route)

    response = log_in(client, "lan.vo", route=route)

    assert response.status_code == LOCKOUT_STATUS
    assert not logged_in(client)
    html = response.content.decode()
    assert shown_message() in html
    assert "Too many" not in html  # Vietnamese, not axes' English
    assert "Đăng nhập sai quá nhiều lần" in html


@pytest.mark.parametrize("route", list(ROUTES))
def test_below_the_limit_the_right_password_logs_in(client, person, limit, route):
    fail(client, "lan.vo", limit - 1, route=route)

    response = log_in(client, "lan.vo", route=route)

    assert response.status_code == 302
    assert logged_in(client)


def test_the_thirtieth_wrong_password_on_the_admin_then_the_right_one_is_refused(
    client, person
):
    fail(client, "lan.vo", 30, route="admin")

    response = log_in(client, "lan.vo", route="admin")

    assert response.status_code == LOCKOUT_STATUS
    assert not logged_in(client)


def test_failures_on_every_route_add_up(client, person, limit):
    for index in range(limit):
        route = list(ROUTES)[index % len(ROUTES)]
        log_in(client, "lan.vo", WRONG, route=route)

    response = log_in(client, "lan.vo", route="site")

    assert response.status_code == LOCKOUT_STATUS
    assert not logged_in(client)


def test_our_forms_say_it_on_the_form(client, person, limit):
    fail(client, "lan.vo", limit)

    response = log_in(client, "lan.vo")

    errors = response.context["form"].non_field_errors().as_data()
    assert [error.code for error in errors] == [LOCKED_OUT_CODE]


def test_the_failure_that_reaches_the_limit_already_says_locked(client, person, limit):
    fail(client, "lan.vo", limit - 1)

    response = log_in(client, "lan.vo", WRONG)

    assert response.status_code == LOCKOUT_STATUS
    assert shown_message() in response.content.decode()


# --- One counter per account ------------------------------------------------------


def test_username_email_and_other_case_share_one_counter(client, person, limit):
    typed = ["lan.vo", "lan.vo@example.test", "LAN.VO", "Lan.Vo@Example.Test"]
    for index in range(limit):
        log_in(client, typed[index % len(typed)], WRONG, address=f"10.1.0.{index}")

    response = log_in(client, "lan.vo@example.test", address="10.9.9.9")

    assert response.status_code == LOCKOUT_STATUS
    assert not logged_in(client)
    assert set(AccessAttempt.objects.values_list("username", flat=True)) == {"lan.vo"}


def test_a_username_typed_with_combining_marks_counts_for_the_account(db):
    UserFactory(username="hoà.lê", email="hoa.le@example.test")
    decomposed = "hoa\u0300.le\u0302"

    assert lockout_username(None, {"username": decomposed}) == "hoà.lê"
    assert lockout_username(None, {"username": "HOA.LE@EXAMPLE.TEST"}) == "hoà.lê"


def test_combining_marks_through_the_login_form_share_the_counter(client, limit):
    UserFactory(username="hoà.lê", email="hoa.le@example.test")
    for index in range(limit):
        typed = "hoa\u0300.le\u0302" if index % 2 else "hoà.lê"
        log_in(client, typed, WRONG, address=f"10.1.0.{index}")

    response = log_in(client, "hoà.lê", address="10.9.9.9")

    assert response.status_code == LOCKOUT_STATUS
    assert set(AccessAttempt.objects.values_list("username", flat=True)) == {"hoà.lê"}


def test_an_unknown_identifier_is_counted_as_typed_normalised(db):
    assert lockout_username(None, {"username": "  No.Body\u0301 "}) == "no.bodý"


def test_an_account_locked_from_one_address_is_locked_from_another(
    client, person, limit
):
    UserFactory(username="other")
    fail(client, "lan.vo", limit, address=HERE)

    refused = log_in(client, "lan.vo", address=ELSEWHERE)
    other = log_in(Client(), "other", address=ELSEWHERE)

    assert refused.status_code == LOCKOUT_STATUS
    assert other.status_code == 302


# --- One counter per address -------------------------------------------------------


def test_failures_spread_over_accounts_with_own_login_between_lock_the_address(
    client, limit
):
    for name in ("a", "b", "c", "d"):
        UserFactory(username=name)
    names = ["a", "b", "c"]
    fail(client, "a", 2)
    assert log_in(Client(), "d").status_code == 302  # one's own login in between
    for index in range(limit - 2):
        log_in(client, names[(index + 1) % 3], WRONG)

    for name in ("a", "b", "c", "d"):
        response = log_in(Client(), name, address=HERE)
        assert response.status_code == LOCKOUT_STATUS, name
    assert log_in(Client(), "a", address=ELSEWHERE).status_code == 302


def test_unknown_names_from_one_address_lock_the_address(client, person, limit):
    for index in range(limit):
        log_in(client, f"guess{index}", WRONG)

    assert log_in(Client(), "lan.vo", address=HERE).status_code == LOCKOUT_STATUS
    assert log_in(Client(), "lan.vo", address=ELSEWHERE).status_code == 302


def test_a_success_clears_only_that_accounts_failures(client, person, limit):
    UserFactory(username="other")
    fail(client, "lan.vo", limit - 2)
    fail(client, "other", 1)

    assert log_in(Client(), "lan.vo").status_code == 302

    assert not AccessAttempt.objects.filter(username="lan.vo").exists()
    assert AccessAttempt.objects.get(username="other").failures_since_start == 1


def test_a_success_does_not_forget_the_address_failures_against_others(
    client, person, limit
):
    UserFactory(username="other")
    fail(client, "other", limit - 1)
    assert log_in(Client(), "lan.vo").status_code == 302

    log_in(client, "nobody", WRONG)

    assert log_in(Client(), "lan.vo").status_code == LOCKOUT_STATUS


# --- Cool-off, addresses ---------------------------------------------------------------


def test_the_lockout_ends_after_the_cool_off(client, person, limit, settings):
    fail(client, "lan.vo", limit)
    assert log_in(client, "lan.vo").status_code == LOCKOUT_STATUS

    AccessAttempt.objects.update(
        attempt_time=timezone.now()
        - timedelta(minutes=settings.LOGIN_LOCKOUT_MINUTES, seconds=1)
    )

    assert log_in(client, "lan.vo").status_code == 302


def test_the_message_states_the_minutes(settings):
    settings.LOGIN_LOCKOUT_MINUTES = 20
    with override("vi"):
        assert "20 phút" in lockout_message()


def request_from(remote, forwarded=None):
    request = HttpRequest()
    request.META["REMOTE_ADDR"] = remote
    if forwarded is not None:
        request.META["HTTP_X_FORWARDED_FOR"] = forwarded
    return request


def test_without_a_trusted_proxy_the_connection_address_counts(settings):
    settings.TRUSTED_PROXY_COUNT = 0

    assert client_address(request_from("10.0.0.9", "1.2.3.4")) == "10.0.0.9"


def test_behind_one_proxy_the_address_it_saw_counts(settings):
    settings.TRUSTED_PROXY_COUNT = 1

    # The client wrote 6.6.6.6 itself; the proxy appended what it saw.
    assert client_address(request_from("127.0.0.1", "6.6.6.6, 1.2.3.4")) == "1.2.3.4"
    assert client_address(request_from("127.0.0.1", "garbage")) == "127.0.0.1"
    assert client_address(request_from("127.0.0.1")) == "127.0.0.1"


def test_behind_a_proxy_clients_are_counted_apart(client, person, limit, settings):
    settings.TRUSTED_PROXY_COUNT = 1
    UserFactory(username="other")
    for index in range(limit):
        client.post(
            ROUTES["site"],
            {"username": f"guess{index}", "password": WRONG},
            REMOTE_ADDR="127.0.0.1",
            HTTP_X_FORWARDED_FOR="1.2.3.4",
        )

    blocked = Client().post(
        ROUTES["site"],
        {"username": "other", "password": TEST_PASSWORD},
        REMOTE_ADDR="127.0.0.1",
        HTTP_X_FORWARDED_FOR="1.2.3.4",
    )
    allowed = Client().post(
        ROUTES["site"],
        {"username": "other", "password": TEST_PASSWORD},
        REMOTE_ADDR="127.0.0.1",
        HTTP_X_FORWARDED_FOR="5.6.7.8",
    )

    assert blocked.status_code == LOCKOUT_STATUS
    assert allowed.status_code == 302


# --- The test suite's own ways in ------------------------------------------------------


def test_force_login_still_works_and_records_nothing(client, person):
    client.force_login(person)

    assert client.get(reverse("people:profile")).status_code == 200
    assert not AccessAttempt.objects.exists()


def test_client_login_works_when_given_a_request(client, person):
    """django-axes refuses authenticate() without a request: tests that use
    client.login() pass one, as axes documents."""
    assert client.login(
        request=HttpRequest(), username="lan.vo", password=TEST_PASSWORD
    )


# --- The administrators' unlock page ------------------------------------------------------

INDEX = "/admin/login_lockouts/"


def lift_url(kind, attempt):
    return reverse("login_lockouts:lift", args=(kind, attempt.pk))


@pytest.fixture
def role_administrator(db):
    """An administrator by role only (not a superuser): the role must grant it."""
    role_groups_ensure()
    return UserFactory(username="quantri", roles=[Role.ADMINISTRATOR])


@pytest.fixture
def locked(person, limit):
    fail(Client(), "lan.vo", limit, address=HERE)
    return AccessAttempt.objects.get(username="lan.vo")


def test_the_administrator_role_holds_the_lockout_permissions(role_administrator):
    group = Group.objects.get(name=Role.ADMINISTRATOR)
    codenames = set(group.permissions.values_list("codename", flat=True))

    assert {"view_accessattempt", "delete_accessattempt"} <= codenames
    assert role_administrator.has_perm("axes.delete_accessattempt")


def test_the_list_shows_account_address_failures_and_last_attempt(
    client, role_administrator, locked, limit
):
    client.force_login(role_administrator)

    response = client.get(INDEX)

    assert response.status_code == 200
    html = response.content.decode()
    assert "lan.vo" in html
    assert HERE in html
    assert "Khoá đăng nhập" in html
    assert "Mở khoá tài khoản" in html
    assert lift_url("account", locked) in html
    assert lift_url("address", locked) in html
    row = response.context["object_list"][0]
    assert row.account_failures == limit
    assert row.is_locked is True


def test_the_menu_offers_it_to_administrators_only(client, role_administrator, person):
    client.force_login(role_administrator)
    assert INDEX in client.get("/admin/").content.decode()

    client.force_login(person)  # a trainer
    assert INDEX not in client.get("/admin/").content.decode()


def test_unlocking_the_account_lets_it_log_in_again(client, role_administrator, locked):
    client.force_login(role_administrator)

    confirm = client.get(lift_url("account", locked))
    response = client.post(lift_url("account", locked))

    assert confirm.status_code == 200
    assert "lan.vo" in confirm.content.decode()
    assert response.status_code == 302
    assert not AccessAttempt.objects.filter(username="lan.vo").exists()
    assert log_in(Client(), "lan.vo", address=ELSEWHERE).status_code == 302


def test_unlocking_the_address_lets_it_log_in_again(client, role_administrator, limit):
    UserFactory(username="other")
    for index in range(limit):
        log_in(Client(), f"guess{index}", WRONG, address=HERE)
    attempt = AccessAttempt.objects.first()
    client.force_login(role_administrator)

    client.post(lift_url("address", attempt))

    assert not AccessAttempt.objects.filter(ip_address=HERE).exists()
    assert log_in(Client(), "other", address=HERE).status_code == 302


@pytest.mark.parametrize("role", [Role.TRAINER, Role.LEARNER, Role.UNIT_MANAGER])
def test_others_may_neither_see_nor_unlock(client, locked, role):
    role_groups_ensure()
    someone = UserFactory(username="someone", roles=[role])
    client.force_login(someone)

    listing = client.get(INDEX)
    lifted = client.post(lift_url("account", locked))

    assert listing.status_code in (302, 403)
    assert "lan.vo" not in listing.content.decode()
    assert lifted.status_code in (302, 403)
    assert AccessAttempt.objects.filter(pk=locked.pk).exists()


def test_an_unknown_kind_is_not_found(client, role_administrator, locked):
    client.force_login(role_administrator)

    response = client.post(f"/admin/login_lockouts/lift/everything/{locked.pk}/")

    assert response.status_code == 404
    assert AccessAttempt.objects.filter(pk=locked.pk).exists()
