"""What a question shows in an attempt: for answering, or for review.

Correct answers, weights and feedback are added only when the review options
allow them; the taking page is built from `question_for_answering`, which has
no such keys at all.
"""

from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from django.utils.formats import number_format
from django.utils.translation import gettext

from .models import AttemptQuestion
from .qtypes import question_type
from .scoring import is_fully_correct, is_wrong, round_score
from .services.attempts import ReviewOptions

NO_FIGURE = "—"


def format_score(value: Decimal | float | int | str | None) -> str:
    """Marks or a percentage without its sign, as every page shows them.

    Rounded by assessments.scoring.round_score, trailing zeros dropped, with the
    active language's decimal separator ("37,5" in Vietnamese, "37.5" in English).
    A missing value (None, or "None" as a regrade record keeps it) is a dash.
    """
    if value is None or value == "":
        return NO_FIGURE
    try:
        rounded = round_score(Decimal(value) if isinstance(value, str) else value)
    except InvalidOperation:
        return NO_FIGURE
    exponent = rounded.normalize().as_tuple().exponent
    if not isinstance(exponent, int):  # a NaN: round_score lets it through
        return NO_FIGURE
    places = max(0, -exponent)
    return number_format(rounded, decimal_pos=places, use_l10n=True)


def format_percentage(value: Decimal | float | int | None) -> str:
    """A percentage with its sign: "37,5 %" in Vietnamese, "37.5%" in English."""
    if value is None or value == "":
        return NO_FIGURE
    # Translators: a percentage; Vietnamese puts a no-break space before the sign.
    return gettext("%(value)s%%") % {"value": format_score(value)}


@dataclass
class OptionView:
    id: str
    text: str
    selected: bool = False
    correct: bool | None = None  # only in review, only when allowed
    feedback: str = ""


@dataclass
class QuestionView:
    position: int
    question_type: str
    text: str
    marks: object
    options: list[OptionView] = field(default_factory=list)
    prompts: list[dict] = field(default_factory=list)  # matching: id, text, chosen
    answers: list[str] = field(default_factory=list)  # matching: offered answers
    text_response: str = ""
    answer_template: str = ""  # the type's partial for answering
    heading: str = ""  # "Question 3", translated
    marks_note: str = ""  # "marks: 1,5", translated
    response_is_html: bool = False
    # Review only:
    state: str = ""  # "correct", "partial", "incorrect", "pending"
    obtained: object = None
    right_answer: str = ""
    feedback: list[str] = field(default_factory=list)
    general_feedback: str = ""
    grader_comment: str = ""


def question_heading(position: int) -> str:
    """ "Question 3": the heading of a question, and its name in the page links."""
    return gettext("Question %(number)s") % {"number": position}


def question_for_answering(aq: AttemptQuestion) -> QuestionView:
    version = aq.question_version
    qtype = version.question.question_type
    response = aq.response or {}
    view = QuestionView(
        position=aq.position, question_type=qtype, text=version.text, marks=aq.max_marks
    )
    # Translated here, not by {% blocktranslate %} in the template: two per
    # question were a good part of the attempt page's rendering.
    view.heading = question_heading(aq.position)
    view.marks_note = gettext("marks: %(marks)s") % {
        "marks": format_score(aq.max_marks)
    }
    kind = question_type(qtype)
    view.answer_template = kind.answer_template
    view.response_is_html = kind.response_is_html
    kind.fill_answering_view(view, aq, version.data, response)
    return view


def question_for_review(aq: AttemptQuestion, options: ReviewOptions) -> QuestionView:
    """The answering view plus what the review options allow, and nothing more."""
    from .question_types import grade

    view = question_for_answering(aq)
    version = aq.question_version
    qtype = version.question.question_type
    if options.correctness:
        view.state = _state(aq)
    if options.score:
        view.obtained = aq.marks
    if options.feedback:
        view.general_feedback = version.general_feedback
        view.grader_comment = aq.grader_comment
        if aq.response:
            view.feedback = grade(qtype, version.data, aq.response).feedback
    if options.answers:
        view.right_answer = right_answer_text(qtype, version.data)
        question_type(qtype).mark_correct_options(view, version.data)
    return view


def _state(aq: AttemptQuestion) -> str:
    if aq.needs_grading or aq.fraction is None:
        return "pending"
    if is_fully_correct(aq.fraction):
        return "correct"
    return "incorrect" if is_wrong(aq.fraction) else "partial"


def right_answer_text(question_type_code: str, data: dict) -> str:
    """The key in words, as Moodle's "The correct answer is: ..."."""
    return question_type(question_type_code).right_answer_text(data)
