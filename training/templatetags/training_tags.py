"""Training things other apps' pages show: `{% load training_tags %}`.

My learning (courses) shows `{% my_classes %}` and the home page
(content_pages) `{% upcoming_classes %}`: neither app imports training.
"""

from django import template
from django.urls import reverse

from training.ical import feed_token
from training.selectors import learner as selectors

register = template.Library()


@register.inclusion_tag("training/includes/my_classes.html", takes_context=True)
def my_classes(context):
    """The learner's classes, upcoming sessions, own marks and attendance."""
    request = context.get("request")
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"classes": []}
    classes = selectors.my_classes(person=user)
    return {
        "request": request,
        "classes": classes,
        "feed_url": request.build_absolute_uri(
            reverse("training:calendar_feed", args=[feed_token(user)])
        )
        if classes
        else "",
    }


@register.inclusion_tag("training/includes/upcoming_classes.html")
def upcoming_classes(count: int = 3):
    """Classes open for registration, soonest first, with their links."""
    return {"classes": list(selectors.open_classes()[:count])}
