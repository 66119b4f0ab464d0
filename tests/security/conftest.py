"""The world of the authorisation sweep: one learner who owns a record of every
kind, the staff who may see them, and the outsiders who must not.

Built once per module (the sweep makes thousands of requests against it) inside
a transaction that is rolled back when the module ends; each test still runs in
its own savepoint (pytest-django's `django_db`), so what one role's requests
change never reaches the next role's.
"""

import datetime as dt
from decimal import Decimal

import pytest
from django.core.files.base import ContentFile
from django.db import transaction
from django.test import override_settings
from django.utils import timezone
from wagtail.images import get_image_model
from wagtail.models import (
    Collection,
    Page,
    PageViewRestriction,
    Site,
    Task,
    Workflow,
)

from assessments.models import Question, QuestionCategory, QuestionImport
from assessments.services.attempts import (
    attempt_answers_save,
    attempt_start,
    attempt_submit,
)
from certificates.models import Certificate
from content_pages.models import (
    Audience,
    LegalDocument,
    NewsTopic,
    ResourceBookmark,
    ResourceDownload,
    ResourceFormat,
    ResourceTopic,
    SchoolLevel,
)
from courses.models import CourseAssignment, LessonProgress
from people.models import (
    AccountImport,
    AdminUnitSuccession,
    ErasureRequest,
    Ethnicity,
    PersonalDataExport,
    TargetGroup,
)
from people.roles import Role
from stats.models import ReportTemplate, TargetPopulation
from tests.content_pages.library_builders import (
    PDF_BYTES,
    make_document,
    make_library,
    make_resource,
)
from tests.factories import OrganisationFactory, UserFactory, make_unit
from tests.factories.assessments import make_question, make_quiz
from tests.factories.certificates import (
    make_issuing_body,
    make_rule,
    make_template,
)
from tests.factories.courses import (
    make_course_index,
    make_course_tree,
    make_enrolment,
    make_lesson,
)
from tests.factories.training import (
    make_mark,
    make_participant,
    make_session,
    make_training_class,
)
from tests.people.test_access import change_of

# The owner's personal data: none of it may reach a page that is not theirs, a
# refusal, or a page of someone the table does not allow to see them.
OWNER_NAME = "Hoàng Thị Chủ Sở Hữu"
OWNER_EMAIL = "chu.so.huu.bi.mat@example.test"
OWNER_PHONE = "0987654321"
ESSAY_TEXT = "Câu trả lời tự luận riêng của học viên chủ sở hữu"
CERTIFICATE_NUMBER = "777/GCN-BIMAT"
ERASURE_REASON = "Lý do xóa dữ liệu riêng tư của chủ sở hữu"
ACCOMMODATION_NEEDS = "Nhu cầu ăn ở riêng của chủ sở hữu"


def _png() -> bytes:
    from io import BytesIO

    from PIL import Image

    buffer = BytesIO()
    Image.new("RGB", (2, 2), "white").save(buffer, "PNG")
    return buffer.getvalue()


PNG_1PX = _png()


@pytest.fixture(scope="module")
def _media_and_private_roots(tmp_path_factory):
    """Overrides the suite's function-scoped temporary media folders: the world's
    files (certificate PDF, documents, images) are written once per module."""
    root = tmp_path_factory.mktemp("security")
    with override_settings(
        MEDIA_ROOT=root / "media", PRIVATE_UPLOADS_ROOT=root / "private"
    ):
        yield


def _user(username, unit, roles, **kwargs):
    return UserFactory(username=username, unit=unit, roles=roles, **kwargs)


