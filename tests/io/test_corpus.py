"""Corpus annotation: same rows from every engine, resumable, bounded, one-line errors."""

from __future__ import annotations

import json
import os
import pickle
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from registry.errors import InputError, RegistryError
from registry.io import corpus
from registry.io.corpus import Document, annotate_batch, annotate_chunk, split_pieces
from registry.io.corpus_input import Columns, read_corpus
from registry.io.corpus_runner import run_corpus
from tests.conftest import ROOT, SEEDS

REGISTRY = str(ROOT / "aliases.yaml")
# Constructed sentences (dated and undated) beside the seeds, so the corpus has
# documents with no mentions, repeated names and a per-document date.
EXTRA = [
    ("d-dated", "قال نائب القائد العام للجيش الوطني الليبي إن الاجتماع ناجح.", "2026-01-14"),
    ("d-empty", "لم يصدر أي تعليق حتى الآن.", None),
    ("d-names", "التقى صدام حفتر بالوفد المصري في القاهرة، ثم غادر حفتر إلى بنغازي.", None),
]


def _corpus_jsonl(folder: Path, copies: int = 1) -> Path:
    path = folder / "corpus.jsonl"
    with path.open("w", encoding="utf-8") as handle:
        for n in range(copies):
            for seed in SEEDS:
                record = {"id": f"{n}/{seed.name}", "text": seed.read_text("utf-8")}
                handle.write(json.dumps(record, ensure_ascii=False) + "\n")
            for ident, text, date in EXTRA:
                handle.write(json.dumps({"id": f"{n}/{ident}", "text": text, "date": date},
                                        ensure_ascii=False) + "\n")
    return path


def _rows(path: Path) -> list[dict[str, object]]:
    return [json.loads(line) for line in path.read_text("utf-8").splitlines()]


def _cli(*args: str, timeout: float = 120) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "registry", *args], capture_output=True,
                          text=True, timeout=timeout, cwd=ROOT)


@pytest.fixture(scope="module")
def serial(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[dict[str, object]]]:
    folder = tmp_path_factory.mktemp("serial")
    source = _corpus_jsonl(folder)
    out = folder / "out.jsonl"
    run_corpus(source, out, registry_path=REGISTRY, progress=False)
    return source, _rows(out)


def test_rows_are_the_registrys_own_annotations(serial, reg):
    source, rows = serial
    expected = []
    for doc in read_corpus(source):
        for m in reg.annotate(doc.text, doc.date):
            expected.append([doc.id, m.start, m.end, m.text, m.kind, m.status, m.id])
    assert [[r["doc"], r["start"], r["end"], r["surface"], r["kind"], r["status"], r["id"]]
            for r in rows] == expected
    assert any(r["doc"] == "0/d-dated" and r["id"] == "saddam-haftar" for r in rows)
    assert not any(r["doc"] == "0/d-empty" for r in rows)


def test_two_local_jobs_write_the_same_bytes(serial, tmp_path):
    source, rows = serial
    out = tmp_path / "jobs2.jsonl"
    proc = _cli("annotate-corpus", str(source), "-o", str(out), "--jobs", "2",
                "--registry", REGISTRY)
    assert proc.returncode == 0, proc.stderr
    assert _rows(out) == rows
    assert "annotated 8 documents" in proc.stderr


def test_dask_local_cluster_gives_the_same_rows(serial, tmp_path):
    pytest.importorskip("distributed")
    source, rows = serial
    out = tmp_path / "dask.jsonl"
    proc = _cli("annotate-corpus", str(source), "-o", str(out), "--engine", "dask",
                "--scheduler", "local", "--jobs", "2", "--registry", REGISTRY)
    assert proc.returncode == 0, proc.stderr
    assert _rows(out) == rows


def test_dask_bag_and_frame_adapters(serial):
    pytest.importorskip("distributed")
    import dask.bag as db
    import dask.dataframe as dd
    import pandas as pd
    from distributed import Client, LocalCluster

    from registry.io.on_dask import MENTION_META, annotate_bag, annotate_frame

    source, rows = serial
    docs = list(read_corpus(source))
    records = [{"id": d.id, "text": d.text, "date": str(d.date) if d.date else None}
               for d in docs]
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                      dashboard_address=None, host="127.0.0.1") as cluster, Client(cluster):
        bag_rows = annotate_bag(db.from_sequence(records, npartitions=3), REGISTRY).compute()
        frame = pd.DataFrame(records)
        result = annotate_frame(dd.from_pandas(frame, npartitions=2), REGISTRY,
                                id_column="id", date_column="date").compute()
    assert bag_rows == rows
    assert list(result.columns) == list(MENTION_META.columns)
    records = result.astype(object).where(result.notna(), None).to_dict("records")
    assert records == rows


