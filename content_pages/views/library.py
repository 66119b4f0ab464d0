"""The school resource library: downloads, bookmarks, "My resources"."""

urlpatterns: list = []
