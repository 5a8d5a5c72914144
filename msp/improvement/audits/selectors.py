"""Reads for case file audits: the questions, the cases a sample can be drawn from, samples and
audits the user may see, and the results, already limited to what the user may see."""

from dataclasses import dataclass, field

from django.db.models import Count, Exists, OuterRef, Prefetch, Q, QuerySet
from django.db.models.functions import TruncDate

from msp.accounts import policy
from msp.accounts.models import Team, User
from msp.concerns.models import Allegation
from msp.core.periods import Period
from msp.enquiries.models import Enquiry
from msp.improvement.models import (
    AuditAnswer,
    AuditQuestion,
    AuditQuestionSet,
    AuditSample,
    AuditSampleCase,
    CaseAudit,
)
from msp.improvement.models.audits import (
    AuditAnswerChoice,
    AuditGrade,
    AuditStatus,
    QuestionSetState,
    SampleCases,
)
from msp.privacy.selectors import exclude_restricted
from msp.reporting import measures


def current_questions() -> AuditQuestionSet | None:
    """The latest published version of the audit questions, with its questions."""
    return (
        AuditQuestionSet.objects.filter(state=QuestionSetState.PUBLISHED)
        .select_related("published_by")
        .prefetch_related("questions")
        .order_by("-number")
        .first()
    )


def draft_questions() -> AuditQuestionSet | None:
    return (
        AuditQuestionSet.objects.filter(state=QuestionSetState.DRAFT)
        .prefetch_related("questions")
        .first()
    )


def question_set_for(user, number: int) -> AuditQuestionSet | None:
    """A version by number: published ones for staff, the draft too for those who edit it."""
    sets = AuditQuestionSet.objects.select_related("published_by").prefetch_related("questions")
    if not policy.can_edit_audit_questions(user):
        sets = sets.filter(state=QuestionSetState.PUBLISHED)
    return sets.filter(number=number).first()


def published_question_sets() -> QuerySet[AuditQuestionSet]:
    return (
        AuditQuestionSet.objects.filter(state=QuestionSetState.PUBLISHED)
        .select_related("published_by")
        .annotate(question_count=Count("questions"))
        .order_by("-number")
    )


def topic_labels() -> dict[str, str]:
    """Each topic's question in the newest version that asks it (one query)."""
    labels: dict[str, str] = {}
    rows = (
        AuditQuestion.objects.filter(question_set__state=QuestionSetState.PUBLISHED)
        .order_by("-question_set__number", "position")
        .values_list("topic", "question")
    )
    for topic, question in rows:
        labels.setdefault(topic, question)
    return labels


def topic_order() -> list[str]:
    """Topics in the order of the newest version, then those it no longer asks."""
    order: list[str] = []
    rows = (
        AuditQuestion.objects.filter(question_set__state=QuestionSetState.PUBLISHED)
        .order_by("-question_set__number", "position")
        .values_list("topic", flat=True)
    )
    for topic in rows:
        if topic not in order:
            order.append(topic)
    return order


# --- samples -----------------------------------------------------------------------------------


def auditable_enquiries(user) -> QuerySet[Enquiry]:
    """Enquiries in the teams the user audits. People whose processing is restricted are left
    out, as in every report."""
    teams = policy.audit_team_ids(user)
    enquiries = exclude_restricted(Enquiry.objects.filter(archived_at__isnull=True))
    if teams is None:
        return enquiries
    return enquiries.filter(team_id__in=teams) if teams else enquiries.none()


def sample_pool(user, filters) -> QuerySet[Enquiry]:
    """The cases a sample is drawn from: those the user may audit that match every filter, less
    the cases the user leads (no one audits their own work)."""
    start, end = filters.period_start, filters.period_end
    cases = auditable_enquiries(user).exclude(lead_id=user.pk)
    if filters.which == SampleCases.CLOSED:
        cases = cases.filter(end_date__range=(start, end))
    elif filters.which == SampleCases.STARTED:
        cases = cases.filter(start_date__range=(start, end))
    else:
        cases = cases.filter(start_date__lte=end).filter(
            Q(end_date__isnull=True) | Q(end_date__gte=start)
        )
    if filters.team_id is not None:
        cases = cases.filter(team_id=filters.team_id)
    if filters.lead_id is not None:
        cases = cases.filter(lead_id=filters.lead_id)
    if filters.type_of_risk:
        cases = cases.filter(
            Exists(
                Allegation.objects.filter(
                    concern_id=OuterRef("concern_id"),
                    type_of_risk=filters.type_of_risk,
                    archived_at__isnull=True,
                )
            )
        )
    return cases


