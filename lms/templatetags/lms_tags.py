from django import template
from django.core.cache import cache

register = template.Library()

ADMIN_ACCESS_CACHE_SECONDS = 300


@register.filter
def can_access_admin(user) -> bool:
    """Whether to show the admin link; cached per user, since the permission
    check costs two queries on every page a logged-in person opens."""
    if not user.is_authenticated:
        return False
    key = f"lms:admin-access:{user.pk}"
    allowed = cache.get(key)
    if allowed is None:
        allowed = user.has_perm("wagtailadmin.access_admin")
        cache.set(key, allowed, ADMIN_ACCESS_CACHE_SECONDS)
    return allowed
