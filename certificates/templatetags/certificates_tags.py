"""Certificates other apps' pages show: `{% load certificates_tags %}`.

My learning (courses) shows `{% my_certificates %}`: courses never imports
certificates.
"""

from django import template

from certificates.selectors.learner import certificates_on_my_learning

register = template.Library()


@register.inclusion_tag(
    "certificates/includes/my_certificates.html", takes_context=True
)
def my_certificates(context):
    """The learner's certificates, with their PDF and verification links."""
    request = context.get("request")
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"certificates": []}
    return {"certificates": certificates_on_my_learning(person=user)}
