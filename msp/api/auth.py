"""Bearer-token authentication with scopes. The token stands for its owner: every check after
this one is the same policy code the pages use, asked about `token.user`."""

from ninja.security import HttpBearer

from msp.api.models import Scope
from msp.api.problems import Problem
from msp.api.selectors import token_check
from msp.api.services import token_touch


class TokenAuth(HttpBearer):
    def __init__(self, scope: str):
        super().__init__()
        self.scope = scope

    def authenticate(self, request, token: str):
        check = token_check(token.strip())
        if check.token is None:
            raise Problem(
                401, check.problem, headers={"WWW-Authenticate": 'Bearer error="invalid_token"'}
            )
        if not check.token.has_scope(self.scope):
            raise Problem(
                403,
                f"This token does not have the “{self.scope}” scope "
                f"({Scope(self.scope).label.lower()}). Create a token with that scope.",
            )
        token_touch(check.token)
        request.user = check.token.user
        return check.token


# One class per scope: the OpenAPI document names each operation's security scheme after the
# class, so readers (and the docs page) see which scope every endpoint needs.
class ReadToken(TokenAuth):
    """A personal token with the read scope."""


class WriteToken(TokenAuth):
    """A personal token with the write scope."""


class ReportingToken(TokenAuth):
    """A personal token with the reporting scope."""


read = ReadToken(Scope.READ)
write = WriteToken(Scope.WRITE)
reporting = ReportingToken(Scope.REPORTING)
