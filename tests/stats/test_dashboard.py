"""The statistics dashboard in the admin and the records behind its numbers,
against the small province counted by hand (tests/stats/conftest.py)."""

import re
from urllib.parse import parse_qs, urlparse

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse

from people.roles import Role
from stats.forms import (
    DATE_INVALID,
    DATES_REQUIRED,
    END_BEFORE_START,
)
from stats.models import ReportTemplate
from tests.factories import UserFactory

DASHBOARD = "stats:dashboard"
RECORDS = "stats:records"
ALL_YEARS = {"period": "custom", "start": "01/01/2022", "end": "31/12/2026"}


def dashboard(client, user, **params):
    client.force_login(user)
    return client.get(reverse(DASHBOARD), params)


def records(client, user, **params):
    client.force_login(user)
    return client.get(reverse(RECORDS), params)


def soup_of(response):
    return BeautifulSoup(response.content.decode(), "html.parser")


def text(node) -> str:
    return " ".join(node.get_text(" ").split())


def table_rows(soup, table_id):
    """{row heading: [cell texts]} of one of the page's tables."""
    table = soup.find("table", id=table_id)
    assert table is not None, f"no table #{table_id}"
    rows = {}
    for tr in table.tbody.find_all("tr"):
        heading = tr.find("th")
        if heading is None:
            continue
        for mark in heading.select(".w-sr-only, .stats-mark"):
            mark.decompose()
        rows[text(heading)] = [text(td) for td in tr.find_all("td")]
    return rows


def link_of(cell_soup):
    return cell_soup.find("a")["href"]


# --- The figures ------------------------------------------------------------------


def test_dashboard_shows_the_hand_counted_figures(client, world):
    response = dashboard(client, world.administrator, **ALL_YEARS)
    assert response.status_code == 200
    training = response.context["figures"]["training"]
    assert (training["turns"], training["turns_women"], training["turns_men"]) == (
        6,
        4,
        2,
    )
    assert (training["people"], training["people_women"], training["people_men"]) == (
        4,
        2,
        2,
    )
    soup = soup_of(response)
    card = text(soup.find(id="headline-training"))
    assert "Lượt người tham gia 6 Nữ 4 · Nam 2" in card
    assert "Số người được tập huấn 4 Nữ 2 · Nam 2" in card
    assert "Số lớp đã tổ chức 3" in card
    assert "Giờ-người 25,5" in card  # participant-hours, Vietnamese decimal
    online = soup.find(id="headline-online")
    assert "Tỷ lệ hoàn thành 50\xa0%" in online.get_text(" ")


def test_units_rolled_up_as_then_indented_by_depth(client, world):
    soup = soup_of(dashboard(client, world.administrator, **ALL_YEARS))
    rows = table_rows(soup, "table-units")
    # turns (total, women, men), people (total, women, men)
    assert rows == {
        str(world.old_province): ["2", "1", "1", "2", "1", "1"],
        str(world.district): ["2", "1", "1", "2", "1", "1"],
        str(world.province): ["4", "3", "1", "3", "2", "1"],
        str(world.tinh_khe): ["3", "2", "1", "3", "2", "1"],
        str(world.ly_son): ["1", "1", "0", "1", "1", "0"],
    }
    # Tree order: each unit right below the one above it, indented.
    headings = soup.find("table", id="table-units").tbody.find_all("th")
    order = [text(h) for h in headings]
    assert order.index(str(world.district)) == order.index(str(world.old_province)) + 1
    assert order.index(str(world.tinh_khe)) > order.index(str(world.province))
    indents = {text(h): h["class"] for h in headings}
    assert indents[str(world.province)] == ["stats-indent-0"]
    assert indents[str(world.district)] == ["stats-indent-1"]
    assert indents[str(world.ly_son)] == ["stats-indent-1"]


