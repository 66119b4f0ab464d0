"""The quiz reports' "by class" filter, registered by training with assessments."""

import io
from decimal import Decimal

import openpyxl
import pytest
from django.contrib.auth.models import Permission
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from assessments.analysis import knowledge_gain, quiz_statistics
from assessments.models import Attempt, Question, Quiz
from assessments.report_filters import (
    ReportFilter,
    register_report_filter,
    report_filters,
)
from people.models import User
from tests.assessments.test_analysis import record_attempt
from tests.factories import UserFactory
from tests.factories.assessments import make_question, make_quiz
from tests.factories.training import make_participant
from training.models import Participant
from training.selectors.attendance import CLASS_FILTER_KEY

pytestmark = pytest.mark.django_db


def graded(quiz, person):
    return Attempt.objects.create(
        quiz=quiz,
        learner=person,
        number=1,
        state=Attempt.State.GRADED,
        score=Decimal(5),
        max_score=Decimal(10),
    )


@pytest.fixture
def quiz(administrator):
    return make_quiz(owner=administrator, title="Kiểm tra sau tập huấn")


@pytest.fixture
def attempts(quiz, training_class, other_class, learner, other_learner, commune_a):
    make_participant(training_class, learner)
    make_participant(other_class, other_learner)
    waiting = UserFactory(full_name="Người Chờ", unit=commune_a)
    make_participant(training_class, waiting, status=Participant.Status.WAITING)
    return [graded(quiz, p) for p in (learner, other_learner, waiting)]


def attempts_url(quiz, **params):
    address = reverse("quiz_reports:attempts", args=[quiz.pk])
    if params:
        address += "?" + "&".join(f"{k}={v}" for k, v in params.items())
    return address


def test_training_registers_the_by_class_filter():
    assert CLASS_FILTER_KEY in [f.key for f in report_filters()]


def test_registering_a_key_again_replaces_it():
    original = next(f for f in report_filters() if f.key == CLASS_FILTER_KEY)
    try:
        register_report_filter(
            ReportFilter(
                key=CLASS_FILTER_KEY,
                label="x",
                choices=lambda user, quiz: [],
                learners=original.learners,
            )
        )
        assert [f.key for f in report_filters()].count(CLASS_FILTER_KEY) == 1
    finally:
        register_report_filter(original)


def test_by_class_keeps_the_class_participants(
    client, english, administrator, quiz, attempts, training_class, learner
):
    client.force_login(administrator)
    response = client.get(attempts_url(quiz, **{CLASS_FILTER_KEY: training_class.pk}))
    assert response.status_code == 200
    rows = [attempt for attempt, _ in response.context["attempts"]]
    assert [a.learner for a in rows] == [learner]
    assert f"{training_class.code} – {training_class.title}" in response.text


def test_by_class_limits_the_excel_export(
    client, administrator, quiz, attempts, training_class, learner
):
    client.force_login(administrator)
    response = client.get(
        attempts_url(quiz, **{CLASS_FILTER_KEY: training_class.pk, "export": "xlsx"})
    )
    assert response.status_code == 200
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    names = [row[0] for row in sheet.iter_rows(min_row=2, values_only=True)]
    assert names == [learner.full_name]


def test_without_the_filter_every_attempt_is_listed(
    client, administrator, quiz, attempts
):
    client.force_login(administrator)
    response = client.get(attempts_url(quiz))
    assert len(response.context["attempts"]) == 3


def test_a_class_the_user_may_not_see_is_neither_offered_nor_applied(
    client,
    english,
    trainer,
    learner,
    other_class,
    training_class,
    other_learner,
    attempts,
):
    """The trainer of training_class owns a quiz; other_class is not theirs."""
    own_quiz = make_quiz(owner=trainer)
    graded(own_quiz, learner)
    graded(own_quiz, other_learner)
    client.force_login(trainer)

    response = client.get(attempts_url(own_quiz))
    choices = dict(response.context["form"].fields[CLASS_FILTER_KEY].choices)
    assert str(training_class.pk) in choices
    assert str(other_class.pk) not in choices
    assert other_class.code not in response.text

    refused = client.get(attempts_url(own_quiz, **{CLASS_FILTER_KEY: other_class.pk}))
    assert refused.status_code == 200
    assert CLASS_FILTER_KEY in refused.context["form"].errors
    # reported and not applied (never guessed): the quiz's owner sees every attempt
    assert len(refused.context["attempts"]) == 2