def test_parquet_in_and_out_match_json_lines(serial, tmp_path):
    pa = pytest.importorskip("pyarrow")
    import pyarrow.parquet as pq

    source, rows = serial
    docs = list(read_corpus(source))
    table = pa.table({"doc_id": [d.id for d in docs], "body": [d.text for d in docs],
                      "day": [str(d.date) if d.date else None for d in docs]})
    pq.write_table(table, tmp_path / "corpus.parquet")
    out = tmp_path / "out"
    run_corpus(tmp_path / "corpus.parquet", out, registry_path=REGISTRY, progress=False,
               columns=Columns(id="doc_id", text="body", date="day"))
    written = pq.read_table(out).to_pylist()
    assert written == rows
    again = run_corpus(tmp_path / "corpus.parquet", out, registry_path=REGISTRY,
                       progress=False, columns=Columns(id="doc_id", text="body", date="day"))
    assert again.documents == 0 and again.skipped == len(docs)
    assert pq.read_table(out).num_rows == len(rows)


def test_folder_input_ids_are_relative_paths(tmp_path):
    (tmp_path / "a" / "b").mkdir(parents=True)
    (tmp_path / "a" / "b" / "x.txt").write_text("التقى صدام حفتر بالوفد.", "utf-8")
    (tmp_path / "y.txt").write_text("لا أسماء هنا.", "utf-8")
    (tmp_path / "skip.md").write_text("صدام حفتر", "utf-8")
    assert [d.id for d in read_corpus(tmp_path)] == ["a/b/x.txt", "y.txt"]


def test_resume_skips_finished_documents_and_redoes_a_torn_chunk(serial, tmp_path,
                                                                monkeypatch):
    source, rows = serial
    monkeypatch.setattr(corpus, "CHUNK_DOCS", 3)
    out = tmp_path / "out.jsonl"
    # A run that died after writing its second chunk's rows but before journalling
    # them, with a torn half line at the end of the journal.
    run_corpus(source, out, registry_path=REGISTRY, progress=False)
    journal = out.with_name(out.name + ".progress")
    first = journal.read_text("utf-8").splitlines()[0]
    journal.write_text(first + "\n" + '{"end": 99', "utf-8")
    stats = run_corpus(source, out, registry_path=REGISTRY, progress=False)
    assert stats.skipped == 3 and stats.documents == 5
    assert _rows(out) == rows


