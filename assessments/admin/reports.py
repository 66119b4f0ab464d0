"""Admin: reports."""

VIEWSETS: list = []
