"""The machinery of the authorisation sweep: walking the URL patterns, filling
their ids from the world, asking as a role, classifying the answer, and a
fingerprint of the database to prove that a refused POST changed nothing."""

import functools
import json
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from django.apps import apps
from django.db import connection
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from wagtail.models import Page

from . import conftest as w

ROLES = (
    "anonymous",
    "owner",
    "learner2",
    "trainer1",
    "trainer2",
    "manager1",
    "manager2",
    "reviewer",
    "admin",
)

# The owner's personal data, as they would appear in HTML or in JSON.
SECRETS = (
    w.OWNER_NAME,
    w.OWNER_EMAIL,
    w.OWNER_PHONE,
    w.ESSAY_TEXT,
    w.CERTIFICATE_NUMBER,
    w.ERASURE_REASON,
    w.ACCOMMODATION_NEEDS,
)


@dataclass
class Route:
    name: str  # the URL name with its namespaces ("training:rollcall")
    route: str  # the pattern, for the report
    kwargs: tuple[str, ...]
    unnamed_groups: int = 0


@dataclass
class Target:
    name: str  # the table's row
    url: str
    route: str = ""
    extra: dict = field(default_factory=dict)


def walk(resolver=None, prefix="", namespace=None, kwargs=()):
    """Every URL pattern of the project, with the kwargs it takes."""
    resolver = resolver or get_resolver()
    for pattern in resolver.url_patterns:
        regex = pattern.pattern.regex
        if isinstance(pattern, URLResolver):
            ns = namespace
            if pattern.namespace:
                ns = (
                    f"{namespace}:{pattern.namespace}"
                    if namespace
                    else pattern.namespace
                )
            yield from walk(
                pattern,
                prefix + str(pattern.pattern),
                ns,
                kwargs + tuple(regex.groupindex),
            )
        elif isinstance(pattern, URLPattern):
            names = kwargs + tuple(regex.groupindex)
            name = pattern.name or getattr(pattern.callback, "__name__", "?")
            if namespace:
                name = f"{namespace}:{name}"
            yield Route(
                name,
                prefix + str(pattern.pattern),
                names,
                regex.groups - len(regex.groupindex),
            )


def parameterised_routes():
    return [r for r in walk() if r.kwargs or r.unnamed_groups]


# --- Filling the ids ----------------------------------------------------------


class Unfillable(Exception):
    pass


# The pk of a viewset's (or admin area's) URLs, by namespace: the world's object.
PK_BY_NAMESPACE = {
    "wagtailadmin_api:pages": "course",
    "wagtailadmin_api:documents": "lesson_document",
    "wagtailadmin_api:images": "image",
    "wagtailadmin_pages": "course",
    "wagtailadmin_collections": "collection",
    "wagtailadmin_workflows": "workflow",
    "people_account_imports": "account_import",
    "stats_reports": "submission",
    "adminunit": "unit",
    "adminunitsuccession": "succession",
    "organisation": "organisation",
    "targetgroup": "target_group",
    "ethnicity": "ethnicity",
    "erasure_requests": "erasure",
    "login_lockouts": "access_attempt",
    "course_assignments": "assignment",
    "enrolment_requests": "enrolment",
    "course_copy": "course",
    "training_reports": "class",
    "training_classes": "class",
    "training_participants": "participant",
    "certificate_exports": "class",
    "certificates_issued": "certificate",
    "certificate_templates": "template",
    "certificate_rules": "rule",
    "certificate_issuing_bodies": "issuing_body",
    "stats_population": "population",
    "stats_templates": "report_template",
    "wagtailsites": "site",
    "wagtailusers_users": "owner",
    "wagtailusers_groups": "learner_group",
    "question_bank": "question",
    "question_categories": "category",
    "quizzes": "quiz",
    "question_import": "question_import",
    "quiz_reports": "quiz",
    "certificates": "certificate",
    "assessments": "quiz",
    "training": "session",
    "wagtailsettings": "site_settings",
    # The course editor's trainer chooser, asked for the owner (a learner): a
    # learner must not be reachable through it by id.
    "course_trainer_chooser": "owner",
}
PK_BY_NAME = {
    "grading:answer": "essay_answer",
    "grading:regrade": "quiz",
    "assessments:attempt": "open_attempt",
    "assessments:save": "open_attempt",
    "assessments:review": "attempt",
    "wagtailadmin_workflows:edit_task": "task",
    "wagtailadmin_workflows:disable_task": "task",
    "wagtailadmin_workflows:enable_task": "task",
    "wagtaildocs_chooser:chosen": "lesson_document",
    "wagtailimages_chooser:chosen": "image",
}

