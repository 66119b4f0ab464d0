from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import Menu, SubmenuMenuItem

# Each module registers its views and its item of the menu below.
from .admin import (  # noqa: F401
    STATS_MENU_HOOK,
    dashboard,
    exports,
    population,
    submissions,
    templates,
)

stats_menu = Menu(register_hook_name=STATS_MENU_HOOK)


@hooks.register("register_admin_menu_item")
def register_stats_menu():
    """ "Statistics", shown to whoever may see at least one of its items."""
    return SubmenuMenuItem(
        _("Statistics"), stats_menu, icon_name="table", name="stats", order=280
    )