def test_units_mapped_to_today_move_the_2022_class_to_tinh_khe(client, world):
    soup = soup_of(dashboard(client, world.administrator, mapping="today", **ALL_YEARS))
    rows = table_rows(soup, "table-units")
    assert {name: cells[0] + "/" + cells[3] for name, cells in rows.items()} == {
        str(world.province): "6/4",
        str(world.tinh_khe): "5/4",
        str(world.ly_son): "1/1",
    }


def test_target_groups_are_named_and_split_by_sex(client, world):
    soup = soup_of(dashboard(client, world.administrator, **ALL_YEARS))
    rows = table_rows(soup, "table-groups")
    # Lan twice (2022, K2026A), Minh once (K2026B: excused, not a turn).
    assert rows[world.committee.name] == ["3", "2", "1", "2", "1", "1"]
    assert rows[world.teacher.name] == ["2", "2", "0", "1", "1", "0"]
    assert rows["Không thuộc nhóm đối tượng nào"] == ["1", "0", "1", "1", "0", "1"]


def test_months_levels_ages_and_courses(client, world):
    soup = soup_of(dashboard(client, world.administrator, **ALL_YEARS))
    months = table_rows(soup, "table-months")
    assert months == {
        "09/2022": ["2", "1", "1", "2", "1", "1"],
        "03/2026": ["3", "2", "1", "3", "2", "1"],
        "04/2026": ["1", "1", "0", "1", "1", "0"],
    }
    levels = table_rows(soup, "table-levels")
    assert levels["Cấp huyện (đến 30/6/2025)"][0] == "2"
    assert levels["Cấp xã"][0] == "4"
    ages = table_rows(soup, "table-ages")
    # On 31/12/2026: Lan 46 (two turns), Minh 56, Hoa 31 (two turns), Tuấn unknown.
    assert ages["Từ 40 đến 49 tuổi"][0] == "2"
    assert ages["Từ 50 đến 59 tuổi"][0] == "1"
    assert ages["Từ 30 đến 39 tuổi"][0] == "2"
    assert ages["Chưa ghi ngày sinh"][0] == "1"
    courses = table_rows(soup, "table-courses")
    # 2022-2026: Lan and Hoa enrolled in 2026 (Minh in 2021, outside); Lan completed.
    assert courses["Luật Bình đẳng giới"] == [
        "2",
        "2",
        "0",
        "1",
        "1",
        "0",
        "50 %",
        "10",
    ]


def test_this_year_is_the_default_period(client, world, settings):
    response = dashboard(client, world.administrator)
    assert response.status_code == 200
    period = response.context["period"]
    assert (period.start.month, period.start.day) == (1, 1)
    assert (period.end.month, period.end.day) == (12, 31)
    assert period.start.year == period.end.year


def test_report_template_period_is_a_preset_with_its_cutoff(client, world):
    template = ReportTemplate.objects.create(
        name="Báo cáo năm (thử)",
        slug="bao-cao-nam-thu",
        recipient="Sở Nội vụ",
        period_start_month=12,
        period_start_day=1,
        starts_in_previous_year=True,
        period_end_month=11,
        period_end_day=30,
        cutoff_month=3,
        cutoff_day=31,
        due_month=11,
        due_day=30,
        first_year=2020,
    )
    response = dashboard(client, world.administrator)
    year = response.context["period"].end.year
    choices = dict(response.context["form"].fields["period"].choices)
    assert f"t{template.pk}-{year}" in choices
    assert f"t{template.pk}-{year - 1}" in choices
    # 1/12 of the year before to 30/11, cut off on 31/3: K2026A (10/3) only.
    response = dashboard(client, world.administrator, period=f"t{template.pk}-2026")
    period = response.context["period"]
    assert (str(period.start), str(period.end), str(period.cutoff)) == (
        "2025-12-01",
        "2026-11-30",
        "2026-03-31",
    )
    assert response.context["figures"]["training"]["turns"] == 3


def test_numbers_are_printed_the_vietnamese_way():
    from django.utils import translation

    from stats.templatetags.stats_dashboard import format_number, percent

    with translation.override("vi"):
        assert format_number(1234567) == "1.234.567"
        assert format_number(25.5) == "25,5"
        assert format_number(14.0) == "14"
        assert percent(25.5) == "25,5\xa0%"
        assert format_number(None) == "—"
    with translation.override("en"):
        assert format_number(1234.5) == "1,234.5"


