"""Copy a course for its next edition: every module and lesson, as drafts."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.validators import validate_slug
from django.db import transaction
from django.utils.translation import gettext_lazy as _
from wagtail.models import Page

from courses.models import CoursePage
from courses.reports import course_is_taught_by
from lms.text import fold_vietnamese, normalise_text
from people.access import sees_everything
from people.models import User

COPY_NOT_ALLOWED = _("You can copy only the courses you own or train.")
COPY_TITLE_REQUIRED = _("Give the new edition a title.")
COPY_SLUG_REQUIRED = _("Give the new edition a slug (its address), e.g. k1-2027.")
COPY_SLUG_INVALID = _(
    "The slug may contain only letters, digits, hyphens (-) and underscores (_)."
)
COPY_SLUG_TAKEN = _(
    "Another page in the catalogue already has the slug “%(slug)s”: choose another."
)
COPY_CODE_REQUIRED = _("Give the new edition a code, e.g. K1-2027.")
COPY_TOO_LONG = _("At most %(max)s characters.")

TITLE_MAX_LENGTH = Page._meta.get_field("title").max_length
SLUG_MAX_LENGTH = Page._meta.get_field("slug").max_length
CODE_MAX_LENGTH = CoursePage._meta.get_field("code").max_length


def course_copy_allowed(*, user: User, course: CoursePage) -> bool:
    """Its owner and trainers (and administrators) copy a course, into the
    catalogue where they may add courses."""
    if not user.is_authenticated or not user.is_active:
        return False
    if not (sees_everything(user) or course_is_taught_by(course=course, user=user)):
        return False
    return course.get_parent().permissions_for_user(user).can_add_subpage()


def _check_length(errors: dict, field: str, value: str, maximum: int) -> None:
    if len(value) > maximum:
        errors.setdefault(field, []).append(
            ValidationError(COPY_TOO_LONG, params={"max": maximum})
        )


@transaction.atomic
def course_copy(
    *, course: CoursePage, user: User, new_title: str, new_slug: str, new_code: str
) -> CoursePage:
    """Copy the course with all its modules and lessons beside it.

    The copy is a draft owned by `user` (so it goes through review before it is
    published) and has no enrolments. Nothing is copied when an input is wrong.
    """
    if not course_copy_allowed(user=user, course=course):
        raise PermissionDenied(COPY_NOT_ALLOWED)
    title = (new_title or "").strip()
    # Slugs are ASCII (lms.slugs): Vietnamese letters are folded, the rest checked.
    slug = fold_vietnamese(normalise_text((new_slug or "").strip())).lower()
    code = (new_code or "").strip()
    errors: dict[str, list[ValidationError]] = {}
    if not title:
        errors["new_title"] = [ValidationError(COPY_TITLE_REQUIRED)]
    _check_length(errors, "new_title", title, TITLE_MAX_LENGTH)
    if not slug:
        errors["new_slug"] = [ValidationError(COPY_SLUG_REQUIRED)]
    else:
        try:
            validate_slug(slug)
        except ValidationError:
            errors["new_slug"] = [ValidationError(COPY_SLUG_INVALID)]
    _check_length(errors, "new_slug", slug, SLUG_MAX_LENGTH)
    if not code:
        errors["new_code"] = [ValidationError(COPY_CODE_REQUIRED)]
    _check_length(errors, "new_code", code, CODE_MAX_LENGTH)
    parent = course.get_parent()
    if slug and Page.objects.child_of(parent).filter(slug=slug).exists():
        errors.setdefault("new_slug", []).append(
            ValidationError(COPY_SLUG_TAKEN, params={"slug": slug})
        )
    if errors:
        raise ValidationError(errors)
    copy = course.copy(
        recursive=True,
        to=parent,
        update_attrs={"title": title, "draft_title": title, "slug": slug, "code": code},
        keep_live=False,
        user=user,
    )
    return copy.specific
