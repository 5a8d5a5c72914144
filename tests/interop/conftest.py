import pytest


@pytest.fixture(autouse=True)
def _file_team(request):
    """The team the test files name, set up as a council's teams are before an import."""
    if "django_db" not in {mark.name for mark in request.node.iter_markers()}:
        return
    from tests.factories import TeamFactory

    request.getfixturevalue("db")
    TeamFactory(name="North locality")