# --- Charts -----------------------------------------------------------------------


def test_each_chart_is_an_svg_described_by_its_table(client, world):
    soup = soup_of(dashboard(client, world.administrator, **ALL_YEARS))
    for chart_id, table_id in (
        ("chart-units", "table-units"),
        ("chart-groups", "table-groups"),
        ("chart-months", "table-months"),
    ):
        svg = soup.find("svg", id=chart_id)
        assert svg is not None
        assert svg["role"] == "img"
        assert svg["aria-describedby"] == table_id
        assert soup.find("table", id=table_id) is not None
        title = svg.find("title")
        assert title is not None
        assert svg["aria-labelledby"] == title["id"]
    units = soup.find("svg", id="chart-units")
    # One bar segment per sex with turns: Lý Sơn's row has no man.
    assert len(units.find_all("rect", attrs={"fill": "#a3195b"})) >= 5
    assert str(world.tinh_khe) in text(units)
    assert "<script" not in str(units)


def test_no_script_or_stylesheet_from_another_host(client, world):
    soup = soup_of(dashboard(client, world.administrator, **ALL_YEARS))
    loaded = [tag.get("src") for tag in soup.find_all(["script", "img"])]
    loaded += [tag.get("href") for tag in soup.find_all("link")]
    assert loaded
    for url in filter(None, loaded):
        assert not re.match(r"^(https?:)?//", url), url


def test_chart_labels_are_escaped(world):
    from stats.charts import Bar, sex_bar_chart

    svg = sex_bar_chart(
        [Bar("<script>alert(1)</script>", 1, 1)],
        title="t",
        chart_id="c",
        table_id="t",
    )
    assert "<script>" not in svg
    assert "&lt;script&gt;" in svg


# --- Bad input --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("params", "message"),
    [
        (
            {"period": "custom", "start": "31/12/2026", "end": "01/01/2026"},
            END_BEFORE_START,
        ),
        ({"period": "custom", "start": "hôm qua", "end": "01/01/2026"}, DATE_INVALID),
        (
            {"period": "custom", "start": "31/02/2026", "end": "01/03/2026"},
            DATE_INVALID,
        ),
        ({"period": "custom", "start": "01/01/2026"}, DATES_REQUIRED),
    ],
)
def test_bad_dates_give_a_vietnamese_message_and_no_figures(
    client, world, params, message
):
    response = dashboard(client, world.administrator, **params)
    assert response.status_code == 200
    assert "figures" not in response.context
    html = response.content.decode()
    from django.utils import translation

    with translation.override("vi"):
        assert str(message) in html
    assert 'id="headline-training"' not in html


def test_vietnamese_messages_are_translated():
    from django.utils import translation

    with translation.override("vi"):
        assert str(END_BEFORE_START) == "Ngày kết thúc trước ngày bắt đầu."
        assert "dd/mm/yyyy" in str(DATE_INVALID)
        assert str(DATE_INVALID) != "Enter a date as dd/mm/yyyy, e.g. 31/12/2026."


def test_garbage_filters_are_form_errors_not_500(client, world):
    for params in (
        {"period": "t999-2026"},
        {"unit": "abc"},
        {"unit": "999999"},
        {"mapping": "sometime"},
        {"course": "x"},
        {"training_class": "999999"},
        {"target_group": "-1"},
        {"mode": "by-pigeon"},
        {"period": "custom", "start": "01/01/0001", "end": "01/01/2026"},
    ):
        response = dashboard(client, world.administrator, **params)
        assert response.status_code == 200, params
        assert "figures" not in response.context, params


# --- Who may see what -------------------------------------------------------------


