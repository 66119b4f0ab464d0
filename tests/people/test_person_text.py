"""Names and positions are plain text: what was accepted once is accepted again.

The old cleaning unescaped "&lt;style&gt;Lan&lt;/style&gt;" to "<style>Lan</style>",
which the next save stripped to nothing, so the profile could never be saved again.
"""

import importlib
import unicodedata
from datetime import date

import pytest
from django.apps import apps as django_apps
from django.core.exceptions import ValidationError
from django.utils.html import escape
from django.utils.translation import override
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from people.account_import import COLUMNS, clean_row, import_error_message
from people.forms import AdminUserEditForm, ProfileForm
from people.models import User
from people.validators import TEXT_HAS_MARKUP, person_text_clean
from tests.factories import UserFactory

from .test_account_import import account_row
from .test_profile import PROFILE_URL, profile_post, snapshot

ESCAPED_STYLE = "&lt;style&gt;Lan&lt;/style&gt;"

# Text as people type it, with the characters markup is made of mixed in often.
typed_text = st.text(
    alphabet=st.one_of(
        st.sampled_from("<>&;#/!?ltgampxX0123 \t\nLanNguyễnThịĐ\u0300\u0301"),
        st.characters(codec="utf-8"),
    ),
    max_size=60,
)


def accepted(value):
    try:
        return person_text_clean(value)
    except ValidationError:
        return None


@given(typed_text)
@example(ESCAPED_STYLE)
@example("<style>Lan</style>")
@example("Nguyễn  Thị\u00a0Lan ")
@example("a < b & c")
def test_cleaning_is_idempotent(value):
    cleaned = accepted(value)
    if cleaned is not None:
        assert person_text_clean(cleaned) == cleaned
        assert unicodedata.is_normalized("NFC", cleaned)


@pytest.mark.parametrize(
    "value",
    [
        ESCAPED_STYLE,
        "<style>Lan</style>",
        "<b>Lan</b>",
        "Lan<script>alert(1)</script>",
        "Lan &#60;b&#62;",
        "Lan &#x3c;b",
        "<img src=x onerror=alert(1)>",
        "<!-- x -->Lan",
    ],
)
def test_markup_is_refused_with_a_message(value):
    with pytest.raises(ValidationError) as raised:
        person_text_clean(value)

    assert raised.value.messages == [str(TEXT_HAS_MARKUP)]


@pytest.mark.parametrize(
    ("value", "stored"),
    [
        ("  Nguyễn   Thị Lan ", "Nguyễn Thị Lan"),
        ("Phó Chủ tịch Hội LHPN & Đoàn", "Phó Chủ tịch Hội LHPN & Đoàn"),
        ("a < b > c", "a < b > c"),
        ("Nguye\u0302\u0303n Thi\u0323 Lan", "Nguyễn Thị Lan"),
    ],
)
def test_plain_text_is_stored_as_typed(value, stored):
    assert person_text_clean(value) == stored


# --- Through the forms ------------------------------------------------------------


@pytest.fixture
def person(commune_a):
    return UserFactory(
        username="lan",
        email="lan@example.test",
        full_name="Võ Thị Lan",
        unit=commune_a,
    )


@pytest.mark.django_db
def test_escaped_markup_in_the_name_is_refused_and_nothing_is_saved(client, person):
    client.force_login(person)
    before = snapshot(person)

    response = client.post(PROFILE_URL, profile_post(person, full_name=ESCAPED_STYLE))

    assert response.status_code == 200
    assert response.context["form"].errors["full_name"] == [str(TEXT_HAS_MARKUP)]
    with override("vi"):
        assert escape(str(TEXT_HAS_MARKUP)) in response.content.decode()
    assert snapshot(person) == before


@pytest.mark.django_db
@pytest.mark.parametrize(
    "name",
    [ESCAPED_STYLE, "Nguyễn Thị Lan", "  Đinh  Thị Hoa ", "A & B", "x < y"],
)
def test_a_name_accepted_once_is_accepted_again(client, person, name):
    client.force_login(person)
    first = client.post(PROFILE_URL, profile_post(person, full_name=name))
    if first.status_code != 302:
        assert snapshot(person)["full_name"] == "Võ Thị Lan"
        return
    person.refresh_from_db()

    again = client.post(PROFILE_URL, profile_post(person, phone="0912345678"))

    assert again.status_code == 302, again.context["form"].errors
    person.refresh_from_db()
    assert person.phone == "0912345678"
    assert person.full_name == " ".join(name.split())


@pytest.mark.django_db
@settings(
    suppress_health_check=[HealthCheck.function_scoped_fixture],
    deadline=None,
    max_examples=40,
)
@given(name=typed_text)
def test_any_stored_name_revalidates_in_the_profile_form(person, name):
    form = ProfileForm(
        data=profile_post(person, full_name=name, data_processing_consent="on"),
        instance=User.objects.get(pk=person.pk),
    )
    if not form.is_valid():
        return
    stored = form.cleaned_data["full_name"]
    saved = User.objects.get(pk=person.pk)
    saved.full_name = stored

    again = ProfileForm(
        data=profile_post(saved, phone="0912345678", data_processing_consent="on"),
        instance=saved,
    )

    assert again.is_valid(), again.errors
    assert again.cleaned_data["full_name"] == stored


@pytest.mark.django_db
def test_the_admin_account_form_uses_the_same_rule(administrator, person):
    data = {
        "username": person.username,
        "full_name": ESCAPED_STYLE,
        "email": person.email,
        "sex": person.sex,
        "unit": person.unit_id,
        "is_active": "on",
        "groups": [],
    }
    form = AdminUserEditForm(data=data, instance=person, for_user=administrator)

    assert not form.is_valid()
    assert form.errors["full_name"] == [str(TEXT_HAS_MARKUP)]

    data["full_name"] = "  Võ  Thị Lan "
    form = AdminUserEditForm(data=data, instance=person, for_user=administrator)
    assert form.is_valid(), form.errors
    assert form.cleaned_data["full_name"] == "Võ Thị Lan"


@pytest.mark.django_db
def test_names_saved_by_the_old_cleaning_are_made_plain_by_the_migration(person):
    migration = importlib.import_module(
        "people.migrations.0003_names_stored_as_plain_text"
    )
    stuck = UserFactory(full_name="<style>Lan</style>", position="A &amp; B")
    markup_only = UserFactory(full_name="<b></b>")
    plain = UserFactory(full_name="A & B", position="x < y")

    migration.clean_stored_names(django_apps, None)

    stuck.refresh_from_db()
    assert (stuck.full_name, stuck.position) == ("Lan", "A & B")
    assert person_text_clean(stuck.full_name) == stuck.full_name
    markup_only.refresh_from_db()
    assert markup_only.full_name == "<b></b>", "left for an administrator"
    plain.refresh_from_db()
    assert (plain.full_name, plain.position) == ("A & B", "x < y")


def test_the_account_import_uses_the_same_rule():
    columns = {column.key: index for index, column in enumerate(COLUMNS)}
    cells = account_row(full_name=ESCAPED_STYLE, position="  Cán bộ  & thư ký ")

    row, errors = clean_row(number=2, cells=cells, columns=columns, today=date.today())

    assert [(e["column"], e["code"]) for e in errors] == [("Họ và tên", "markup")]
    assert row.full_name == ""
    assert row.position == "Cán bộ & thư ký"
    assert import_error_message(errors[0]).startswith(f"“{ESCAPED_STYLE}”")