# Other kwargs by name: the world's object whose pk fills them.
OBJECT_BY_KWARG = {
    "page_id": "course",
    "parent_page_id": "course",
    "page_to_move_id": "course",
    "destination_id": "course_index",
    "page_pk": "course",
    "workflow_pk": "workflow",
    "document_id": "lesson_document",
    "doc_id": "lesson_document",
    "image_id": "image",
    "course_id": "course",
    "lesson_id": "lesson",
    "class_id": "class",
    "session_id": "session",
    "participant_id": "participant",
    "resource_id": "resource",
    "file_id": "resource_file",
    "collection_id": "collection",
    "task_id": "task",
    "page_view_restriction_id": "restriction",
    "revision_id": "course_revision",
}


def _snippet_model_value(name):
    """wagtailsnippets_<app>_<model>:edit -> the world's object of that model."""
    namespace = name.split(":")[0]
    for prefix in ("wagtailsnippets_", "wagtailsnippetchoosers_"):
        if namespace.startswith(prefix):
            # Model names are lower-case class names, without underscores.
            return namespace[len(prefix) :].rsplit("_", 1)[-1]
    return None


def values_for(route: Route, world: dict) -> dict:
    """The kwargs that point this route at the owner's (or their course's) rows."""
    namespace, _sep, short = route.name.rpartition(":")
    special = SPECIAL_VALUES.get(route.name)
    if special is not None:
        return special(world)
    values = {}
    for kwarg in route.kwargs:
        if kwarg == "pk":
            key = (
                PK_BY_NAME.get(route.name)
                or _snippet_model_value(route.name)
                or PK_BY_NAMESPACE.get(namespace)
            )
            if key is None:
                raise Unfillable(f"no object for pk in namespace {namespace!r}")
        else:
            key = OBJECT_BY_KWARG.get(kwarg)
            if key is None:
                raise Unfillable(f"no value for {kwarg!r}")
        obj = world.get(key)
        if obj is None:
            raise Unfillable(f"the world has no {key!r}")
        values[kwarg] = obj.pk
    return values


def _app_model(app, model):
    return lambda _w: {"app_label": app, "model_name": model}


