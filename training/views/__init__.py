"""The training app's pages: the learner's (`learner`), the trainer's roll-call
(`attendance`) and check-in by QR, typed code or online join (`checkin`)."""
