"""Every page, for every kind of user: allowed, or refused without a hint that the record exists.

The sweep walks the URL configuration itself, so a new page that is not listed here fails the
test until someone decides who may use it.
"""

from datetime import date

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from msp.accounts.models import Role
from msp.returns.models import SafeguardingAdultsReview
from tests.factories import DesiredOutcomeFactory, UserFactory

pytestmark = pytest.mark.django_db

# Pages and who may open them. "view" pages: anyone who may see the team's cases.
# "record" pages: practitioners and managers of the team, and safeguarding leads.
VIEW = "view"
RECORD = "record"
ALLOCATE = "allocate"
SIGNED_IN = "signed_in"
# Pages that are not about one record: open to the role, whatever the team.
ROLE_VIEW = "role_view"
ROLE_RECORD = "role_record"
LEAD_ONLY = "lead_only"
ANY_SIGNED_IN = "any_signed_in"
PUBLIC = "public"
# The statutory return and the SAR register: performance officers and safeguarding leads.
RETURNS = "returns"
# The board dashboard and its downloads: aggregates for the board, leads and officers.
BOARD = "board"
# A personal API token's own pages: its owner (the practitioner here) only.
TOKEN_OWNER = "token_owner"
# Staff two-factor sign-in (enrolment codes, resets): administrators and safeguarding leads.
STAFF_SIGN_IN = "staff_sign_in"
# Case-level import (performance officers) and export (performance officers and leads).
IMPORT = "import"
EXPORT = "export"
# The improvement programme: projects for staff and the board (aggregates); editing for leads
# and the people named on a project (the manager, in the sweep's world); the briefing and the
# leaflets for staff.
PROGRAMME = "programme"
PROJECT_EDIT = "project_edit"
STAFF = "staff"
READERS = "readers"
# A kept draft: its owner (the practitioner here) only.
OWN_DRAFT = "own_draft"
# Evidence that practice changed: audits for managers and leads (the case's own lead reads its
# audit), follow-ups by someone independent of the case, supervision for the practitioner, their
# supervisor and leads.
AUDITS = "audits"
AUDITORS = "auditors"
AUDIT_READERS = "audit_readers"
OWN_AUDITS = "own_audits"
AUDIT_RESULTS = "audit_results"
FOLLOW_UP = "follow_up"
SUPERVISION = "supervision"
SUPERVISOR = "supervisor"
PAGES = {
    "home": SIGNED_IN,
    "your_say:start": PUBLIC,
    "your_say:questions": PUBLIC,
    "your_say:done": PUBLIC,
    "improvement:audits": AUDITS,
    "improvement:audit_sample_new": AUDITORS,
    "improvement:audit_sample": AUDITORS,
    "improvement:audit_sample_download": AUDITORS,
    "improvement:case_audit": AUDITORS,
    "improvement:audit": AUDIT_READERS,
    "improvement:audits_own": OWN_AUDITS,
    "improvement:audit_results": AUDIT_RESULTS,
    "improvement:audit_questions": STAFF,
    "improvement:audit_question_versions": STAFF,
    "improvement:audit_question_version": STAFF,
    "improvement:audit_questions_edit": LEAD_ONLY,
    "improvement:audit_questions_publish": LEAD_ONLY,
    "improvement:follow_ups": ROLE_RECORD,
    "improvement:follow_up": FOLLOW_UP,
    "improvement:follow_up_record": FOLLOW_UP,
    "improvement:follow_up_code": FOLLOW_UP,
    "improvement:feedback_figures": PROGRAMME,
    "improvement:triangulation": ROLE_VIEW,
    "improvement:triangulation_download": ROLE_VIEW,
    "improvement:supervision_case": SUPERVISION,
    "improvement:supervision_new": SUPERVISOR,
    "improvement:supervision_note": SUPERVISION,
    "improvement:supervision_sessions": SUPERVISION,
    "improvement:supervisor_name": LEAD_ONLY,
    "improvement:teams": ROLE_VIEW,
    "improvement:team": VIEW,
    "improvement:champion_mark": LEAD_ONLY,
    "improvement:champion_end": LEAD_ONLY,
    "recent": ROLE_VIEW,
    "accounts:login": PUBLIC,
    "accounts:logout": PUBLIC,
    "operations:healthz": PUBLIC,
    "operations:readyz": PUBLIC,
    "accounts:two_factor_setup": ANY_SIGNED_IN,
    "accounts:two_factor_verify": ANY_SIGNED_IN,
    "accounts:staff": STAFF_SIGN_IN,
    "accounts:staff_member": STAFF_SIGN_IN,
    # One's own kept drafts (only their owner sees any) and the time-out warning's answer.
    "drafts:drafts": ANY_SIGNED_IN,
    "drafts:draft_choose": OWN_DRAFT,
    "drafts:stay_signed_in": ANY_SIGNED_IN,
    "people:find": ROLE_VIEW,
    "people:create": ROLE_RECORD,
    "people:detail": VIEW,
    "people:edit": RECORD,
    "concerns:start": ROLE_RECORD,
    "concerns:waiting": ROLE_RECORD,
    "concerns:new": RECORD,
    "concerns:detail": VIEW,
    "concerns:add_allegation": RECORD,
    "concerns:decide": RECORD,
    "enquiries:caseload": ROLE_VIEW,
    "audit:search": LEAD_ONLY,
    "audit:person": LEAD_ONLY,
    "privacy:index": LEAD_ONLY,
    "privacy:person": LEAD_ONLY,
    "privacy:subject_access": LEAD_ONLY,
    "privacy:restrict_processing": LEAD_ONLY,
    "privacy:rectification": LEAD_ONLY,
    "privacy:legal_hold": LEAD_ONLY,
    "audit:break_glass": LEAD_ONLY,
    "audit:staff_access": LEAD_ONLY,
    "people:restriction": LEAD_ONLY,
    "people:break_glass": VIEW,
    "enquiries:detail": VIEW,
    "enquiries:allocate": ALLOCATE,
    "enquiries:conversation_new": RECORD,
    "enquiries:capacity_new": RECORD,
    "enquiries:representation_new": RECORD,
    "enquiries:risk_new": RECORD,
    "enquiries:response_new": RECORD,
    "enquiries:review": RECORD,
    "enquiries:close": RECORD,
    "enquiries:statutory_answer": RECORD,
    "enquiries:outcome": VIEW,
    "enquiries:outcome_revise": RECORD,
    "enquiries:outcome_withdraw": RECORD,
    "enquiries:outcome_alternative": RECORD,
    "enquiries:outcome_replace": RECORD,
    "enquiries:outcome_tension": RECORD,
    "returns:index": RETURNS,
    "returns:download": RETURNS,
    "returns:reviews": RETURNS,
    "returns:review_new": RETURNS,
    "returns:review_edit": RETURNS,
    "returns:review_archive": RETURNS,
    "reporting:measures": ROLE_VIEW,
    "reporting:board": BOARD,
    "reporting:board_download": BOARD,
    "interop:import": IMPORT,
    "interop:batch": IMPORT,
    "interop:batch_team": IMPORT,
    "interop:batch_commit": IMPORT,
    "interop:batch_errors": IMPORT,
    "interop:batch_rejected": IMPORT,
    "interop:import_format": IMPORT,
    "interop:import_template": IMPORT,
    "interop:export": EXPORT,
    "account:tokens": ANY_SIGNED_IN,
    "account:token_new": ANY_SIGNED_IN,
    "account:token_revoke": TOKEN_OWNER,
    "improvement:index": PROGRAMME,
    "improvement:project_new": LEAD_ONLY,
    "improvement:project": PROGRAMME,
    "improvement:project_edit": PROJECT_EDIT,
    "improvement:plan_edit": PROJECT_EDIT,
    "improvement:statement_edit": PROJECT_EDIT,
    "improvement:statement_sign_off": LEAD_ONLY,
    "improvement:side_by_side": PROGRAMME,
    "improvement:history": PROGRAMME,
    "improvement:report": PROGRAMME,
    "improvement:cases": ROLE_VIEW,
    "improvement:case_add": PROJECT_EDIT,
    "improvement:case_decisions": ROLE_VIEW,
    "improvement:case_leave_out": PROJECT_EDIT,
    "improvement:briefing": STAFF,
    "improvement:briefing_versions": STAFF,
    "improvement:briefing_version": STAFF,
    "improvement:briefing_confirm": STAFF,
    "improvement:briefing_pdf": STAFF,
    "improvement:briefing_edit": LEAD_ONLY,
    "improvement:briefing_publish": LEAD_ONLY,
    "improvement:briefing_readers": READERS,
    "improvement:leaflets": STAFF,
    "improvement:leaflet": STAFF,
    "improvement:leaflet_pdf": STAFF,
    "improvement:leaflet_section_edit": LEAD_ONLY,
    "improvement:leaflet_picture": STAFF,
    "improvement:summary_new": RECORD,
    "improvement:summary": VIEW,
    "improvement:summary_pdf": VIEW,
}

