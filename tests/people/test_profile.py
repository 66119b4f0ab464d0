"""A person's own profile: editing it, and the consents for personal data."""

from datetime import date, timedelta

import pytest
from django.db import IntegrityError, transaction
from django.forms.models import model_to_dict
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape
from django.utils.translation import override

from people.forms import EMAIL_IN_USE
from people.models import Ethnicity, TargetGroup, User
from people.services import ETHNICITY_NEEDS_CONSENT
from people.validators import TEXT_HAS_MARKUP
from tests.factories import (
    OrganisationFactory,
    TargetGroupFactory,
    UserFactory,
    make_unit,
)

pytestmark = pytest.mark.django_db

PROFILE_URL = "/accounts/profile/"


def as_shown(message, language="vi"):
    with override(language):
        return escape(str(message))


def profile_post(user, **changes):
    """The profile form as the browser sends it back, with some fields changed."""
    data = {
        "email": user.email,
        "full_name": user.full_name,
        "sex": user.sex,
        "date_of_birth": user.date_of_birth.strftime("%d/%m/%Y")
        if user.date_of_birth
        else "",
        "phone": user.phone,
        "position": user.position,
        "employment_type": user.employment_type,
        "unit": user.unit_id or "",
        "organisation": user.organisation_id or "",
        "target_groups": [group.pk for group in user.target_groups.all()],
        "ethnicity": user.ethnicity_id or "",
    }
    if user.is_leader:
        data["is_leader"] = "on"
    if user.data_processing_consent_at:
        data["data_processing_consent"] = "on"
    if user.ethnicity_consent_at:
        data["ethnicity_consent"] = "on"
    data.update(changes)
    return {key: value for key, value in data.items() if value is not None}


def snapshot(user):
    user = User.objects.get(pk=user.pk)
    fields = model_to_dict(user, exclude=["password", "last_login"])
    fields["target_groups"] = sorted(group.pk for group in user.target_groups.all())
    fields.pop("groups", None)
    fields.pop("user_permissions", None)
    fields.pop("managed_units", None)
    return fields


@pytest.fixture
def kinh():
    return Ethnicity.objects.get(code="01")


@pytest.fixture
def hre():
    return Ethnicity.objects.get(name="Hrê")


@pytest.fixture
def person(commune_a):
    return UserFactory(
        username="lan",
        email="lan@example.test",
        full_name="Võ Thị Lan",
        unit=commune_a,
        date_of_birth=date(1990, 5, 1),
    )


@pytest.fixture
def consenting_person(person, hre):
    person.ethnicity = hre
    person.ethnicity_consent_at = timezone.now() - timedelta(days=30)
    person.save()
    return person


@pytest.fixture
def person_client(client, person):
    client.force_login(person)
    return client


# --- Who may see it -------------------------------------------------------------


def test_anonymous_visitor_is_sent_to_login(client):
    response = client.get(PROFILE_URL)

    assert response.status_code == 302
    assert response.url == f"{reverse('people:login')}?next={PROFILE_URL}"


def test_anonymous_post_to_profile_changes_nothing(client, person):
    before = snapshot(person)

    response = client.post(PROFILE_URL, profile_post(person, full_name="Kẻ Lạ"))

    assert response.status_code == 302
    assert reverse("people:login") in response.url
    assert snapshot(person) == before


def test_profile_shows_only_the_signed_in_persons_data(person_client, person):
    stranger = UserFactory(full_name="Người Khác Hẳn", email="stranger@example.test")

    response = person_client.get(PROFILE_URL)

    body = response.content.decode()
    assert response.status_code == 200
    assert person.email in body
    assert stranger.email not in body
    assert stranger.full_name not in body


# --- Editing -------------------------------------------------------------------


def test_profile_edit_saves_the_changes(person_client, person, commune_b):
    groups = list(TargetGroup.objects.order_by("code")[:2])

    response = person_client.post(
        PROFILE_URL,
        profile_post(
            person,
            full_name="Võ Thị Lan Anh",
            email="lan.anh@example.test",
            sex=User.Sex.FEMALE,
            date_of_birth="15/03/1991",
            phone="0905 123 456",
            position="Cán bộ văn hoá",
            employment_type=User.EmploymentType.CONG_CHUC,
            is_leader="on",
            unit=commune_b.pk,
            target_groups=[group.pk for group in groups],
            data_processing_consent="on",
        ),
    )

    assert response.status_code == 302
    assert response.url == PROFILE_URL
    person.refresh_from_db()
    assert person.full_name == "Võ Thị Lan Anh"
    assert person.email == "lan.anh@example.test"
    assert person.date_of_birth == date(1991, 3, 15)
    assert person.phone == "0905 123 456"
    assert person.employment_type == User.EmploymentType.CONG_CHUC
    assert person.is_leader is True
    assert person.unit == commune_b
    assert set(person.target_groups.all()) == set(groups)
    assert person.data_processing_consent_at is not None


