"""Reads of the anticorruption app."""

from datetime import date

from django.db.models import Count, Q

from portal import workdays
from portal.periods import Quarter
from portal.selectors import legal_limit

from .models import RecruitmentRound, RecruitmentStep, Tip

# Reports ------------------------------------------------------------------------------------

FIGURES = ("received", "verifying", "referred", "concluded")


def quarterly_aggregates(today: date, quarters: int = 4) -> list[dict]:
    """For each of the last quarters: reports received, and those that entered verification,
    were referred, or were concluded during it. Counts only, never a report's content."""
    periods = [Quarter.containing(today)]
    while len(periods) < quarters:
        periods.append(periods[-1].previous())
    counts = Tip.objects.aggregate(
        **{
            f"{field}_{index}": Count("pk", filter=Q(**{f"{field}_on__range": (q.start, q.end)}))
            for index, q in enumerate(periods)
            for field in FIGURES
        }
    )
    return [
        {"quarter": q, **{field: counts[f"{field}_{index}"] for field in FIGURES}}
        for index, q in enumerate(periods)
    ]


def handled_on_time_share(start: date, end: date) -> float | None:
    """Per cent of the reports received in the period whose first handling (verification,
    referral, conclusion or closing) came by their due date."""
    tips = list(
        Tip.objects.filter(received_on__range=(start, end)).values(
            "due_on", "verifying_on", "referred_on", "concluded_on", "closed_on"
        )
    )
    if not tips:
        return None
    on_time = 0
    for tip in tips:
        days = [
            tip[f] for f in ("verifying_on", "referred_on", "concluded_on", "closed_on") if tip[f]
        ]
        if days and min(days) <= tip["due_on"]:
            on_time += 1
    return round(100 * on_time / len(tips), 1)


def days_to_first_answer(start: date, end: date) -> float | None:
    """Mean calendar days from a report to the inspectors' first answer (reports received in
    the period and answered)."""
    pairs = Tip.objects.filter(
        received_on__range=(start, end), first_answer_on__isnull=False
    ).values_list("received_on", "first_answer_on")
    pairs = list(pairs)
    if not pairs:
        return None
    return round(sum((b - a).days for a, b in pairs) / len(pairs), 1)


def late_tips(today: date):
    return Tip.objects.filter(
        status=Tip.Status.RECEIVED, due_on__lt=today, destroyed_on__isnull=True
    )


# Recruitment --------------------------------------------------------------------------------

Kind = RecruitmentStep.Kind

# Each step's due date: from the date of the step before it, the legal limits added in turn.
DUE_RULES: dict[str, tuple[str, tuple[str, ...], str]] = {
    # kind: (previous kind, limit codes, which date of the previous step counts)
    Kind.REGISTRATION: (Kind.NOTICE, ("recruitment-applications",), "held_on"),
    Kind.ELIGIBLE: (Kind.REGISTRATION, ("recruitment-ineligible-notice",), "closes_on"),
    Kind.EXAM: (Kind.EXAM_NOTICE, ("recruitment-exam-after-summons",), "held_on"),
    Kind.RESULTS: (
        Kind.EXAM,
        ("recruitment-council-report", "recruitment-results"),
        "held_on",
    ),
    Kind.REVIEW: (Kind.RESULTS, ("recruitment-review-answer",), "held_on"),
    Kind.DECISION: (
        Kind.FINAL,
        ("recruitment-file-completion", "recruitment-decision"),
        "held_on",
    ),
}


def limit_end(code: str, start: date) -> date:
    """`start` plus the legal limit `code`, in its own unit."""
    return workdays.limit_end(start, legal_limit(code))


def step_due_date(step: RecruitmentStep, steps_by_kind: dict | None = None) -> date | None:
    """The last day the step may take place (for the registration window, its last day), from
    the previous step and the legal limits; None where the law sets no limit."""
    rule = DUE_RULES.get(step.kind)
    if rule is None:
        return None
    previous_kind, codes, field = rule
    if steps_by_kind is None:
        steps_by_kind = {s.kind: s for s in step.round.steps.all()}
    previous = steps_by_kind.get(previous_kind)
    start = previous and (getattr(previous, field) or previous.held_on)
    if not start:
        return None
    for code in codes:
        start = limit_end(code, start)
    return start


def step_limits(step: RecruitmentStep) -> list:
    rule = DUE_RULES.get(step.kind)
    return [legal_limit(code) for code in rule[1]] if rule else []


def step_is_late(step: RecruitmentStep, due: date | None, today: date) -> bool:
    """Late: its due date has passed and it is not published, or it was published or dated
    after its due date. The registration window is late when it closes before 30 days."""
    if due is None:
        return False
    if step.kind == Kind.REGISTRATION:
        return (step.closes_on or step.held_on) < due
    done = step.published_at.date() if step.is_public else None
    if done is None:
        return today > due
    return step.held_on > due


def timeline(round_: RecruitmentRound, *, public: bool, today: date) -> list[dict]:
    steps = list(round_.steps.all())
    by_kind = {s.kind: s for s in steps}
    rows = []
    for step in steps:
        if public and not step.is_public:
            continue
        due = step_due_date(step, by_kind)
        rows.append(
            {
                "step": step,
                "due": due,
                "late": step_is_late(step, due, today),
                "limits": step_limits(step),
                "open_window": step.kind == Kind.REGISTRATION
                and step.held_on <= today <= (step.closes_on or step.held_on),
                "days_left": ((step.closes_on or step.held_on) - today).days
                if step.kind == Kind.REGISTRATION
                else None,
            }
        )
    return rows


def late_steps(today: date) -> list[dict]:
    rows = []
    for round_ in RecruitmentRound.objects.prefetch_related("steps"):
        for row in timeline(round_, public=False, today=today):
            if row["late"]:
                rows.append({"round": round_, **row})
    return rows


def steps_on_time_share(start: date, end: date) -> float | None:
    """Per cent of the steps due in the period that were not late."""
    total = late = 0
    for round_ in RecruitmentRound.objects.prefetch_related("steps"):
        by_kind = {s.kind: s for s in round_.steps.all()}
        for step in by_kind.values():
            due = step_due_date(step, by_kind)
            if due is None or not (start <= due <= end):
                continue
            total += 1
            late += step_is_late(step, due, end)
    if not total:
        return None
    return round(100 * (total - late) / total, 1)
