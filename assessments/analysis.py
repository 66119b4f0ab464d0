"""Item analysis of a quiz (after Moodle's quiz statistics report) and the
knowledge gain from a pre-test to its post-test.

Both are reads. The database does the heavy part: sums, sums of squares and
cross-products per question, and small distributions (how many attempts had
each score); Python only turns those few numbers per question into the
figures. No row of an attempt is ever loaded as an object, so 10,000 attempts
of 20 questions cost the same handful of queries as 10.

Definitions follow Moodle's "Quiz statistics calculations" (x is one question's
marks in an attempt, T the attempt's total score, X = T - x the rest of the
test, V a sample variance with n - 1, C a sample covariance):

- facility index F = 100 · mean(x / max marks), the mean fraction as a percentage;
- standard deviation SD = 100 · sqrt(V(x / max marks));
- discrimination index D = 100 · r(x, X), the correlation of the question with
  the rest of the test (not with the total, which holds the question itself);
- discriminative efficiency DE = 100 · C(x, X) / Cmax(x, X), where Cmax pairs
  the question's scores and the rest-of-test scores each sorted on its own: the
  largest covariance any order of the same scores could give;
- coefficient of internal consistency (Cronbach's alpha)
  α = k / (k - 1) · (1 - Σ V(x_i) / V(T)) over the k questions of an attempt,
  with Moodle's error ratio ER = sqrt(1 - α) and standard error SE = ER · SD(T).

A figure that would divide by zero (one attempt, everyone with the same score)
is None, and the pages show "—".
"""

import math
from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Literal, cast

from django.core.exceptions import ValidationError
from django.db.models import (
    Count,
    Exists,
    F,
    FloatField,
    Max,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Sum,
    Value,
)
from django.db.models.functions import Cast, Coalesce, NullIf
from django.utils.translation import gettext_lazy as _

from lms.sanitise import plain_text
from people.models import User

from .models import Attempt, AttemptQuestion, QuestionVersion, Quiz
from .qtypes import question_type, registered_types

AttemptsUsed = Literal["first", "all"]
ATTEMPTS_USED = ("first", "all")
HISTOGRAM_BINS = 10
# Below this a variance computed from sums is rounding noise, not spread.
EPSILON = 1e-9
NO_PRE_TEST = _("This quiz is not a post-test paired with a pre-test.")
UNKNOWN_ATTEMPTS_USED = _("Choose the first attempts or all attempts.")


# --- Results ---------------------------------------------------------------------


@dataclass
class HistogramBin:
    low: int
    high: int
    count: int
    share: float  # of the largest bin, 0–1, for drawing bars


@dataclass
class OptionCount:
    label: str
    count: int
    fraction: float | None  # the credit the option gives, when it has one
    share: float | None  # of the attempts at the question, 0–100

    @property
    def credit(self) -> float | None:
        """The credit as a percentage, as the question editor shows weights."""
        return None if self.fraction is None else self.fraction * 100


@dataclass
class QuestionStatistics:
    slot_position: int
    question_id: int
    name: str
    question_type: str
    text: str
    max_marks: float
    attempts: int
    facility: float | None
    standard_deviation: float | None
    discrimination_index: float | None
    discriminative_efficiency: float | None
    from_random_slot: bool = False
    options: list[OptionCount] = field(default_factory=list)
    no_answer: int = 0


@dataclass
class QuizStatistics:
    quiz_id: int
    attempts_used: str
    attempt_count: int
    mean: float | None = None  # percentages of each attempt's maximum score
    median: float | None = None
    standard_deviation: float | None = None
    skewness: float | None = None
    cronbach_alpha: float | None = None
    error_ratio: float | None = None
    standard_error: float | None = None  # in percentage points
    histogram: list[HistogramBin] = field(default_factory=list)
    questions: list[QuestionStatistics] = field(default_factory=list)


# --- Which attempts count --------------------------------------------------------


