"""Lesson files: a document used in a course's lessons goes to that course's
people only.

Wagtail serves every document at /documents/<id>/<name> to anyone with the URL;
the before_serve_document hook (registered in courses/wagtail_hooks.py) asks
`lesson_document_refusal` first. A document counts as a lesson file when a
lesson uses it in its live content (Wagtail's ReferenceIndex, which indexes the
page row: DocumentChooserBlock values, rich-text document links, foreign keys)
or in its latest draft (the index never sees revisions, so the drafts of
lessons with unpublished changes are read here, raw, without a query per
lesson). Then it is served only to:

- the learners the lesson page itself lets in: an enrolment that opens the
  course's lessons (courses.selectors.learning_enrolment);
- the course's staff: administrators (people.access.sees_everything), its owner
  and listed trainers (courses.reports.course_is_taught_by), and whoever Wagtail
  lets open the course in the admin (PagePermissionTester.can_edit: editors with
  page permissions, and the reviewers while the course awaits their review).

A document used in several courses goes to the people of any of them. A
document used by a lesson *and* by a public page or the library gets the
stricter rule: this hook refuses whoever is not in one of its courses, and the
library's own hook (content_pages) still applies its rule on top, so both must
let a person in at /documents/. (The library's download view, /tai-lieu/tai-ve/,
runs no hooks and checks the library's rule alone: upload a separate copy for
the public.) A document no lesson uses is left to the other rules.

Anonymous visitors are sent to sign in (as Wagtail does for private pages);
a signed-in person outside the course gets "not found", nothing more. The check
runs per download only: a fixed handful of queries (the index, the drafted
lessons, then one enrolment query per course until one matches).
"""

import json
from collections.abc import Iterator
from typing import Any

from django.contrib.auth.models import AnonymousUser
from django.contrib.auth.views import redirect_to_login
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.http import Http404, HttpRequest, HttpResponse
from wagtail import blocks
from wagtail.documents import get_document_model
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.documents.models import AbstractDocument
from wagtail.fields import RichTextField, StreamField
from wagtail.models import ReferenceIndex
from wagtail.rich_text import extract_references_from_rich_text

from people.access import sees_everything
from people.models import User

from .models import CoursePage, LessonPage
from .reports import course_is_taught_by
from .selectors import course_path_of, learning_enrolment


def _document_ids_in_block(block: blocks.Block, raw: Any) -> Iterator[str]:
    """The ids of the documents a block's stored (raw JSON) value uses."""
    if raw is None or raw == "":
        return
    if isinstance(block, DocumentChooserBlock):
        yield str(raw)
    elif isinstance(block, blocks.RichTextBlock):
        yield from _document_ids_in_rich_text(raw)
    elif isinstance(block, blocks.BaseStreamBlock) and isinstance(raw, list):
        for child in raw:
            if isinstance(child, dict) and child.get("type") in block.child_blocks:
                yield from _document_ids_in_block(
                    block.child_blocks[child["type"]], child.get("value")
                )
    elif isinstance(block, blocks.BaseStructBlock) and isinstance(raw, dict):
        for name, child_block in block.child_blocks.items():
            yield from _document_ids_in_block(child_block, raw.get(name))
    elif isinstance(block, blocks.ListBlock) and isinstance(raw, list):
        for item in raw:
            # Stored as {"type": "item", "value": ..., "id": ...}, or bare (older).
            is_wrapped = isinstance(item, dict) and item.get("type") == "item"
            value = item.get("value") if is_wrapped else item
            yield from _document_ids_in_block(block.child_block, value)


def _document_ids_in_rich_text(html: Any) -> Iterator[str]:
    if not isinstance(html, str):
        return
    for (
        model,
        object_id,
        _model_path,
        _content_path,
    ) in extract_references_from_rich_text(html):
        if isinstance(model, type) and issubclass(model, AbstractDocument):
            yield str(object_id)


def lesson_revision_document_ids(content: dict[str, Any]) -> set[str]:
    """The documents a lesson revision's content uses (its StreamFields, rich
    text and document foreign keys), read from the raw JSON: no query."""
    document_model = get_document_model()
    found: set[str] = set()
    for field in LessonPage._meta.concrete_fields:
        raw = content.get(field.attname)
        if raw is None:
            continue
        if isinstance(field, StreamField):
            data = json.loads(raw) if isinstance(raw, str) else raw
            found.update(_document_ids_in_block(field.stream_block, data))
        elif isinstance(field, RichTextField):
            found.update(_document_ids_in_rich_text(raw))
        elif (
            isinstance(field, models.ForeignKey)
            and field.related_model is document_model
        ):
            found.add(str(raw))
    return found


def lessons_using_document(*, document: AbstractDocument) -> list[LessonPage]:
    """The lessons whose live content or latest draft uses this document."""
    live_ids = {
        int(object_id)
        for object_id in ReferenceIndex.get_references_to(document)
        .filter(content_type=ContentType.objects.get_for_model(LessonPage))
        .values_list("object_id", flat=True)
    }
    lessons = (
        list(LessonPage.objects.filter(pk__in=live_ids).only("path", "content_type"))
        if live_ids
        else []
    )
    # Narrowed in the database by the id's digits; decided exactly below.
    drafted = (
        LessonPage.objects.filter(
            has_unpublished_changes=True,
            latest_revision__isnull=False,
            latest_revision__content__icontains=str(document.pk),
        )
        .exclude(pk__in=live_ids)
        .select_related("latest_revision")
        .only("path", "content_type", "latest_revision__content")
    )
    wanted = str(document.pk)
    lessons.extend(
        lesson
        for lesson in drafted
        if wanted in lesson_revision_document_ids(lesson.latest_revision.content)
    )
    return lessons


def course_staff_includes(*, course: CoursePage, user: User) -> bool:
    """Whether this person works on the course (see the module's docstring)."""
    return (
        sees_everything(user)
        or course_is_taught_by(course=course, user=user)
        or course.permissions_for_user(user).can_edit()
    )


def lesson_document_allowed(
    *, document: AbstractDocument, user: User | AnonymousUser
) -> bool | None:
    """True or False for a lesson file; None when no lesson uses the document."""
    lessons_by_course: dict[str, LessonPage] = {}
    for lesson in lessons_using_document(document=document):
        lessons_by_course.setdefault(course_path_of(lesson), lesson)
    if not lessons_by_course:
        return None
    if not isinstance(user, User) or not user.is_authenticated:
        return False
    for lesson in lessons_by_course.values():
        if learning_enrolment(learner=user, lesson=lesson) is not None:
            return True
    courses = CoursePage.objects.filter(path__in=lessons_by_course)
    return any(course_staff_includes(course=course, user=user) for course in courses)


def lesson_document_refusal(
    *, document: AbstractDocument, request: HttpRequest
) -> HttpResponse | None:
    """Wagtail's before_serve_document hook: None lets the download go on."""
    allowed = lesson_document_allowed(document=document, user=request.user)
    if allowed is None or allowed:
        return None
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    raise Http404