ROLES_ALLOWED = {
    AUDITS: {"practitioner", "manager", "lead", "performance_officer", "other_practitioner"},
    AUDITORS: {"manager", "lead"},
    AUDIT_READERS: {"practitioner", "manager", "lead"},
    OWN_AUDITS: {"practitioner", "manager", "other_practitioner"},
    AUDIT_RESULTS: {"manager", "lead", "performance_officer"},
    FOLLOW_UP: {"manager", "lead"},
    SUPERVISION: {"practitioner", "manager", "lead"},
    SUPERVISOR: {"manager"},
    VIEW: {"practitioner", "manager", "lead", "performance_officer"},
    RECORD: {"practitioner", "manager", "lead"},
    ALLOCATE: {"manager", "lead"},
    LEAD_ONLY: {"lead"},
    ANY_SIGNED_IN: {
        "practitioner",
        "manager",
        "lead",
        "performance_officer",
        "board_member",
        "administrator",
        "other_practitioner",
    },
    ROLE_VIEW: {"practitioner", "manager", "lead", "performance_officer", "other_practitioner"},
    ROLE_RECORD: {"practitioner", "manager", "lead", "other_practitioner"},
    RETURNS: {"lead", "performance_officer"},
    BOARD: {"board_member", "lead", "performance_officer"},
    TOKEN_OWNER: {"practitioner"},
    STAFF_SIGN_IN: {"lead", "administrator"},
    IMPORT: {"performance_officer"},
    EXPORT: {"lead", "performance_officer"},
    PROGRAMME: {
        "practitioner",
        "manager",
        "lead",
        "performance_officer",
        "board_member",
        "other_practitioner",
    },
    PROJECT_EDIT: {"lead", "manager"},
    STAFF: {"practitioner", "manager", "lead", "performance_officer", "other_practitioner"},
    READERS: {"manager", "lead"},
    OWN_DRAFT: {"practitioner"},
    SIGNED_IN: {
        "practitioner",
        "manager",
        "lead",
        "performance_officer",
        "other_practitioner",
        "administrator",
        "board_member",
    },
}


