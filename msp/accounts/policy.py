"""Who may see and do what: the one place every role, scope and restriction question is answered.

Practitioners and team managers work within their own teams; safeguarding leads and performance
officers see every team; board members and administrators see no person's record. Every app's
access.py and selectors, the API, exports, lists and templates (through the `access` context
value, msp.accounts.context_processors) ask these functions, so nothing keeps its own copy of a
rule and pages and lists never disagree. `tests/accounts/test_one_policy.py` fails if a role is
compared anywhere else.
"""

from django.db.models import Exists, OuterRef
from django.utils import timezone

from msp.accounts.models import Role

ALL_TEAMS_ROLES = {Role.SAFEGUARDING_LEAD, Role.PERFORMANCE_OFFICER}
TEAM_ROLES = {Role.PRACTITIONER, Role.TEAM_MANAGER}
RECORDING_ROLES = {Role.PRACTITIONER, Role.TEAM_MANAGER, Role.SAFEGUARDING_LEAD}
# Who may lead an enquiry, and who is listed as a worker on caseload and measures pages.
CASEWORKER_ROLES = {Role.PRACTITIONER, Role.TEAM_MANAGER}
LEAD_CANDIDATE_ROLES = CASEWORKER_ROLES | {Role.SAFEGUARDING_LEAD}


def _active(user) -> bool:
    return bool(user and user.is_authenticated and user.is_active)


def _is(user, role) -> bool:
    return _active(user) and user.role == role


# Roles that see aggregates only, unless an administrator grants them case access.
AGGREGATE_ROLES = {Role.PERFORMANCE_OFFICER, Role.BOARD_MEMBER}


def _granted(user) -> bool:
    return user.role in AGGREGATE_ROLES and getattr(user, "case_access", False)


# --- case records: which teams' records a user sees and records in -----------------------------


def can_view_cases(user) -> bool:
    if not _active(user):
        return False
    if user.role in AGGREGATE_ROLES:
        return _granted(user)
    return user.role in ALL_TEAMS_ROLES | TEAM_ROLES


def can_record_cases(user) -> bool:
    return _active(user) and user.role in RECORDING_ROLES


def sees_all_teams(user) -> bool:
    return _active(user) and (user.role == Role.SAFEGUARDING_LEAD or _granted(user))


def visible_team_ids(user) -> set[int] | None:
    """The teams whose records the user may see: None means every team, an empty set none."""
    if not can_view_cases(user):
        return set()
    if sees_all_teams(user):
        return None
    cached = getattr(user, "_msp_team_ids", None)
    if cached is None:
        cached = set(user.teams.values_list("id", flat=True))
        user._msp_team_ids = cached
    return cached


def can_view_team(user, team_id: int | None) -> bool:
    teams = visible_team_ids(user)
    return teams is None or (team_id is not None and team_id in teams)


def can_record_for_team(user, team_id: int | None) -> bool:
    if not can_record_cases(user):
        return False
    return user.role == Role.SAFEGUARDING_LEAD or (
        team_id is not None and team_id in visible_team_ids(user)
    )


def can_allocate(user, team_id: int | None) -> bool:
    """Team managers allocate within their teams; safeguarding leads anywhere."""
    if user.role == Role.SAFEGUARDING_LEAD:
        return _active(user)
    return user.role == Role.TEAM_MANAGER and can_record_for_team(user, team_id)


def caseworkers():
    """Staff who carry a caseload (practitioners and team managers): the worker filters of the
    caseload and measures pages."""
    from msp.accounts.models import User

    return User.objects.filter(role__in=CASEWORKER_ROLES)


def enquiry_lead_candidates():
    """Active staff who may be named as an enquiry's lead when a concern is decided."""
    from msp.accounts.models import User

    return User.objects.filter(is_active=True, role__in=LEAD_CANDIDATE_ROLES)


def starts_with_own_caseload(user) -> bool:
    """Practitioners see their own caseload and measures first, and may switch to the team's."""
    return _is(user, Role.PRACTITIONER)


def measures_by_worker_first(user) -> bool:
    """Team managers see the measures broken down by worker unless they choose otherwise."""
    return _is(user, Role.TEAM_MANAGER)


def home_page(user) -> str | None:
    """The URL name a signed-in user starts at, or None when nothing is open to them."""
    if can_view_cases(user):
        return "enquiries:caseload"
    if _is(user, Role.BOARD_MEMBER):
        return "reporting:board"
    if _is(user, Role.PERFORMANCE_OFFICER):
        # Without case access, a performance officer's work starts at the statutory return.
        return "returns:index"
    if _active(user) and user.is_staff:
        return "admin:index"
    return None