def included_attempts_q(
    quiz: Quiz,
    *,
    attempts: AttemptsUsed = "first",
    learners: QuerySet[User] | None = None,
    prefix: str = "",
) -> Q:
    """Graded attempts at the quiz; with "first", only each learner's first graded one.

    `prefix` lets the same rule filter attempt questions ("attempt__").
    """
    if attempts not in ATTEMPTS_USED:
        raise ValidationError(UNKNOWN_ATTEMPTS_USED)
    condition = Q(**{f"{prefix}quiz": quiz, f"{prefix}state": Attempt.State.GRADED})
    if learners is not None:
        condition &= Q(**{f"{prefix}learner__in": learners.values("pk")})
    if attempts == "first":
        earlier = Attempt.objects.filter(
            quiz=quiz,
            learner=OuterRef(f"{prefix}learner"),
            state=Attempt.State.GRADED,
            number__lt=OuterRef(f"{prefix}number"),
        )
        # Q & a conditional expression is a Q at run time (Q._combine); the
        # stubs' Q.__and__ accepts only a Q.
        condition = cast(Q, condition & ~Exists(earlier))
    return condition


def _float(expression, default=0.0):
    return Coalesce(Cast(expression, FloatField()), Value(default))


# --- Quiz statistics -------------------------------------------------------------


def quiz_statistics(
    quiz: Quiz,
    *,
    attempts: AttemptsUsed = "first",
    learners: QuerySet[User] | None = None,
) -> QuizStatistics:
    """Moodle-style statistics of a quiz over its graded attempts.

    "first" (Moodle's default) counts each learner's first graded attempt:
    later attempts are taken by people who have seen the questions, which
    flatters facility and blurs discrimination. `learners` narrows the figures
    to a group (a unit manager's units). Six queries whatever the number of
    attempts.
    """
    result = QuizStatistics(quiz_id=quiz.pk, attempts_used=attempts, attempt_count=0)
    scores = list(
        Attempt.objects.filter(
            included_attempts_q(quiz, attempts=attempts, learners=learners)
        )
        .values("score", "max_score")
        .annotate(n=Count("pk"))
        .order_by()
    )
    if not scores:
        return result
    _fill_quiz_figures(result, scores)
    rows = AttemptQuestion.objects.filter(
        included_attempts_q(
            quiz, attempts=attempts, learners=learners, prefix="attempt__"
        )
    )
    result.questions, slot_sums = _question_statistics(rows)
    result.cronbach_alpha = _cronbach_alpha(slot_sums, scores)
    if result.cronbach_alpha is not None and result.cronbach_alpha <= 1:
        result.error_ratio = 100 * math.sqrt(max(0.0, 1 - result.cronbach_alpha))
        if result.standard_deviation is not None:
            result.standard_error = result.error_ratio / 100 * result.standard_deviation
    return result


def _fill_quiz_figures(
    result: QuizStatistics, scores: Sequence[Mapping[str, Any]]
) -> None:
    """Mean, median, spread and histogram of the attempts' percentages."""
    percentages: list[tuple[float, int]] = sorted(
        (float(row["score"] or 0) * 100 / float(row["max_score"]), row["n"])
        for row in scores
        if row["max_score"]
    )
    result.attempt_count = sum(row["n"] for row in scores)
    n = sum(count for _value, count in percentages)
    if not n:
        return
    mean = sum(value * count for value, count in percentages) / n
    result.mean = mean
    result.median = _median(percentages, n)
    if n > 1:
        m2 = sum(count * (value - mean) ** 2 for value, count in percentages)
        variance = m2 / (n - 1)
        if variance > EPSILON:
            result.standard_deviation = math.sqrt(variance)
            m3 = sum(count * (value - mean) ** 3 for value, count in percentages)
            # Fisher–Pearson coefficient: third moment over the second's 3/2 power.
            result.skewness = (m3 / n) / (m2 / n) ** 1.5
        else:
            result.standard_deviation = 0.0
    result.histogram = _histogram(percentages)


