"""Admin: grading."""

VIEWSETS: list = []