SPECIAL_VALUES = {
    "wagtailadmin_api:pages:action": lambda w: {
        "pk": w["course"].pk,
        "action_name": "unpublish",
    },
    "wagtail_bulk_action": lambda _w: {
        "app_label": "wagtailcore",
        "model_name": "page",
        "action": "delete",
    },
    "wagtailadmin_pages:add": lambda w: {
        "content_type_app_name": "courses",
        "content_type_model_name": "modulepage",
        "parent_page_id": w["course"].pk,
    },
    "wagtailadmin_pages:preview_on_add": lambda w: {
        "content_type_app_name": "courses",
        "content_type_model_name": "modulepage",
        "parent_page_id": w["course"].pk,
    },
    "wagtailadmin_pages:type_use": lambda _w: {
        "content_type_app_name": "courses",
        "content_type_model_name": "coursepage",
    },
    "wagtailadmin_pages:type_use_results": lambda _w: {
        "content_type_app_name": "courses",
        "content_type_model_name": "coursepage",
    },
    "wagtailadmin_pages:choose_parent": _app_model("courses", "coursepage"),
    "wagtailadmin_pages:move_confirm": lambda w: {
        "page_to_move_id": w["course"].pk,
        "destination_id": w["home"].pk,
    },
    "wagtailadmin_pages:workflow_action": lambda w: {
        "page_id": w["course"].pk,
        "action_name": "approve",
        "task_state_id": w["task_state"].pk,
    },
    "wagtailadmin_pages:collect_workflow_action_data": lambda w: {
        "page_id": w["course"].pk,
        "action_name": "approve",
        "task_state_id": w["task_state"].pk,
    },
    "wagtailadmin_pages:workflow_preview": lambda w: {
        "page_id": w["course"].pk,
        "task_id": w["task_state"].task_id,
    },
    "wagtailadmin_pages:workflow_history_detail": lambda w: {
        "page_id": w["course"].pk,
        "workflow_state_id": w["workflow_state"].pk,
    },
    "wagtailadmin_pages:revisions_compare": lambda w: {
        "pk": w["course"].pk,
        "revision_id_a": "earliest",
        "revision_id_b": "latest",
    },
    "wagtailadmin_tag_model_autocomplete": lambda _w: {
        "app_name": "courses",
        "model_name": "coursetag",
    },
    "wagtailadmin_workflows:add_task": _app_model("wagtailcore", "grouporderedtask"),
    "wagtailadmin_editing_sessions:ping": lambda w: {
        "app_label": "wagtailcore",
        "model_name": "page",
        "object_id": str(w["course"].pk),
        "session_id": w["editing_session"].pk,
    },
    "wagtailadmin_editing_sessions:release": lambda w: {
        "session_id": w["editing_session"].pk
    },
    "wagtailsettings:edit": lambda w: {
        "app_name": w["site_settings"]._meta.app_label,
        "model_name": w["site_settings"]._meta.model_name,
        "pk": w["site"].pk,
    },
    "wagtailsettings:preview_on_edit": lambda w: {
        "app_name": w["site_settings"]._meta.app_label,
        "model_name": w["site_settings"]._meta.model_name,
        "pk": w["site"].pk,
    },
    "wagtaildocs:create_multiple_from_uploaded_document": lambda w: {
        "uploaded_file_id": w["uploaded_file"].pk
    },
    "wagtaildocs:delete_upload_multiple": lambda w: {
        "uploaded_file_id": w["uploaded_file"].pk
    },
    "wagtailimages:create_multiple_from_uploaded_image": lambda w: {
        "uploaded_file_id": w["uploaded_image"].pk
    },
    "wagtailimages:delete_upload_multiple": lambda w: {
        "uploaded_file_id": w["uploaded_image"].pk
    },
    "wagtailimages:preview": lambda w: {
        "image_id": w["image"].pk,
        "filter_spec": "original",
    },
    "question_bank:add_type": lambda _w: {"question_type": "essay"},
    "question_import:preview": lambda w: {"token": w["pending_upload_token"]},
    "question_import:confirm": lambda w: {"token": w["pending_upload_token"]},
    "login_lockouts:lift": lambda w: {
        "kind": "account",
        "pk": w["access_attempt"].pk,
    },
    "training_participants:decide": lambda w: {
        "pk": w["participant"].pk,
        "decision": "withdraw",
    },
    "certificates_issued:action": lambda w: {
        "pk": w["certificate"].pk,
        "action": "revoke",
    },
    "certificates:verify": lambda w: {"code": w["certificate"].verification_code},
    "certificates:openbadge": lambda w: {"code": w["certificate"].verification_code},
    "certificates:openbadge_jwt": lambda w: {
        "code": w["certificate"].verification_code
    },
    "training:calendar_feed": lambda w: {"token": w["feed_token"]},
    "training:checkin": lambda w: {"token": w["checkin_token"]},
    "people:password_reset_confirm": lambda w: w["reset_kwargs"],
    "wagtailadmin_password_reset_confirm": lambda w: w["reset_kwargs"],
    "wagtailredirects:edit": lambda w: {"redirect_id": w["redirect"].pk},
    "wagtailredirects:delete": lambda w: {"redirect_id": w["redirect"].pk},
    "wagtailcore_authenticate_with_password": lambda w: {
        "page_view_restriction_id": w["restriction"].pk,
        "page_id": w["restricted"].pk,
    },
}

