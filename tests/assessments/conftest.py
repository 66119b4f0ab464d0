import pytest

from assessments.models import Question
from people.roles import Role
from tests.factories import UserFactory
from tests.factories.assessments import make_category, make_question, make_quiz


@pytest.fixture
def trainer(db, province):
    return UserFactory(username="trainer", unit=province, roles=[Role.TRAINER])


@pytest.fixture
def single_question(db):
    return make_question(Question.Type.SINGLE_CHOICE)


@pytest.fixture
def quiz(single_question, trainer):
    """Two single-choice questions, one per page, open to all signed-in users."""
    second = make_question(Question.Type.TRUE_FALSE)
    return make_quiz(
        [single_question, second],
        owner=trainer,
        open_to_all=True,
        questions_per_page=1,
        shuffle_options=False,
    )


@pytest.fixture
def every_type_quiz(trainer):
    questions = [make_question(t) for t in Question.Type.values]
    return make_quiz(questions, owner=trainer, open_to_all=True, questions_per_page=0)


@pytest.fixture
def english_admin(settings):
    """Admin messages are compared in English, as written in the code."""
    settings.LANGUAGE_CODE = "en"


@pytest.fixture
def trainer_client(client, trainer):
    client.force_login(trainer)
    return client


@pytest.fixture
def other_trainer(province):
    return UserFactory(username="trainer_b", unit=province, roles=[Role.TRAINER])


@pytest.fixture
def category(db):
    return make_category("Ngân hàng/Luật Bình đẳng giới")