@pytest.mark.parametrize("who", ["lan", "trainer"])
def test_learners_and_trainers_are_refused(client, world, who):
    user = (
        world.lan
        if who == "lan"
        else UserFactory(username="gv", unit=world.province, roles=[Role.TRAINER])
    )
    for view in (DASHBOARD, RECORDS):
        client.force_login(user)
        response = client.get(reverse(view), {**ALL_YEARS, "kind": "turns"})
        assert response.status_code in (302, 403), view
        assert "Phạm Thị Lan" not in response.content.decode()


def test_manager_sees_only_their_subtree(client, world):
    response = dashboard(client, world.manager_ly_son, **ALL_YEARS)
    assert response.status_code == 200
    soup = soup_of(response)
    rows = table_rows(soup, "table-units")
    assert list(rows) == [str(world.ly_son)]
    assert "Tịnh Khê" not in text(soup.find("main"))
    training = response.context["figures"]["training"]
    assert (training["turns"], training["people"]) == (1, 1)  # Hoa in K2026B
    units = [str(u) for u in response.context["form"].fields["unit"].queryset]
    assert all("Tịnh Khê" not in name for name in units)


def test_manager_asking_for_a_unit_outside_their_subtree_is_refused(client, world):
    response = dashboard(
        client, world.manager_ly_son, unit=world.tinh_khe.pk, **ALL_YEARS
    )
    assert response.status_code in (200, 403)
    if response.status_code == 200:
        assert "figures" not in response.context
        assert response.context["form"].errors["unit"]
    assert "Phạm Thị Lan" not in response.content.decode()


def test_menu_item_only_with_the_permission(client, world):
    client.force_login(world.manager_ly_son)
    html = client.get(reverse("wagtailadmin_home")).content.decode()
    assert reverse(DASHBOARD) in html
    teacher = UserFactory(username="gv2", unit=world.province, roles=[Role.TRAINER])
    client.force_login(teacher)
    html = client.get(reverse("wagtailadmin_home")).content.decode()
    assert reverse(DASHBOARD) not in html


# --- The records behind a number --------------------------------------------------


def names_listed(response) -> list[str]:
    table = soup_of(response).find("table", id="records")
    if table is None:
        return []
    return [text(tr.find("th")) for tr in table.tbody.find_all("tr")]


def test_every_headline_number_links_to_its_records(client, world):
    soup = soup_of(dashboard(client, world.administrator, **ALL_YEARS))
    card = soup.find(id="headline-training")
    turns_link = card.find("a", string="6")
    response = client.get(turns_link["href"])
    assert response.status_code == 200
    assert sorted(names_listed(response)) == sorted(
        [
            "Phạm Thị Lan",
            "Trần Văn Minh",  # K2022
            "Phạm Thị Lan",
            "Đinh Thị Hoa",
            "Lê Văn Tuấn",  # K2026A
            "Đinh Thị Hoa",  # K2026B
        ]
    )
    assert response.context["people"] == 4
    women = client.get(card.find("a", string="4")["href"])
    assert sorted(set(names_listed(women))) == ["Phạm Thị Lan", "Đinh Thị Hoa"]


def test_unit_row_records_as_then_and_mapped_to_today(client, world):
    soup = soup_of(dashboard(client, world.administrator, **ALL_YEARS))
    row = soup.find("th", string=re.compile(str(world.tinh_khe))).parent
    response = client.get(link_of(row.find_all("td")[0]))
    assert sorted(names_listed(response)) == [
        "Lê Văn Tuấn",
        "Phạm Thị Lan",
        "Đinh Thị Hoa",
    ]
    soup = soup_of(dashboard(client, world.administrator, mapping="today", **ALL_YEARS))
    row = soup.find("th", string=re.compile(str(world.tinh_khe))).parent
    women = client.get(link_of(row.find_all("td")[1]))
    # Mapped to today: Lan's 2022 turn (huyện Sơn Tịnh) counts for Tịnh Khê too.
    assert sorted(names_listed(women)) == [
        "Phạm Thị Lan",
        "Phạm Thị Lan",
        "Đinh Thị Hoa",
    ]
    assert len(names_listed(client.get(link_of(row.find_all("td")[0])))) == 5