# --- restricted records ----------------------------------------------------------------------
# A restricted person's records open only for the named staff, or for someone in scope who gives
# a reason (break glass). Lists show such a person's rows as "Restricted record" with nothing
# that identifies them, or leave them out; `identity_withheld` is the one rule they all ask.


def can_restrict_records(user) -> bool:
    """Placing and lifting restrictions, and the break-glass log: safeguarding leads."""
    return _is(user, Role.SAFEGUARDING_LEAD)


def restriction_candidates():
    """Staff who may be named on a restriction: those whose role can open case records."""
    from msp.accounts.models import User

    return User.objects.filter(
        is_active=True, role__in=RECORDING_ROLES | {Role.PERFORMANCE_OFFICER}
    )


def case_managers(team_ids):
    """The active team managers of these teams: with the lead, the people working a case, whom
    a restriction should name."""
    from msp.accounts.models import User

    return User.objects.filter(
        is_active=True, role=Role.TEAM_MANAGER, teams__in=team_ids
    ).distinct()


def identity_withheld(user, person_ref: str = "pk") -> Exists:
    """A database expression, true for rows whose person is restricted and whom `user` may not
    open (not named, no current break-glass). `person_ref` is the path from the queryset's
    model to the person's id: "pk" for people, "person_id" for concerns and enquiries.

    One EXISTS per query, whatever the number of rows: annotate a list with it, or filter on it.
    """
    from msp.people.models import BreakGlassAccess, RecordRestriction

    closed = RecordRestriction.objects.filter(
        person_id=OuterRef(person_ref), lifted_at__isnull=True
    )
    if user is not None and user.is_authenticated:
        opened = BreakGlassAccess.objects.filter(
            person_id=OuterRef("person_id"), user_id=user.pk, expires_at__gt=timezone.now()
        )
        closed = closed.exclude(named_users__id=user.pk).exclude(Exists(opened))
    return Exists(closed)


def with_identity(queryset, user, person_ref: str = "pk"):
    """The queryset with `identity_withheld` on every row, for lists that show a restricted
    person's row as "Restricted record"."""
    return queryset.annotate(identity_withheld=identity_withheld(user, person_ref))


def without_withheld(queryset, user, person_ref: str = "pk"):
    """The queryset without rows about people `user` may not open, for lists that leave them out
    (the API's lists and case-level exports)."""
    return queryset.filter(~identity_withheld(user, person_ref))


def may_open(user, person) -> bool:
    """Whether `user` may open this person's records (scope is checked separately)."""
    from msp.people.models import Person

    return not Person.objects.filter(pk=person.pk).filter(identity_withheld(user)).exists()


# --- import and export -----------------------------------------------------------------------

EXPORT_ROLES = {Role.PERFORMANCE_OFFICER, Role.SAFEGUARDING_LEAD}
IMPORT_ROLES = {Role.PERFORMANCE_OFFICER}


def can_export(user) -> bool:
    """Case-level exports leave the system: performance officers and safeguarding leads only."""
    return _active(user) and user.role in EXPORT_ROLES


def can_import(user) -> bool:
    return _active(user) and user.role in IMPORT_ROLES


def import_teams(user):
    """The teams an import by this user may send concerns to when a row names no team: every
    active team, as importing is council-wide. Whether the user may import at all is
    `can_import`'s question; this asks only the role, because the account that command-line
    imports run as cannot sign in."""
    from msp.accounts.models import Team

    if not (user and user.is_authenticated and user.role in IMPORT_ROLES):
        return Team.objects.none()
    return Team.objects.filter(active=True).order_by("name")


# --- the statutory return, measures and the board --------------------------------------------

RETURN_ROLES = {Role.PERFORMANCE_OFFICER, Role.SAFEGUARDING_LEAD}
BOARD_ROLES = {Role.BOARD_MEMBER, Role.SAFEGUARDING_LEAD, Role.PERFORMANCE_OFFICER}


def can_prepare_return(user) -> bool:
    """The statutory return and the SAR register: performance officers and safeguarding leads."""
    return _active(user) and user.role in RETURN_ROLES


def can_use_measures(user) -> bool:
    """Staff who work with cases see the measures for what they may see; the board does not."""
    return can_view_cases(user)


def can_use_board(user) -> bool:
    return _active(user) and user.role in BOARD_ROLES


def board_sees_published_figures_only(user) -> bool:
    """Board members always see figures under disclosure control; leads and officers may choose."""
    return _is(user, Role.BOARD_MEMBER)


# --- audit and data protection ---------------------------------------------------------------