def test_profile_form_accepts_the_iso_date_too(person_client, person):
    person_client.post(PROFILE_URL, profile_post(person, date_of_birth="1985-12-31"))

    person.refresh_from_db()
    assert person.date_of_birth == date(1985, 12, 31)


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("email", "not-an-address"),
        ("email", ""),
        ("date_of_birth", "31/02/1990"),
        ("date_of_birth", "1990/02/03"),
        ("full_name", ""),
    ],
)
def test_bad_input_is_refused_and_nothing_changes(person_client, person, field, value):
    before = snapshot(person)

    response = person_client.post(
        PROFILE_URL, profile_post(person, **{"phone": "0999 999 999", field: value})
    )

    assert response.status_code == 200
    assert field in response.context["form"].errors
    assert snapshot(person) == before


def test_bad_date_shows_a_message_next_to_the_field(person_client, person):
    response = person_client.post(
        PROFILE_URL, profile_post(person, date_of_birth="31/02/1990")
    )

    [error] = response.context["form"].errors.as_data()["date_of_birth"]
    assert error.code == "invalid"
    assert as_shown(error.message) in response.content.decode()


def test_email_of_another_account_is_refused_whatever_its_case(person_client, person):
    UserFactory(email="taken@example.test")
    before = snapshot(person)

    response = person_client.post(
        PROFILE_URL, profile_post(person, email="TAKEN@Example.test")
    )

    assert response.status_code == 200
    [error] = response.context["form"].errors.as_data()["email"]
    assert error.message == EMAIL_IN_USE
    assert as_shown(EMAIL_IN_USE) in response.content.decode()
    assert snapshot(person) == before


def test_keeping_ones_own_email_in_another_case_is_allowed(person_client, person):
    response = person_client.post(
        PROFILE_URL, profile_post(person, email="LAN@example.test")
    )

    assert response.status_code == 302
    person.refresh_from_db()
    assert person.email == "LAN@example.test"


def test_ethnicity_without_consent_is_refused_and_not_recorded(
    person_client, person, kinh
):
    before = snapshot(person)

    response = person_client.post(PROFILE_URL, profile_post(person, ethnicity=kinh.pk))

    assert response.status_code == 200
    [error] = response.context["form"].errors.as_data()["ethnicity"]
    assert error.message == ETHNICITY_NEEDS_CONSENT
    assert as_shown(ETHNICITY_NEEDS_CONSENT) in response.content.decode()
    assert snapshot(person) == before
    assert snapshot(person)["ethnicity"] is None


# --- Consents ------------------------------------------------------------------


def test_giving_ethnicity_consent_records_the_value_and_the_time(
    person_client, person, hre
):
    started = timezone.now()

    response = person_client.post(
        PROFILE_URL, profile_post(person, ethnicity=hre.pk, ethnicity_consent="on")
    )

    assert response.status_code == 302
    person.refresh_from_db()
    assert person.ethnicity == hre
    assert started <= person.ethnicity_consent_at <= timezone.now()


def test_saving_again_keeps_the_original_consent_time(person_client, consenting_person):
    given_at = consenting_person.ethnicity_consent_at

    person_client.post(
        PROFILE_URL, profile_post(consenting_person, phone="0912 000 111")
    )

    consenting_person.refresh_from_db()
    assert consenting_person.phone == "0912 000 111"
    assert consenting_person.ethnicity_consent_at == given_at


def test_withdrawing_consent_by_button_erases_ethnicity_and_consent_time(
    person_client, consenting_person
):
    response = person_client.post(reverse("people:withdraw_ethnicity_consent"))

    assert response.status_code == 302
    assert response.url == PROFILE_URL
    consenting_person.refresh_from_db()
    assert consenting_person.ethnicity is None
    assert consenting_person.ethnicity_consent_at is None


def test_withdrawing_consent_needs_a_post(person_client, consenting_person):
    response = person_client.get(reverse("people:withdraw_ethnicity_consent"))

    assert response.status_code == 405
    consenting_person.refresh_from_db()
    assert consenting_person.ethnicity is not None


def test_anonymous_withdrawal_is_sent_to_login_and_erases_nothing(
    client, consenting_person
):
    response = client.post(reverse("people:withdraw_ethnicity_consent"))

    assert response.status_code == 302
    assert reverse("people:login") in response.url
    consenting_person.refresh_from_db()
    assert consenting_person.ethnicity is not None


