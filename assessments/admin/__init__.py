"""The assessments back office in Wagtail's admin, one module per area.

Each module lists its viewsets in VIEWSETS; wagtail_hooks puts them together
under one "Assessments" menu.
"""