def can_audit(user) -> bool:
    """Audit search, "who has seen this record" and the changes to staff access: safeguarding leads."""
    return _is(user, Role.SAFEGUARDING_LEAD)


def can_handle_data_protection(user) -> bool:
    """Subject access, rectification, restriction of processing and legal holds are handled
    centrally by the safeguarding leads (with the council's data protection officer)."""
    return _is(user, Role.SAFEGUARDING_LEAD)


# --- staff accounts: two-factor sign-in and changes to access --------------------------------


def can_manage_two_factor(user) -> bool:
    """Issuing enrolment codes and resetting authenticators: administrators and safeguarding leads."""
    return _active(user) and (
        user.role == Role.SAFEGUARDING_LEAD or (user.role == Role.ADMINISTRATOR and user.is_staff)
    )


def can_manage_two_factor_of(actor, user) -> bool:
    """Never for oneself: a second factor is set up or reset by someone else."""
    return can_manage_two_factor(actor) and user is not None and actor.pk != user.pk


def access_capabilities(snapshot: dict) -> dict:
    """What an access snapshot (msp.accounts.services.access_snapshot) lets its holder do with
    case records, for comparing before and after a change."""
    if not snapshot or not snapshot.get("is_active", True):
        return {"cases": False, "all_teams": False, "teams": frozenset(), "more": frozenset()}
    role = snapshot.get("role")
    granted = role in AGGREGATE_ROLES and snapshot.get("case_access", False)
    cases = granted or role in ALL_TEAMS_ROLES | TEAM_ROLES
    more = {
        name
        for name, roles in (
            ("record", RECORDING_ROLES),
            ("export", EXPORT_ROLES),
            ("import", IMPORT_ROLES),
            ("return", RETURN_ROLES),
            ("lead", {Role.SAFEGUARDING_LEAD}),
        )
        if role in roles
    }
    return {
        "cases": cases,
        "all_teams": role == Role.SAFEGUARDING_LEAD or granted,
        "teams": frozenset(snapshot.get("teams") or ()) if cases else frozenset(),
        "more": frozenset(more),
    }


def access_widened(before: dict, after: dict) -> bool:
    """Whether a change gives case-reading access, a case-reading role, more teams or more powers
    over case records than before."""
    old, new = access_capabilities(before), access_capabilities(after)
    if new["cases"] and not old["cases"]:
        return True
    if new["all_teams"] and not old["all_teams"]:
        return True
    if new["cases"] and not new["all_teams"] and not new["teams"] <= old["teams"]:
        return True
    return not new["more"] <= old["more"]


def self_grant_refused(actor, user, before: dict, after: dict) -> bool:
    """Nobody widens their own access (a case-reading role, case access, more powers over case
    records, or more teams): a second person must make the change, and the leads are told."""
    if actor is None or user is None or actor.pk != user.pk:
        return False
    more_teams = not set(after.get("teams") or ()) <= set(before.get("teams") or ())
    return more_teams or access_widened(before, after)


# Scheduled drift reminders --------------------------------------------------------------------

DRIFT_REMINDER_MANAGER_ROLES = {Role.TEAM_MANAGER}


def drift_reminder_managers(team_ids):
    """The active team managers who are sent their teams' drift reminders, with their teams."""
    from msp.accounts.models import User

    return (
        User.objects.filter(
            is_active=True, role__in=DRIFT_REMINDER_MANAGER_ROLES, teams__in=team_ids
        )
        .distinct()
        .prefetch_related("teams")
    )


def receives_drift_reminders_for(user, team_id: int | None) -> bool:
    """A practitioner is reminded of enquiries they lead only while they may record for the team."""
    return can_record_for_team(user, team_id)


# --- the improvement programme: projects and the impact tool, the staff briefing note, -------
# --- information for people ------------------------------------------------------------------

# Staff who take part in the programme; board members see its projects as aggregates only.
PROGRAMME_STAFF_ROLES = {
    Role.PRACTITIONER,
    Role.TEAM_MANAGER,
    Role.SAFEGUARDING_LEAD,
    Role.PERFORMANCE_OFFICER,
}


def can_view_programme(user) -> bool:
    """The improvement projects and their figures: staff, and board members (suppressed)."""
    return _active(user) and user.role in PROGRAMME_STAFF_ROLES | {Role.BOARD_MEMBER}


def can_create_project(user) -> bool:
    return _active(user) and user.role == Role.SAFEGUARDING_LEAD


def may_be_named_on_project(user) -> bool:
    """Who a lead can name to lead, manage or help edit a project: staff, not the board."""
    return _active(user) and user.role in PROGRAMME_STAFF_ROLES


