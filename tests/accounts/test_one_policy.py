"""Every role, scope and restriction question is answered by msp/accounts/policy.py: nowhere else
in msp/ (Python or templates) compares a user's role, names a role to decide something, or
filters staff by role. A new comparison fails here until it becomes a policy function."""

import ast
import re
from pathlib import Path

from msp.accounts.models import Role

ROOT = Path(__file__).resolve().parents[2] / "msp"
POLICY = ROOT / "accounts" / "policy.py"
# Where roles are defined, and where accounts are made with a role (not a question about one).
ROLE_DEFINED = {ROOT / "accounts" / "models.py"}
ACCOUNTS_MADE = {
    ROOT / "demo" / "users.py": "the demo users, each made with its role",
    ROOT / "demo" / "bulk" / "staff.py": "synthetic staff for the national-scale demo",
    ROOT / "demo" / "bulk" / "council.py": "the synthetic council's teams and their staff",
    ROOT / "interop" / "services.py": "the import's system account",
}
# `.role` on something that is not a member of staff.
OTHER_ROLES = {
    ROOT / "enquiries" / "statutory.py": "a representative's role (advocate, attorney...)",
}
ROLE_VALUES = set(Role.values)
LOOKUPS = {"filter", "exclude", "get"}


def python_files():
    for path in sorted(ROOT.rglob("*.py")):
        if "migrations" in path.parts or path == POLICY or path in ROLE_DEFINED:
            continue
        yield path


def _names_a_role(node) -> bool:
    """Whether an expression names a member of Role (Role.PRACTITIONER ...)."""
    return any(
        isinstance(n, ast.Attribute)
        and isinstance(n.value, ast.Name)
        and n.value.id == "Role"
        and n.attr.isupper()
        for n in ast.walk(node)
    )


def _is_role_attribute(node) -> bool:
    return isinstance(node, ast.Attribute) and node.attr == "role"


def problems_in(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(), filename=str(path))
    found = []
    for node in ast.walk(tree):
        where = f"{path.relative_to(ROOT.parent)}:{getattr(node, 'lineno', '?')}"
        if isinstance(node, ast.Compare):
            operands = [node.left, *node.comparators]
            if path not in OTHER_ROLES and any(_is_role_attribute(o) for o in operands):
                found.append(f"{where} compares a role")
            elif any(_names_a_role(o) for o in operands):
                found.append(f"{where} compares with a role")
        elif isinstance(node, ast.Call):
            name = getattr(node.func, "attr", getattr(node.func, "id", ""))
            for keyword in node.keywords:
                if keyword.arg and keyword.arg.startswith("role__"):
                    found.append(f"{where} looks staff up by role ({keyword.arg})")
                elif keyword.arg == "role" and name in LOOKUPS:
                    found.append(f"{where} looks staff up by role")
        elif (
            isinstance(node, ast.Attribute)
            and isinstance(node.value, ast.Name)
            and node.value.id == "Role"
            and node.attr.isupper()
            and path not in ACCOUNTS_MADE
        ):
            found.append(f"{where} names Role.{node.attr}")
    return found


def test_no_python_outside_the_policy_asks_about_roles():
    found = [problem for path in python_files() for problem in problems_in(path)]
    assert not found, "\n".join(found)


ROLE_WORDS = "|".join(sorted(ROLE_VALUES))
TEMPLATE_ROLE = re.compile(
    r"\.role\s*(==|!=|\bin\b|\bnot\s+in\b)|(==|!=)\s*[\"'](" + ROLE_WORDS + r")[\"']|\bis_manager\b"
)


def test_no_template_compares_roles():
    found = []
    for path in sorted(ROOT.rglob("*.html")):
        for number, line in enumerate(path.read_text().splitlines(), 1):
            if TEMPLATE_ROLE.search(line):
                found.append(f"{path.relative_to(ROOT.parent)}:{number}: {line.strip()[:100]}")
    assert not found, "\n".join(found)


def test_the_check_catches_what_it_is_for(tmp_path):
    """The detector itself: each way of asking about a role outside the policy is caught."""
    sample = tmp_path / "views.py"
    sample.write_text(
        "from msp.accounts.models import Role\n"
        "LEADS = {Role.SAFEGUARDING_LEAD}\n"
        "def view(request):\n"
        "    if request.user.role == 'practitioner':\n"
        "        pass\n"
        "    if user.role in LEADS:\n"
        "        pass\n"
        "    User.objects.filter(role__in=['practitioner'])\n"
    )
    global ROOT
    saved, ROOT = ROOT, tmp_path
    try:
        found = problems_in(sample)
    finally:
        ROOT = saved
    assert len(found) == 4, found
    assert TEMPLATE_ROLE.search('{% if user.role == "board_member" %}')
    assert TEMPLATE_ROLE.search("{% if x == 'safeguarding_lead' %}")
    assert not TEMPLATE_ROLE.search("{{ user.get_role_display }}")