def named_patterns(resolver=None, namespace=""):
    resolver = resolver or get_resolver()
    for entry in resolver.url_patterns:
        if isinstance(entry, URLResolver):
            # The API (namespace api-1.0.0) answers tokens, not sessions: tests/api sweeps it.
            if entry.app_name == "admin" or entry.namespace == "api-1.0.0":
                continue
            inner = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
            yield from named_patterns(entry, inner)
        elif isinstance(entry, URLPattern) and entry.name:
            yield f"{namespace}{entry.name}", entry


@pytest.fixture
def world(
    enquiry,
    practitioner,
    manager,
    lead,
    performance_officer,
    board_member,
    administrator,
    other_practitioner,
):
    outcome = DesiredOutcomeFactory(enquiry=enquiry, actor=practitioner)
    review = SafeguardingAdultsReview.objects.create(
        reference="SAR-SWEEP", title="Sweep", decided_on=date(2025, 5, 1)
    )
    return {
        "enquiry": enquiry,
        "outcome": outcome,
        "review": review,
        **programme_world(enquiry, lead=lead, manager=manager, practitioner=practitioner),
        "users": {
            "practitioner": practitioner,
            "manager": manager,
            "lead": lead,
            "performance_officer": performance_officer,
            "board_member": board_member,
            "administrator": administrator,
            "other_practitioner": other_practitioner,
        },
    }