# Patterns that take an id or a path but are swept another way, or cannot be
# filled from the world. Each says why; a new pattern that cannot be filled
# fails test_every_parameterised_pattern_is_swept until it is filled or listed.
NOT_SWEPT = {
    "wagtail_serve": "every page of the tree is requested by its URL (PAGE_TABLE)",
    "wagtaildocs_serve": "requested with each document's own URL (EXTRA_TARGETS)",
    "wagtailforms:list_submissions": "the site has no form pages (no FormMixin model)",
    "wagtailforms:list_submissions_results": "the site has no form pages",
    "wagtailforms:delete_submissions": "the site has no form pages",
    "documents:wagtaildocs_authenticate_with_password": (
        "document collections carry no password restriction in this project"
    ),
    "wagtaildocs_authenticate_with_password": (
        "document collections carry no password restriction in this project"
    ),
}


def targets(world: dict) -> tuple[list[Target], dict[str, str]]:
    """The URLs to request, one per parameterised route, and the routes left out."""
    found, left_out = [], {}
    seen = set()
    for route in parameterised_routes():
        if route.name in NOT_SWEPT:
            left_out[route.name] = NOT_SWEPT[route.name]
            continue
        try:
            values = values_for(route, world)
            url = reverse(route.name, kwargs=values)
        except Unfillable as problem:
            left_out[route.name] = f"UNFILLABLE: {problem}"
            continue
        except Exception as problem:  # noqa: BLE001 (reported, and fails the test)
            left_out[route.name] = f"UNFILLABLE: {type(problem).__name__}: {problem}"
            continue
        key = route.name
        if key in seen:  # two patterns share a name (workflows:remove, settings:edit)
            key = f"{route.name}#{len(route.kwargs)}"
            values = {k: v for k, v in values.items() if k in route.kwargs}
            try:
                url = reverse(route.name, kwargs=values)
            except Exception as problem:  # noqa: BLE001
                left_out[key] = f"UNFILLABLE: {problem}"
                continue
        seen.add(key)
        found.append(Target(key, url, route.route))
    for name, url in extra_targets(world):
        found.append(Target(name, url, "(document)"))
    return found, left_out


def extra_targets(world):
    """Wagtail's document serving takes an id and a file name (unnamed groups)."""
    for key in ("lesson_document", "library_document"):
        document = world[key]
        yield f"wagtaildocs_serve[{key}]", document.url


def page_targets(world: dict) -> list[Target]:
    """Every live page of the tree, named by its type; the first page of each type."""
    result, seen = [], set()
    home = world["home"]
    for page in Page.objects.descendant_of(home, inclusive=True).specific():
        kind = type(page).__name__
        name = f"page:{kind}"
        if page.pk == world["restricted"].pk:
            name = "page:StandardPage[password]"
        if page.pk == world["file_lesson"].pk:
            name = "page:LessonPage[file]"
        if page.pk == world["quiz_lesson"].pk:
            name = "page:LessonPage[quiz]"
        if page.pk in (world["course2"].pk,):
            continue
        if name in seen:
            continue
        seen.add(name)
        result.append(Target(name, page.relative_url(world["site"])))
    return result


# --- Asking and classifying ---------------------------------------------------

LOGIN, OK, DENIED, METHOD, ERROR = "LOGIN", "OK", "DENIED", "METHOD", "ERROR"


def client_for(role: str, world: dict) -> Client:
    # A 500 is an answer to record, not an exception that ends the sweep.
    client = Client(raise_request_exception=False)
    if role != "anonymous":
        client.force_login(world[role])
    return client


