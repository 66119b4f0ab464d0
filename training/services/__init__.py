"""Training services, one module per sub-domain (attendance, participants, sheets ...).

Import from the module itself (`from training.services.attendance import
attendance_mark`): several modules are written side by side.
"""
