"""Knowledge gain from a pre-test to its post-test, paired by learner."""

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from assessments.analysis import knowledge_gain
from assessments.models import Attempt, Question, Quiz
from people.models import User
from people.roles import Role
from tests.assessments.test_analysis import record_attempt
from tests.factories import UserFactory
from tests.factories.assessments import make_question, make_quiz

pytestmark = pytest.mark.django_db


@pytest.fixture
def tests_pair():
    """A pre-test and its post-test, each of ten one-mark questions."""
    questions = [make_question(Question.Type.TRUE_FALSE) for _ in range(10)]
    pre = make_quiz(questions, purpose=Quiz.Purpose.PRE_TEST, title="Đầu vào")
    post = make_quiz(
        questions, purpose=Quiz.Purpose.POST_TEST, pre_test=pre, title="Đầu ra"
    )
    return pre, post


def take(quiz, learner, right, *, number=1, state=Attempt.State.GRADED):
    """An attempt with `right` of the quiz's ten questions right."""
    return record_attempt(
        quiz, learner, [1] * right + [0] * (10 - right), number=number, state=state
    )


def person(username, sex):
    return UserFactory(username=username, sex=sex, roles=[Role.LEARNER])


@pytest.fixture
def cohort(tests_pair):
    pre, post = tests_pair
    people = {
        "an": person("an", User.Sex.FEMALE),
        "binh": person("binh", User.Sex.MALE),
        "chau": person("chau", ""),
        "dung": person("dung", User.Sex.FEMALE),
        "em": person("em", User.Sex.MALE),
        "giang": person("giang", User.Sex.FEMALE),
    }
    # an: 40% → 80%; her later tries (90% pre, 100% post) do not count.
    take(pre, people["an"], 4)
    take(pre, people["an"], 9, number=2)
    take(post, people["an"], 8)
    take(post, people["an"], 10, number=2)
    take(pre, people["binh"], 6)  # 60% → 50%
    take(post, people["binh"], 5)
    take(pre, people["chau"], 5)  # 50% → 50%, sex not given
    take(post, people["chau"], 5)
    take(pre, people["dung"], 3)  # pre-test only
    take(post, people["em"], 7)  # post-test only
    # An attempt still open is no result.
    take(pre, people["giang"], 0, state=Attempt.State.IN_PROGRESS)
    return people


def by_sex(report):
    return {group.sex: group for group in report.groups}


def test_learners_are_paired_on_their_first_graded_attempts(tests_pair, cohort):
    _pre, post = tests_pair

    report = knowledge_gain(post)

    total = report.total
    assert total.paired == 3
    assert total.mean_pre == pytest.approx((40 + 60 + 50) / 3)
    assert total.mean_post == pytest.approx((80 + 50 + 50) / 3)
    assert total.mean_gain == pytest.approx(10)
    assert total.improved == 1
    assert total.improved_share == pytest.approx(100 / 3)
    assert (total.pre_only, total.post_only, total.unpaired) == (1, 1, 2)


def test_gain_is_broken_down_by_sex(tests_pair, cohort):
    _pre, post = tests_pair

    groups = by_sex(knowledge_gain(post))

    women, men, unknown = groups["nu"], groups["nam"], groups[""]
    assert (women.paired, women.mean_pre, women.mean_post) == (1, 40, 80)
    assert women.mean_gain == pytest.approx(40)
    assert women.pre_only == 1
    assert women.improved_share == 100
    assert (men.paired, men.mean_gain, men.improved, men.post_only) == (1, -10, 0, 1)
    assert (unknown.paired, unknown.mean_gain) == (1, 0)
    assert [g.sex for g in knowledge_gain(post).groups] == ["nam", "nu", ""]


def test_gain_can_be_limited_to_a_group_of_learners(tests_pair, cohort):
    _pre, post = tests_pair
    group = User.objects.filter(pk__in=[cohort["an"].pk, cohort["binh"].pk])

    report = knowledge_gain(post, learners=group)

    assert report.total.paired == 2
    assert report.total.mean_gain == pytest.approx((40 - 10) / 2)
    assert report.total.unpaired == 0


def test_nobody_paired_leaves_the_means_empty(tests_pair):
    pre, post = tests_pair
    take(pre, person("mot", User.Sex.FEMALE), 5)

    report = knowledge_gain(post)

    assert report.total.paired == 0
    assert report.total.pre_only == 1
    assert report.total.mean_pre is None
    assert report.total.mean_gain is None
    assert report.total.improved_share is None


def test_a_quiz_without_a_pre_test_is_refused_with_a_clear_message(tests_pair):
    pre, _post = tests_pair

    with translation.override("en"):
        with pytest.raises(ValidationError) as refused:
            knowledge_gain(pre)
        assert "not a post-test paired with a pre-test" in str(refused.value)


def test_gain_takes_one_query_whatever_the_cohort(
    tests_pair, cohort, django_assert_num_queries
):
    _pre, post = tests_pair

    with django_assert_num_queries(1):
        knowledge_gain(post)
