"""The figures against the counts made by hand in conftest.py."""

import pytest
from django.core.exceptions import PermissionDenied

from stats.selectors.dashboard import report_figures
from stats.selectors.online import completion_by_course, online_headline
from stats.selectors.population import population_trained
from stats.selectors.scope import StatsFilter, UnitMapping, figures_scope
from stats.selectors.training import (
    training_headline,
    turns_by_level,
    turns_by_target_group,
)
from stats.selectors.units import turns_by_unit

from .conftest import ALL_YEARS, YEAR_2026


def scope_for(user, period=ALL_YEARS, **filters):
    start, end = period
    return figures_scope(
        user=user, stats_filter=StatsFilter(start=start, end=end, **filters)
    )


def by_name(rows):
    return {
        row.unit.name: (row.figures["turns"], row.figures["people"]) for row in rows
    }


def test_headline_training_figures_match_the_hand_count(world):
    figures = training_headline(scope_for(world.administrator))
    assert figures["classes"] == 3
    assert figures["sessions"] == 4
    assert figures["class_hours"] == 14.0
    assert figures["participant_hours"] == 25.5
    assert (figures["turns"], figures["turns_women"], figures["turns_men"]) == (6, 4, 2)
    assert (figures["people"], figures["people_women"], figures["people_men"]) == (
        4,
        2,
        2,
    )


def test_ethnicity_counts_only_with_consent_and_leaders_by_sex(world):
    figures = training_headline(scope_for(world.administrator))
    assert figures["minority_turns"] == 2  # Lan, twice
    assert figures["minority_people"] == 1
    assert figures["minority_women"] == 1
    # Hoa's ethnicity is recorded without consent: not used, counted as unknown.
    assert figures["ethnicity_unknown"] == 2
    assert (figures["leaders_turns"], figures["leaders_women"]) == (2, 2)


def test_one_year_counts_only_its_classes(world):
    figures = training_headline(scope_for(world.administrator, YEAR_2026))
    assert figures["classes"] == 2
    assert (figures["turns"], figures["turns_women"], figures["turns_men"]) == (4, 3, 1)
    assert figures["people"] == 3


def test_units_as_they_were_then_keep_the_former_district(world):
    rows = by_name(turns_by_unit(scope_for(world.administrator)))
    assert rows == {
        "Tỉnh Quảng Ngãi (trước 2025)": (2, 2),
        "Huyện Sơn Tịnh": (2, 2),
        "Tỉnh Quảng Ngãi": (4, 3),
        "Xã Tịnh Khê": (3, 3),
        "Đặc khu Lý Sơn": (1, 1),
    }


def test_units_mapped_to_today_move_the_2022_class_to_its_successor(world):
    rows = by_name(
        turns_by_unit(scope_for(world.administrator, mapping=UnitMapping.TODAY))
    )
    # Lan's two classes are two turns and one person of Tịnh Khê.
    assert rows == {
        "Tỉnh Quảng Ngãi": (6, 4),
        "Xã Tịnh Khê": (5, 4),
        "Đặc khu Lý Sơn": (1, 1),
    }


def test_target_groups_and_levels(world):
    scope = scope_for(world.administrator)
    groups = {
        row["target_group_id"]: (row["turns"], row["people"])
        for row in turns_by_target_group(scope)
    }
    assert groups[world.committee.pk] == (3, 2)
    assert groups[world.teacher.pk] == (2, 1)
    levels = {row["level"]: row["turns"] for row in turns_by_level(scope)}
    assert levels == {"district": 2, "commune": 4}


def test_online_completion(world):
    scope = scope_for(world.administrator, YEAR_2026)
    figures = online_headline(scope)
    assert (figures["enrolments"], figures["completions"]) == (2, 1)
    assert figures["completion_rate"] == 50.0
    assert figures["days_to_complete"] == 10.0
    (course,) = completion_by_course(scope)
    assert course["course_id"] == world.course.pk
    assert (course["enrolments_women"], course["completions_women"]) == (2, 1)