def build_world():
    """Every row the sweep needs, by name (see the module docstring)."""
    province = make_unit(name="Tỉnh Kiểm Thử", code="SEC-P", unit_type="tinh")
    district_1 = make_unit(province, name="Huyện Một", code="SEC-D1", unit_type="huyen")
    commune_1 = make_unit(district_1, name="Xã Một", code="SEC-C1")
    district_2 = make_unit(province, name="Huyện Hai", code="SEC-D2", unit_type="huyen")
    commune_2 = make_unit(district_2, name="Xã Hai", code="SEC-C2")

    owner = _user(
        "chusohuu",
        commune_1,
        [Role.LEARNER],
        full_name=OWNER_NAME,
        email=OWNER_EMAIL,
        phone=OWNER_PHONE,
    )
    people = {
        "owner": owner,
        "learner2": _user("hocvien2", commune_2, [Role.LEARNER]),
        "trainer1": _user("giangvien1", province, [Role.TRAINER]),
        "trainer2": _user("giangvien2", province, [Role.TRAINER]),
        "manager1": _user(
            "quanly1", district_1, [Role.UNIT_MANAGER], managed_units=[district_1]
        ),
        "manager2": _user(
            "quanly2", district_2, [Role.UNIT_MANAGER], managed_units=[district_2]
        ),
        "reviewer": _user("nguoiduyet", province, [Role.REVIEWER]),
        "admin": _user("quantri", province, [Role.ADMINISTRATOR], is_superuser=True),
    }
    t1, t2 = people["trainer1"], people["trainer2"]

    root = Page.get_first_root_node()
    from content_pages.models import HomePage

    home = root.add_child(instance=HomePage(title="Trang chủ", slug="trang-chu-sec"))
    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        site = Site.objects.create(
            hostname="localhost", root_page=home, is_default_site=True
        )
    else:
        Site.objects.filter(pk=site.pk).update(root_page=home, hostname="localhost")
        site.refresh_from_db()
    course_index = make_course_index(home, slug="khoa-hoc-sec")

    # The owner's course, taught by T1, with a lesson file, a quiz lesson, progress.
    course, lessons = make_course_tree(
        course_index,
        modules=1,
        lessons_per_module=2,
        title="Khóa của chủ sở hữu",
        code="SEC-K1",
        owner=t1,
    )
    course.trainers.set([t1])
    course.save_revision().publish()
    course.refresh_from_db()
    module = lessons[0].get_parent().specific
    lesson_document = make_document(title="Phiếu học tập khóa 1", filename="phieu.pdf")
    file_lesson = make_lesson(
        module,
        body=[("document", {"document": lesson_document, "description": "Phiếu"})],
    )
    essay = make_question(
        Question.Type.ESSAY,
        name="Tự luận bình đẳng giới",
        data={"response_format": "html", "grader_info": ""},
    )
    quiz = make_quiz(
        [make_question(Question.Type.TRUE_FALSE), essay],
        owner=t1,
        open_to_all=False,
        shuffle_options=False,
        questions_per_page=0,
        attempts_allowed=0,
    )
    quiz.slots.filter(question=essay).update(marks=Decimal("4"))
    quiz_lesson = lessons[-1]
    quiz_lesson.quiz = quiz
    quiz_lesson.save_revision().publish()
    enrolment = make_enrolment(owner, course)
    LessonProgress.objects.create(
        enrolment=enrolment,
        lesson=lessons[0],
        time_spent_seconds=600,
        completed_at=timezone.now(),
    )
    submitted = attempt_start(quiz=quiz, learner=owner)
    attempt_answers_save(
        attempt=submitted,
        answers={"1": {"value": "true"}, "2": {"text": f"<p>{ESSAY_TEXT}</p>"}},
        sequence=submitted.sequence,
    )
    attempt_submit(attempt=submitted)
    submitted.refresh_from_db()
    essay_answer = submitted.questions.get(position=2)
    open_attempt = attempt_start(quiz=quiz, learner=owner)

    # T2's own course and class, and learner 2's records there.
    course2, _lessons2 = make_course_tree(
        course_index, modules=1, lessons_per_module=1, title="Khóa khác", owner=t2
    )
    course2.trainers.set([t2])
    course2.save_revision().publish()
    quiz2 = make_quiz([make_question(Question.Type.TRUE_FALSE)], owner=t2)
    make_enrolment(people["learner2"], course2)
    class2 = make_training_class(commune_2, trainers=[t2], code="SEC-TH-2")

    # The owner's class in unit 1 (M1's district), taught by T1.
    training_class = make_training_class(
        commune_1, trainers=[t1], code="SEC-TH-1", course=course
    )
    session = make_session(training_class)
    participant = make_participant(
        training_class, owner, accommodation_needs=ACCOMMODATION_NEEDS
    )
    mark = make_mark(session, participant)
    attendance_change = change_of(mark)
    make_session(class2)

    # Certificates: the owner's (with its PDF) for the course.
    body = make_issuing_body(province, code="SECSNV")
    template = make_template(body)
    rule = make_rule(course=course, template=template)
    class_rule = make_rule(training_class=training_class, template=template)
    certificate = Certificate.objects.create(
        holder=owner,
        rule=rule,
        course=course,
        issuing_body=body,
        year=2026,
        sequence=777,
        number=CERTIFICATE_NUMBER,
        full_name=OWNER_NAME,
        subject_title=course.title,
        issued_on=dt.date(2026, 3, 11),
    )
    certificate.pdf.save("gcn-sec.pdf", ContentFile(PDF_BYTES))

    # Library: a resource with a file, the owner's bookmark and download.
    library = make_library(home, slug="thu-vien-sec")
    resource = make_resource(library, title="Tài liệu kiểm thử", slug="tai-lieu-sec")
    resource_file = resource.files.first()
    bookmark = ResourceBookmark.objects.create(user=owner, resource=resource)
    download = ResourceDownload.objects.create(
        resource=resource, file=resource_file, user=owner, unit=commune_1
    )
    from content_pages.models import NewsIndexPage, NewsPage, StandardPage

    standard = home.add_child(
        instance=StandardPage(title="Giới thiệu", slug="gioi-thieu-sec")
    )
    news_index = home.add_child(instance=NewsIndexPage(title="Tin", slug="tin-sec"))
    news = news_index.add_child(instance=NewsPage(title="Tin một", slug="tin-mot-sec"))
    from content_pages.models import LegalDocumentIndexPage

    legal_index = home.add_child(
        instance=LegalDocumentIndexPage(title="Văn bản", slug="van-ban-sec")
    )
    restricted = home.add_child(
        instance=StandardPage(title="Trang riêng", slug="trang-rieng-sec")
    )
    restriction = PageViewRestriction.objects.create(
        page=restricted,
        restriction_type=PageViewRestriction.PASSWORD,
        password="mat-khau",
    )

    image = get_image_model().objects.create(
        title="Ảnh bìa", file=ContentFile(PNG_1PX, name="anh.png"), width=1, height=1
    )

    # People's own records and the admin's logs.
    erasure = ErasureRequest.objects.create(person=owner, reason=ERASURE_REASON)
    export = PersonalDataExport.objects.create(
        exported_by=people["admin"], view_name="course_progress:export"
    )
    account_import = AccountImport.objects.create(
        uploaded_by=people["manager1"], file="a.xlsx", original_name="a.xlsx"
    )
    question_import = QuestionImport.objects.create(
        uploaded_by=t1, file="a.gift", original_name="a.gift"
    )
    assignment = CourseAssignment.objects.create(
        course=course, assigned_by=t1, due_date=dt.date(2030, 1, 1)
    )
    assignment.learners.set([owner])
    from axes.models import AccessAttempt

    access_attempt = AccessAttempt.objects.create(
        username=owner.username,
        ip_address="10.0.0.9",
        user_agent="sweep",
        failures_since_start=3,
        get_data="",
        post_data="",
        http_accept="*/*",
        path_info="/accounts/login/",
    )
    report_template = ReportTemplate.objects.create(
        name="Báo cáo năm (sweep)",
        slug="sweep",
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
    from stats.services.submissions import report_submit

    submission = report_submit(
        template=report_template, year=2026, unit=district_1, by=people["manager1"]
    )
    target_group = TargetGroup.objects.order_by("pk").first()
    population = TargetPopulation.objects.create(
        unit=commune_1, target_group=target_group, year=2026, size=10
    )
    succession = AdminUnitSuccession.objects.create(
        predecessor=district_2, successor=district_1, effective_date=dt.date(2025, 7, 1)
    )
    workflow = Workflow.objects.order_by("pk").first()
    task = Task.objects.order_by("pk").first()

    # Admin-side rows that take an id: a moderation in progress on the owner's
    # course, an editing session, uploads waiting, a redirect, tokens.
    workflow = course.get_workflow() or workflow
    workflow_state = workflow.start(course, t1)
    task_state = workflow_state.current_task_state
    from django.contrib.auth.models import Group
    from django.contrib.auth.tokens import default_token_generator
    from django.contrib.contenttypes.models import ContentType
    from django.utils.encoding import force_bytes
    from django.utils.http import urlsafe_base64_encode
    from wagtail.admin.models import EditingSession
    from wagtail.contrib.redirects.models import Redirect
    from wagtail.documents import get_document_model
    from wagtail.models import UploadedFile

    from assessments.services.importing import pending_upload_save
    from content_pages.models import SiteSettings
    from training.ical import feed_token
    from training.services.checkin import checkin_token_make, checkin_window

    extras = {
        "course_revision": course.latest_revision,
        "workflow_state": workflow_state,
        "task_state": task_state,
        "editing_session": EditingSession.objects.create(
            user=t1,
            content_type=ContentType.objects.get_for_model(Page),
            object_id=str(course.pk),
            last_seen_at=timezone.now(),
        ),
        "uploaded_file": UploadedFile.objects.create(
            for_content_type=ContentType.objects.get_for_model(get_document_model()),
            file=ContentFile(PDF_BYTES, name="cho.pdf"),
            uploaded_by_user=t1,
        ),
        "uploaded_image": UploadedFile.objects.create(
            for_content_type=ContentType.objects.get_for_model(get_image_model()),
            file=ContentFile(PNG_1PX, name="cho.png"),
            uploaded_by_user=t1,
        ),
        "redirect": Redirect.objects.create(old_path="/cu-sec", redirect_link="/"),
        "learner_group": Group.objects.get(name=Role.LEARNER),
        "site_settings": SiteSettings.for_site(site),
        "pending_upload_token": pending_upload_save(data=b"::Q1:: 1+1=2 {T}"),
        "feed_token": feed_token(owner),
        # A QR token lives 30 seconds; the sweep runs for minutes, so it asks
        # with one long expired (a live one is covered by tests/training).
        "checkin_token": checkin_token_make(
            session=session, window=checkin_window() - 1000
        ),
        "reset_kwargs": {
            "uidb64": urlsafe_base64_encode(force_bytes(owner.pk)),
            "token": default_token_generator.make_token(owner),
        },
        "library_document": resource_file.document,
    }

    objects = {
        **people,
        **extras,
        "province": province,
        "unit": commune_1,
        "district_1": district_1,
        "organisation": OrganisationFactory(code="SEC-ORG", unit=commune_1),
        "home": home,
        "site": site,
        "course_index": course_index,
        "course": course,
        "module": module,
        "lesson": lessons[0],
        "file_lesson": file_lesson,
        "quiz_lesson": quiz_lesson,
        "lesson_document": lesson_document,
        "quiz": quiz,
        "question": essay,
        "category": QuestionCategory.objects.order_by("-depth", "pk").first(),
        "enrolment": enrolment,
        "attempt": submitted,
        "open_attempt": open_attempt,
        "essay_answer": essay_answer,
        "course2": course2,
        "quiz2": quiz2,
        "class2": class2,
        "class": training_class,
        "session": session,
        "participant": participant,
        "mark": mark,
        "attendance_change": attendance_change,
        "issuing_body": body,
        "template": template,
        "rule": rule,
        "class_rule": class_rule,
        "certificate": certificate,
        "library": library,
        "resource": resource,
        "resource_file": resource_file,
        "bookmark": bookmark,
        "download": download,
        "resourcedownload": download,
        "standard": standard,
        "news_index": news_index,
        "news": news,
        "legal_index": legal_index,
        "restricted": restricted,
        "restriction": restriction,
        "image": image,
        "collection": Collection.get_first_root_node(),
        "erasure": erasure,
        "export": export,
        "account_import": account_import,
        "question_import": question_import,
        "assignment": assignment,
        "access_attempt": access_attempt,
        "report_template": report_template,
        "submission": submission,
        "population": population,
        "succession": succession,
        "target_group": target_group,
        "ethnicity": Ethnicity.objects.order_by("pk").first(),
        "workflow": workflow,
        "task": task,
        "schoollevel": SchoolLevel.objects.order_by("pk").first(),
        "resourcetopic": ResourceTopic.objects.order_by("pk").first(),
        "resourceformat": ResourceFormat.objects.order_by("pk").first(),
        "audience": Audience.objects.order_by("pk").first(),
        "newstopic": NewsTopic.objects.order_by("pk").first()
        or NewsTopic.objects.create(name="Chủ đề", slug="chu-de-sec"),
        "legaldocument": LegalDocument.objects.order_by("pk").first()
        or LegalDocument.objects.create(
            number="01/2026/SEC",
            title="Văn bản kiểm thử",
            kind=LegalDocument.Kind.values[0],
            issuer="Quốc hội",
            issued_on=dt.date(2026, 1, 1),
        ),
    }
    return objects


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker, _media_and_private_roots):
    with django_db_blocker.unblock(), transaction.atomic():
        yield build_world()
        transaction.set_rollback(True)