def test_group_month_and_course_cells_list_their_records(client, world):
    soup = soup_of(dashboard(client, world.administrator, **ALL_YEARS))
    row = (
        soup.find("table", id="table-groups")
        .find("th", string=world.teacher.name)
        .parent
    )
    assert names_listed(client.get(link_of(row.find_all("td")[0]))) == [
        "Đinh Thị Hoa",
        "Đinh Thị Hoa",
    ]
    row = (
        soup.find("table", id="table-groups")
        .find("th", string="Không thuộc nhóm đối tượng nào")
        .parent
    )
    assert names_listed(client.get(link_of(row.find_all("td")[0]))) == ["Lê Văn Tuấn"]
    row = soup.find("table", id="table-months").find("th", string="09/2022").parent
    men = client.get(link_of(row.find_all("td")[2]))
    assert names_listed(men) == ["Trần Văn Minh"]
    row = soup.find("table", id="table-courses").tbody.find("th").parent
    completions = client.get(link_of(row.find_all("td")[3]))
    assert names_listed(completions) == ["Phạm Thị Lan"]


def test_records_list_shows_person_sex_unit_class_and_date(client, world):
    response = records(
        client, world.administrator, kind="turns", sex="nam", **ALL_YEARS
    )
    table = soup_of(response).find("table", id="records")
    first = [text(c) for c in table.tbody.find("tr").find_all(["th", "td"])]
    assert first == [
        "Trần Văn Minh",
        "Nam",
        str(world.tinh_khe),
        f"K2022 – {world.k2022.title}",
        str(world.district),
        "10/09/2022",
    ]


def test_manager_records_are_scoped_and_other_units_refused(client, world):
    response = records(client, world.manager_ly_son, kind="turns", **ALL_YEARS)
    assert response.status_code == 200
    assert names_listed(response) == ["Đinh Thị Hoa"]
    refused = records(
        client,
        world.manager_ly_son,
        kind="turns",
        unit=world.tinh_khe.pk,
        row="unit",
        **ALL_YEARS,
    )
    # Refused: 403, or the admin's redirect home with its message.
    assert refused.status_code in (302, 403)
    assert "Phạm Thị Lan" not in refused.content.decode()
    refused = records(
        client,
        world.manager_ly_son,
        kind="enrolments",
        unit=world.tinh_khe.pk,
        **ALL_YEARS,
    )
    assert refused.status_code in (302, 403)
    assert "Phạm Thị Lan" not in refused.content.decode()


def test_records_with_a_bad_link_say_so(client, world):
    for params in ({"kind": "secrets"}, {"kind": "turns", "month": "2026-13"}):
        response = records(client, world.administrator, **params, **ALL_YEARS)
        assert response.status_code == 200
        assert "Phạm Thị Lan" not in response.content.decode()
        assert response.context["invalid"]


def test_records_are_paginated_fifty_a_page(client, world):
    from tests.factories.training import make_mark, make_participant, make_session

    session = world.k2026a.sessions.first()
    for n in range(55):
        person = UserFactory(
            username=f"extra{n}",
            full_name=f"Người {n:02d}",
            sex="nu",
            unit=world.ly_son,
        )
        make_mark(session, make_participant(world.k2026a, person), "present")
    first = records(client, world.administrator, kind="turns", **ALL_YEARS)
    assert len(names_listed(first)) == 50
    assert first.context["page_obj"].paginator.count == 61
    second = records(client, world.administrator, kind="turns", p=2, **ALL_YEARS)
    assert len(names_listed(second)) == 11
    assert make_session  # the factory module stays the one the world uses


def test_drill_down_links_keep_the_filters(client, world):
    soup = soup_of(dashboard(client, world.administrator, mapping="today", **ALL_YEARS))
    href = soup.find(id="headline-training").find("a")["href"]
    query = parse_qs(urlparse(href).query)
    assert query["mapping"] == ["today"]
    assert query["start"] == ["01/01/2022"]
    assert query["kind"] == ["turns"]


# --- Query counts -----------------------------------------------------------------

