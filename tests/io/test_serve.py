"""The reconciliation service over real HTTP: the server runs in a thread on a
loopback port, a real client talks to it, and every answer is checked against the
Reconciliation API 0.2 JSON Schemas (tests/io/schemas, written down from the
spec's published schema files)."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

pytest.importorskip("fastapi")
uvicorn = pytest.importorskip("uvicorn")
httpx = pytest.importorskip("httpx")
jsonschema = pytest.importorskip("jsonschema")
referencing = pytest.importorskip("referencing")

from registry.io.reconcile import BATCH_SIZE  # noqa: E402
from registry.io.serve import create_app  # noqa: E402
from tests.conftest import ROOT  # noqa: E402

SCHEMAS = Path(__file__).parent / "schemas" / "reconciliation-0.2"
SCHEMA_BASE = "https://reconciliation-api.github.io/specs/0.2/schemas/"
START_TIMEOUT = 20.0  # seconds: every wait below is bounded


def _schema_registry() -> referencing.Registry:
    resources = []
    for path in SCHEMAS.glob("*.json"):
        contents = json.loads(path.read_text("utf-8"))
        resources.append((SCHEMA_BASE + path.name,
                          referencing.Resource.from_contents(
                              contents, default_specification=referencing.jsonschema.DRAFT7)))

    def refuse(uri: str) -> referencing.Resource:
        raise referencing.exceptions.NoSuchResource(uri)  # never the network

    return referencing.Registry(retrieve=refuse).with_resources(resources)


SCHEMA_REGISTRY = _schema_registry()


def check(name: str, instance: object) -> None:
    schema = json.loads((SCHEMAS / f"{name}.json").read_text("utf-8"))
    validator = jsonschema.Draft7Validator(schema, registry=SCHEMA_REGISTRY,
                                           format_checker=jsonschema.FormatChecker())
    errors = sorted(validator.iter_errors(instance), key=str)
    assert not errors, f"{name}: {errors[0].message} at {list(errors[0].absolute_path)}"


@pytest.fixture(scope="module")
def server(reg) -> Iterator[str]:
    """The app on 127.0.0.1 at a free port the OS picks, in a thread; stopped after."""
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    config = uvicorn.Config(create_app(reg), log_level="warning", lifespan="off")
    srv = uvicorn.Server(config)
    thread = threading.Thread(target=srv.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    deadline = time.monotonic() + START_TIMEOUT
    while not srv.started:
        assert thread.is_alive() and time.monotonic() < deadline, "server did not start"
        time.sleep(0.02)
    yield f"http://127.0.0.1:{port}"
    srv.should_exit = True
    thread.join(timeout=10)
    sock.close()


@pytest.fixture(scope="module")
def client(server) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=server, timeout=10) as c:
        yield c


def test_manifest_follows_the_spec(client, server):
    for path in ("/reconcile", "/"):
        response = client.get(path)
        assert response.status_code == 200
        manifest = response.json()
        check("manifest", manifest)
        assert manifest["versions"] == ["0.2"]
        assert {t["id"] for t in manifest["defaultTypes"]} == {
            "person", "organization", "place", "position"}
        assert manifest["batchSize"] == BATCH_SIZE
        assert manifest["preview"]["url"] == server + "/preview/{{id}}"
        assert manifest["view"]["url"].startswith(server)
        assert manifest["suggest"]["entity"]["service_path"] == "/suggest/entity"
    # CORS on every endpoint, as 0.2 requires
    response = client.get("/reconcile", headers={"Origin": "http://openrefine.example"})
    assert response.headers["access-control-allow-origin"] == "*"
    preflight = client.options("/reconcile", headers={
        "Origin": "http://openrefine.example", "Access-Control-Request-Method": "POST"})
    assert preflight.status_code == 200
    assert "POST" in preflight.headers["access-control-allow-methods"]


BATCH = {
    "q0": {"query": "الفريق أول ركن صدام خليفة حفتر", "type": "person"},
    "q1": {"query": "حفتر", "type": "person"},
    "q2": {"query": "رئيس الأركان المصري", "type": "person",
           "properties": [{"pid": "date", "v": "2026-01-14"}]},
    "q3": {"query": "رئيس الأركان المصري", "type": "position"},
    "q4": {"query": "صدام حسين"},
    "q5": {"query": "saddam-haftar"},
    "q6": {"query": "مصر", "type": ["place", "organization"], "limit": 3},
    "q7": {"query": "الفريق أحمد خليفة",
           "properties": [{"pid": "date", "v": "2026-01-14T00:00:00Z"},
                          {"pid": "country", "v": "مصر"}]},
    "q8": {"query": "الفريق أحمد خليفة",
           "properties": [{"pid": "date", "v": "2026-01-14"}, {"pid": "country", "v": "ليبيا"}]},
    # the registry does not say which country the LNA is in: nothing contradicts
    "q9": {"query": "صدام حفتر", "properties": [{"pid": "country", "v": "egypt"}]},
}


def _top(results: dict, key: str) -> dict:
    return results[key]["result"][0]


@pytest.mark.parametrize("method", ["post", "get"])
def test_query_batch_by_post_form_and_by_get(client, method):
    check("reconciliation-query-batch", BATCH)
    payload = {"queries": json.dumps(BATCH, ensure_ascii=False)}
    response = (client.post("/reconcile", data=payload) if method == "post"
                else client.get("/reconcile", params=payload))
    assert response.status_code == 200, response.text
    results = response.json()
    check("reconciliation-result-batch", results)
    assert set(results) == set(BATCH)
    for answer in results.values():
        scores = [r["score"] for r in answer["result"]]
        assert scores == sorted(scores, reverse=True)
        assert all(0 <= s <= 100 for s in scores)
        assert sum(r["match"] for r in answer["result"]) <= 1
        assert all(r["description"] for r in answer["result"])
    top = _top(results, "q0")
    assert (top["id"], top["match"], top["type"][0]["id"]) == ("saddam-haftar", True, "person")
    assert top["score"] >= 90 and "الفريق أول" in top["description"]
    # a family name alone: three candidates, none claimed
    assert {r["id"] for r in results["q1"]["result"]} == {
        "khalifa-haftar", "saddam-haftar", "khaled-haftar"}
    assert not any(r["match"] for r in results["q1"]["result"])
    # an office phrase on a date is its holder then, or, asked as a position, the office
    assert (_top(results, "q2")["id"], _top(results, "q2")["match"]) == ("ahmed-khalifa", True)
    assert "2026-01-14" in _top(results, "q2")["description"]
    assert _top(results, "q3")["id"] == "chief-of-staff-egyptian-armed-forces"
    assert results["q4"]["result"] == []
    assert (_top(results, "q5")["id"], _top(results, "q5")["score"]) == ("saddam-haftar", 100)
    assert _top(results, "q6")["id"] == "egypt" and len(results["q6"]["result"]) <= 3
    # the country fits: kept and matched; it does not: demoted, never a match
    assert (_top(results, "q7")["id"], _top(results, "q7")["match"]) == ("ahmed-khalifa", True)
    assert "country egypt fits" in _top(results, "q7")["description"]
    q8 = _top(results, "q8")
    assert q8["id"] == "ahmed-khalifa" and not q8["match"]
    assert q8["score"] < _top(results, "q7")["score"] and "does not fit" in q8["description"]
    assert (_top(results, "q9")["id"], _top(results, "q9")["match"]) == ("saddam-haftar", True)


def test_json_body_is_accepted_too(client):
    response = client.post("/reconcile", json={"queries": {"q0": {"query": "خالد حفتر"}}})
    assert response.status_code == 200
    assert _top(response.json(), "q0")["id"] == "khaled-haftar"


@pytest.mark.parametrize(("payload", "status", "words"), [
    ({"queries": "{not json"}, 400, "not valid JSON"),
    ({"queries": "[1, 2]"}, 400, "expected a JSON object"),
    ({"queries": json.dumps({"q0": {"query": "x", "type": "planet"}})}, 400, "unknown type"),
    ({"queries": json.dumps({"q0": {"query": "x", "colour": "red"}})}, 400, "colour"),
    ({"queries": json.dumps({"q0": {}})}, 400, "non-empty"),
    ({"queries": json.dumps({"q0": {"query": "x", "properties": [
        {"pid": "date", "v": "14/01/2026"}]}})}, 400, "invalid date"),
    ({"queries": json.dumps({f"q{i}": {"query": "حفتر"} for i in range(BATCH_SIZE + 1)})},
     413, "batchSize"),
    ({"extend": json.dumps({"ids": ["egypt"], "properties": [{"id": "colour"}]})},
     400, "unknown property"),
    ({"other": "1"}, 400, "no 'queries'"),
    # nesting deep enough to exhaust Python's JSON reader was a 500 and a
    # traceback in the log
    ({"queries": "[" * 100_000 + "]" * 100_000}, 400, "nested too deeply"),
    ({"queries": '{"q0": ' * 50_000 + "1" + "}" * 50_000}, 400, "nested too deeply"),
    # "limit": true was read as 1 (and "2" as 2); a key given twice kept the last
    ({"queries": json.dumps({"q0": {"query": "حفتر", "limit": True}})}, 400,
     "q0: limit: Input should be a valid integer"),
    ({"queries": json.dumps({"q0": {"query": "حفتر", "limit": "2"}})}, 400, "limit"),
    ({"queries": '{"q0": {"query": "حفتر", "query": "x"}}'}, 400,
     "queries: not valid JSON (the key 'query' appears twice in one object)"),
    ({"queries": '{"q0": {"query": "x"}, "q0": {"query": "y"}}'}, 400,
     "the key 'q0' appears twice"),
])
def test_bad_requests_get_clear_json_errors(client, payload, status, words):
    response = client.post("/reconcile", data=payload)
    assert response.status_code == status
    body = response.json()
    assert body["status"] == "error" and body["code"] == status
    assert words in body["message"] and "\n" not in body["message"]


def test_hostile_requests_do_not_crash_the_server(client):
    assert client.post("/reconcile", content=b"\xff\xfe\x00garbage",
                       headers={"content-type": "application/octet-stream"}).status_code == 415
    assert client.get("/suggest/entity", params={"prefix": "x", "cursor": "abc"}
                      ).status_code == 400
    assert client.get("/preview/" + "%00" * 3).status_code == 404
    huge = {"q0": {"query": "ح" * 100_000}}
    assert client.post("/reconcile", data={"queries": json.dumps(huge)}).status_code == 200
    assert client.get("/reconcile").status_code == 200  # still serving


def test_suggest_entity_prefix(client):
    response = client.get("/suggest/entity", params={"prefix": "حفت"})
    assert response.status_code == 200
    body = response.json()
    check("suggest-entities-response", body)
    assert {r["id"] for r in body["result"]} == {"khalifa-haftar", "saddam-haftar",
                                                 "khaled-haftar"}
    english = client.get("/suggest/entity", params={"prefix": "Saddam Haf"}).json()
    assert [r["id"] for r in english["result"]] == ["saddam-haftar"]
    by_id = client.get("/suggest/entity", params={"prefix": "egypt"}).json()
    assert by_id["result"][0]["id"] == "egypt"
    page = client.get("/suggest/entity", params={"prefix": "حفت", "cursor": 2}).json()
    assert len(page["result"]) == 1
    typed = client.get("/suggest/entity", params={"prefix": "مصر", "type": "place"}).json()
    assert {r["notable"][0]["id"] for r in typed["result"]} == {"place"}


def test_preview_is_html_with_names_timeline_and_sources(client):
    response = client.get("/preview/saddam-haftar")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/html")
    page = response.text
    for expected in ("صدام خليفة حفتر", "Saddam Khalifa Haftar", "by 2025-08-14",
                     "Deputy Commander-in-Chief", "seeds/001_eaa35d80fffb81f7.txt"):
        assert expected in page
    missing = client.get("/preview/nobody-at-all")
    assert missing.status_code == 404 and missing.json()["code"] == 404
    assert client.get("/view/khalifa-haftar").status_code == 200


def test_data_extension_offices_on_a_date(client):
    proposals = client.get("/extend/propose", params={"type": "person"}).json()
    check("properties-response", proposals)
    assert "offices" in {p["id"] for p in proposals["properties"]}
    query = {"ids": ["khalifa-haftar", "abdel-majeed-saqr", "nobody"],
             "properties": [{"id": "offices", "settings": {"at": "2026-01-14"}},
                            {"id": "name_en"}]}
    check("data-extension-query", query)
    response = client.post("/reconcile", data={"extend": json.dumps(query)})
    assert response.status_code == 200, response.text
    body = response.json()
    check("data-extension-response", body)
    offices = {p["id"] for p in body["rows"]["abdel-majeed-saqr"]["offices"]}
    assert offices == {"commander-in-chief-egyptian-armed-forces", "minister-of-defence-egypt"}
    assert body["rows"]["khalifa-haftar"]["name_en"] == [{"str": "Khalifa Belqasim Haftar"}]
    assert body["rows"]["nobody"] == {"offices": [], "name_en": []}


def test_registry_serve_command_starts_the_service(tmp_path):
    """The documented one command: `registry serve --port N`, as a subprocess."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    env = {k: v for k, v in os.environ.items() if k != "REGISTRY_PATH"}
    proc = subprocess.Popen([sys.executable, "-m", "registry", "serve", "--port", str(port)],
                            cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    try:
        deadline = time.monotonic() + START_TIMEOUT
        while True:
            assert proc.poll() is None, proc.stderr.read().decode() if proc.stderr else ""
            try:
                response = httpx.get(f"http://127.0.0.1:{port}/reconcile", timeout=2)
                break
            except httpx.TransportError:
                assert time.monotonic() < deadline, "registry serve did not answer"
                time.sleep(0.1)
        assert response.status_code == 200 and response.json()["versions"] == ["0.2"]
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(timeout=10)
    assert proc.stderr is not None
    assert f"http://127.0.0.1:{port}/reconcile" in proc.stderr.read().decode()


def test_the_schemas_refuse_what_the_spec_refuses():
    """The written-down schemas can fail: a manifest without its identifier space,
    a preview without its size, a result without a score."""
    good = {"versions": ["0.2"], "name": "x", "identifierSpace": "urn:x:e",
            "schemaSpace": "urn:x:t"}
    check("manifest", good)
    for broken in ({k: v for k, v in good.items() if k != "identifierSpace"},
                   {**good, "versions": ["0.1"]},
                   {**good, "preview": {"url": "http://h/{{id}}", "width": 4}},
                   {**good, "view": {"url": "http://h/no-id-placeholder"}}):
        with pytest.raises(AssertionError):
            check("manifest", broken)
    with pytest.raises(AssertionError):
        check("reconciliation-result-batch", {"q0": {"result": [{"id": "a", "name": "b"}]}})
    with pytest.raises(AssertionError):
        check("reconciliation-query-batch", {"q0": {"query": ""}})


@pytest.mark.parametrize("taken", [False, True])
def test_a_bad_or_busy_port_is_one_line_and_announces_nothing(taken):
    """A port out of range is a usage error; a port in use says so, exit 2, and the
    'serving' announcement comes only after the port is really bound."""
    env = {k: v for k, v in os.environ.items() if k != "REGISTRY_PATH"}
    with socket.socket() as holder:
        holder.bind(("127.0.0.1", 0))
        holder.listen(1)
        port = holder.getsockname()[1] if taken else 99999
        proc = subprocess.run([sys.executable, "-m", "registry", "serve", "--port", str(port)],
                              cwd=ROOT, env=env, capture_output=True, text=True, timeout=60)
    assert proc.returncode == 2, proc.stderr
    assert "Traceback" not in proc.stderr and "serving" not in proc.stderr
    assert ("in use" in proc.stderr) if taken else ("not a port number" in proc.stderr)
