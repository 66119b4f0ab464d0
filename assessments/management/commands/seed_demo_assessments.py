"""The demo question bank, quizzes and learners' attempts (run by `seed_demo`).

Idempotent: the bank is imported once, quizzes are found by reference code,
and a learner who already has attempts at a demo quiz is skipped.
"""

from django.core.management.base import BaseCommand

from assessments import demo
from people.models import User


class Command(BaseCommand):
    help = "Load the demo question bank, quizzes and attempts (idempotent)."

    def handle(self, *args, **options):
        trainer = User.objects.filter(username="trainer").first()
        questions = demo.load_bank(user=trainer)
        quizzes = demo.create_quizzes(owner=trainer)
        learners = list(
            User.objects.filter(username__startswith="hocvien").order_by("username")
        )
        pre_post = demo.simulate_pre_and_post_tests(learners[:40])
        practice = demo.simulate_practice(learners[40:48])
        self.stdout.write(
            f"Assessments: {questions} questions, {quizzes} quizzes, "
            f"{pre_post} learners with pre/post-tests, {practice} practice attempts."
        )