def programme_world(enquiry, *, lead, manager, practitioner) -> dict:
    """A project the manager is named on, briefing version 1 with a draft of 2, a leaflet
    picture and a summary for the sweep's enquiry."""
    import io

    from PIL import Image

    from msp.improvement.briefing import services as briefing
    from msp.improvement.information import services as information
    from msp.improvement.projects import services as projects

    project = projects.project_create(
        actor=lead,
        name="Sweep pilot",
        lead=lead,
        manager=manager,
        start_date=enquiry.start_date,
        review_dates=[enquiry.start_date],
    )
    briefing.briefing_save_draft(actor=lead, **briefing.starting_point())
    briefing.briefing_publish(actor=lead)
    briefing.briefing_save_draft(actor=lead, **briefing.starting_point())
    png = io.BytesIO()
    Image.new("RGB", (8, 8)).save(png, format="PNG")
    section = information.leaflet_section_update(
        actor=lead,
        kind="easy-read",
        position=1,
        heading="We want you to be safe",
        text="We want to help.",
        picture=png.getvalue(),
        picture_description="A picture",
    )
    summary = information.personal_summary_create(
        actor=practitioner, enquiry=enquiry, how_to_reach="Phone", what_happens_next="A visit"
    )
    return {
        "project": project,
        "section": section,
        "summary": summary,
        **evidence_world(enquiry, lead=lead, manager=manager, practitioner=practitioner),
    }


def evidence_world(enquiry, *, lead, manager, practitioner) -> dict:
    """A sample of the open enquiry with its audit completed by the manager, a closed case of
    the practitioner's for follow-ups, a supervision note and an MSP champion."""
    from msp.improvement.audits import services as audits
    from msp.improvement.supervision import services as supervision
    from tests.factories import PersonFactory
    from tests.reporting.conftest import close, make_enquiry

    sample = audits.audit_sample_draw(
        actor=manager,
        which="open",
        period_start=enquiry.start_date,
        period_end=enquiry.start_date,
        size=1,
        seed=1,
    )
    audit = audits.case_audit_start(actor=manager, sample=sample, enquiry=enquiry)
    audits.case_audit_save(
        actor=manager,
        audit=audit,
        answers={q.pk: ("yes", "") for q in audit.question_set.questions.all()},
        grade="good",
        summary="A clear file",
        complete=True,
    )
    closed = make_enquiry(
        PersonFactory(team=enquiry.team, actor=practitioner),
        actor=practitioner,
        start=enquiry.start_date,
        lead=practitioner,
    )
    closed = close(closed, actor=practitioner, end=enquiry.start_date)
    note = supervision.supervision_note_create(
        actor=manager, enquiry=enquiry, held_on=enquiry.start_date, reflection="Her wishes"
    )
    champion = supervision.champion_mark(actor=lead, team=enquiry.team, user=practitioner)
    return {
        "sample": sample,
        "audit": audit,
        "closed": closed,
        "note": note,
        "champion": champion,
    }


PROJECT_CASE_PAGES = {"improvement:case_leave_out"}


def url_for(name: str, world) -> str:
    enquiry = world["enquiry"]
    kwargs = {}
    if name.startswith("improvement:"):
        return _improvement_url(name, world)
    if name in ("audit:person", "people:restriction", "people:break_glass"):
        kwargs = {"reference": enquiry.person.reference}
    elif name.startswith("privacy:") and name != "privacy:index":
        kwargs = {"reference": enquiry.person.reference}
    elif name.startswith("people:") and name not in ("people:find", "people:create"):
        kwargs = {"reference": enquiry.person.reference}
    elif name == "concerns:new":
        kwargs = {"reference": enquiry.person.reference}
    elif name.startswith("concerns:") and name not in ("concerns:start", "concerns:waiting"):
        kwargs = {"reference": enquiry.concern.reference}
    elif name == "enquiries:statutory_answer":
        kwargs = {"pk": enquiry.pk, "field": "sac_asked_outcomes"}
    elif name.startswith("enquiries:outcome"):
        kwargs = {"pk": enquiry.pk, "outcome_pk": world["outcome"].pk}
    elif name.startswith("enquiries:") and name != "enquiries:caseload":
        kwargs = {"pk": enquiry.pk}
    elif name == "returns:download":
        kwargs = {"year": "2025-26", "fmt": "csv"}
    elif name in ("returns:review_edit", "returns:review_archive"):
        kwargs = {"pk": world["review"].pk}
    elif name == "accounts:staff_member":
        kwargs = {"pk": world["users"]["other_practitioner"].pk}
    elif name == "reporting:board_download":
        kwargs = {"fmt": "xlsx"}
    elif name == "account:token_revoke":
        from tests.api.conftest import make_token

        make_token(world["users"]["practitioner"])
        kwargs = {"pk": world["users"]["practitioner"].api_tokens.get().pk}
    elif name == "drafts:draft_choose":
        from msp.drafts.services import draft_keep

        draft = draft_keep(
            user=world["users"]["practitioner"], path="/people/", form_data={"text": ["a"]}
        )
        kwargs = {"pk": draft.pk}
    elif name.startswith("interop:batch"):
        from tests.interop.support import staged_batch

        kwargs = {"pk": staged_batch().pk}
    return reverse(name, kwargs=kwargs)