def test_share_of_the_committee_trained_at_least_once(world):
    (row,) = population_trained(scope_for(world.administrator), year=2026)
    assert (row["unit"], row["target_group"]) == (world.tinh_khe, world.committee)
    assert (row["population"], row["trained"], row["share"]) == (8, 2, 25.0)


def test_a_unit_manager_sees_only_their_subtree(world):
    rows = by_name(turns_by_unit(scope_for(world.manager_ly_son)))
    assert rows == {"Đặc khu Lý Sơn": (1, 1)}
    figures = training_headline(scope_for(world.manager_ly_son))
    assert (figures["classes"], figures["turns"], figures["people"]) == (1, 1, 1)
    assert population_trained(scope_for(world.manager_ly_son), year=2026) == []


def test_a_unit_manager_sees_their_former_units_when_mapped_to_today(world):
    scope = scope_for(world.manager_tinh_khe, mapping=UnitMapping.TODAY)
    assert by_name(turns_by_unit(scope)) == {"Xã Tịnh Khê": (5, 4)}
    scope = scope_for(world.manager_tinh_khe)
    assert by_name(turns_by_unit(scope)) == {"Xã Tịnh Khê": (3, 3)}


def test_a_unit_manager_asking_for_another_unit_is_refused(world):
    with pytest.raises(PermissionDenied):
        scope_for(world.manager_ly_son, units=(world.tinh_khe.pk,))
    with pytest.raises(PermissionDenied):
        scope_for(world.manager_ly_son, units=(999999,))


def test_a_learner_has_no_figures(world):
    figures = training_headline(scope_for(world.lan))
    assert (figures["classes"], figures["turns"]) == (0, 0)


def test_report_figures_in_a_fixed_number_of_queries(
    world, django_assert_max_num_queries
):
    scope = scope_for(world.administrator, mapping=UnitMapping.TODAY)
    with django_assert_max_num_queries(32):
        figures = report_figures(scope)
    assert figures["training"]["turns"] == 6
    assert figures["by_unit"][0]["unit_name"] == "Tỉnh Quảng Ngãi"


def test_report_figures_are_plain_data_a_submission_can_freeze(world):
    import json

    figures = report_figures(scope_for(world.administrator, YEAR_2026))
    again = json.loads(json.dumps(figures))
    assert again == figures
    assert again["period"] == {
        "start": "2026-01-01",
        "end": "2026-12-31",
        "cutoff": None,
        "mapping": "then",
    }
    assert [row["month"] for row in again["by_month"]] == ["2026-03", "2026-04"]
    tinh_khe = next(r for r in again["by_unit"] if r["unit_name"] == "Xã Tịnh Khê")
    assert (tinh_khe["turns"], tinh_khe["people_women"]) == (3, 2)
    assert again["population"][0]["share"] == 25.0


def test_a_person_still_recorded_in_a_dissolved_commune_counts_in_its_successor(world):
    world.minh.unit = world.old_commune  # xã Tịnh Kỳ passed into xã Tịnh Khê
    world.minh.save()
    (row,) = population_trained(scope_for(world.administrator), year=2026)
    assert (row["trained"], row["share"]) == (2, 25.0)


def test_downloads_of_a_managers_units_only(world, home_page):
    from django.contrib.auth.models import AnonymousUser

    from content_pages.services import resource_download_record
    from tests.content_pages.library_builders import make_library, make_resource

    poster = make_resource(
        make_library(home_page), title="Áp phích", slug="ap-phich", levels=["thcs"]
    )
    poster_file = poster.files.get()
    resource_download_record(resource_file=poster_file, user=world.hoa)  # Lý Sơn
    resource_download_record(resource_file=poster_file, user=world.lan)  # Tịnh Khê
    resource_download_record(resource_file=poster_file, user=AnonymousUser())
    everyone = report_figures(scope_for(world.administrator, YEAR_2026))["downloads"]
    assert sum(row["downloads"] for row in everyone["by_unit"]) == 3
    assert [row["downloads"] for row in everyone["by_school_level"]] == [3]
    ly_son = report_figures(scope_for(world.manager_ly_son, YEAR_2026))["downloads"]
    assert ly_son["by_unit"] == [{"key": "Đặc khu Lý Sơn", "downloads": 1}]
    assert [row["downloads"] for row in ly_son["by_school_level"]] == [1]


