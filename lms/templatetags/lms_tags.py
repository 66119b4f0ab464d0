from django import template
from django.core.cache import cache
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

register = template.Library()

ADMIN_ACCESS_CACHE_SECONDS = 300


@register.filter
def can_access_admin(user) -> bool:
    """Whether to show the admin link; cached per user, since the permission
    check costs two queries on every page a logged-in person opens, and kept
    on the user object, which a page asks twice (header and userbar)."""
    if not user.is_authenticated:
        return False
    known = getattr(user, "_lms_can_access_admin", None)
    if known is not None:
        return known
    key = f"lms:admin-access:{user.pk}"
    allowed = cache.get(key)
    if allowed is None:
        allowed = user.has_perm("wagtailadmin.access_admin")
        cache.set(key, allowed, ADMIN_ACCESS_CACHE_SECONDS)
    user._lms_can_access_admin = allowed
    return allowed


# Django stores a model's default permission names in English ("Can add quiz").
DEFAULT_PERMISSION_NAMES = {
    "add": _("Can add %(model)s"),
    "change": _("Can change %(model)s"),
    "delete": _("Can delete %(model)s"),
    "view": _("Can view %(model)s"),
}


@register.filter
def permission_label(permission) -> str:
    """A permission's name in the current language: the default ones from their
    action and the model's translated name, the others through the catalogue
    (models declare them with gettext_lazy, so their English is a msgid)."""
    action, _sep, model = permission.codename.partition("_")
    if model == permission.content_type.model and action in DEFAULT_PERMISSION_NAMES:
        return DEFAULT_PERMISSION_NAMES[action] % {
            "model": permission.content_type.name
        }
    return gettext(permission.name)