def can_edit_project(user, project) -> bool:
    """Safeguarding leads, and the staff named on the project (its lead, manager and editors)."""
    if not _active(user) or user.role not in PROGRAMME_STAFF_ROLES:
        return False
    return user.role == Role.SAFEGUARDING_LEAD or user.pk in project.named_user_ids


def can_sign_off_statement(user) -> bool:
    """Signing off the impact statement freezes its figures for the board: a safeguarding lead."""
    return _active(user) and user.role == Role.SAFEGUARDING_LEAD


def programme_figures_exact(user, team_ids: set[int] | None) -> bool:
    """Whether the user sees a project's figures as counted, or suppressed as the board does.

    `team_ids` are the teams the project's cases can come from (None: any team). Exact figures
    go to staff who may see every one of those teams' cases, and to performance officers (who
    see the council's exact aggregates on the board dashboard); everyone else, board members
    always, sees small numbers suppressed.
    """
    if not _active(user) or user.role not in PROGRAMME_STAFF_ROLES:
        return False
    if user.role == Role.PERFORMANCE_OFFICER:
        return True
    visible = visible_team_ids(user)
    if visible is None:
        return True
    return team_ids is not None and set(team_ids) <= visible


def can_list_programme_cases(user) -> bool:
    """The cases behind a project's figures, for staff who may see cases (within their scope)."""
    return can_view_cases(user)


def can_read_briefing(user) -> bool:
    return _active(user) and user.role in PROGRAMME_STAFF_ROLES


def can_edit_briefing(user) -> bool:
    """Writing and publishing the briefing note and the leaflets: safeguarding leads."""
    return _active(user) and user.role == Role.SAFEGUARDING_LEAD


# The people the briefing is written for, whose reading managers and leads follow.
BRIEFING_AUDIENCE_ROLES = {Role.PRACTITIONER, Role.TEAM_MANAGER}


def briefing_audience():
    """The active staff the briefing is written for (whose reading is followed)."""
    from msp.accounts.models import User

    return User.objects.filter(is_active=True, role__in=BRIEFING_AUDIENCE_ROLES)


def briefing_reader_team_ids(user) -> set[int] | None:
    """Whose reading of the briefing the user may see: None for everyone (safeguarding leads),
    a team manager's own teams, an empty set for anyone else."""
    if not _active(user):
        return set()
    if user.role == Role.SAFEGUARDING_LEAD:
        return None
    if user.role == Role.TEAM_MANAGER:
        return set(visible_team_ids(user))
    return set()


def can_see_briefing_readers(user) -> bool:
    return briefing_reader_team_ids(user) != set()


def can_view_leaflets(user) -> bool:
    return can_read_briefing(user)


def can_edit_leaflets(user) -> bool:
    return can_edit_briefing(user)


def can_give_personal_summary(user, team_id: int | None) -> bool:
    """Making a person's own summary from their enquiry: those who may record in it."""
    return can_record_for_team(user, team_id)


# --- evidence that practice changed: case file audits, the person's own feedback, -----------
# --- triangulation, supervision and MSP champions ------------------------------------------

# Who audits case files: team managers within their teams, safeguarding leads anywhere.
AUDITOR_ROLES = {Role.TEAM_MANAGER, Role.SAFEGUARDING_LEAD}


def can_draw_audit_sample(user) -> bool:
    return _active(user) and user.role in AUDITOR_ROLES


def audit_team_ids(user) -> set[int] | None:
    """The teams whose cases the user may sample and audit: None for every team."""
    if not can_draw_audit_sample(user):
        return set()
    return visible_team_ids(user)


def can_audit_case(user, enquiry) -> bool:
    """An auditor in the case's team audits it, never the case's own lead practitioner."""
    return (
        can_draw_audit_sample(user)
        and can_view_team(user, enquiry.team_id)
        and user.pk != enquiry.lead_id
    )


def can_view_audit_questions(user) -> bool:
    return can_read_briefing(user)


def can_edit_audit_questions(user) -> bool:
    """The council's audit questions are written and published by safeguarding leads."""
    return _active(user) and user.role == Role.SAFEGUARDING_LEAD


def audit_result_team_ids(user) -> set[int] | None:
    """Whose audit results the user may see, team by team and practitioner by practitioner:
    None for every team (safeguarding leads, and performance officers with case access), a team
    manager's own teams, an empty set for anyone else (who sees only their own audits)."""
    if not _active(user):
        return set()
    if user.role == Role.PERFORMANCE_OFFICER:
        return None if can_view_cases(user) else set()
    return audit_team_ids(user)


