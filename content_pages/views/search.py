"""Site search."""

urlpatterns: list = []