def samples_visible_to(user) -> QuerySet[AuditSample]:
    """Samples the user drew, and those drawn for one of the teams they audit (every sample for
    those who audit every team), newest first, with how many of their cases are audited."""
    if not policy.can_draw_audit_sample(user):
        return AuditSample.objects.none()
    samples = AuditSample.objects.select_related("drawn_by", "team", "lead").annotate(
        case_count=Count("cases", distinct=True),
        completed_count=Count(
            "audits", filter=Q(audits__status=AuditStatus.COMPLETED), distinct=True
        ),
    )
    teams = policy.audit_team_ids(user)
    if teams is not None:
        samples = samples.filter(Q(drawn_by=user) | Q(team_id__in=teams))
    return samples.order_by("-drawn_at", "-id")


def sample_for(user, pk: int) -> AuditSample | None:
    return samples_visible_to(user).filter(pk=pk).first()


@dataclass
class SampleRow:
    entry: AuditSampleCase
    audit: CaseAudit | None
    hidden: bool  # a restricted record the user may not open: shown without a name
    may_audit: bool


def sample_rows(user, sample: AuditSample) -> list[SampleRow]:
    """The cases in a sample in the order drawn, each with its audit: a fixed number of queries."""
    from msp.improvement.projects.selectors import hidden_person_ids

    entries = list(
        AuditSampleCase.objects.filter(sample=sample)
        .select_related("enquiry__person", "enquiry__concern", "enquiry__team", "enquiry__lead")
        .order_by("position")
    )
    audits = {
        a.enquiry_id: a for a in CaseAudit.objects.filter(sample=sample).select_related("auditor")
    }
    hidden = hidden_person_ids(user, {e.enquiry.person_id for e in entries})
    return [
        SampleRow(
            entry=e,
            audit=audits.get(e.enquiry_id),
            hidden=e.enquiry.person_id in hidden,
            may_audit=policy.can_audit_case(user, e.enquiry),
        )
        for e in entries
    ]


def audit_in(sample: AuditSample, enquiry_id: int) -> CaseAudit | None:
    return (
        CaseAudit.objects.filter(sample=sample, enquiry_id=enquiry_id)
        .select_related("question_set", "auditor", "practitioner", "team")
        .first()
    )


def audit_answers(audit: CaseAudit) -> dict[int, AuditAnswer]:
    return {a.question_id: a for a in AuditAnswer.objects.filter(audit=audit)}


def audit_for(user, pk: int) -> CaseAudit | None:
    """One audit with its questions and answers, if the user may read it."""
    audit = (
        CaseAudit.objects.select_related(
            "enquiry__person",
            "enquiry__concern",
            "team",
            "auditor",
            "practitioner",
            "question_set",
            "sample",
        )
        .prefetch_related(
            Prefetch("answers", queryset=AuditAnswer.objects.select_related("question"))
        )
        .filter(pk=pk)
        .first()
    )
    if audit is None or not policy.can_view_case_audit(user, audit):
        return None
    return audit


def own_audits(user) -> QuerySet[CaseAudit]:
    """Completed audits of the user's own work, newest first."""
    return (
        CaseAudit.objects.filter(practitioner=user, status=AuditStatus.COMPLETED)
        .select_related("enquiry__concern", "enquiry__person", "auditor", "team")
        .order_by("-completed_at", "-id")
    )


# --- results -----------------------------------------------------------------------------------

GRADES = list(AuditGrade.choices)
ANSWERS = list(AuditAnswerChoice.choices)


def completed_in(period: Period, team_ids=None) -> QuerySet[CaseAudit]:
    """Audits completed in the period of cases in these teams (None: every team). Callers limit
    it to what the reader may see; the triangulation page counts it for aggregates only."""
    audits = CaseAudit.objects.filter(status=AuditStatus.COMPLETED).annotate(
        completed_on=TruncDate("completed_at")
    )
    audits = audits.filter(completed_on__range=(period.start, period.end))
    if team_ids is not None:
        audits = audits.filter(team_id__in=team_ids)
    return audits


def completed_audits(
    user, *, period: Period, team_id: int | None = None, practitioner_id: int | None = None
) -> QuerySet[CaseAudit]:
    """Completed audits in the period whose teams the user may see results for (a team or
    practitioner outside them narrows to nothing), one per case and sample."""
    audits = completed_in(period, policy.audit_result_team_ids(user))
    if team_id is not None:
        audits = audits.filter(team_id=team_id)
    if practitioner_id is not None:
        audits = audits.filter(practitioner_id=practitioner_id)
    return audits


