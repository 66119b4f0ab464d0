"""A quiz's settings and its slots (fixed and random questions)."""

from decimal import Decimal
from typing import TYPE_CHECKING

from django import forms
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db.models import Q
from django.utils.translation import gettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.widgets import AdminDateTimeInput

from people.access import role_holders_q, visible_to
from people.models import User
from people.roles import Role

from ..models import Question, QuestionCategory, Quiz, QuizSlot
from .fields import CategoryChoiceField, LocalDecimalField

if TYPE_CHECKING:
    pass

REVIEW_MOMENTS = ("immediately", "open", "closed")
REVIEW_ITEMS = ("score", "correctness", "answers", "feedback")
REVIEW_FIELDS = [
    f"review_{item}_{when}" for item in REVIEW_ITEMS for when in REVIEW_MOMENTS
]


# --- Quizzes ----------------------------------------------------------------------------


class QuizForm(WagtailAdminModelForm):
    """Quiz settings; the owner is set by the view, slots on their own page."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("opens_at", "closes_at"):
            if name in self.fields:
                self.fields[name].widget = AdminDateTimeInput()
        if "graders" in self.fields:
            trainers = role_holders_q(Role.TRAINER)
            if self.instance.pk:
                # Someone who is no longer a trainer stays listed until unticked.
                trainers |= Q(graded_quizzes=self.instance)
            self.fields["graders"].queryset = (
                User.objects.filter(trainers)
                .distinct()
                .order_by("full_name", "username")
            )
            self.fields["graders"].widget = forms.CheckboxSelectMultiple()
            self.fields["graders"].label_from_instance = lambda user: (
                user.full_name or user.username
            )
        if "pre_test" in self.fields:
            pre_tests = Quiz.objects.filter(purpose=Quiz.Purpose.PRE_TEST)
            user = getattr(self, "for_user", None)
            if user is not None:
                # Only pre-tests the trainer manages: others' titles stay private.
                pre_tests = visible_to(user, pre_tests)
            if self.instance.pk:
                pre_tests = pre_tests.exclude(pk=self.instance.pk)
            self.fields["pre_test"].queryset = pre_tests.order_by("title")

    def clean(self):
        data = super().clean()
        opens, closes = data.get("opens_at"), data.get("closes_at")
        if opens and closes and closes <= opens:
            self.add_error("closes_at", gettext("The quiz must close after it opens."))
        if data.get("pre_test") and data.get("purpose") != Quiz.Purpose.POST_TEST:
            self.add_error(
                "pre_test", gettext("Only a post-test is paired with a pre-test.")
            )
        return data


def category_pool_size(
    category: QuestionCategory, *, subcategories: bool, quiz=None
) -> int:
    """How many questions a random slot can draw from: live, not archived, and
    not already asked as a fixed question of the same quiz (a draw skips those)."""
    if subcategories:
        where = Q(category__path__startswith=category.path)
    else:
        where = Q(category=category)
    pool = Question.objects.filter(
        where, is_archived=False, current_version__isnull=False
    )
    if quiz is not None and quiz.pk:
        pool = pool.exclude(
            pk__in=QuizSlot.objects.filter(quiz=quiz, question__isnull=False).values(
                "question_id"
            )
        )
    return pool.count()


def random_count_error(category, *, count_wanted: int, subcategories: bool, quiz):
    available = category_pool_size(category, subcategories=subcategories, quiz=quiz)
    if count_wanted <= available:
        return None
    return gettext(
        "The category “%(category)s” has only %(available)s questions that can be "
        "drawn; ask for %(available)s or fewer, or add questions to it."
    ) % {"category": category.name, "available": available}


MARKS_VALIDATORS = [MinValueValidator(Decimal("0.01")), MaxValueValidator(1000)]


CHOOSE_CATEGORY_FIRST = _("Choose a category first")
CHOOSE_QUESTION = _("Choose a question")
NO_QUESTION_THERE = _("This category and its subcategories have no questions")


class AddFixedSlotForm(forms.Form):
    question = forms.ModelChoiceField(
        label=_("Question"), queryset=Question.objects.none()
    )
    marks = LocalDecimalField(
        label=_("Marks"),
        required=False,
        max_digits=6,
        decimal_places=2,
        validators=MARKS_VALIDATORS,
        help_text=_("Left empty: the question's default marks."),
    )

    def __init__(self, *args, category=None, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["question"]
        if category is None and not self.is_bound:
            # Nothing to pick from until a category is chosen (quiz_slots.js
            # fills the list as soon as one is).
            field.queryset = Question.objects.none()
            field.empty_label = CHOOSE_CATEGORY_FIRST
            field.widget.attrs["disabled"] = True
            return
        field.queryset = slot_question_choices(category=category)
        field.empty_label = (
            CHOOSE_QUESTION if field.queryset.exists() else NO_QUESTION_THERE
        )


def slot_question_choices(*, category: QuestionCategory | None):
    """The questions a quiz may take from a category and its subcategories
    (all of them without a category): current, not archived, by name."""
    questions = Question.objects.filter(
        is_archived=False, current_version__isnull=False
    )
    if category is not None:
        questions = questions.filter(category__path__startswith=category.path)
    return questions.order_by("name", "pk")


class AddRandomSlotForm(forms.Form):
    category = CategoryChoiceField(label=_("Category"))
    random_count = forms.IntegerField(
        label=_("How many questions"), min_value=1, max_value=200, initial=1
    )
    include_subcategories = forms.BooleanField(
        label=_("Include subcategories"), required=False, initial=True
    )
    marks = LocalDecimalField(
        label=_("Marks per question"),
        max_digits=6,
        decimal_places=2,
        initial=Decimal("1"),
        validators=MARKS_VALIDATORS,
    )

    def __init__(self, *args, quiz, **kwargs):
        super().__init__(*args, **kwargs)
        self.quiz = quiz

    def clean(self):
        data = super().clean()
        if data.get("category") and data.get("random_count"):
            error = random_count_error(
                data["category"],
                count_wanted=data["random_count"],
                subcategories=data.get("include_subcategories", False),
                quiz=self.quiz,
            )
            if error:
                self.add_error("random_count", error)
        return data


class SlotForm(forms.ModelForm):
    position = forms.IntegerField(
        label=pgettext_lazy("order in a list", "Position"), min_value=1, max_value=1000
    )
    marks = LocalDecimalField(
        label=_("Marks"), max_digits=6, decimal_places=2, validators=MARKS_VALIDATORS
    )

    class Meta:
        model = QuizSlot
        fields = ["position", "marks", "random_count"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["random_count"].required = False

    def clean(self):
        data = super().clean()
        slot = self.instance
        if slot.random_category_id is None:
            data["random_count"] = slot.random_count
        elif data.get("random_count") and not data.get("DELETE"):
            error = random_count_error(
                slot.random_category,
                count_wanted=data["random_count"],
                subcategories=slot.include_subcategories,
                quiz=slot.quiz,
            )
            if error:
                self.add_error("random_count", error)
        elif not data.get("random_count"):
            self.add_error("random_count", gettext("Enter how many questions to draw."))
        return data


SlotFormSet = forms.modelformset_factory(
    QuizSlot, form=SlotForm, extra=0, can_delete=True
)
