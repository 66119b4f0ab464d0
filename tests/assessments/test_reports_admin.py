"""The quiz reports in the admin: who reaches them, what they show, the export."""

import io

import openpyxl
import pytest
from django.conf import settings
from django.contrib.auth.models import Permission
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from assessments.models import Attempt, Question, Quiz
from people.models import PersonalDataExport, User
from people.roles import Role
from tests.assessments.test_analysis import record_attempt
from tests.factories import UserFactory
from tests.factories.assessments import make_question, make_quiz

pytestmark = pytest.mark.django_db

SCRIPT_ESSAY = "<p>Ý kiến của tôi</p><script>alert('x')</script>"


def url(name, quiz, **params):
    address = reverse(f"quiz_reports:{name}", args=[quiz.pk])
    if params:
        address += "?" + "&".join(f"{k}={v}" for k, v in params.items())
    return address


@pytest.fixture
def client_for(db):
    def client_for(user) -> Client:
        client = Client()
        client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
        client.force_login(user)
        return client

    return client_for


@pytest.fixture
def owner(province):
    return UserFactory(username="gv.chu", unit=province, roles=[Role.TRAINER])


@pytest.fixture
def grader(province):
    return UserFactory(username="gv.cham", unit=province, roles=[Role.TRAINER])


@pytest.fixture
def stranger(province):
    """A trainer of other quizzes."""
    return UserFactory(username="gv.khac", unit=province, roles=[Role.TRAINER])


@pytest.fixture
def questions():
    return [
        make_question(Question.Type.SINGLE_CHOICE, name="Khái niệm giới"),
        make_question(Question.Type.ESSAY, name="Suy nghĩ"),
    ]


@pytest.fixture
def quiz(questions, owner, grader):
    quiz = make_quiz(questions, owner=owner, title="Kiểm tra cuối khóa")
    quiz.graders.add(grader)
    return quiz


@pytest.fixture
def people(learner, commune_b, district_a):
    """learner (commune A, female), a man in commune B, someone in district A."""
    return {
        "learner": learner,
        "b": UserFactory(
            username="hv.moduc",
            full_name="Đinh Văn Mộ Đức",
            unit=commune_b,
            sex=User.Sex.MALE,
            roles=[Role.LEARNER],
        ),
        "a2": UserFactory(
            username="hv.binhson",
            full_name='=HYPERLINK("http://x.test")',
            unit=district_a,
            sex="",
            roles=[Role.LEARNER],
        ),
    }


def answer(quiz, learner, right, essay, **kwargs):
    responses = [{"choice": "b" if right else "a"}, {"text": essay}]
    return record_attempt(
        quiz, learner, [int(right), 0.5], responses=responses, **kwargs
    )


@pytest.fixture
def attempts(quiz, people):
    return [
        answer(quiz, people["learner"], True, SCRIPT_ESSAY),
        answer(quiz, people["b"], False, "+84 912 345 678"),
        answer(quiz, people["a2"], True, "Bình đẳng"),
        answer(
            quiz, people["a2"], False, "", number=2, state=Attempt.State.IN_PROGRESS
        ),
    ]


def xlsx_rows(response):
    assert response.status_code == 200
    book = openpyxl.load_workbook(io.BytesIO(response.content))
    return list(book.worksheets[0].iter_rows())


# --- Who reaches what -------------------------------------------------------------


@pytest.mark.parametrize("who", ["owner", "grader", "administrator"])
def test_owner_grader_and_administrator_open_every_report(
    request, client_for, quiz, attempts, who
):
    client = client_for(request.getfixturevalue(who))

    index = client.get(reverse("quiz_reports:index"))
    assert quiz.title in index.content.decode()
    for name in ("attempts", "items"):
        response = client.get(url(name, quiz))
        assert response.status_code == 200
    assert "Đinh Văn Mộ Đức" in client.get(url("attempts", quiz)).content.decode()


def test_a_trainer_of_other_quizzes_gets_not_found_and_sees_nothing(
    client_for, stranger, quiz, attempts
):
    client = client_for(stranger)

    assert quiz.title not in client.get(reverse("quiz_reports:index")).content.decode()
    for name in ("attempts", "items", "gain"):
        response = client.get(url(name, quiz))
        assert response.status_code == 404
        assert "Đinh Văn Mộ Đức" not in response.content.decode()
    assert client.get(url("attempts", quiz, export="xlsx")).status_code == 404


def test_a_learner_is_refused(client_for, learner, quiz, attempts):
    client = client_for(learner)

    for address in (reverse("quiz_reports:index"), url("items", quiz)):
        response = client.get(address)
        assert response.status_code in (302, 403)
        assert quiz.title not in response.content.decode()


