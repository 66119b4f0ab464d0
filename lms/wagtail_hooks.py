"""Admin settings for every app's forms: slugs are ASCII (lms.slugs)."""

from django.db import models
from wagtail.admin.forms.models import register_form_field_override

from lms.slugs import AsciiSlugField, AsciiSlugInput

register_form_field_override(
    models.SlugField,
    override={"form_class": AsciiSlugField, "widget": AsciiSlugInput},
)
