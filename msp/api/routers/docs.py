"""The API's documentation page: the OpenAPI document rendered on the server in GOV.UK style.

Ninja's own page loads Swagger UI from a CDN; this service runs no third-party scripts, so the
page is plain HTML built from the same document clients fetch at /api/v1/openapi.json.
"""

from django.conf import settings
from django.contrib.auth.views import redirect_to_login
from django.shortcuts import render
from ninja import Router

router = Router()

METHODS = ("get", "post", "put", "patch", "delete")


def _schema_name(ref_holder: dict) -> str:
    ref = ref_holder.get("$ref", "")
    return ref.rsplit("/", 1)[-1] if ref else ""


def operations(schema: dict) -> list[dict]:
    """Each operation with what a reader needs: method, path, scope, parameters, body, answers."""
    rows = []
    for path, item in schema.get("paths", {}).items():
        for method in METHODS:
            op = item.get(method)
            if op is None:
                continue
            scopes = [name for req in op.get("security", []) for name in req]
            body = op.get("requestBody", {}).get("content", {}).get("application/json", {})
            rows.append(
                {
                    "id": op.get("operationId", f"{method}-{path}"),
                    "method": method.upper(),
                    "path": "/api/v1" + path if not path.startswith("/api/v1") else path,
                    "summary": op.get("summary", ""),
                    "description": op.get("description", ""),
                    "tag": (op.get("tags") or ["Other"])[0],
                    "scope": ", ".join(s.removesuffix("Token") for s in scopes),
                    "parameters": [
                        {
                            "name": p["name"],
                            "in": p["in"],
                            "required": p.get("required", False),
                            "description": p.get("description", "")
                            or p.get("schema", {}).get("description", ""),
                        }
                        for p in op.get("parameters", [])
                    ],
                    "body": _schema_name(body.get("schema", {})),
                    "responses": [
                        {
                            "status": status,
                            "description": answer.get("description", ""),
                            "schema": _schema_name(
                                next(iter(answer.get("content", {}).values()), {}).get("schema", {})
                            ),
                        }
                        for status, answer in op.get("responses", {}).items()
                    ],
                }
            )
    return rows


@router.get("/docs", auth=None, include_in_schema=False, url_name="docs")
def docs(request):
    from msp.api.api import api, reference_allowed

    if not reference_allowed(request):
        # A page for people: off to sign in, and back here afterwards.
        return redirect_to_login(request.get_full_path(), settings.LOGIN_URL_PATH)

    schema = api.get_openapi_schema()
    rows = operations(schema)
    tags = []
    for row in rows:
        if row["tag"] not in tags:
            tags.append(row["tag"])
    return render(
        request,
        "api/docs.html",
        {
            "title": "API reference",
            "info": schema.get("info", {}),
            "groups": [(tag, [r for r in rows if r["tag"] == tag]) for tag in tags],
            "schemas": sorted(schema.get("components", {}).get("schemas", {}).items()),
        },
    )