def test_a_unit_manager_without_the_permission_is_refused(
    client_for, unit_manager, quiz, attempts
):
    response = client_for(unit_manager).get(url("attempts", quiz))

    # Wagtail answers a PermissionDenied in its admin with a redirect home.
    assert response.status_code in (302, 403)
    assert "Đinh Văn Mộ Đức" not in response.content.decode()
    assert response.get("Location", "") != url("attempts", quiz)


@pytest.fixture
def reporting_manager(unit_manager):
    unit_manager.user_permissions.add(
        Permission.objects.get(codename="view_quiz_reports")
    )
    return User.objects.get(pk=unit_manager.pk)


def test_a_unit_manager_given_reports_sees_only_their_units_learners(
    client_for, reporting_manager, quiz, attempts, people
):
    client = client_for(reporting_manager)

    page = client.get(url("attempts", quiz)).content.decode()
    assert people["learner"].full_name in page
    assert "Đinh Văn Mộ Đức" not in page
    exported = xlsx_rows(client.get(url("attempts", quiz, export="xlsx")))
    assert "Đinh Văn Mộ Đức" not in str([c.value for row in exported for c in row])
    items = client.get(url("items", quiz)).context["stats"]
    assert items.attempt_count == 2  # the two graded attempts in district A
    index = client.get(reverse("quiz_reports:index")).context["quizzes"]
    assert [q.graded for q in index if q.pk == quiz.pk] == [2]


def test_a_unit_manager_asking_for_another_unit_gets_a_message_not_its_rows(
    client_for, reporting_manager, quiz, attempts, commune_b
):
    client = client_for(reporting_manager)

    response = client.get(url("attempts", quiz, unit=commune_b.pk))
    assert response.status_code == 200
    assert response.context["form"].errors["unit"]
    assert "Đinh Văn Mộ Đức" not in response.content.decode()
    refused = client.get(url("attempts", quiz, unit=commune_b.pk, export="xlsx"))
    assert refused["Content-Type"].startswith("text/html")


# --- The attempts list ------------------------------------------------------------


def test_attempts_list_filters_by_unit_subtree_sex_and_state(
    client_for, owner, quiz, attempts, district_a, people
):
    client = client_for(owner)

    def names(**params):
        page = client.get(url("attempts", quiz, **params))
        return sorted(a.learner.username for a, _pct in page.context["attempts"])

    assert names(unit=district_a.pk) == ["hv.binhson", "hv.binhson", "learner"]
    assert names(sex="nam") == ["hv.moduc"]
    assert names(sex="unknown") == ["hv.binhson", "hv.binhson"]
    assert names(state="in_progress") == ["hv.binhson"]
    assert names(state="graded", sex="nu") == ["learner"]


def test_attempts_list_shows_score_percentage_and_passed(
    client_for, owner, quiz, attempts
):
    page = client_for(owner).get(url("attempts", quiz, sex="nam"))
    content = page.content.decode()

    # 0 + 0.5 of 2 marks: 25%, not passed (one formatter: assessments.display).
    assert "0.5 / 2" in content
    assert "<td>25%</td>" in content
    assert "No" in content


def test_an_unknown_filter_value_is_reported(client_for, owner, quiz, attempts):
    response = client_for(owner).get(url("attempts", quiz, state="lost"))

    assert "state" in response.context["form"].errors
    assert len(response.context["attempts"]) == 4


def test_export_holds_every_attempt_with_answers_as_inert_text(
    client_for, owner, quiz, attempts
):
    rows = xlsx_rows(client_for(owner).get(url("attempts", quiz, export="xlsx")))

    heading = [c.value for c in rows[0]]
    assert heading[:4] == ["Full name", "Username", "Unit", "Sex"]
    assert heading[-4:] == ["Q1 answer", "Q1 marks", "Q2 answer", "Q2 marks"]
    assert len(rows) == 1 + 4
    by_user = {row[1].value: row for row in rows[1:] if row[4].value == 1}
    essay = by_user["learner"][heading.index("Q2 answer")]
    assert essay.value == "Ý kiến của tôi"
    assert "<script" not in str([c.value for row in rows for c in row])
    assert by_user["learner"][heading.index("Q1 answer")].value == "Vai trò xã hội"
    assert by_user["learner"][heading.index("Score (%)")].value == pytest.approx(75)
    log = PersonalDataExport.objects.get()
    assert (log.exported_by, log.row_count) == (owner, 4)
    assert f"/{quiz.pk}/" in log.query