def test_a_killed_run_resumes_to_the_same_output(tmp_path):
    source = _corpus_jsonl(tmp_path, copies=40)  # 320 documents, 5 chunks
    out = tmp_path / "out.jsonl"
    journal = out.with_name(out.name + ".progress")
    proc = subprocess.Popen([sys.executable, "-m", "registry", "annotate-corpus", str(source),
                             "-o", str(out), "--registry", REGISTRY], cwd=ROOT,
                            stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and proc.poll() is None:
        if journal.exists() and journal.stat().st_size > 0:
            break
        time.sleep(0.01)
    if proc.poll() is None:
        os.kill(proc.pid, signal.SIGKILL)
    proc.wait(timeout=30)
    assert _cli("annotate-corpus", str(source), "-o", str(out), "--registry",
                REGISTRY).returncode == 0
    clean = tmp_path / "clean.jsonl"
    assert _cli("annotate-corpus", str(source), "-o", str(clean), "--registry",
                REGISTRY).returncode == 0
    assert out.read_bytes() == clean.read_bytes()


def test_long_documents_are_cut_at_sentence_ends(monkeypatch, reg):
    text = "التقى صدام حفتر بالوفد. " * 50
    pieces = split_pieces(text, limit=100)
    assert "".join(p for _, p in pieces) == text
    assert all(len(p) <= 100 for _, p in pieces)
    assert all(p.endswith(". ") for _, p in pieces[:-1])
    assert all(text[o:o + len(p)] == p for o, p in pieces)
    monkeypatch.setattr(corpus, "PIECE_CHARS", 100)
    mentions = corpus.annotate_document(text, reg)
    assert len(mentions) == 50
    assert all(m.text in (text[m.start:m.end], "ا" + text[m.start:m.end]) for m in mentions)


def test_the_dateline_of_the_first_piece_dates_the_whole_document(monkeypatch, reg):
    office = "وقال نائب القائد العام للجيش الوطني الليبي إن الاجتماع ناجح. "
    # 2024: before the recorded tenure, so the office is not Saddam Haftar's then;
    # a piece read without the article's date would say it is (the current holder).
    text = "بنغازي - 3 مارس 2024\n" + office + "لا جديد. " * 30 + office
    monkeypatch.setattr(corpus, "PIECE_CHARS", 120)
    assert len(split_pieces(text)) > 2
    pieces = corpus.annotate_document(text, reg)
    whole = reg.annotate(text)
    assert [(m.start, m.id, m.status) for m in pieces] == [(m.start, m.id, m.status)
                                                           for m in whole]
    assert [m.status for m in pieces if m.kind == "role"] == ["ambiguous"] * 2


def test_unbroken_text_is_still_cut(monkeypatch):
    pieces = split_pieces("ا" * 250, limit=100)
    assert [len(p) for _, p in pieces] == [100, 100, 50]


def test_annotate_batch_and_chunk_agree_with_annotate(reg):
    texts = [seed.read_text("utf-8") for seed in SEEDS]
    batched = list(annotate_batch(texts, reg))
    assert batched == [reg.annotate(t) for t in texts]
    by_path = list(annotate_batch(texts, REGISTRY, dates=["2026-01-14"] * len(texts)))
    assert by_path == [reg.annotate(t, "2026-01-14") for t in texts]
    docs = [Document(str(n), t) for n, t in enumerate(texts)]
    assert len(annotate_chunk(REGISTRY, docs)) == sum(len(m) for m in batched)


def test_a_registry_survives_pickling(reg):
    copy = pickle.loads(pickle.dumps(reg))
    text = SEEDS[0].read_text("utf-8")
    assert copy.annotate(text) == reg.annotate(text)
    assert copy.lookup("صدام حفتر").id == "saddam-haftar"


@pytest.mark.parametrize(("lines", "message"), [
    (['{"id": 1, "text": "x"}', "not json"], ":2: not JSON"),
    (['{"id": 1, "text": "x"}', '{"id": 1, "text": "y"}'], ":2: duplicate id '1'"),
    (['{"id": 1, "text": 5}'], ":1: 'text' must be a string"),
    (['{"id": 1, "text": "x", "date": "2025-13-01"}'], ":1: 'date':"),
    (['[1, 2]'], ":1: expected an object"),
    # a RecursionError and the integer digit limit's ValueError were tracebacks
    (['{"id": 1, "text": "x"}', "[" * 100_000 + "]" * 100_000], ":2: not usable JSON (arrays "
     "or objects nested too deeply)"),
    (['{"id": ' + "9" * 5000 + ', "text": "x"}'], ":1: not usable JSON (Exceeds the limit"),
    # a key given twice: the record was filed under its last id, silently
    (['{"id": "a", "text": "x", "id": "b"}'], ":1: not usable JSON (the key 'id' appears "
     "twice in one object)"),
])
def test_bad_json_lines_are_one_line_errors(tmp_path, lines, message):
    source = tmp_path / "bad.jsonl"
    source.write_text("\n".join(lines) + "\n", "utf-8")
    proc = _cli("annotate-corpus", str(source), "-o", str(tmp_path / "o.jsonl"))
    assert proc.returncode == 2
    assert proc.stderr.count("\n") == 1 and message in proc.stderr, proc.stderr
    assert "Traceback" not in proc.stderr


def test_output_that_is_not_ours_is_never_overwritten(tmp_path):
    source = _corpus_jsonl(tmp_path)
    out = tmp_path / "notes.jsonl"
    out.write_text("my own notes\n", "utf-8")
    proc = _cli("annotate-corpus", str(source), "-o", str(out))
    assert proc.returncode == 2 and "not a run to resume" in proc.stderr
    assert out.read_text("utf-8") == "my own notes\n"
    target = tmp_path / "target.txt"
    target.write_text("keep", "utf-8")
    link = tmp_path / "link.jsonl"
    link.symlink_to(target)
    proc = _cli("annotate-corpus", str(source), "-o", str(link), "--restart")
    assert proc.returncode == 2 and target.read_text("utf-8") == "keep"


def test_unknown_input_kind_and_missing_input(tmp_path):
    (tmp_path / "x.csv").write_text("a,b\n", "utf-8")
    for path, message in ((tmp_path / "x.csv", "not a folder"),
                          (tmp_path / "nope", "no such file")):
        with pytest.raises(InputError, match=message):
            run_corpus(path, tmp_path / "o.jsonl", registry_path=REGISTRY, progress=False)


def test_spark_column_matches_the_core(serial, monkeypatch):
    pytest.importorskip("pyspark")
    import shutil

    if shutil.which("java") is None:
        pytest.skip("Spark needs Java")
    from pyspark.sql import SparkSession

    from registry.io.on_spark import annotate_column

    source, rows = serial
    docs = list(read_corpus(source))
    # Spark's Python workers must run the interpreter that has this package.
    monkeypatch.setenv("PYSPARK_PYTHON", sys.executable)
    spark = (SparkSession.builder.master("local[2]").appName("registry-test")
             .config("spark.driver.host", "127.0.0.1").config("spark.ui.enabled", "false")
             .getOrCreate())
    try:
        frame = spark.createDataFrame(
            [(d.id, d.text, str(d.date) if d.date else None) for d in docs],
            "id string, text string, date string")
        result = frame.select("id", annotate_column("text", REGISTRY, "date").alias("m"))
        got = [{"doc": row["id"], **m.asDict()} for row in result.collect() for m in row["m"]]
    finally:
        spark.stop()
    key = ["doc", "start", "end", "surface", "kind", "type", "status", "id", "score"]
    assert [[r[k] for k in key] for r in got] == [[r[k] for k in key] for r in rows]


def test_an_output_name_that_is_neither_format_is_refused(tmp_path):
    source = _corpus_jsonl(tmp_path)
    proc = _cli("annotate-corpus", str(source), "-o", str(tmp_path / "out.txt"))
    assert proc.returncode == 2 and "must end in .jsonl" in proc.stderr
    assert not (tmp_path / "out.txt").exists()


def _listing(folder: Path) -> list[str]:
    return sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*"))


def _failing_run(work: Path, problem: str) -> tuple[Path, str]:
    """A corpus and registry path in ``work`` that fail the way ``problem`` says."""
    source = work / "corpus.jsonl"
    lines = ['{"id": 1, "text": "التقى صدام حفتر بالوفد."}', '{"id": 2, "text": "لا أسماء."}']
    text = {"bad first line": "not json\n",
            "bad later line": "\n".join([*lines, "{oops"]) + "\n"}.get(problem)
    source.write_text(text or "\n".join(lines) + "\n", "utf-8")
    if problem == "missing input":
        source.unlink()
    if problem == "broken registry":
        (work / "broken.yaml").write_text("version: 1\nentities: [\n", "utf-8")
        return source, str(work / "broken.yaml")
    if problem == "missing registry":
        return source, str(work / "absent.yaml")
    return source, REGISTRY


@pytest.mark.parametrize("output", ["out.jsonl", "out.parquet", "new/deeper/out"])
@pytest.mark.parametrize(("problem", "message"), [
    ("missing input", "no such file or folder"),
    ("bad first line", ":1: not JSON"),
    ("bad later line", ":3: not JSON"),
    ("broken registry", "YAML"),
    ("missing registry", "no such file"),
])
def test_a_run_that_fails_before_writing_leaves_nothing_behind(tmp_path, output, problem,
                                                               message):
    if output != "out.jsonl":
        pytest.importorskip("pyarrow")
    source, registry = _failing_run(tmp_path, problem)
    before = _listing(tmp_path)
    with pytest.raises(RegistryError, match=message):
        run_corpus(source, tmp_path / output, registry_path=registry, progress=False)
    assert _listing(tmp_path) == before  # no empty output, journal, lock or folder


@pytest.mark.parametrize(("problem", "output", "code"), [
    ("bad first line", "new/out.parquet", 2), ("broken registry", "out.jsonl", 3)])
def test_a_failed_run_is_one_line_and_leaves_nothing(tmp_path, problem, output, code):
    if output.endswith(".parquet"):
        pytest.importorskip("pyarrow")
    source, registry = _failing_run(tmp_path, problem)
    before = _listing(tmp_path)
    proc = _cli("annotate-corpus", str(source), "-o", str(tmp_path / output), "--registry",
                registry, "--no-progress")
    assert proc.returncode == code
    assert proc.stderr.count("\n") == 1 and "Traceback" not in proc.stderr, proc.stderr
    assert proc.stderr.startswith(f"registry: {source if code == 2 else registry}:")
    assert _listing(tmp_path) == before


def test_an_existing_empty_parquet_folder_is_left_as_it_was(tmp_path):
    pytest.importorskip("pyarrow")
    source = tmp_path / "corpus.jsonl"
    source.write_text("not json\n", "utf-8")
    out = tmp_path / "mentions"
    out.mkdir()
    with pytest.raises(InputError, match=":1: not JSON"):
        run_corpus(source, out, registry_path=REGISTRY, progress=False)
    assert out.is_dir() and list(out.iterdir()) == []


def test_a_run_that_fails_after_writing_keeps_what_a_resume_needs(serial, tmp_path,
                                                                 monkeypatch):
    """Chunks written before the bad line stay, journalled; once the line is
    fixed, a re-run writes only the rest and ends with a clean run's rows."""
    source, rows = serial
    monkeypatch.setattr(corpus, "CHUNK_DOCS", 2)
    lines = source.read_text("utf-8").splitlines()
    broken = tmp_path / "corpus.jsonl"
    broken.write_text("\n".join([*lines[:5], "{oops", *lines[5:]]) + "\n", "utf-8")
    out = tmp_path / "out.jsonl"
    with pytest.raises(InputError, match=":6: not JSON"):
        run_corpus(broken, out, registry_path=REGISTRY, progress=False)
    journal = out.with_name(out.name + ".progress")
    done = [d for line in journal.read_text("utf-8").splitlines()
            for d in json.loads(line)["docs"]]
    ids = [json.loads(line)["id"] for line in lines]
    assert done and done == ids[:len(done)] and len(done) <= 5  # whole chunks before it
    assert len(_rows(out)) == sum(1 for row in rows if row["doc"] in done)
    broken.write_text("\n".join(lines) + "\n", "utf-8")
    stats = run_corpus(broken, out, registry_path=REGISTRY, progress=False)
    assert stats.skipped == len(done) and stats.documents == len(lines) - len(done)
    assert _rows(out) == rows


@pytest.mark.parametrize("output", ["out.jsonl", "out.parquet"])
def test_a_restart_that_fails_before_writing_keeps_the_old_output(tmp_path, output):
    """--restart discards the old output only once the new run writes its first
    chunk: a bad input or registry leaves the previous result as it was."""
    if output.endswith(".parquet"):
        pytest.importorskip("pyarrow")
    good = tmp_path / "good.jsonl"
    good.write_text('{"id": 1, "text": "التقى صدام حفتر بالوفد."}\n', "utf-8")
    out = tmp_path / output
    run_corpus(good, out, registry_path=REGISTRY, progress=False)
    before = {p.relative_to(tmp_path).as_posix(): p.read_bytes()
              for p in sorted(tmp_path.rglob("*")) if p.is_file()}
    bad = tmp_path / "bad.jsonl"
    bad.write_text("not json\n", "utf-8")
    with pytest.raises(InputError, match=":1: not JSON"):
        run_corpus(bad, out, registry_path=REGISTRY, progress=False, restart=True)
    bad.unlink()
    after = {p.relative_to(tmp_path).as_posix(): p.read_bytes()
             for p in sorted(tmp_path.rglob("*")) if p.is_file()}
    assert after == before
    stats = run_corpus(good, out, registry_path=REGISTRY, progress=False, restart=True)
    assert stats.documents == 1 and stats.skipped == 0


@pytest.mark.parametrize("name", ["out.jsonl", "parts"])
def test_a_run_is_not_resumed_with_another_registry_or_date(tmp_path, name):
    """A re-run skipped the documents already written whatever registry or
    --date wrote them: edit the registry between two runs and the output held
    rows from both, with nothing to say so. Each chunk now records the run's
    settings (registry content, date, columns); other settings are refused."""
    import datetime as dt

    if name == "parts":
        pytest.importorskip("pyarrow")
    registry_file = tmp_path / "aliases.yaml"
    registry_file.write_bytes((ROOT / "aliases.yaml").read_bytes())
    source = _corpus_jsonl(tmp_path)
    out = tmp_path / name
    first = run_corpus(source, out, registry_path=str(registry_file), progress=False)
    again = run_corpus(source, out, registry_path=str(registry_file), progress=False)
    assert (again.documents, again.skipped) == (0, first.documents)  # same settings: resumed
    with pytest.raises(InputError, match="written with another registry, --date"):
        run_corpus(source, out, registry_path=str(registry_file), progress=False,
                   date=dt.date(2020, 1, 1))
    with registry_file.open("a", encoding="utf-8") as handle:
        handle.write("# an edit between two runs\n")
    with pytest.raises(InputError, match="pass --restart to start over"):
        run_corpus(source, out, registry_path=str(registry_file), progress=False)
    fresh = run_corpus(source, out, registry_path=str(registry_file), progress=False,
                       restart=True)
    assert fresh.documents == first.documents
