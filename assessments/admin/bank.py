"""Admin: bank."""

VIEWSETS: list = []
