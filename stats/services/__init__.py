"""Statistics services, one module per sub-domain (exports, submissions, reminders ...).

Import from the module itself (`from stats.services.exports import
report_workbook`): several modules are written side by side.
"""