def _median(sorted_counts: list[tuple[float, int]], n: int) -> float:
    """The median of values given as (value, how many), sorted by value."""

    def nth(index: int) -> float:
        seen = 0
        for value, count in sorted_counts:
            seen += count
            if index < seen:
                return value
        return sorted_counts[-1][0]

    if n % 2:
        return nth(n // 2)
    return (nth(n // 2 - 1) + nth(n // 2)) / 2


def _histogram(percentages: list[tuple[float, int]]) -> list[HistogramBin]:
    """Ten bins of ten percentage points; 100% falls in the last."""
    width = 100 // HISTOGRAM_BINS
    counts = [0] * HISTOGRAM_BINS
    for value, count in percentages:
        index = min(HISTOGRAM_BINS - 1, max(0, int(value // width)))
        counts[index] += count
    largest = max(counts) or 1
    return [
        HistogramBin(low=i * width, high=(i + 1) * width, count=c, share=c / largest)
        for i, c in enumerate(counts)
    ]


def _question_statistics(
    rows: QuerySet[AttemptQuestion],
) -> tuple[list[QuestionStatistics], dict[int, list[float]]]:
    """One row per question and slot (a random slot gives one row per drawn question),
    and per slot the (answers, Σx, Σx²) that Cronbach's alpha needs."""
    marks = _float("marks")
    total = _float("attempt__score")
    fraction = Coalesce("fraction", Value(0.0))
    key = {"slot": F("slot_position"), "question": F("question_version__question_id")}
    sums = list(
        rows.values(slot=key["slot"], question=key["question"])
        .annotate(
            n=Count("pk"),
            sf=Sum(fraction),
            sff=Sum(fraction * fraction),
            sx=Sum(marks),
            sxx=Sum(marks * marks),
            st=Sum(total),
            stt=Sum(total * total),
            sxt=Sum(marks * total),
            version=Max("question_version_id"),
            max_marks=Max("max_marks"),
        )
        .order_by("slot", "question")
    )
    item_scores = _distribution(rows.values(**key, value=marks))
    rest_scores = _distribution(rows.values(**key, value=total - marks))
    options = _option_responses(rows, key)
    versions = QuestionVersion.objects.select_related("question").in_bulk(
        [row["version"] for row in sums]
    )
    per_slot: defaultdict[int, int] = defaultdict(int)
    slot_sums: dict[int, list[float]] = defaultdict(lambda: [0, 0.0, 0.0])
    for row in sums:
        per_slot[row["slot"]] += 1
        pooled = slot_sums[row["slot"]]
        pooled[0] += row["n"]
        pooled[1] += row["sx"]
        pooled[2] += row["sxx"]
    result = []
    for row in sums:
        group = (row["slot"], row["question"])
        version = versions[row["version"]]
        stats = _item_figures(row, item_scores[group], rest_scores[group])
        stats.name = version.question.name
        stats.question_type = version.question.question_type
        stats.text = plain_text(version.text)
        stats.from_random_slot = per_slot[row["slot"]] > 1
        if stats.question_type in _option_types():
            stats.options, stats.no_answer = _option_counts(
                version, options.get(group, {}), stats.attempts
            )
        result.append(stats)
    return result, slot_sums


def _distribution(values: QuerySet) -> dict[tuple, list[tuple[float, int]]]:
    """(slot, question) → sorted (score, how many attempts had it)."""
    found = defaultdict(list)
    for row in values.annotate(n=Count("pk")).order_by("slot", "question", "value"):
        found[(row["slot"], row["question"])].append((row["value"], row["n"]))
    return found


def _item_figures(
    row: Mapping[str, Any],
    item_scores: list[tuple[float, int]],
    rest_scores: list[tuple[float, int]],
) -> QuestionStatistics:
    n = row["n"]
    stats = QuestionStatistics(
        slot_position=row["slot"],
        question_id=row["question"],
        name="",
        question_type="",
        text="",
        max_marks=float(row["max_marks"] or 0),
        attempts=n,
        facility=100 * row["sf"] / n,
        standard_deviation=None,
        discrimination_index=None,
        discriminative_efficiency=None,
    )
    if n < 2:
        return stats
    var_f = (row["sff"] - row["sf"] ** 2 / n) / (n - 1)
    stats.standard_deviation = 100 * math.sqrt(max(var_f, 0.0))
    var_x = (row["sxx"] - row["sx"] ** 2 / n) / (n - 1)
    var_t = (row["stt"] - row["st"] ** 2 / n) / (n - 1)
    cov_xt = (row["sxt"] - row["sx"] * row["st"] / n) / (n - 1)
    # X = T - x: the rest of the test, from the same sums.
    var_rest = var_t - 2 * cov_xt + var_x
    cov_x_rest = cov_xt - var_x
    if var_x > EPSILON and var_rest > EPSILON:
        stats.discrimination_index = 100 * cov_x_rest / math.sqrt(var_x * var_rest)
        mean_x = row["sx"] / n
        mean_rest = (row["st"] - row["sx"]) / n
        sorted_products = _sorted_pair_products(item_scores, rest_scores)
        cov_max = (sorted_products - n * mean_x * mean_rest) / (n - 1)
        if cov_max > EPSILON:
            stats.discriminative_efficiency = 100 * cov_x_rest / cov_max
    return stats


def _sorted_pair_products(xs: list[tuple[float, int]], ys: list[tuple[float, int]]):
    """Σ x_(k) · y_(k) with both lists sorted: walks the two (value, count) runs."""
    total = 0.0
    i = j = 0
    left_x = xs[0][1] if xs else 0
    left_y = ys[0][1] if ys else 0
    while i < len(xs) and j < len(ys):
        step = min(left_x, left_y)
        total += step * xs[i][0] * ys[j][0]
        left_x -= step
        left_y -= step
        if not left_x:
            i += 1
            left_x = xs[i][1] if i < len(xs) else 0
        if not left_y:
            j += 1
            left_y = ys[j][1] if j < len(ys) else 0
    return total


def _cronbach_alpha(
    slot_sums: dict[int, list[float]], scores: Sequence[Mapping[str, Any]]
) -> float | None:
    """α = k/(k-1) · (1 - Σ V(x_i) / V(T)), Moodle's internal consistency.

    Items are the places of an attempt. A random slot draws different questions
    for different people, so (as Moodle does for its random slots) its place's
    variance is that of every answer given in it, whichever question was drawn;
    a slot drawing N questions is N places.
    """
    attempts = sum(row["n"] for row in scores)
    if attempts < 2:
        return None
    totals = [(float(row["score"] or 0), row["n"]) for row in scores]
    mean_t = sum(value * count for value, count in totals) / attempts
    var_t = sum(count * (value - mean_t) ** 2 for value, count in totals) / (
        attempts - 1
    )
    if var_t <= EPSILON:
        return None
    places = 0.0
    item_variance = 0.0
    for answers, sx, sxx in slot_sums.values():
        if answers < 2:
            continue
        variance = (sxx - sx**2 / answers) / (answers - 1)
        slot_places = answers / attempts
        places += slot_places
        item_variance += slot_places * variance
    if places <= 1:
        return None
    return places / (places - 1) * (1 - item_variance / var_t)


# --- Options chosen --------------------------------------------------------------


def _option_types() -> list[str]:
    """The types whose options the statistics count (each type says so itself)."""
    return [t.code for t in registered_types() if t.has_option_analysis]


def _option_responses(rows, key) -> dict[tuple, dict]:
    """(slot, question) → {option id or True/False: how many chose it}, for choice questions."""
    found: dict[tuple, dict] = defaultdict(dict)
    responses = (
        rows.filter(question_version__question__question_type__in=_option_types())
        .values(**key, answer=F("response"))
        .annotate(n=Count("pk"))
        .order_by()
    )
    for row in responses:
        group = (row["slot"], row["question"])
        # None stands for "no option chosen".
        for chosen in _chosen_options(row["answer"]) or [None]:
            found[group][chosen] = found[group].get(chosen, 0) + row["n"]
    return found


def _chosen_options(response) -> list:
    """The option keys one response chose: choice ids, or True/False."""
    if not isinstance(response, dict):
        return []
    if isinstance(response.get("choice"), str):
        return [response["choice"]]
    if isinstance(response.get("choices"), list):
        return [c for c in response["choices"] if isinstance(c, str)]
    if isinstance(response.get("value"), bool):
        return [response["value"]]
    return []


def _option_counts(version: QuestionVersion, chosen: dict, attempts: int):
    """Every option of the question's latest version used, with how often it was chosen."""
    data = version.data or {}
    options = question_type(version.question.question_type).analysis_options(data)
    counts = []
    for key, label, fraction in options:
        count = chosen.get(key, 0)
        counts.append(
            OptionCount(
                label=label,
                count=count,
                fraction=fraction,
                share=100 * count / attempts if attempts else None,
            )
        )
    return counts, chosen.get(None, 0)


# --- Knowledge gain --------------------------------------------------------------


@dataclass
class GainGroup:
    """Figures of one group of learners; means are over the paired learners."""

    label: str
    sex: str | None = None  # User.sex value, "" when not given; None for everyone
    paired: int = 0
    pre_only: int = 0
    post_only: int = 0
    mean_pre: float | None = None
    mean_post: float | None = None
    mean_gain: float | None = None  # percentage points
    improved: int = 0
    improved_share: float | None = None  # 0–100

    @property
    def unpaired(self) -> int:
        return self.pre_only + self.post_only


@dataclass
class GainReport:
    post_test: Quiz
    pre_test: Quiz
    groups: list[GainGroup]  # male, female, sex not given
    total: GainGroup


SEX_GROUPS = (
    (User.Sex.MALE, User.Sex.MALE.label),
    (User.Sex.FEMALE, User.Sex.FEMALE.label),
    ("", _("Not given")),
)


def first_attempt_percentage(quiz: Quiz, learner_ref: str = "pk"):
    """The score (%) of a learner's first graded attempt at the quiz, as a subquery."""
    first = (
        Attempt.objects.filter(
            quiz=quiz, learner=OuterRef(learner_ref), state=Attempt.State.GRADED
        )
        .order_by("number")
        .annotate(
            # Not "percentage": Attempt has a property of that name.
            score_percentage=Cast("score", FloatField())
            * 100.0
            / NullIf(Cast("max_score", FloatField()), Value(0.0))
        )
        .values("score_percentage")[:1]
    )
    return Subquery(first, output_field=FloatField())


def knowledge_gain(
    post_test: Quiz, learners: QuerySet[User] | None = None
) -> GainReport:
    """Pre-test → post-test gain per learner, summed up by sex in one query.

    A learner is paired when they have a graded attempt at both tests. Each
    side is their *first* graded attempt: the pre-test must measure what they
    knew before the training (a second try comes after seeing the questions
    and their feedback), and the post-test's first try is what the training
    taught, not what retaking the same questions taught. Means are over the
    paired learners only, so the gain is the difference of the two means;
    learners with only one of the two tests are counted, not averaged.
    """
    pre_test = post_test.pre_test
    if pre_test is None:
        raise ValidationError(NO_PRE_TEST)
    took_either = Attempt.objects.filter(
        quiz__in=[pre_test.pk, post_test.pk],
        learner=OuterRef("pk"),
        state=Attempt.State.GRADED,
    )
    people = User.objects.filter(Exists(took_either))
    if learners is not None:
        people = people.filter(pk__in=learners.values("pk"))
    both = Q(pre__isnull=False, post__isnull=False)
    rows = (
        people.alias(
            pre=first_attempt_percentage(pre_test),
            post=first_attempt_percentage(post_test),
        )
        .values("sex")
        .annotate(
            paired=Count("pk", filter=both),
            pre_only=Count("pk", filter=Q(pre__isnull=False, post__isnull=True)),
            post_only=Count("pk", filter=Q(pre__isnull=True, post__isnull=False)),
            sum_pre=Sum("pre", filter=both),
            sum_post=Sum("post", filter=both),
            improved=Count("pk", filter=both & Q(post__gt=F("pre"))),
        )
        .order_by()
    )
    by_sex = {row["sex"] or "": row for row in rows}
    groups = [
        _gain_group(label, [by_sex[sex]] if sex in by_sex else [], sex=sex)
        for sex, label in SEX_GROUPS
    ]
    total = _gain_group(_("All learners"), list(by_sex.values()))
    return GainReport(
        post_test=post_test, pre_test=pre_test, groups=groups, total=total
    )


def _gain_group(
    label: object, rows: Sequence[Mapping[str, Any]], sex: str | None = None
) -> GainGroup:
    group = GainGroup(label=str(label), sex=sex)
    for row in rows:
        group.paired += row["paired"]
        group.pre_only += row["pre_only"]
        group.post_only += row["post_only"]
        group.improved += row["improved"]
    if group.paired:
        sum_pre = sum(row["sum_pre"] or 0 for row in rows)
        sum_post = sum(row["sum_post"] or 0 for row in rows)
        group.mean_pre = sum_pre / group.paired
        group.mean_post = sum_post / group.paired
        group.mean_gain = group.mean_post - group.mean_pre
        group.improved_share = 100 * group.improved / group.paired
    return group
