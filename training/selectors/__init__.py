"""Reads of the training app: attendance figures and reports (`attendance`), the
learner's classes and sessions (`learner`), and the trainer's roll-call (`rollcall`)."""