# Measured on this fixture: 46 queries for the administrator's page (session and
# permissions, the admin menu, the filter lists, report_figures' aggregates), 49
# mapped to today's units (the successions looked up), 57 for a unit manager (the
# access contract's subtree). The bound leaves a little room, and it must not
# move when the province has more classes, people and units.
DASHBOARD_QUERY_BOUND = 60
MANAGER_DASHBOARD_QUERY_BOUND = 65
# Measured: 16 (the page, a count, the distinct people, the filters' scope).
RECORDS_QUERY_BOUND = 20


def more_of_everything(world):
    """Another commune with a class of 30 people: more rows, same queries."""
    from tests.factories.people import make_unit
    from tests.factories.training import (
        make_mark,
        make_participant,
        make_session,
        make_training_class,
    )
    from training.models import TrainingClass

    commune = make_unit(world.province, name="Xã Bình Minh", code="S25003")
    klass = make_training_class(
        commune,
        code="K2026C",
        starts_on=world.k2026a.starts_on,
        status=TrainingClass.Status.FINISHED,
    )
    session = make_session(klass)
    for n in range(30):
        person = UserFactory(
            username=f"bm{n}", sex="nu" if n % 2 else "nam", unit=commune
        )
        person.target_groups.set([world.committee, world.teacher])
        make_mark(session, make_participant(klass, person), "present")


@pytest.mark.parametrize("mapping", ["then", "today"])
def test_dashboard_query_count_is_fixed(
    client, world, mapping, django_assert_max_num_queries
):
    client.force_login(world.administrator)
    params = {**ALL_YEARS, "mapping": mapping}
    with django_assert_max_num_queries(DASHBOARD_QUERY_BOUND):
        assert client.get(reverse(DASHBOARD), params).status_code == 200
    more_of_everything(world)
    with django_assert_max_num_queries(DASHBOARD_QUERY_BOUND):
        response = client.get(reverse(DASHBOARD), params)
    assert response.context["figures"]["training"]["turns"] == 36


def test_manager_dashboard_query_count_is_fixed(
    client, world, django_assert_max_num_queries
):
    client.force_login(world.manager_ly_son)
    with django_assert_max_num_queries(MANAGER_DASHBOARD_QUERY_BOUND):
        assert client.get(reverse(DASHBOARD), ALL_YEARS).status_code == 200


def test_records_query_count_does_not_grow_with_the_list(
    client, world, django_assert_max_num_queries
):
    client.force_login(world.administrator)
    params = {**ALL_YEARS, "kind": "turns"}
    with django_assert_max_num_queries(RECORDS_QUERY_BOUND):
        client.get(reverse(RECORDS), params)
    more_of_everything(world)
    with django_assert_max_num_queries(RECORDS_QUERY_BOUND):
        response = client.get(reverse(RECORDS), params)
    assert len(names_listed(response)) == 36


def test_school_resource_downloads_by_level_and_unit(client, world, home_page):
    from django.contrib.auth.models import AnonymousUser

    from content_pages.services import resource_download_record
    from tests.content_pages.library_builders import make_library, make_resource

    poster = make_resource(
        make_library(home_page), title="Áp phích", slug="ap-phich", levels=["thcs"]
    )
    poster_file = poster.files.get()
    for person in (world.hoa, world.lan, AnonymousUser()):
        resource_download_record(resource_file=poster_file, user=person)
    period = {"period": "custom", "start": "01/01/2022", "end": "31/12/2099"}
    soup = soup_of(dashboard(client, world.administrator, **period))
    assert list(table_rows(soup, "table-downloads-unit").values()) == [
        ["1"],
        ["1"],
        ["1"],
    ]
    assert "(không đăng nhập)" in table_rows(soup, "table-downloads-unit")
    assert list(table_rows(soup, "table-downloads-school-level").values()) == [["3"]]
    soup = soup_of(dashboard(client, world.manager_ly_son, **period))
    assert table_rows(soup, "table-downloads-unit") == {"Đặc khu Lý Sơn": ["1"]}
