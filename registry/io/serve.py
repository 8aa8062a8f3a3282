"""``registry serve``: the reconciliation service over HTTP (FastAPI on uvicorn,
the optional ``[serve]`` extra).

Routes (all answer CORS, as 0.2 requires of every endpoint):

- ``GET /reconcile``: the manifest; with ``?queries=`` or ``?extend=``, the answer;
- ``POST /reconcile``: form fields ``queries`` or ``extend`` (JSON), as OpenRefine sends;
- ``GET /suggest/entity?prefix=&cursor=``: autocomplete;
- ``GET /extend/propose?type=``: properties a data extension can add;
- ``GET /preview/{id}`` and ``GET /view/{id}``: an HTML page per entity;
- ``/`` answers as ``/reconcile`` does, so the bare address works in OpenRefine.

Every refusal is a JSON body ``{"status": "error", "code", "message"}`` with a 4xx
status (malformed JSON, an unknown type, a batch over ``batchSize``); an
unexpected failure answers 500 the same way and the server goes on.
"""

# No ``from __future__ import annotations`` here: FastAPI reads the route
# functions' annotations at run time, and they name classes imported inside
# create_app (FastAPI is an optional extra, imported only when serving).
import json
import logging
import socket
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from registry.core import Registry
from registry.errors import InputError
from registry.io.reconcile import ReconciliationService, ServiceError, parse_json

if TYPE_CHECKING:
    from fastapi import FastAPI

INSTALL_HINT = "pip install 'arabic-entity-registry[serve]'"
MAX_FORM_BYTES = 4 * 1024 * 1024
log = logging.getLogger("registry.serve")


def create_app(reg: Registry, public_url: str | None = None) -> "FastAPI":
    """The web application for one registry. ``public_url`` is the address
    clients reach it by (default: the address each request came to)."""
    try:
        from fastapi import FastAPI, Request
        from fastapi.exceptions import RequestValidationError
        from fastapi.middleware.cors import CORSMiddleware
        from fastapi.responses import HTMLResponse, JSONResponse, Response
        from starlette.exceptions import HTTPException
    except ImportError:
        raise InputError(f"registry serve needs FastAPI and uvicorn: {INSTALL_HINT}") from None

    service = ReconciliationService(reg)
    app = FastAPI(title=service.name, docs_url=None, redoc_url=None, openapi_url=None)
    app.add_middleware(CORSMiddleware, allow_origins=["*"], allow_methods=["GET", "POST"],
                       allow_headers=["*"])

    def base(request: Request) -> str:
        return public_url.rstrip("/") if public_url else str(request.base_url).rstrip("/")

    def error(status: int, message: str) -> JSONResponse:
        return JSONResponse(ServiceError(status, message).to_json(), status_code=status)

    @app.exception_handler(ServiceError)
    async def refused(_: Request, exc: ServiceError) -> JSONResponse:
        return error(exc.status, exc.message)

    @app.exception_handler(RequestValidationError)
    async def bad_parameters(_: Request, exc: RequestValidationError) -> JSONResponse:
        first = exc.errors()[0] if exc.errors() else {"loc": (), "msg": "invalid request"}
        where = ".".join(str(p) for p in first.get("loc", ()))
        return error(400, f"{where}: {first.get('msg')}")

    @app.exception_handler(HTTPException)
    async def http_error(_: Request, exc: HTTPException) -> JSONResponse:
        return error(exc.status_code, str(exc.detail))

    @app.exception_handler(Exception)
    async def failed(_: Request, exc: Exception) -> JSONResponse:
        log.exception("unexpected error")
        return error(500, f"internal error: {type(exc).__name__}")

    async def fields(request: Request) -> dict[str, str]:
        """``queries``/``extend`` from the URL, then from a form or JSON body."""
        found = {k: v for k, v in request.query_params.items() if k in ("queries", "extend")}
        if request.method == "POST":
            body = await request.body()
            if len(body) > MAX_FORM_BYTES:
                raise ServiceError(413, f"request body over {MAX_FORM_BYTES} bytes")
            kind = request.headers.get("content-type", "").split(";")[0].strip().lower()
            if kind == "application/json":
                data = parse_json(body.decode("utf-8", "replace"), "body")
                if not isinstance(data, dict):
                    raise ServiceError(400, "body: expected a JSON object")
                found.update({k: json.dumps(v) for k, v in data.items()
                              if k in ("queries", "extend")})
            elif kind in ("application/x-www-form-urlencoded", "multipart/form-data"):
                form = await request.form()
                found.update({k: v for k, v in form.items()
                              if k in ("queries", "extend") and isinstance(v, str)})
            elif body:
                raise ServiceError(415, f"unsupported content type '{kind}': send "
                                   "application/x-www-form-urlencoded with a 'queries' field")
        return found

    @app.api_route("/reconcile", methods=["GET", "POST"])
    @app.api_route("/", methods=["GET", "POST"])
    async def reconcile(request: Request) -> Response:
        given = await fields(request)
        if "queries" in given:
            return JSONResponse(service.reconcile(parse_json(given["queries"], "queries")))
        if "extend" in given:
            return JSONResponse(service.extend(parse_json(given["extend"], "extend")))
        if request.method == "POST":
            raise ServiceError(400, "no 'queries' or 'extend' field in the request")
        return JSONResponse(service.manifest(base(request)))

    @app.get("/suggest/entity")
    async def suggest(prefix: str = "", cursor: int = 0, limit: int = 10,
                      type: str | None = None) -> Response:
        return JSONResponse(service.suggest(prefix, cursor, limit,
                                            [type] if type else None))

    @app.get("/extend/propose")
    async def propose(type: str | None = None,
                      limit: int | None = None) -> Response:
        return JSONResponse(service.propose(type, limit))

    @app.get("/preview/{entity_id}")
    async def preview(entity_id: str) -> Response:
        page = service.preview_html(entity_id)
        if page is None:
            raise ServiceError(404, f"unknown id '{entity_id}'")
        return HTMLResponse(page)

    @app.get("/view/{entity_id}")
    async def view(entity_id: str) -> Response:
        page = service.preview_html(entity_id, full=True)
        if page is None:
            raise ServiceError(404, f"unknown id '{entity_id}'")
        return HTMLResponse(page)

    return app


def serve(reg: Registry, host: str = "127.0.0.1", port: int = 8765,
          public_url: str | None = None, on_ready: Callable[[], None] | None = None) -> None:
    """Run the service until interrupted. The port is bound first, so a port in
    use is one clear error, and ``on_ready`` (the CLI's announcement) runs only
    once the service can really be reached."""
    try:
        import uvicorn
    except ImportError:
        raise InputError(f"registry serve needs FastAPI and uvicorn: {INSTALL_HINT}") from None
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    try:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind((host, port))
    except (OSError, OverflowError) as exc:
        sock.close()
        message = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
        raise InputError(f"cannot listen on {host}:{port}: {message}") from None
    app = create_app(reg, public_url)
    config: Any = uvicorn.Config(app, log_level="info", limit_concurrency=64,
                                 timeout_keep_alive=5)
    if on_ready is not None:
        on_ready()
    try:
        uvicorn.Server(config).run(sockets=[sock])
    finally:
        sock.close()
