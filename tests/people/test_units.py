"""Versioned administrative units: reporting "as then" and "mapped to today", and
the admin form that places units in the tree."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.db.models import Count, Q
from django.urls import reverse
from django.utils.html import escape
from django.utils.translation import override

from people.models import (
    UNIT_VALID_TO_BEFORE_VALID_FROM,
    AdminUnit,
    AdminUnitSuccession,
    User,
)
from people.selectors import (
    unit_ancestors_and_self,
    unit_subtree_q,
    unit_successors_on,
)
from tests.factories import UserFactory, make_unit

pytestmark = pytest.mark.django_db

U = AdminUnit.UnitType
OLD = {"valid_from": date(2020, 2, 1), "valid_to": date(2025, 6, 30)}
NEW = {"valid_from": date(2025, 7, 1)}
REFORM = date(2025, 7, 1)


def as_shown(message, language="vi"):
    with override(language):
        return escape(str(message))


@pytest.fixture
def reform():
    """Two 2022 districts with communes, merged into 2025 communes on 1/7/2025.

    Tịnh Kỳ and Tịnh Châu became Tịnh Khê; Tịnh Long was split between Tịnh Khê
    and An Phú; Nghĩa Hà (another district) became An Phú.
    """
    province = make_unit(name="Quảng Ngãi", code="51", unit_type=U.PROVINCE, **OLD)
    city = make_unit(
        province, name="TP Quảng Ngãi", code="522", unit_type=U.PROVINCIAL_CITY, **OLD
    )
    district = make_unit(
        province, name="Tư Nghĩa", code="528", unit_type=U.DISTRICT, **OLD
    )
    tinh_ky = make_unit(city, name="Tịnh Kỳ", code="52201", **OLD)
    tinh_chau = make_unit(city, name="Tịnh Châu", code="52202", **OLD)
    tinh_long = make_unit(city, name="Tịnh Long", code="52203", **OLD)
    nghia_ha = make_unit(district, name="Nghĩa Hà", code="52801", **OLD)
    new_province = make_unit(
        name="Quảng Ngãi (2025)", code="N-QNG", unit_type=U.PROVINCE, **NEW
    )
    tinh_khe = make_unit(new_province, name="Tịnh Khê", code="N-TINHKHE", **NEW)
    an_phu = make_unit(new_province, name="An Phú", code="N-ANPHU", **NEW)
    for predecessor, successor, partial in [
        (tinh_ky, tinh_khe, False),
        (tinh_chau, tinh_khe, False),
        (tinh_long, tinh_khe, True),
        (tinh_long, an_phu, True),
        (nghia_ha, an_phu, False),
        (province, new_province, False),
    ]:
        AdminUnitSuccession.objects.create(
            predecessor=predecessor,
            successor=successor,
            effective_date=REFORM,
            is_partial=partial,
        )
    return {
        unit.code: AdminUnit.objects.get(pk=unit.pk)
        for unit in [
            province,
            city,
            district,
            tinh_ky,
            tinh_chau,
            tinh_long,
            nghia_ha,
            new_province,
            tinh_khe,
            an_phu,
        ]
    }


# --- "As then" and "mapped to today" -------------------------------------------


def test_a_2022_record_still_reports_under_its_former_district(reform):
    learner = UserFactory(unit=reform["52201"])

    chain = unit_ancestors_and_self(unit=learner.unit)

    assert chain == [reform["51"], reform["522"], reform["52201"]]


def test_a_former_commune_maps_to_its_2025_successor(reform):
    assert unit_successors_on(unit=reform["52201"], on=date(2026, 1, 1)) == [
        reform["N-TINHKHE"]
    ]


def test_a_split_commune_maps_to_every_successor(reform):
    assert unit_successors_on(unit=reform["52203"], on=date(2026, 1, 1)) == [
        reform["N-ANPHU"],
        reform["N-TINHKHE"],
    ]


def test_a_former_district_maps_to_the_union_of_its_communes_successors(reform):
    assert unit_successors_on(unit=reform["522"], on=date(2026, 1, 1)) == [
        reform["N-ANPHU"],
        reform["N-TINHKHE"],
    ]
    assert unit_successors_on(unit=reform["528"], on=date(2026, 1, 1)) == [
        reform["N-ANPHU"]
    ]


def test_a_unit_still_valid_on_the_day_maps_to_itself(reform):
    assert unit_successors_on(unit=reform["52201"], on=date(2024, 12, 31)) == [
        reform["52201"]
    ]
    assert unit_successors_on(unit=reform["N-ANPHU"], on=date(2026, 1, 1)) == [
        reform["N-ANPHU"]
    ]


def test_a_succession_not_yet_in_force_is_not_followed(reform):
    AdminUnitSuccession.objects.filter(predecessor=reform["52201"]).update(
        effective_date=date(2027, 1, 1)
    )

    assert unit_successors_on(unit=reform["52201"], on=date(2026, 1, 1)) == []


def test_a_dissolved_unit_with_no_successor_maps_to_nothing(reform):
    gone = make_unit(reform["528"], name="Xã Đã Giải Thể", code="52899", **OLD)

    assert unit_successors_on(unit=gone, on=date(2026, 1, 1)) == []


def test_counting_people_per_district_as_then(reform, django_assert_num_queries):
    for code in ["52201", "52201", "52202", "52203"]:
        UserFactory(unit=reform[code])
    UserFactory(unit=reform["522"])  # at the city itself
    UserFactory(unit=reform["52801"])
    UserFactory(unit=reform["N-TINHKHE"])  # a 2025 record: no 2022 district
    districts = [reform["522"], reform["528"]]

    with django_assert_num_queries(1):
        counts = User.objects.aggregate(
            **{
                f"district_{district.code}": Count(
                    "pk", filter=Q(unit__path__startswith=district.path)
                )
                for district in districts
            }
        )

    assert counts == {"district_522": 5, "district_528": 1}
    assert (
        User.objects.filter(unit_subtree_q([reform["522"]], prefix="unit__")).count()
        == 5
    )


def test_counting_people_mapped_to_todays_units(reform):
    for code in ["52201", "52202", "52801", "N-ANPHU"]:
        UserFactory(unit=reform[code])
    today = date(2026, 1, 1)

    per_unit = {}
    for user in User.objects.select_related("unit"):
        for unit in unit_successors_on(unit=user.unit, on=today):
            per_unit[unit.code] = per_unit.get(unit.code, 0) + 1

    assert per_unit == {"N-TINHKHE": 2, "N-ANPHU": 2}


# --- The admin form ---------------------------------------------------------------


@pytest.fixture
def admin_client(client, administrator):
    client.force_login(administrator)
    return client


def unit_form(**changes):
    data = {
        "name": "Bình Thuận",
        "unit_type": U.COMMUNE,
        "code": "52402",
        "valid_from": "01/02/2020",
        "valid_to": "30/06/2025",
        "legal_basis": "NQ 867/NQ-UBTVQH14",
        "parent": "",
    }
    data.update(changes)
    return data


def tree_snapshot():
    return list(
        AdminUnit.objects.order_by("pk").values_list("pk", "path", "name", "code")
    )


def test_admin_creates_a_unit_under_its_parent(admin_client, district_a):
    response = admin_client.post(
        reverse("adminunit:add"), unit_form(code="NEW1", parent=district_a.pk)
    )

    assert response.status_code == 302
    unit = AdminUnit.objects.get(code="NEW1")
    assert unit.get_parent() == district_a
    assert unit.depth == district_a.depth + 1
    assert unit.valid_from == date(2020, 2, 1)
    assert unit.valid_to == date(2025, 6, 30)
    district_a.refresh_from_db()
    assert district_a.numchild == 1


def test_admin_creates_a_top_level_unit_without_parent(admin_client, province):
    response = admin_client.post(
        reverse("adminunit:add"),
        unit_form(code="62", name="Kon Tum", unit_type=U.PROVINCE),
    )

    assert response.status_code == 302
    unit = AdminUnit.objects.get(code="62")
    assert unit.is_root()


def test_moving_a_unit_takes_its_subtree_along(
    admin_client, district_a, commune_a, district_b
):
    village = make_unit(commune_a, name="Thôn 1", code="V1", unit_type=U.COMMUNE)

    response = admin_client.post(
        reverse("adminunit:edit", args=[commune_a.pk]),
        unit_form(name=commune_a.name, code=commune_a.code, parent=district_b.pk),
    )

    assert response.status_code == 302
    commune_a.refresh_from_db()
    village.refresh_from_db()
    assert commune_a.get_parent() == district_b
    assert commune_a.path.startswith(district_b.path)
    assert village.get_parent() == commune_a
    assert village.path.startswith(commune_a.path)
    assert district_a.get_children().count() == 0


def test_a_unit_cannot_be_moved_under_its_own_subtree(
    admin_client, district_a, commune_a
):
    before = tree_snapshot()

    response = admin_client.post(
        reverse("adminunit:edit", args=[district_a.pk]),
        unit_form(name=district_a.name, code=district_a.code, parent=commune_a.pk),
    )

    assert response.status_code == 200
    assert "parent" in response.context["form"].errors
    assert tree_snapshot() == before


def test_a_duplicate_code_is_refused_with_a_message(
    admin_client, district_a, commune_a
):
    before = tree_snapshot()

    response = admin_client.post(
        reverse("adminunit:add"), unit_form(code=commune_a.code, parent=district_a.pk)
    )

    assert response.status_code == 200
    [error] = response.context["form"].errors.as_data()["code"]
    assert error.code == "unique"
    assert as_shown(error.message % error.params) in response.content.decode()
    assert tree_snapshot() == before


def test_valid_to_before_valid_from_is_refused_with_a_message(admin_client, district_a):
    before = tree_snapshot()

    response = admin_client.post(
        reverse("adminunit:add"),
        unit_form(
            code="NEW2",
            parent=district_a.pk,
            valid_from="01/07/2025",
            valid_to="30/06/2025",
        ),
    )

    assert response.status_code == 200
    [error] = response.context["form"].errors.as_data()["valid_to"]
    assert error.message == UNIT_VALID_TO_BEFORE_VALID_FROM
    assert as_shown(UNIT_VALID_TO_BEFORE_VALID_FROM) in response.content.decode()
    assert tree_snapshot() == before


def test_editing_dates_into_the_wrong_order_changes_nothing(
    admin_client, district_a, commune_a
):
    before = tree_snapshot()

    response = admin_client.post(
        reverse("adminunit:edit", args=[commune_a.pk]),
        unit_form(
            name="Tên Mới",
            code=commune_a.code,
            parent=district_a.pk,
            valid_from="01/07/2025",
            valid_to="01/01/2025",
        ),
    )

    assert response.status_code == 200
    assert "valid_to" in response.context["form"].errors
    assert tree_snapshot() == before


def test_model_clean_refuses_valid_to_before_valid_from():
    unit = AdminUnit(
        name="X",
        code="X1",
        unit_type=U.COMMUNE,
        valid_from=date(2025, 7, 1),
        valid_to=date(2025, 6, 30),
    )

    with pytest.raises(ValidationError) as raised:
        unit.clean()

    assert raised.value.message_dict["valid_to"] == [
        str(UNIT_VALID_TO_BEFORE_VALID_FROM)
    ]


def test_unit_manager_cannot_create_units(client, unit_manager, district_a):
    client.force_login(unit_manager)
    before = tree_snapshot()

    page = client.get(reverse("adminunit:add"))
    posted = client.post(
        reverse("adminunit:add"), unit_form(code="NEW3", parent=district_a.pk)
    )

    # Wagtail answers a denied admin page with a redirect to the dashboard.
    for response in (page, posted):
        assert response.status_code == 302
        assert response.url == reverse("wagtailadmin_home")
    assert tree_snapshot() == before


def test_unit_manager_cannot_edit_or_move_units(
    client, unit_manager, district_a, commune_a, district_b
):
    client.force_login(unit_manager)
    before = tree_snapshot()

    response = client.post(
        reverse("adminunit:edit", args=[commune_a.pk]),
        unit_form(name="Đổi", code=commune_a.code, parent=district_b.pk),
    )

    assert response.status_code == 302
    assert response.url == reverse("wagtailadmin_home")
    assert tree_snapshot() == before


def test_learner_cannot_reach_the_unit_admin(learner_client):
    before = tree_snapshot()

    response = learner_client.post(reverse("adminunit:add"), unit_form(code="NEW4"))

    assert response.status_code == 302
    assert reverse("wagtailadmin_login") in response.url
    assert tree_snapshot() == before


def test_units_cannot_be_copied_over_the_original(admin_client, commune_a, district_a):
    before = tree_snapshot()

    response = admin_client.post(
        f"/admin/people/units/copy/{commune_a.pk}/",
        unit_form(name="Bản sao", code="COPY1", parent=district_a.pk),
    )

    assert response.status_code == 404
    assert tree_snapshot() == before
