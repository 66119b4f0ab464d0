"""Admin settings for every app: slugs are ASCII (lms.slugs); the admin lists'
phone layout (lms/static/lms/admin.css)."""

from django.db import models
from django.templatetags.static import static
from django.utils.html import format_html
from wagtail import hooks
from wagtail.admin.forms.models import register_form_field_override

from lms.slugs import AsciiSlugField, AsciiSlugInput

register_form_field_override(
    models.SlugField,
    override={"form_class": AsciiSlugField, "widget": AsciiSlugInput},
)


@hooks.register("insert_global_admin_css")
def admin_lists_on_phones():
    return format_html('<link rel="stylesheet" href="{}">', static("lms/admin.css"))
