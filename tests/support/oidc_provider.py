"""A minimal OpenID Connect provider for tests, served from a thread on 127.0.0.1.

It signs in whoever the test says (`provider.identity`) without any page: the authorization
endpoint redirects straight back with a code. The token endpoint answers with an RS256 ID token
signed by a key made at start. `provider.tamper` spoils the next ID token on purpose
("signature", "audience", "expired", "issuer", "nonce") to prove the client refuses it.

    with OIDCProvider(client_id="msp", client_secret="s3cret") as provider:
        provider.identity = {"sub": "123", "email": "jo@council.gov.uk", "amr": ["pwd", "mfa"]}
        ... provider.issuer, provider.jwks_uri ...
"""

import base64
import hashlib
import json
import secrets
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlencode, urlsplit

import jwt
from cryptography.hazmat.primitives.asymmetric import rsa
from jwt.algorithms import RSAAlgorithm


def _new_key():
    return rsa.generate_private_key(public_exponent=65537, key_size=2048)


class OIDCProvider:
    def __init__(self, *, client_id: str = "msp-test", client_secret: str = "test-secret"):
        self.client_id = client_id
        self.client_secret = client_secret
        self.key = _new_key()
        self.kid = secrets.token_hex(4)
        self.identity: dict = {"sub": "subject-1", "email": "someone@example.gov.uk"}
        self.tamper: str | None = None
        self.codes: dict[str, dict] = {}
        self.tokens: dict[str, dict] = {}
        self.requests: list[str] = []
        self._server: ThreadingHTTPServer | None = None

    # Lifecycle -----------------------------------------------------------------------------
    def start(self) -> "OIDCProvider":
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self._server.daemon_threads = True
        threading.Thread(target=self._server.serve_forever, daemon=True).start()
        return self

    def stop(self) -> None:
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()
            self._server = None

    def __enter__(self):
        return self.start()

    def __exit__(self, *exc):
        self.stop()

    @property
    def issuer(self) -> str:
        assert self._server is not None, "start the provider first"
        return f"http://127.0.0.1:{self._server.server_address[1]}"

    def discovery(self) -> dict:
        return {
            "issuer": self.issuer,
            "authorization_endpoint": f"{self.issuer}/authorize",
            "token_endpoint": f"{self.issuer}/token",
            "userinfo_endpoint": f"{self.issuer}/userinfo",
            "jwks_uri": f"{self.issuer}/jwks",
            "end_session_endpoint": f"{self.issuer}/logout",
            "response_types_supported": ["code"],
            "subject_types_supported": ["public"],
            "id_token_signing_alg_values_supported": ["RS256"],
            "code_challenge_methods_supported": ["S256"],
        }

    # Tokens --------------------------------------------------------------------------------
    def id_token(self, *, nonce: str | None) -> str:
        now = int(time.time())
        claims = {
            "iss": self.issuer,
            "aud": self.client_id,
            "iat": now,
            "exp": now + 600,
            **self.identity,
        }
        if nonce is not None:
            claims["nonce"] = nonce
        key = self.key
        tamper, self.tamper = self.tamper, None
        if tamper == "signature":
            key = _new_key()  # same key id, different key: the signature cannot verify
        elif tamper == "audience":
            claims["aud"] = "some-other-service"
        elif tamper == "expired":
            claims["iat"], claims["exp"] = now - 7200, now - 3600
        elif tamper == "issuer":
            claims["iss"] = "https://impostor.example"
        elif tamper == "nonce":
            claims["nonce"] = "not-the-one-asked-for"
        return jwt.encode(claims, key, algorithm="RS256", headers={"kid": self.kid})

    def jwks(self) -> dict:
        jwk = RSAAlgorithm.to_jwk(self.key.public_key(), as_dict=True)
        return {"keys": [{**jwk, "kid": self.kid, "alg": "RS256", "use": "sig"}]}

    # HTTP ----------------------------------------------------------------------------------
    def _handler(self):
        provider = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args):  # quiet test output
                pass

            def _json(self, status: int, body: dict):
                data = json.dumps(body).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def do_GET(self):
                url = urlsplit(self.path)
                provider.requests.append(url.path)
                query = {k: v[0] for k, v in parse_qs(url.query).items()}
                if url.path == "/.well-known/openid-configuration":
                    return self._json(200, provider.discovery())
                if url.path == "/jwks":
                    return self._json(200, provider.jwks())
                if url.path == "/authorize":
                    return self._authorize(query)
                if url.path == "/userinfo":
                    return self._userinfo()
                return self._json(404, {"error": "not_found"})

            def do_POST(self):
                url = urlsplit(self.path)
                provider.requests.append(url.path)
                length = int(self.headers.get("Content-Length") or 0)
                form = {k: v[0] for k, v in parse_qs(self.rfile.read(length).decode()).items()}
                if url.path == "/token":
                    return self._token(form)
                return self._json(404, {"error": "not_found"})

            def _authorize(self, query):
                if query.get("client_id") != provider.client_id or "openid" not in query.get(
                    "scope", ""
                ).split(" "):
                    return self._json(400, {"error": "invalid_request"})
                code = secrets.token_urlsafe(16)
                provider.codes[code] = {
                    "nonce": query.get("nonce"),
                    "redirect_uri": query["redirect_uri"],
                    "challenge": query.get("code_challenge"),
                }
                back = urlencode({"code": code, "state": query.get("state", "")})
                self.send_response(302)
                self.send_header("Location", f"{query['redirect_uri']}?{back}")
                self.end_headers()

            def _token(self, form):
                if (form.get("client_id"), form.get("client_secret")) != (
                    provider.client_id,
                    provider.client_secret,
                ):
                    return self._json(401, {"error": "invalid_client"})
                grant = provider.codes.pop(form.get("code", ""), None)  # one use only
                if grant is None or grant["redirect_uri"] != form.get("redirect_uri"):
                    return self._json(400, {"error": "invalid_grant"})
                if grant["challenge"]:
                    verifier = form.get("code_verifier", "").encode()
                    digest = base64.urlsafe_b64encode(hashlib.sha256(verifier).digest())
                    if digest.rstrip(b"=").decode() != grant["challenge"]:
                        return self._json(400, {"error": "invalid_grant"})
                access_token = secrets.token_urlsafe(16)
                provider.tokens[access_token] = dict(provider.identity)
                return self._json(
                    200,
                    {
                        "access_token": access_token,
                        "token_type": "Bearer",
                        "expires_in": 600,
                        "id_token": provider.id_token(nonce=grant["nonce"]),
                    },
                )

            def _userinfo(self):
                token = self.headers.get("Authorization", "").removeprefix("Bearer ")
                claims = provider.tokens.get(token)
                if claims is None:
                    return self._json(401, {"error": "invalid_token"})
                keep = ("sub", "email", "name", "given_name", "family_name", "preferred_username")
                return self._json(200, {k: v for k, v in claims.items() if k in keep})

        return Handler