def test_bad_class_value_is_reported(client, english, administrator, quiz, attempts):
    client.force_login(administrator)
    response = client.get(attempts_url(quiz, **{CLASS_FILTER_KEY: "abc"}))
    assert response.status_code == 200
    assert CLASS_FILTER_KEY in response.context["form"].errors
    export = client.get(
        attempts_url(quiz, **{CLASS_FILTER_KEY: "abc", "export": "xlsx"})
    )
    assert export["Content-Type"].startswith("text/html")


def test_learners_of_an_invisible_class_are_nobody(other_class, trainer, attempts):
    by_class = next(f for f in report_filters() if f.key == CLASS_FILTER_KEY)
    assert list(by_class.learners(trainer, str(other_class.pk))) == []
    assert list(by_class.learners(trainer, "not-a-number")) == []


# --- Item analysis and knowledge gain: the same filter, the same rules -------------


def report_url(name, quiz, **params):
    address = reverse(f"quiz_reports:{name}", args=[quiz.pk])
    if params:
        address += "?" + "&".join(f"{k}={v}" for k, v in params.items())
    return address


@pytest.fixture
def questions():
    return [
        make_question(Question.Type.SINGLE_CHOICE, name="Khái niệm giới"),
        make_question(Question.Type.SINGLE_CHOICE, name="Bạo lực gia đình"),
    ]


@pytest.fixture
def tests_of(questions):
    """A pre-test and its post-test owned by `owner`."""

    def tests_of(owner):
        pre = make_quiz(questions, purpose=Quiz.Purpose.PRE_TEST, owner=owner)
        post = make_quiz(
            questions, purpose=Quiz.Purpose.POST_TEST, pre_test=pre, owner=owner
        )
        return pre, post

    return tests_of


@pytest.fixture
def results(
    tests_of,
    administrator,
    training_class,
    other_class,
    learner,
    second_learner,
    other_learner,
    commune_a,
):
    """learner and second_learner confirmed in training_class, other_learner in
    other_class, someone waiting for training_class; all four took both tests."""
    make_participant(training_class, learner)
    make_participant(training_class, second_learner)
    make_participant(other_class, other_learner)
    waiting = UserFactory(full_name="Người Chờ", unit=commune_a)
    make_participant(training_class, waiting, status=Participant.Status.WAITING)
    pre, post = tests_of(administrator)
    scores = {  # pre-test, post-test fractions
        learner: ([0, 0], [1, 1]),
        second_learner: ([1, 0], [1, 1]),
        other_learner: ([1, 1], [0, 0]),
        waiting: ([0, 1], [0, 1]),
    }
    for person, (before, after) in scores.items():
        record_attempt(pre, person, before)
        record_attempt(post, person, after)
    return pre, post


def people(*persons):
    return User.objects.filter(pk__in=[p.pk for p in persons])


def test_item_analysis_by_class_counts_the_class_participants_only(
    client, administrator, results, training_class, learner, second_learner
):
    _, post = results
    client.force_login(administrator)

    response = client.get(
        report_url("items", post, **{CLASS_FILTER_KEY: training_class.pk})
    )

    assert response.status_code == 200
    stats = response.context["stats"]
    expected = quiz_statistics(post, learners=people(learner, second_learner))
    assert stats.attempt_count == 2
    assert stats.mean == expected.mean == pytest.approx(100)
    assert [q.facility for q in stats.questions] == [
        q.facility for q in expected.questions
    ]
    assert response.context["form"][CLASS_FILTER_KEY].value() == str(training_class.pk)


def test_item_analysis_without_the_filter_is_unchanged(client, administrator, results):
    _, post = results
    client.force_login(administrator)

    stats = client.get(report_url("items", post)).context["stats"]

    expected = quiz_statistics(post)
    assert stats.attempt_count == expected.attempt_count == 4
    assert stats.mean == pytest.approx(expected.mean)
    assert [q.facility for q in stats.questions] == [
        q.facility for q in expected.questions
    ]


def test_gain_by_class_counts_the_class_participants_only(
    client, administrator, results, training_class
):
    _, post = results
    client.force_login(administrator)

    response = client.get(
        report_url("gain", post, **{CLASS_FILTER_KEY: training_class.pk})
    )

    assert response.status_code == 200
    total = response.context["report"].total
    # learner 0 → 100, second_learner 50 → 100; not other_learner, not the waiting one
    assert total.paired == 2
    assert total.mean_pre == pytest.approx(25)
    assert total.mean_post == pytest.approx(100)
    assert total.mean_gain == pytest.approx(75)
    assert total.improved == 2