def can_see_audit_results(user) -> bool:
    return audit_result_team_ids(user) != set()


def can_view_case_audit(user, audit) -> bool:
    """One audit, answers and all: its auditor, the practitioner it is about, auditors of the
    case's team, and safeguarding leads."""
    if not _active(user) or not can_view_cases(user):
        return False
    if user.pk in (audit.auditor_id, audit.practitioner_id):
        return True
    return can_draw_audit_sample(user) and can_view_team(user, audit.team_id)


def has_own_audits(user) -> bool:
    """Practitioners and managers lead cases, so have audits of their own work to read."""
    return _active(user) and user.role in TEAM_ROLES


# The follow-up after closure is made by staff who record cases and who did not work on this one.
FOLLOW_UP_ROLES = RECORDING_ROLES


def can_follow_up(user) -> bool:
    return _active(user) and user.role in FOLLOW_UP_ROLES


def may_follow_up_case(user, enquiry, worked_by: set[int]) -> bool:
    """Independent of the case: may record in its team, and is neither its lead practitioner nor
    anyone who recorded its conversations or its closing review (`worked_by`)."""
    return (
        can_follow_up(user)
        and can_record_for_team(user, enquiry.team_id)
        and user.pk != enquiry.lead_id
        and user.pk not in worked_by
    )


def can_view_feedback_figures(user) -> bool:
    return can_view_programme(user)


def evidence_figures_exact(user, team_ids: set[int] | None) -> bool:
    """Whether feedback, audit and triangulation figures are shown as counted or suppressed.

    `team_ids` are the teams counted (None: every team). Exact for staff who may see every one of
    those teams' cases; suppressed as the national statistics publish them for anyone who may not
    see cases (board members, officers without case access) or not all of those teams.
    """
    if not can_view_cases(user):
        return False
    visible = visible_team_ids(user)
    if visible is None:
        return True
    return team_ids is not None and set(team_ids) <= visible


def can_view_triangulation(user) -> bool:
    """The triangulation page: staff who see cases, for the teams they see."""
    return can_view_cases(user)


SUPERVISOR_ROLES = {Role.TEAM_MANAGER}


def supervised_by(user) -> set[int]:
    """The practitioners `user` supervises: those in the teams they manage, and those a lead named
    them to supervise (never themselves). Kept on the user for the rest of the request."""
    if not _active(user):
        return set()
    cached = getattr(user, "_msp_supervised", None)
    if cached is not None:
        return cached
    from msp.accounts.models import User
    from msp.improvement.models import NamedSupervisor

    ids = set(
        NamedSupervisor.objects.filter(supervisor=user).values_list("practitioner_id", flat=True)
    )
    if user.role in SUPERVISOR_ROLES:
        ids |= set(
            User.objects.filter(teams__in=visible_team_ids(user), role=Role.PRACTITIONER)
            .values_list("pk", flat=True)
            .distinct()
        )
    ids.discard(user.pk)
    user._msp_supervised = ids
    return ids


def sees_all_supervision(user) -> bool:
    return _active(user) and user.role == Role.SAFEGUARDING_LEAD


def can_write_supervision(user, practitioner_id: int) -> bool:
    """Supervision notes are written by the practitioner's supervisor (a manager of their team or
    the supervisor a lead named), with them."""
    return user.pk != practitioner_id and practitioner_id in supervised_by(user)


def can_read_supervision_of(user, practitioner_id: int) -> bool:
    """A practitioner's supervision notes: the practitioner, their supervisors and safeguarding
    leads; not the rest of the team."""
    if not _active(user):
        return False
    return (
        user.pk == practitioner_id
        or sees_all_supervision(user)
        or practitioner_id in supervised_by(user)
    )


def can_use_supervision(user) -> bool:
    return _active(user) and user.role in TEAM_ROLES | {Role.SAFEGUARDING_LEAD}


def may_be_supervisor(user) -> bool:
    """Who a lead may name as someone's supervisor: staff who record cases."""
    return _active(user) and user.role in RECORDING_ROLES


def can_name_supervisor(user) -> bool:
    return _active(user) and user.role == Role.SAFEGUARDING_LEAD


def can_mark_champions(user) -> bool:
    """A safeguarding lead marks the MSP champions of each team."""
    return _active(user) and user.role == Role.SAFEGUARDING_LEAD


def may_be_champion(user) -> bool:
    return _active(user) and user.role in TEAM_ROLES


def can_view_team_page(user, team_id: int) -> bool:
    """A team's page (its champions, supervisors and evidence): staff who see its cases."""
    return can_view_cases(user) and can_view_team(user, team_id)