@dataclass
class TopicResult:
    topic: str
    label: str
    counts: dict[str, int]  # answer code: how many audits gave it

    @property
    def audits(self) -> int:
        return sum(self.counts.values())

    @property
    def answered(self) -> int:
        """Audits for which the question applied (not "not applicable")."""
        return self.audits - self.counts.get(AuditAnswerChoice.NOT_APPLICABLE, 0)


@dataclass
class GradeRow:
    key: object
    label: str
    counts: dict[str, int]
    yes: int = 0  # answers "yes", and all answers but "not applicable" (by period only)
    answered: int = 0

    @property
    def audits(self) -> int:
        return sum(self.counts.values())


@dataclass
class Results:
    audits: int
    by_question: list[TopicResult]
    grades: dict[str, int]
    by_team: list[GradeRow] = field(default_factory=list)
    by_practitioner: list[GradeRow] = field(default_factory=list)
    by_period: list[GradeRow] = field(default_factory=list)


def answer_counts(audits: QuerySet[CaseAudit]) -> dict[str, dict[str, int]]:
    """{topic: {answer: number of audits}} over these audits: one grouped query."""
    out: dict[str, dict[str, int]] = {}
    rows = (
        AuditAnswer.objects.filter(audit__in=audits.values("pk"))
        .exclude(answer="")
        .values("question__topic", "answer")
        .annotate(n=Count("audit_id", distinct=True))
        .order_by()
    )
    for row in rows:
        out.setdefault(row["question__topic"], {})[row["answer"]] = row["n"]
    return out


def _grades_by(audits: QuerySet[CaseAudit], key: str) -> dict:
    out: dict = {}
    for row in audits.values(key, "grade").annotate(n=Count("pk")).order_by():
        out.setdefault(row[key], {})[row["grade"]] = row["n"]
    return out


def results(
    user, *, period: Period, team_id: int | None = None, practitioner_id: int | None = None
) -> Results:
    """Audit results by question, team, practitioner and period, each with the number of audits
    (one per case) behind it. A fixed number of grouped queries whatever the number of audits."""
    audits = completed_audits(user, period=period, team_id=team_id, practitioner_id=practitioner_id)
    labels = topic_labels()
    counts = answer_counts(audits)
    order = [t for t in topic_order() if t in counts] + sorted(t for t in counts if t not in labels)
    by_question = [TopicResult(t, labels.get(t, t), counts.get(t, {})) for t in order]
    totals = {
        row["grade"]: row["n"] for row in audits.values("grade").annotate(n=Count("pk")).order_by()
    }

    teams = _grades_by(audits, "team_id")
    team_names = dict(Team.objects.filter(pk__in=list(teams)).values_list("pk", "name"))
    by_team = sorted(
        (GradeRow(k, team_names.get(k, "Unknown team"), v) for k, v in teams.items()),
        key=lambda r: r.label,
    )
    people = _grades_by(audits, "practitioner_id")
    names = {u.pk: str(u) for u in User.objects.filter(pk__in=[k for k in people if k])}
    by_practitioner = sorted(
        (GradeRow(k, names.get(k, "Not allocated"), v) for k, v in people.items()),
        key=lambda r: (r.key is None, r.label),
    )

    parts = measures.sub_periods(period)
    by_day = audits.values("completed_on", "grade").annotate(n=Count("pk")).order_by()
    answered_by_day = (
        AuditAnswer.objects.filter(audit__in=audits.values("pk"))
        .exclude(answer__in=("", AuditAnswerChoice.NOT_APPLICABLE))
        .annotate(day=TruncDate("audit__completed_at"))
        .values("day")
        .annotate(yes=Count("pk", filter=Q(answer=AuditAnswerChoice.YES)), answered=Count("pk"))
        .order_by()
    )
    by_period = [GradeRow(i, p.label, {}) for i, p in enumerate(parts)]
    for row in by_day:
        for index, part in enumerate(parts):
            if part.contains(row["completed_on"]):
                counts = by_period[index].counts
                counts[row["grade"]] = counts.get(row["grade"], 0) + row["n"]
    for row in answered_by_day:
        for index, part in enumerate(parts):
            if part.contains(row["day"]):
                by_period[index].yes += row["yes"]
                by_period[index].answered += row["answered"]
    return Results(
        audits=sum(totals.values()),
        by_question=by_question,
        grades=totals,
        by_team=by_team,
        by_practitioner=by_practitioner,
        by_period=by_period,
    )
