"""Course things other apps' pages show: `{% load courses_tags %}`."""

from django import template
from django.contrib.auth.models import AnonymousUser

from courses import selectors

register = template.Library()


@register.inclusion_tag("courses/includes/featured_courses.html", takes_context=True)
def featured_courses(context, count: int = 3):
    """The latest courses as cards, with the learner's status (two queries)."""
    request = context.get("request")
    user = getattr(request, "user", None) or AnonymousUser()
    courses = list(selectors.featured_courses(limit=count))
    return {
        "request": request,
        # A visitor gets cards too (AnonymousUser): course_cards handles one,
        # though its signature names only User.
        "cards": selectors.course_cards(courses=courses, learner=user),
        "heading_level": 3,
    }