def test_withdrawal_touches_only_the_signed_in_person(
    person_client, consenting_person, hre
):
    other = UserFactory(ethnicity=hre, ethnicity_consent_at=timezone.now())

    person_client.post(reverse("people:withdraw_ethnicity_consent"))

    other.refresh_from_db()
    assert other.ethnicity == hre
    assert other.ethnicity_consent_at is not None


def test_unticking_consent_in_the_form_erases_ethnicity_and_consent_time(
    person_client, consenting_person
):
    # The list still shows the recorded ethnicity: only the box is unticked.
    data = profile_post(consenting_person)
    del data["ethnicity_consent"]
    assert data["ethnicity"]

    response = person_client.post(PROFILE_URL, data)

    assert response.status_code == 302
    consenting_person.refresh_from_db()
    assert consenting_person.ethnicity is None
    assert consenting_person.ethnicity_consent_at is None


def test_unticking_data_processing_consent_clears_its_time(person_client, person):
    person.data_processing_consent_at = timezone.now()
    person.save()
    data = profile_post(person)
    del data["data_processing_consent"]

    person_client.post(PROFILE_URL, data)

    person.refresh_from_db()
    assert person.data_processing_consent_at is None


def test_database_refuses_ethnicity_without_consent(person, kinh):
    with pytest.raises(IntegrityError), transaction.atomic():
        User.objects.filter(pk=person.pk).update(ethnicity=kinh)

    person.refresh_from_db()
    assert person.ethnicity is None
    assert "ethnicity_only_with_consent" in {c.name for c in User._meta.constraints}


# --- Cost ----------------------------------------------------------------------


def test_profile_page_runs_a_fixed_number_of_queries(
    person_client, person, django_assert_max_num_queries
):
    # Longer choice lists must not cost more queries.
    for number in range(5):
        OrganisationFactory(unit=make_unit(person.unit, name=f"Thôn {number}"))
        TargetGroupFactory()

    person_client.get(PROFILE_URL)  # the header's site settings are cached per host
    with django_assert_max_num_queries(9):
        response = person_client.get(PROFILE_URL)

    assert response.status_code == 200


def test_markup_in_the_name_and_position_is_refused_not_rewritten(
    person_client, person
):
    """What is stored is what was typed and shown: markup is refused, not stripped
    (stripping then unescaping was not idempotent; see test_person_text)."""
    before = snapshot(person)

    response = person_client.post(
        PROFILE_URL,
        profile_post(
            person,
            full_name='<script>alert("x")</script><b>Nguyễn</b> Thị Lan',
            position='<img src=x onerror="alert(1)">Cán bộ & thư ký',
        ),
    )

    assert response.status_code == 200
    errors = response.context["form"].errors
    assert errors["full_name"] == [str(TEXT_HAS_MARKUP)]
    assert errors["position"] == [str(TEXT_HAS_MARKUP)]
    assert snapshot(person) == before


def test_ampersand_and_spaces_in_a_position_are_kept_as_typed(person_client, person):
    response = person_client.post(
        PROFILE_URL, profile_post(person, position="  Cán bộ  & thư ký ")
    )

    assert response.status_code == 302
    person.refresh_from_db()
    assert person.position == "Cán bộ & thư ký"


def test_a_name_made_only_of_markup_is_refused(person_client, person):
    before = snapshot(person)

    response = person_client.post(
        PROFILE_URL, profile_post(person, full_name="<script>alert(1)</script>")
    )

    assert response.status_code == 200
    assert "full_name" in response.context["form"].errors
    assert snapshot(person) == before


def test_profile_offers_todays_units_and_keeps_a_dissolved_own_unit(
    person_client, person
):
    old_province = make_unit(
        name="Cũ", code="OLD1", unit_type="tinh", valid_to=date(2025, 6, 30)
    )
    dissolved = make_unit(
        old_province, name="Xã cũ", code="OLD2", valid_to=date(2025, 6, 30)
    )
    current = make_unit(
        name="Mới", code="NEW1", unit_type="tinh", valid_from=date(2025, 7, 1)
    )

    choices = set(
        person_client.get(PROFILE_URL).context["form"].fields["unit"].queryset
    )

    assert current in choices
    assert person.unit in choices
    assert dissolved not in choices

    person.unit = dissolved
    person.save()
    choices = set(
        person_client.get(PROFILE_URL).context["form"].fields["unit"].queryset
    )
    assert dissolved in choices


def test_profile_refuses_a_dissolved_unit_that_is_not_the_persons_own(
    person_client, person
):
    dissolved = make_unit(
        name="Huyện cũ", code="OLD3", unit_type="huyen", valid_to=date(2025, 6, 30)
    )
    before = snapshot(person)

    response = person_client.post(PROFILE_URL, profile_post(person, unit=dissolved.pk))

    assert response.status_code == 200
    assert "unit" in response.context["form"].errors
    assert snapshot(person) == before