def keep_session(client: Client, role: str, world: dict) -> None:
    """After a request rolled back with its savepoint: a session the request
    created (an anonymous visitor's, or a rotated one) is gone from the database
    while the client still holds its cookie, and the next request that writes
    to it would be refused (SessionInterrupted, a 400) for the sweep's sake."""
    from django.conf import settings
    from django.contrib.sessions.models import Session

    cookie = client.cookies.get(settings.SESSION_COOKIE_NAME)
    if cookie is None or Session.objects.filter(session_key=cookie.value).exists():
        return
    if role == "anonymous":
        del client.cookies[settings.SESSION_COOKIE_NAME]
    else:
        client.force_login(world[role])


def login_paths():
    return {reverse("people:login"), reverse("wagtailadmin_login"), "/_util/login/"}


def classify(response, role: str) -> str:
    code = response.status_code
    if code >= 500:
        return ERROR
    if code == 405:
        return METHOD
    if code in (400, 401, 403, 404, 410):
        return DENIED
    if code in (301, 302, 303, 307, 308):
        path = urlsplit(response["Location"]).path
        if path in login_paths():
            return LOGIN if role == "anonymous" else DENIED
        if path == reverse("wagtailadmin_home"):
            # Wagtail's admin answers "you may not" by sending people home.
            return DENIED
        return OK
    return OK


def body_of(response) -> str:
    if getattr(response, "streaming", False):
        content = b"".join(response.streaming_content)
    else:
        content = response.content
    return content.decode("utf-8", errors="replace")


def leaked(body: str) -> list[str]:
    """The owner's data found in a body, as text, in HTML or in JSON."""
    found = []
    for secret in SECRETS:
        forms = {secret, json.dumps(secret)[1:-1]}
        if any(form in body for form in forms):
            found.append(secret)
    return found


# --- Proving that a refused POST changed nothing ---------------------------------


@functools.cache
def _count_sql() -> tuple[tuple[str, ...], str]:
    """One query that counts the rows of every table of the project."""
    tables = tuple(
        sorted(
            {
                model._meta.db_table
                for model in apps.get_models()
                if model._meta.managed and not model._meta.proxy
            }
        )
    )
    quote = connection.ops.quote_name
    # Table names from the models' metadata, quoted: nothing from a request.
    sql = "SELECT " + ", ".join(  # noqa: S608
        f"(SELECT COUNT(*) FROM {quote(table)})"  # noqa: S608
        for table in tables
    )
    return tables, sql


def fingerprint(world) -> tuple:
    """Row counts of every table (one query) and the owner's rows as they are."""
    tables, sql = _count_sql()
    with connection.cursor() as cursor:
        cursor.execute(sql)
        counts = cursor.fetchone()
    owner = world["owner"]
    from assessments.models import Attempt, AttemptQuestion
    from certificates.models import Certificate
    from courses.models import Enrolment, LessonProgress
    from people.models import ErasureRequest, User
    from training.models import AttendanceRecord, Participant

    rows = (
        list(User.objects.filter(pk=owner.pk).values()),
        list(Enrolment.objects.filter(learner=owner).values()),
        list(LessonProgress.objects.filter(enrolment__learner=owner).values()),
        list(Attempt.objects.filter(learner=owner).values()),
        list(AttemptQuestion.objects.filter(attempt__learner=owner).values()),
        list(Participant.objects.filter(person=owner).values()),
        list(AttendanceRecord.objects.filter(participant__person=owner).values()),
        list(Certificate.objects.filter(holder=owner).values()),
        list(ErasureRequest.objects.filter(person=owner).values()),
        list(
            Page.objects.filter(path__startswith=world["home"].path).values_list(
                "pk",
                "path",
                "live",
                "locked",
                "title",
                "latest_revision_id",
                "has_unpublished_changes",
                "owner_id",
            )
        ),
    )
    return dict(zip(tables, counts, strict=True)), rows


def difference(before, after) -> str:
    counts = [
        f"{table} {before[0][table]}→{after[0][table]}"
        for table in before[0]
        if before[0][table] != after[0][table]
    ]
    rows = ["owner's rows changed"] if before[1] != after[1] else []
    return "; ".join(counts + rows)
