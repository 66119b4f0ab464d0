"""The records behind the dashboard's other cells: level, age, employment,
leaders, classes, enrolments, quiz attempts and certificates (conftest.py)."""

import datetime as dt
from decimal import Decimal

import pytest
from django.utils import timezone

from assessments.models import Attempt
from stats.suppression import suppress_row
from tests.factories.assessments import make_quiz
from tests.factories.certificates import make_certificate, make_rule

from .test_dashboard import ALL_YEARS, names_listed, records, soup_of, text


def test_turns_by_level_age_employment_and_leaders(client, world):
    admin = world.administrator

    def listed(**cell):
        response = records(client, admin, kind="turns", **cell, **ALL_YEARS)
        assert response.status_code == 200
        return names_listed(response)

    assert sorted(listed(level="district")) == ["Phạm Thị Lan", "Trần Văn Minh"]
    assert len(listed(level="commune")) == 4
    # Ages on 31/12/2026: Lan 46, Minh 56, Hoa 31, Tuấn unknown.
    assert listed(age="40_49") == ["Phạm Thị Lan", "Phạm Thị Lan"]
    assert listed(age="30_39") == ["Đinh Thị Hoa", "Đinh Thị Hoa"]
    assert listed(age="unknown") == ["Lê Văn Tuấn"]
    assert len(listed(employment="none")) == 6  # nobody's employment recorded
    assert listed(employment="can_bo") == []
    assert listed(leaders="on") == ["Phạm Thị Lan", "Phạm Thị Lan"]


def test_classes_and_enrolments_behind_their_counts(client, world):
    response = records(client, world.administrator, kind="classes", **ALL_YEARS)
    assert response.status_code == 200
    table = soup_of(response).find("table", id="records")
    assert len(table.tbody.find_all("tr")) == 3
    period = {"period": "custom", "start": "01/01/2026", "end": "31/12/2026"}
    enrolled = records(
        client, world.administrator, kind="enrolments", sex="nu", **period
    )
    assert names_listed(enrolled) == ["Phạm Thị Lan", "Đinh Thị Hoa"]


@pytest.fixture
def graded(world):
    quiz = make_quiz(title="Kiểm tra cuối khóa")
    graded_at = timezone.make_aware(dt.datetime(2026, 3, 1, 9, 0))
    for number, (learner, score, passed) in enumerate(
        ((world.lan, 8, True), (world.minh, 3, False)), start=1
    ):
        Attempt.objects.create(
            quiz=quiz,
            learner=learner,
            number=number,
            state=Attempt.State.GRADED,
            graded_at=graded_at,
            score=Decimal(score),
            max_score=Decimal(10),
            passed=passed,
        )
    return quiz


def test_quiz_attempts_and_passes_with_their_scores(client, world, graded):
    period = {"period": "custom", "start": "01/01/2026", "end": "31/12/2026"}
    attempts = records(client, world.administrator, kind="attempts", **period)
    assert sorted(names_listed(attempts)) == ["Phạm Thị Lan", "Trần Văn Minh"]
    passes = records(client, world.administrator, kind="passes", **period)
    assert names_listed(passes) == ["Phạm Thị Lan"]
    row = soup_of(passes).find("table", id="records").tbody.find("tr")
    assert "80" in text(row)
    men = records(client, world.administrator, kind="attempts", sex="nam", **period)
    assert names_listed(men) == ["Trần Văn Minh"]


def test_certificates_behind_their_count_and_scoped(client, world):
    rule = make_rule(training_class=world.k2026a)
    make_certificate(world.lan, rule)  # issued 11/3/2026
    make_certificate(world.hoa, rule, number="002/GCN-X")
    period = {"period": "custom", "start": "01/01/2026", "end": "31/12/2026"}
    listed = records(client, world.administrator, kind="certificates", **period)
    assert sorted(names_listed(listed)) == ["Phạm Thị Lan", "Đinh Thị Hoa"]
    ly_son = records(client, world.manager_ly_son, kind="certificates", **period)
    assert names_listed(ly_son) == ["Đinh Thị Hoa"]


@pytest.mark.parametrize(
    ("row", "expected"),
    [
        # A small part next to a total: the smallest other part goes too.
        (
            {"women": 3, "men": 7, "total": 10},
            {"women": None, "men": None, "total": 10},
        ),
        # A small total withholds everything.
        (
            {"women": 2, "men": 2, "total": 4},
            {"women": None, "men": None, "total": None},
        ),
        # The other part is zero: the total would give the small one away.
        (
            {"women": 3, "men": 0, "total": 3},
            {"women": None, "men": None, "total": None},
        ),
        (
            {"women": 3, "men": 0, "total": 9},
            {"women": None, "men": 0, "total": None},
        ),
        # Nothing small: all shown, zeros included.
        ({"women": 0, "men": 12, "total": 12}, {"women": 0, "men": 12, "total": 12}),
    ],
)
def test_small_cells_and_the_cells_that_would_give_them_away(row, expected):
    assert suppress_row(row, parts=["women", "men"], total="total", threshold=5) == (
        expected
    )