def _improvement_url(name: str, world) -> str:
    project, enquiry = world["project"], world["enquiry"]
    kwargs = {}
    evidence = _evidence_kwargs(name, world)
    if evidence is not None:
        kwargs = evidence
    elif name in PROJECT_CASE_PAGES:
        kwargs = {"pk": project.pk, "enquiry_pk": enquiry.pk}
    elif name in ("improvement:index", "improvement:project_new") or name.startswith(
        ("improvement:briefing", "improvement:leaflet")
    ):
        kwargs = {}
        if name in (
            "improvement:briefing_version",
            "improvement:briefing_confirm",
            "improvement:briefing_pdf",
        ):
            kwargs = {"number": 1}
        elif name in ("improvement:leaflet", "improvement:leaflet_pdf"):
            kwargs = {"kind": "easy-read"}
        elif name == "improvement:leaflet_section_edit":
            kwargs = {"kind": "easy-read", "position": 1}
        elif name == "improvement:leaflet_picture":
            kwargs = {"pk": world["section"].pk}
    elif name == "improvement:summary_new":
        kwargs = {"enquiry_pk": enquiry.pk}
    elif name in ("improvement:summary", "improvement:summary_pdf"):
        kwargs = {"pk": world["summary"].pk}
    else:
        kwargs = {"pk": project.pk}
    return reverse(name, kwargs=kwargs)


def _evidence_kwargs(name: str, world) -> dict | None:
    """The arguments of the evidence pages (None for the other improvement pages)."""
    enquiry, sample = world["enquiry"], world["sample"]
    table = {
        "improvement:audits": {},
        "improvement:audit_sample_new": {},
        "improvement:audit_sample": {"pk": sample.pk},
        "improvement:audit_sample_download": {"pk": sample.pk, "fmt": "csv"},
        "improvement:case_audit": {"pk": sample.pk, "enquiry_pk": enquiry.pk},
        "improvement:audit": {"pk": world["audit"].pk},
        "improvement:audits_own": {},
        "improvement:audit_results": {},
        "improvement:audit_questions": {},
        "improvement:audit_question_versions": {},
        "improvement:audit_question_version": {"number": 1},
        "improvement:audit_questions_edit": {},
        "improvement:audit_questions_publish": {},
        "improvement:follow_ups": {},
        "improvement:follow_up": {"enquiry_pk": world["closed"].pk},
        "improvement:follow_up_record": {"enquiry_pk": world["closed"].pk},
        "improvement:follow_up_code": {"enquiry_pk": world["closed"].pk},
        "improvement:feedback_figures": {},
        "improvement:triangulation": {},
        "improvement:triangulation_download": {},
        "improvement:supervision_case": {"enquiry_pk": enquiry.pk},
        "improvement:supervision_new": {"enquiry_pk": enquiry.pk},
        "improvement:supervision_note": {"pk": world["note"].pk},
        "improvement:supervision_sessions": {"user_pk": enquiry.lead_id},
        "improvement:supervisor_name": {"user_pk": enquiry.lead_id},
        "improvement:teams": {},
        "improvement:team": {"pk": enquiry.team_id},
        "improvement:champion_mark": {"pk": enquiry.team_id},
        "improvement:champion_end": {"pk": enquiry.team_id, "champion_pk": world["champion"].pk},
    }
    return table.get(name)


SUPERVISION_PAGES = [
    "improvement:supervision_case",
    "improvement:supervision_new",
    "improvement:supervision_note",
    "improvement:supervision_sessions",
]


