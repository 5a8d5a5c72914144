import pytest

from msp.accounts.models import Role
from msp.reference import selectors as reference
from tests.factories import TeamFactory, UserFactory


@pytest.fixture(autouse=True)
def _fresh_reference_lists():
    """The reference lists are cached in-process; a test must see its own database's rows."""
    reference.clear_cache()
    yield
    reference.clear_cache()


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    """Real hashing costs a third of a second per user; tests make many users."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _figures_worked_out_every_time(settings):
    """Pages reuse figures for a minute (msp/reporting/recent.py); a test that records and then
    looks must see what it recorded. tests/reporting/test_recent.py turns the reuse on."""
    settings.FIGURES_MAX_AGE = 0


@pytest.fixture
def team(db):
    return TeamFactory(name="North locality")


@pytest.fixture
def other_team(db):
    return TeamFactory(name="South locality")


@pytest.fixture
def practitioner(team):
    # An apostrophe in the name keeps every page test honest about HTML escaping.
    return UserFactory(role=Role.PRACTITIONER, teams=[team], first_name="Iain", last_name="O'Brien")


@pytest.fixture
def other_practitioner(other_team):
    return UserFactory(role=Role.PRACTITIONER, teams=[other_team])


@pytest.fixture
def manager(team):
    return UserFactory(role=Role.TEAM_MANAGER, teams=[team])


@pytest.fixture
def lead(db):
    return UserFactory(role=Role.SAFEGUARDING_LEAD)


@pytest.fixture
def performance_officer(db):
    """A performance officer granted case access (without it they see aggregates only)."""
    return UserFactory(role=Role.PERFORMANCE_OFFICER, case_access=True)


@pytest.fixture
def board_member(db):
    return UserFactory(role=Role.BOARD_MEMBER)


@pytest.fixture
def administrator(db):
    return UserFactory(role=Role.ADMINISTRATOR, is_staff=True)


@pytest.fixture
def enquiry(practitioner, team):
    """An open section 42 enquiry in `team`, led by `practitioner`."""
    from tests.factories import EnquiryFactory

    return EnquiryFactory(concern__person__team=team, actor=practitioner, lead=practitioner)
