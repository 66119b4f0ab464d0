"""The statistics' admin: each module registers its views and its item of the
"Statistics" menu (stats/wagtail_hooks.py) with Wagtail's hooks."""

# The hook each module registers its menu item with (a wagtail.admin.menu.MenuItem).
STATS_MENU_HOOK = "register_stats_menu_item"