def test_gain_without_the_filter_is_unchanged(client, administrator, results):
    _, post = results
    client.force_login(administrator)

    total = client.get(report_url("gain", post)).context["report"].total

    assert total.paired == 4
    assert total.mean_gain == pytest.approx(knowledge_gain(post).total.mean_gain)


def test_the_links_between_reports_keep_the_class(
    client, administrator, results, training_class
):
    _, post = results
    client.force_login(administrator)
    kept = f"?{CLASS_FILTER_KEY}={training_class.pk}"

    for name in ("attempts", "items", "gain"):
        page = client.get(
            report_url(name, post, **{CLASS_FILTER_KEY: training_class.pk})
        )
        for target in ("attempts", "items", "gain"):
            assert f'{report_url(target, post)}{kept}"' in page.text


@pytest.mark.parametrize("name", ["items", "gain"])
def test_another_trainers_class_is_neither_offered_nor_applied(
    client,
    english,
    trainer,
    tests_of,
    training_class,
    other_class,
    learner,
    other_learner,
    name,
):
    """trainer teaches training_class and owns the tests; other_class is another
    trainer's: not offered, and asking for it is refused and changes nothing."""
    make_participant(training_class, learner)
    make_participant(other_class, other_learner)
    pre, post = tests_of(trainer)
    for person, before, after in (
        (learner, [0, 0], [1, 1]),
        (other_learner, [1, 1], [0, 0]),
    ):
        record_attempt(pre, person, before)
        record_attempt(post, person, after)
    client.force_login(trainer)

    plain = client.get(report_url(name, post))
    choices = dict(plain.context["form"].fields[CLASS_FILTER_KEY].choices)
    assert str(training_class.pk) in choices
    assert str(other_class.pk) not in choices
    assert other_class.code not in plain.text

    refused = client.get(report_url(name, post, **{CLASS_FILTER_KEY: other_class.pk}))
    assert refused.status_code == 200
    assert CLASS_FILTER_KEY in refused.context["form"].errors
    assert f"{CLASS_FILTER_KEY}={other_class.pk}" not in refused.text
    if name == "items":
        # reported, not applied: the quiz's owner sees both attempts, never only
        # the other class's
        assert refused.context["stats"].attempt_count == 2
    else:
        assert refused.context["report"].total.paired == 2
        assert refused.context["report"].total.mean_gain == pytest.approx(0)


def test_a_unit_manager_by_class_sees_only_their_units_participants(
    client,
    unit_manager,
    administrator,
    tests_of,
    training_class,
    learner,
    commune_b,
):
    """The filter narrows what the user may see; it never widens it."""
    unit_manager.user_permissions.add(
        Permission.objects.get(codename="view_quiz_reports")
    )
    outsider = UserFactory(full_name="Ngoài Huyện", unit=commune_b)
    make_participant(training_class, learner)
    make_participant(training_class, outsider)
    pre, post = tests_of(administrator)
    for person in (learner, outsider):
        record_attempt(pre, person, [0, 0])
        record_attempt(post, person, [1, 1])
    client.force_login(unit_manager)

    stats = client.get(
        report_url("items", post, **{CLASS_FILTER_KEY: training_class.pk})
    ).context["stats"]
    gain = client.get(
        report_url("gain", post, **{CLASS_FILTER_KEY: training_class.pk})
    ).context["report"]

    assert stats.attempt_count == 1
    assert gain.total.paired == 1


def test_report_queries_do_not_grow_with_the_class(
    client, administrator, results, training_class, commune_a
):
    pre, post = results
    client.force_login(administrator)
    by_class = {CLASS_FILTER_KEY: training_class.pk}
    addresses = [
        report_url("attempts", post, **by_class),
        report_url("attempts", post, export="xlsx", **by_class),
        report_url("items", post, **by_class),
        report_url("gain", post, **by_class),
    ]
    client.get(addresses[0])  # warm the session and permission caches

    def counts():
        found = []
        for address in addresses:
            with CaptureQueriesContext(connection) as queries:
                assert client.get(address).status_code == 200
            found.append(len(queries))
        return found

    few = counts()
    for i in range(8):
        person = UserFactory(username=f"lop{i}", unit=commune_a)
        make_participant(training_class, person)
        record_attempt(pre, person, [0, i % 2])
        record_attempt(post, person, [1, i % 2])

    assert counts() == few
    stats = client.get(addresses[2]).context["stats"]
    assert stats.attempt_count == 10