def test_a_split_commune_counts_in_the_parent_of_its_successors_and_is_flagged(
    world,
):
    import datetime as dt

    from people.models import AdminUnitSuccession
    from tests.factories.training import (
        make_mark,
        make_participant,
        make_session,
        make_training_class,
    )
    from training.models import TrainingClass

    AdminUnitSuccession.objects.create(
        predecessor=world.old_commune,
        successor=world.ly_son,
        effective_date=dt.date(2025, 7, 1),
        is_partial=True,
    )
    k2023 = make_training_class(
        world.old_commune,
        code="K2023",
        starts_on=dt.date(2023, 5, 5),
        status=TrainingClass.Status.FINISHED,
    )
    make_mark(make_session(k2023), make_participant(k2023, world.tuan))
    rows = turns_by_unit(scope_for(world.administrator, mapping=UnitMapping.TODAY))
    assert {
        row.unit.name: (row.figures["turns"], row.includes_split) for row in rows
    } == {
        "Tỉnh Quảng Ngãi": (7, True),
        "Xã Tịnh Khê": (5, False),
        "Đặc khu Lý Sơn": (1, False),
    }


def test_filters_by_class_course_mode_and_target_group(world):
    from training.models import TrainingClass

    world.k2026b.course = world.course
    world.k2026b.mode = TrainingClass.Mode.ONLINE
    world.k2026b.save()
    by_class = training_headline(
        scope_for(world.administrator, class_id=world.k2026a.pk)
    )
    assert (by_class["classes"], by_class["turns"]) == (1, 3)
    by_course = scope_for(world.administrator, course_id=world.course.pk)
    assert training_headline(by_course)["turns"] == 1  # Hoa at K2026B
    assert report_figures(by_course)["certificates"]["certificates"] == 0
    online = training_headline(
        scope_for(world.administrator, mode=TrainingClass.Mode.ONLINE)
    )
    assert (online["classes"], online["turns"]) == (1, 1)
    committee = scope_for(world.administrator, target_group_id=world.committee.pk)
    assert training_headline(committee)["turns"] == 3  # Lan twice, Minh once
    assert (
        online_headline(
            scope_for(world.administrator, YEAR_2026, target_group_id=world.teacher.pk)
        )["enrolments"]
        == 1
    )


def test_quiz_figures_of_a_course_count_the_quizzes_its_lessons_place(world):
    import datetime as dt
    from decimal import Decimal

    from django.utils import timezone

    from assessments.models import Attempt
    from courses.models import LessonPage
    from stats.selectors.online import quiz_headline
    from tests.factories.assessments import make_quiz

    placed, elsewhere = make_quiz(title="Cuối bài"), make_quiz(title="Khác")
    lesson = LessonPage.objects.descendant_of(world.course).first()
    lesson.quiz = placed
    lesson.save()
    for quiz in (placed, elsewhere):
        Attempt.objects.create(
            quiz=quiz,
            learner=world.lan,
            number=1,
            state=Attempt.State.GRADED,
            graded_at=timezone.make_aware(dt.datetime(2026, 3, 1, 9)),
            score=Decimal(9),
            max_score=Decimal(10),
            passed=True,
        )
    everything = quiz_headline(scope_for(world.administrator, YEAR_2026))
    assert (everything["attempts"], everything["average_score"]) == (2, 90.0)
    course = quiz_headline(
        scope_for(world.administrator, YEAR_2026, course_id=world.course.pk)
    )
    assert (course["attempts"], course["passes_women"], course["pass_rate"]) == (
        1,
        1,
        100.0,
    )