def test_supervision_stays_hidden_from_the_rest_of_the_team(client, world):
    """Another practitioner in the same team sees the case but none of its supervision."""
    colleague = UserFactory(role=Role.PRACTITIONER, teams=[world["enquiry"].team])
    client.force_login(colleague)
    assert client.get(reverse("enquiries:detail", args=[world["enquiry"].pk])).status_code == 200
    for name in SUPERVISION_PAGES:
        url = url_for(name, world)
        assert client.get(url).status_code == 404, url
        assert client.post(url, {"reflection": "x"}).status_code == 404, url


def test_audits_and_follow_ups_refuse_the_cases_own_lead(client, world):
    """The case's lead practitioner neither audits nor follows up their own case."""
    client.force_login(world["users"]["practitioner"])
    for name in ("improvement:case_audit", "improvement:follow_up", "improvement:follow_up_code"):
        assert client.get(url_for(name, world)).status_code == 404, name


def test_every_page_is_in_the_sweep():
    # Single sign-on's oidc_* URLs exist only when it is configured; tests/accounts/test_oidc.py
    # covers them (they are the public steps of signing in).
    names = {name for name, _ in named_patterns() if not name.startswith("oidc_")}
    assert names == set(PAGES)


@pytest.mark.parametrize("name", sorted(PAGES))
def test_page_access_for_every_role(client, world, name):
    rule = PAGES[name]
    url = url_for(name, world)
    if rule == PUBLIC:
        assert client.get(url).status_code in (200, 302, 405)
        return
    anonymous = client.get(url)
    assert anonymous.status_code == 302 and "/accounts/sign-in/" in anonymous.url, (
        f"{url} open to anonymous users"
    )
    for label, user in world["users"].items():
        client.force_login(user)
        response = client.get(url)
        if label in ROLES_ALLOWED[rule]:
            assert response.status_code in (200, 302), (
                f"{label} refused {url}: {response.status_code}"
            )
            if response.status_code == 302:
                assert "sign-in" not in response.url
        else:
            assert response.status_code == 404, f"{label} got {response.status_code} on {url}"
        client.logout()


@pytest.mark.parametrize(
    "name", sorted(n for n, rule in PAGES.items() if rule in (RECORD, ALLOCATE))
)
def test_outsiders_cannot_write(client, world, name):
    """A POST from another team's practitioner or a board member is refused with 404 and changes nothing."""
    url = url_for(name, world)
    enquiry = world["enquiry"]
    before = (enquiry.conversations.count(), enquiry.outcomes.count(), enquiry.version)
    for label in ("other_practitioner", "board_member", "performance_officer"):
        client.force_login(world["users"][label])
        assert client.post(url, {"notes": "x"}).status_code == 404, f"{label} could post to {url}"
        client.logout()
    enquiry.refresh_from_db()
    assert before == (enquiry.conversations.count(), enquiry.outcomes.count(), enquiry.version)


def test_lists_and_search_stay_in_scope(client, world, other_team):
    outsider = UserFactory(role=Role.PRACTITIONER, teams=[other_team])
    client.force_login(outsider)
    person = world["enquiry"].person
    assert person.full_name not in client.get("/enquiries/?view=team").content.decode()
    page = client.get("/people/", {"text": person.last_name}).content.decode()
    assert person.reference not in page
    page = client.get("/people/", {"text": person.reference}).content.decode()
    assert "No one found" in page


def test_admin_is_for_administrators_only(client, world):
    for label, user in world["users"].items():
        client.force_login(user)
        response = client.get("/admin/")
        if label == "administrator":
            assert response.status_code == 200
        else:
            assert response.status_code == 302 and "/admin/login/" in response.url
        client.logout()


@pytest.mark.parametrize(
    ("name", "kwargs"),
    [
        ("returns:download", {"year": "2025-26", "fmt": "publication"}),
        ("reporting:board_download", {"fmt": "csv"}),
    ],
)
def test_the_publication_layout_downloads_have_the_same_access(client, world, name, kwargs):
    """The long CSV layout is one more format of pages already in the sweep: same roles."""
    url = reverse(name, kwargs=kwargs) + ("?year=2025-26" if name.startswith("reporting") else "")
    assert client.get(url).status_code == 302
    for label, user in world["users"].items():
        client.force_login(user)
        expected = 200 if label in ROLES_ALLOWED[PAGES[name]] else 404
        assert client.get(url).status_code == expected, f"{label} on {url}"
        client.logout()
