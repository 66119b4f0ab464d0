"""The access contract (people.access): each rule once, and every admin list and
export of a registered model scoped by it, so that a new app cannot forget."""

import datetime

import pytest
from django.contrib.auth.models import AnonymousUser, Group, Permission
from django.contrib.contenttypes.models import ContentType
from django.test import RequestFactory
from django.urls import reverse
from django.utils import timezone
from wagtail.admin.viewsets import viewsets

from assessments.models import Attempt, QuestionImport, Quiz
from certificates.models import Certificate
from courses.models import CourseAssignment, Enrolment
from people.access import (
    role_permissions,
    scoped_models,
    units_offered_to,
    users_visible_to,
    visible_to,
)
from people.models import AccountImport, AdminUnit, Organisation, TargetGroup, User
from people.roles import Role
from stats.models import ReportSubmission, ReportTemplate, TargetPopulation
from tests.factories import OrganisationFactory, UserFactory
from tests.factories.assessments import make_quiz
from tests.factories.certificates import make_certificate, make_rule
from tests.factories.courses import make_course, make_enrolment
from tests.factories.training import (
    make_mark,
    make_participant,
    make_session,
    make_training_class,
)
from training.models import (
    AttendanceChange,
    AttendanceRecord,
    Participant,
    Session,
    TrainingClass,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def trainer(province):
    return UserFactory(username="giangvien", unit=province, roles=[Role.TRAINER])


@pytest.fixture
def world(
    province,
    district_a,
    commune_a,
    district_b,
    commune_b,
    learner,
    other_learner,
    unit_manager,
    trainer,
    course_index,
):
    """Rows of every registered model, one inside the unit manager's district A
    (or owned by the trainer) and one outside it, named by model."""
    admin_in_a = UserFactory(
        username="quantri.a", unit=commune_a, roles=[Role.ADMINISTRATOR]
    )
    own_course = make_course(course_index, title="Khóa của giảng viên", owner=trainer)
    other_course = make_course(course_index, title="Khóa khác")
    own_quiz = make_quiz(title="Bài của giảng viên", owner=trainer)
    other_quiz = make_quiz(title="Bài khác")
    class_in_a = make_training_class(commune_a, code="TH-A")
    class_in_b = make_training_class(commune_b, code="TH-B")
    session_in_a, session_in_b = make_session(class_in_a), make_session(class_in_b)
    participant_in_a = make_participant(class_in_a, learner)
    participant_in_b = make_participant(class_in_b, other_learner)
    mark_in_a = make_mark(session_in_a, participant_in_a)
    mark_in_b = make_mark(session_in_b, participant_in_b)
    rule_in_a, rule_in_b = (
        make_rule(training_class=class_in_a),
        make_rule(training_class=class_in_b),
    )
    report = ReportTemplate.objects.create(
        name="Báo cáo năm (kiểm thử)",
        slug="kiem-thu",
        recipient="Sở Nội vụ",
        period_start_month=1,
        period_start_day=1,
        period_end_month=12,
        period_end_day=31,
        cutoff_month=12,
        cutoff_day=31,
        due_month=12,
        due_day=31,
        first_year=2026,
    )
    committee = TargetGroup.objects.get(code="ban-vstbpn")

    def submission(unit, by):
        return ReportSubmission.objects.create(
            template=report,
            year=2026,
            unit=unit,
            submitted_by=by,
            submitted_at=timezone.now(),
        )

    inside = {
        AccountImport: AccountImport.objects.create(
            uploaded_by=unit_manager, file="a.xlsx", original_name="a.xlsx"
        ),
        QuestionImport: QuestionImport.objects.create(
            uploaded_by=trainer, file="a.gift", original_name="a.gift"
        ),
        User: learner,
        AdminUnit: commune_a,
        Organisation: OrganisationFactory(code="ORG-A", unit=commune_a),
        Enrolment: make_enrolment(learner, other_course),
        Quiz: own_quiz,
        Attempt: Attempt.objects.create(quiz=other_quiz, learner=learner, number=1),
        CourseAssignment: CourseAssignment.objects.create(
            course=own_course, assigned_by=trainer, due_date=datetime.date(2030, 1, 1)
        ),
        TrainingClass: class_in_a,
        Session: session_in_a,
        Participant: participant_in_a,
        AttendanceRecord: mark_in_a,
        AttendanceChange: change_of(mark_in_a),
        Certificate: make_certificate(learner, rule_in_a),
        ReportSubmission: submission(commune_a, admin_in_a),
        TargetPopulation: TargetPopulation.objects.create(
            unit=commune_a, target_group=committee, year=2026, size=10
        ),
    }
    outside = {
        AccountImport: AccountImport.objects.create(
            uploaded_by=admin_in_a, file="b.xlsx", original_name="b.xlsx"
        ),
        QuestionImport: QuestionImport.objects.create(
            uploaded_by=admin_in_a, file="b.gift", original_name="b.gift"
        ),
        User: other_learner,
        AdminUnit: district_b,
        Organisation: OrganisationFactory(code="ORG-B", unit=commune_b),
        Enrolment: make_enrolment(other_learner, other_course),
        Quiz: other_quiz,
        Attempt: Attempt.objects.create(
            quiz=other_quiz, learner=other_learner, number=1
        ),
        CourseAssignment: CourseAssignment.objects.create(
            course=other_course, assigned_by=None, due_date=datetime.date(2030, 1, 1)
        ),
        TrainingClass: class_in_b,
        Session: session_in_b,
        Participant: participant_in_b,
        AttendanceRecord: mark_in_b,
        AttendanceChange: change_of(mark_in_b),
        Certificate: make_certificate(other_learner, rule_in_b),
        ReportSubmission: submission(commune_b, admin_in_a),
        TargetPopulation: TargetPopulation.objects.create(
            unit=commune_b, target_group=committee, year=2026, size=10
        ),
    }
    taught = {
        Enrolment: make_enrolment(other_learner, own_course),
        Attempt: Attempt.objects.create(quiz=own_quiz, learner=other_learner, number=1),
    }
    return {
        "inside": inside,
        "outside": outside,
        "taught": taught,
        "admin_in_a": admin_in_a,
        "province": province,
    }


def follow(row, lookup):
    """The object at the end of a lookup path ("participant__person")."""
    for name in lookup.split("__"):
        row = getattr(row, name)
    return row


def change_of(mark):
    return AttendanceChange.objects.create(
        session=mark.session,
        participant=mark.participant,
        status=mark.status,
        source=mark.source,
        marked_at=mark.marked_at,
    )


def visible(user, model):
    return set(visible_to(user, model._default_manager.all()))


# --- The rules, once each ------------------------------------------------------------


def test_every_registered_model_has_rows_in_these_tests(world):
    """A model registered with the contract is tested here: add its rows to `world`."""
    registered = {spec.model for spec in scoped_models()}
    assert registered == set(world["outside"]) == set(world["inside"])


def test_administrator_sees_every_row(world, administrator):
    for spec in scoped_models():
        assert visible(administrator, spec.model) == set(
            spec.model._default_manager.all()
        )
    assert set(units_offered_to(user=administrator)) == set(AdminUnit.objects.all())


def test_administrator_role_without_superuser_sees_every_row(world):
    for spec in scoped_models():
        assert visible(world["admin_in_a"], spec.model) == set(
            spec.model._default_manager.all()
        )


def test_unit_manager_sees_their_subtree_and_not_above_or_sideways(
    world, unit_manager, district_a, commune_a, province, district_b, commune_b
):
    assert visible(unit_manager, AdminUnit) == {district_a, commune_a}
    people = visible(unit_manager, User)
    assert world["inside"][User] in people
    assert world["outside"][User] not in people
    assert world["admin_in_a"] not in people, "an administrator's account stays hidden"
    assert unit_manager in people  # recorded in the district they manage
    assert visible(unit_manager, Organisation) == {world["inside"][Organisation]}
    assert visible(unit_manager, Enrolment) == {world["inside"][Enrolment]}
    assert visible(unit_manager, Attempt) == {world["inside"][Attempt]}
    # Not unit-scoped: only what they own, and they own no quiz or assignment.
    assert visible(unit_manager, Quiz) == set()
    assert visible(unit_manager, QuestionImport) == set()
    assert visible(unit_manager, CourseAssignment) == set()
    assert set(units_offered_to(user=unit_manager)) == {district_a, commune_a}


def test_trainer_sees_the_rows_they_own_or_teach_and_no_unit(world, trainer):
    assert visible(trainer, Quiz) == {world["inside"][Quiz]}
    assert visible(trainer, QuestionImport) == {world["inside"][QuestionImport]}
    assert visible(trainer, CourseAssignment) == {world["inside"][CourseAssignment]}
    assert visible(trainer, Enrolment) == {world["taught"][Enrolment]}
    assert visible(trainer, Attempt) == {world["taught"][Attempt]}
    assert visible(trainer, User) == set()
    assert visible(trainer, AdminUnit) == set()
    # Their courses go to any unit: every unit is offered in filters and forms.
    assert set(units_offered_to(user=trainer)) == set(AdminUnit.objects.all())


def test_learner_sees_none_of_the_admin_rows_of_others(world, learner):
    for spec in scoped_models():
        rows = visible(learner, spec.model)
        if spec.learner_sees_own:
            assert all(follow(row, spec.learner) == learner for row in rows)
        else:
            assert rows == set(), spec.model
    assert set(units_offered_to(user=learner)) == set()


def test_inactive_and_anonymous_see_nothing(world, unit_manager, administrator):
    for user in (unit_manager, administrator):
        user.is_active = False
        user.save()
    for user in (unit_manager, administrator, AnonymousUser()):
        for spec in scoped_models():
            assert visible(user, spec.model) == set()
        assert not users_visible_to(user=user).exists()


def test_an_unregistered_model_is_refused_rather_than_shown(world, administrator):
    with pytest.raises(LookupError):
        visible_to(administrator, Group.objects.all())


def test_every_role_has_a_group_with_what_the_apps_declared(world):
    declared = role_permissions()
    assert set(declared) == set(Role)
    for role, pairs in declared.items():
        held = set(
            Group.objects.get(name=role).permissions.values_list(
                "content_type__app_label", "codename"
            )
        )
        assert set(pairs) <= held
    trainer_perms = set(declared[Role.TRAINER])
    assert ("courses", "view_enrolment") in trainer_perms
    assert ("assessments", "add_quiz") in trainer_perms
    assert ("content_pages", "change_sitesettings") in set(declared[Role.ADMINISTRATOR])


# --- Every admin list and export of a registered model is scoped ---------------------


def admin_viewsets_of(model):
    reverse("wagtailadmin_home")  # the admin's URLs (and so its viewsets) are loaded
    return [
        viewset
        for viewset in viewsets.viewsets
        if getattr(viewset, "model", None) is model
        and getattr(viewset, "index_view_class", None) is not None
    ]


@pytest.fixture
def scoped_manager(unit_manager):
    """A unit manager who also holds every permission on the registered models,
    so that each list opens and only the contract's scope narrows it."""
    group = Group.objects.create(name="Mọi quyền trên mô hình có phạm vi")
    models = [spec.model for spec in scoped_models()]
    group.permissions.add(
        *Permission.objects.filter(
            content_type__in=ContentType.objects.get_for_models(*models).values()
        )
    )
    unit_manager.groups.add(group)
    return User.objects.get(pk=unit_manager.pk)


def test_every_admin_list_and_export_of_a_registered_model_is_scoped(
    world, scoped_manager, client
):
    client.force_login(scoped_manager)
    checked = []
    for spec in scoped_models():
        outside = world["outside"][spec.model]
        for viewset in admin_viewsets_of(spec.model):
            url = reverse(viewset.get_url_name("index"))
            response = client.get(url)
            assert response.status_code == 200, url
            listed = {obj.pk for obj in response.context["object_list"]}
            assert outside.pk not in listed, (viewset.name, outside)
            # The export and every later page come from the view's queryset.
            index_view = viewset.index_view
            view = index_view.view_class(**index_view.view_initkwargs)
            request = RequestFactory().get(url)
            request.user = scoped_manager
            view.setup(request)
            rows = set(view.get_queryset().values_list("pk", flat=True))
            assert outside.pk not in rows, (viewset.name, outside)
            assert rows <= set(
                visible_to(
                    scoped_manager, spec.model._default_manager.all()
                ).values_list("pk", flat=True)
            ), viewset.name
            checked.append(viewset.name)
    # The lists this test reaches today; a new one is checked the same way.
    assert {
        "wagtailusers_users",
        "adminunit",
        "organisation",
        "course_progress",
        "quizzes",
    } <= set(checked)