def test_export_keeps_formula_like_text_as_text(client_for, owner, quiz, attempts):
    rows = xlsx_rows(client_for(owner).get(url("attempts", quiz, export="xlsx")))
    heading = [c.value for c in rows[0]]

    cells = [row[0] for row in rows[1:] if str(row[0].value).startswith("=")] + [
        row[heading.index("Q2 answer")]
        for row in rows[1:]
        if str(row[heading.index("Q2 answer")].value).startswith("+")
    ]
    assert len(cells) == 3  # two attempts of the "=HYPERLINK" learner, one "+84" essay
    for cell in cells:
        assert cell.data_type == "s"
        assert cell.quotePrefix
    assert cells[0].value == '=HYPERLINK("http://x.test")'


def test_attempts_page_queries_do_not_grow_with_attempts(
    client_for, owner, quiz, attempts, django_assert_max_num_queries
):
    client = client_for(owner)
    client.get(url("attempts", quiz))  # warm the session and permission caches

    def count(address):
        with CaptureQueriesContext(connection) as queries:
            assert client.get(address).status_code == 200
        return len(queries)

    few = {name: count(url(name, quiz)) for name in ("attempts", "items")}
    few_export = count(url("attempts", quiz, export="xlsx"))
    for i in range(8):
        learner = UserFactory(username=f"them{i}", roles=[Role.LEARNER])
        answer(quiz, learner, i % 2 == 0, f"Bài {i}")

    many = {name: count(url(name, quiz)) for name in ("attempts", "items")}
    assert many == few
    assert count(url("attempts", quiz, export="xlsx")) == few_export
    # A fixed few more than the figures need: the filters registered with the
    # reports (training's "by class") list what this user may choose.
    with django_assert_max_num_queries(24):
        client.get(url("items", quiz))


# --- Item analysis and gain pages -------------------------------------------------


def test_item_analysis_page_shows_figures_options_and_a_histogram(
    client_for, owner, quiz, attempts
):
    response = client_for(owner).get(url("items", quiz))
    content = response.content.decode()

    assert response.context["stats"].attempt_count == 3
    assert "<svg" in content
    assert "Khái niệm giới" in content
    assert "Vai trò xã hội" in content  # an option, with how often it was chosen
    assert "<script>alert" not in content


def test_item_analysis_toggles_between_first_and_all_attempts(
    client_for, owner, quiz, attempts, people
):
    answer(quiz, people["b"], True, "Lần hai", number=2)
    client = client_for(owner)

    first = client.get(url("items", quiz)).context["stats"]
    every = client.get(url("items", quiz, attempts="all")).context["stats"]
    odd = client.get(url("items", quiz, attempts="best"))

    assert (first.attempt_count, every.attempt_count) == (3, 4)
    assert odd.context["error"] == "Choose the first attempts or all attempts."
    assert odd.context["stats"].attempts_used == "first"


def test_item_analysis_of_identical_scores_shows_dashes(
    client_for, owner, quiz, people
):
    for learner in people.values():
        answer(quiz, learner, True, "Như nhau")

    response = client_for(owner).get(url("items", quiz))
    table = response.content.decode().split("Statistics of each question")[1]

    assert response.context["stats"].questions[0].discrimination_index is None
    # Discrimination index and efficiency of both questions.
    assert table.split("</table>")[0].count("<td>—</td>") == 4
    assert "None" not in table


def test_item_analysis_without_attempts_says_so(client_for, owner, quiz):
    content = client_for(owner).get(url("items", quiz)).content.decode()

    assert "No graded attempt yet" in content


def test_gain_page_for_a_post_test(client_for, owner, questions, people):
    pre = make_quiz(questions, purpose=Quiz.Purpose.PRE_TEST, owner=owner)
    post = make_quiz(
        questions, purpose=Quiz.Purpose.POST_TEST, pre_test=pre, owner=owner
    )
    answer(pre, people["learner"], False, "Trước")  # 25%
    answer(post, people["learner"], True, "Sau")  # 75%

    response = client_for(owner).get(url("gain", post))

    assert response.status_code == 200
    report = response.context["report"]
    assert report.total.paired == 1
    assert report.total.mean_gain == pytest.approx(50)
    assert "<td>50</td>" in response.content.decode()


def test_gain_page_of_a_quiz_without_pre_test_explains(client_for, owner, quiz):
    response = client_for(owner).get(url("gain", quiz))

    assert response.status_code == 200
    assert "not a post-test paired with a pre-test" in response.content.decode()
