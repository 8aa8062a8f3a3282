"""Every command on bad input: one line on stderr, a documented exit code, no
traceback, and nothing written."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time

import pytest

from tests.conftest import ROOT

OK, FINDINGS, USAGE, REGISTRY, UNKNOWN_ID = 0, 1, 2, 3, 4


@pytest.fixture(scope="module")
def files(tmp_path_factory):
    d = tmp_path_factory.mktemp("bad")
    (d / "latin1.txt").write_bytes("سطر أول\n".encode() + b"caf\xe9\n")
    (d / "binary.bin").write_bytes(b"\x7fELF\x00\x01\x02\x00" * 64)
    (d / "empty.txt").write_bytes(b"")
    (d / "huge.txt").write_bytes(b"\xd8\xa7" * (25 * 1024 * 1024 + 10))  # 50 MB, one line
    (d / "broken.yaml").write_text("version: 1\nentities:\n  - id: [\n", "utf-8")
    hostile(d)
    return d


PERSON = "  - id: {id}\n    type: person\n    name: {{ar: {ar}, en: {en}}}\n"


def hostile(d):
    """Registry files an attacker could send in a pull request (issue 18)."""
    def registry(name: str, body: str, version: str = "1") -> None:
        (d / name).write_text(f"version: {version}\nentities:\n{body}", "utf-8")

    (d / "deep_flow.yaml").write_text("version: 1\nentities: " + "[" * 30_000 + "]" * 30_000
                                      + "\n", "utf-8")
    (d / "deep_block.yaml").write_text("version: 1\nentities:\n" + "- " * 10_000 + "x\n",
                                       "utf-8")
    laughs = "version: 1\na: &a [x, x, x, x, x, x, x, x, x]\n"
    for n in range(1, 12):
        laughs += f"{chr(97 + n)}: &{chr(97 + n)} [" + ", ".join([f"*{chr(96 + n)}"] * 9) + "]\n"
    (d / "laughs.yaml").write_text(laughs + "entities: []\n", "utf-8")
    big = "ب" * (1024 * 1024)
    registry("scalar_anchor.yaml", PERSON.format(id="a", ar=f"&big {big}", en="A") + "".join(
        PERSON.format(id=f"b{i}", ar="*big", en="B") for i in range(300)))
    registry("long_word.yaml", PERSON.format(id="a", ar="علي حسن", en="A")
             + "    aliases: [{text: " + "ب" * 60_000 + "}]\n")
    registry("long_token.yaml", PERSON.format(id="a", ar="علي " + "ب" * 41, en="A"))
    registry("huge_version.yaml", "", version="1" * 5000)
    registry("version_yes.yaml", "", version="yes")
    registry("version_float.yaml", "", version="1.0")
    (d / "bad_at.tsv").write_text("# query\tat\tstatus\tid\tnote\nحفتر\tx\tunknown\t\t\n",
                                  "utf-8")
    (d / "queries_latin1.tsv").write_bytes(b"caf\xe9\t\tunknown\t\t\n")
    # An unquoted impossible date is a YAML timestamp PyYAML cannot build (it
    # raised a bare ValueError): refused as the quoted form is, at its line.
    registry("unquoted_day.yaml", PERSON.format(id="a", ar="علي حسن", en="A")
             + "    born: 2023-02-30\n")
    registry("unquoted_year0.yaml", PERSON.format(id="a", ar="علي حسن", en="A")
             + "    born: 0000-00-00\n")
    # A raw ESC or DEL: the YAML reader refuses it and gave only a byte offset.
    registry("raw_escape.yaml", PERSON.format(id="a", ar="علي حسن", en="A\x1b[2J"))
    # CSV for resolve --csv: a row longer than the header (the added columns
    # landed under the wrong headings), an unclosed quote (it swallowed every
    # later row), the name column twice (one was silently picked).
    (d / "ragged.csv").write_text("name,note\nok,1\nخالد حفتر,a,extra\n", "utf-8")
    (d / "unclosed.csv").write_text('name,note\nok,1\n"x,2\nخالد حفتر,3\n', "utf-8")
    (d / "twice.csv").write_text("name,name\nx,y\n", "utf-8")
    registry("merge.yaml", "  - id: a\n    type: person\n"
             "    <<: {name: {ar: علي حسن, en: Ali Hassan}}\n")
    # Arabic in UTF-16/32 without a byte-order mark: NULs only beside spaces and
    # digits, so it was called a binary file; UTF-8 with a stray NUL still is one
    article = "قال المشير خليفة حفتر في بنغازي يوم 14 يناير 2026.\n"
    (d / "w_arabic_utf16le.txt").write_bytes(article.encode("utf-16-le"))
    (d / "w_arabic_utf8_nul.txt").write_bytes(article.encode() + b"\0")
    (d / "utf32be.yaml").write_bytes(("version: 1\nentities:\n" + PERSON.format(
        id="a", ar="علي حسن", en="A")).encode("utf-32-be"))
    (d / "utf16.yaml").write_bytes("version: 1\nentities: []\n".encode("utf-16"))
    (d / "utf16le.yaml").write_bytes("version: 1\nentities: []\n".encode("utf-16-le"))


def cli(*args, stdin: bytes | None = None, cwd=ROOT):
    proc = subprocess.run([sys.executable, "-m", "registry", *args], input=stdin,
                          capture_output=True, cwd=cwd, timeout=120)
    return proc.returncode, proc.stdout.decode("utf-8", "replace"), \
        proc.stderr.decode("utf-8", "replace")


CASES = [
    # (args, stdin, exit code, stderr contains)
    (("annotate", "{d}/missing.txt"), None, USAGE, "missing.txt: no such file"),
    # a folder means every *.txt under it; the unusable one is named
    (("annotate", "{d}"), None, USAGE, "huge.txt: larger than the 32 MB limit"),
    (("annotate", "{d}/latin1.txt"), None, USAGE,
     "latin1.txt:2: not UTF-8: byte 0xe9 at offset 17"),
    (("annotate", "{d}/binary.bin"), None, USAGE, "binary file"),
    (("annotate", "{d}/huge.txt"), None, USAGE, "larger than the 32 MB limit"),
    (("annotate", "--date", "2026-02-30", "{d}/empty.txt"), None, USAGE, "2026-02-30: no such day"),
    (("annotate", "-"), b"\xff\xfe", USAGE, "<stdin>:1: not UTF-8: byte 0xff at offset 0"),
    (("resolve", "--at", "yesterday", "x"), None, USAGE, "--at: yesterday: not a date"),
    # issue 18 item 11 (the parser is issue 11's): the help says YYYY-MM-DD
    (("resolve", "--at", "20250101", "x"), None, USAGE, "--at: 20250101: not a date"),
    (("resolve", "--at", "2025-W01-1", "x"), None, USAGE, "--at: 2025-W01-1: not a date"),
    (("resolve", "--at", "2025-02-29", "x"), None, USAGE, "--at: 2025-02-29: no such day"),
    (("resolve", "--registry", "{d}/missing.yaml", "x"), None, REGISTRY, "no such file"),
    (("resolve", "--registry", "{d}", "x"), None, REGISTRY, "broken.yaml:4:"),  # a folder
    (("resolve", "--registry", "{d}/broken.yaml", "x"), None, REGISTRY, "broken.yaml:4:"),
    (("resolve", "--registry", "{d}/binary.bin", "x"), None, REGISTRY, "binary file (NUL"),
    (("resolve", "-"), "خالد حفتر\n".encode() + b"\xff\n", USAGE,
     "<stdin>:2: not UTF-8: byte 0xff"),
    (("show", "no-such-id"), None, UNKNOWN_ID, "unknown id 'no-such-id'"),
    (("fmt", "{d}/missing.yaml"), None, REGISTRY, "no such file"),
    (("fmt", "{d}/broken.yaml"), None, REGISTRY, "broken.yaml:4"),
    (("fmt", "{d}/latin1.txt"), None, REGISTRY, "not UTF-8"),
    (("diff", "{d}/missing.yaml", "aliases.yaml"), None, USAGE, "neither a file nor a git"),
    (("suggest", "{d}/binary.bin"), None, USAGE, "binary file"),
    (("nosuchcommand",), None, USAGE, "invalid choice"),
    # Hostile registry files (issue 18): refused with their line, never a crash.
    (("resolve", "--registry", "{d}/deep_flow.yaml", "x"), None, REGISTRY,
     "deep_flow.yaml:2:42: nesting deeper than 32 levels"),
    (("validate", "{d}/deep_flow.yaml"), None, FINDINGS, ""),
    (("resolve", "--registry", "{d}/deep_block.yaml", "x"), None, REGISTRY,
     "nesting deeper than 32 levels"),
    (("fmt", "--check", "{d}/deep_block.yaml"), None, REGISTRY, "nesting deeper than 32"),
    (("fmt", "--check", "{d}/laughs.yaml"), None, REGISTRY, "YAML anchor '&a'"),
    (("resolve", "--registry", "{d}/scalar_anchor.yaml", "x"), None, REGISTRY,
     "scalar_anchor.yaml:5:16: YAML anchor '&big'"),
    (("resolve", "--registry", "{d}/long_word.yaml", "x"), None, REGISTRY,
     "long_word.yaml:6:22: a: aliases[0].text: 60000 characters (at most 200)"),
    (("resolve", "--registry", "{d}/long_token.yaml", "x"), None, REGISTRY,
     "a: name.ar: a word of 41 characters (at most 40)"),
    (("resolve", "--registry", "{d}/huge_version.yaml", "x"), None, REGISTRY,
     "huge_version.yaml:1:10: a number of 5000 characters (at most 32)"),
    (("resolve", "--registry", "{d}/version_yes.yaml", "x"), None, REGISTRY,
     "version_yes.yaml:1:10: 'yes' is read by YAML 1.1 as the boolean true"),
    (("resolve", "--registry", "{d}/version_float.yaml", "x"), None, REGISTRY,
     "version: expected the integer 1, not 1.0"),
    (("diff", "--queries", "{d}/queries_latin1.tsv", "aliases.yaml", "aliases.yaml"), None,
     USAGE, "queries_latin1.tsv:1: not UTF-8: byte 0xe9 at offset 3"),
    # a bad date in a query table said only "x: not a date"
    (("diff", "--queries", "{d}/bad_at.tsv", "aliases.yaml", "aliases.yaml"), None, USAGE,
     "bad_at.tsv:2: at: x: not a date"),
    (("diff", "--", "--output={d}/written-by-git", "HEAD"), None, USAGE,
     "--output=/"),
    (("resolve", "--registry", "{d}/unquoted_day.yaml", "x"), None, REGISTRY,
     "unquoted_day.yaml:6:11: a: born: 2023-02-30: no such day"),
    (("build", "--registry", "{d}/unquoted_day.yaml", "--out", "{d}/day.store"), None, REGISTRY,
     "unquoted_day.yaml:6:11: a: born: 2023-02-30: no such day"),
    (("fmt", "--check", "{d}/unquoted_day.yaml"), None, OK, ""),
    (("resolve", "--registry", "{d}/unquoted_year0.yaml", "x"), None, REGISTRY,
     "unquoted_year0.yaml:6:11: a: born: 0000-00-00: no such year"),
    (("resolve", "--registry", "{d}/raw_escape.yaml", "x"), None, REGISTRY,
     "raw_escape.yaml:5:30: YAML: control characters are not allowed: U+001B; remove it"),
    (("build", "--registry", "{d}/raw_escape.yaml", "--out", "{d}/esc.store"), None, REGISTRY,
     "raw_escape.yaml:5:30: YAML: control characters are not allowed: U+001B; remove it"),
    (("resolve", "--csv", "{d}/ragged.csv", "--column", "name"), None, USAGE,
     "ragged.csv:3: 3 fields, but the header has 2"),
    (("resolve", "--csv", "{d}/unclosed.csv", "--column", "name"), None, USAGE,
     "unclosed.csv:3: a quoted field that starts here is never closed"),
    (("resolve", "--csv", "{d}/twice.csv", "--column", "name"), None, USAGE,
     "twice.csv:1: 2 columns are named 'name': rename one"),
    # a merge key: PyYAML merged it by rewriting the node tree, and fmt spliced
    # the file into text that no longer parsed
    (("fmt", "{d}/merge.yaml"), None, REGISTRY,
     "merge.yaml:5:5: YAML merge key '<<': the registry uses none; write the keys out"),
    (("annotate", "{d}/w_arabic_utf16le.txt"), None, USAGE, "w_arabic_utf16le.txt: UTF-16: "
     "convert to UTF-8"),
    (("annotate", "{d}/w_arabic_utf8_nul.txt"), None, USAGE,
     "w_arabic_utf8_nul.txt:2: binary file"),
    (("resolve", "--registry", "{d}/utf32be.yaml", "x"), None, REGISTRY, "utf32be.yaml: UTF-32: "
     "convert to UTF-8"),
    (("resolve", "--registry", "{d}/utf16.yaml", "x"), None, REGISTRY,
     "UTF-16: convert to UTF-8"),
    (("resolve", "--registry", "{d}/utf16le.yaml", "x"), None, REGISTRY,
     "UTF-16: convert to UTF-8"),
    # An empty path was read as Path(""), the working directory, or taken as
    # "not given": the default registry, stdout. Never what the user named.
    (("resolve", "--registry", "", "x"), None, USAGE, "--registry: an empty path"),
    (("build", "--registry", ""), None, USAGE, "--registry: an empty path"),
    (("validate", ""), None, USAGE, "PATH: an empty path"),
    (("annotate", ""), None, USAGE, "FILE: an empty path"),
    (("export", "--format", "jsonl", "-o", ""), None, USAGE, "-o/--output: an empty path"),
]


@pytest.mark.parametrize(("args", "stdin", "code", "message"), CASES,
                         ids=[" ".join(c[0])[:40] for c in CASES])
def test_bad_input_is_one_clear_line(files, args, stdin, code, message):
    args = [a.format(d=files) for a in args]
    rc, _, err = cli(*args, stdin=stdin)
    assert rc == code, err
    assert message in err, err
    assert "Traceback" not in err
    assert len(err.strip().splitlines()) <= 2  # argparse adds a usage line


def test_validate_reports_unreadable_files_as_findings(files):
    for name, message in (("missing.yaml", "no such file"), ("latin1.txt", "not UTF-8"),
                          ("empty.txt", "the file is empty"), ("binary.bin", "binary file")):
        rc, out, err = cli("validate", str(files / name))
        assert rc == FINDINGS and message in out, (name, out, err)


def test_empty_inputs_are_not_errors(files):
    assert cli("annotate", str(files / "empty.txt"))[0] == OK
    rc, out, _ = cli("resolve", "-", stdin=b"")
    assert (rc, out) == (OK, "")


def test_a_huge_stdin_line_is_answered_unknown_in_bounded_memory():
    stdin = b"a" * (50 * 1024 * 1024) + "\nخالد حفتر\n".encode()
    rc, out, err = cli("resolve", "--json", "-", stdin=stdin)
    assert rc == OK, err
    lines = out.splitlines()
    assert len(lines) == 2 and '"unknown"' in lines[0] and "khaled-haftar" in lines[1]


def test_debug_shows_the_traceback():
    rc, _, err = cli("--debug", "show", "no-such-id")
    assert rc == UNKNOWN_ID and "Traceback" in err


def test_library_raises_typed_errors():
    import registry
    from registry import InputError, RegistryError, RegistryFileError, UnknownEntityError

    reg = registry.load(ROOT / "aliases.yaml")
    for call, error in ((lambda: reg.lookup(None), InputError),  # type: ignore[arg-type]
                        (lambda: reg.lookup("x", at="2026-99-01"), InputError),
                        (lambda: reg.annotate(b"bytes"), InputError),  # type: ignore[arg-type]
                        (lambda: reg.get("nobody"), UnknownEntityError),
                        (lambda: registry.load(ROOT / "missing.yaml"), RegistryFileError)):
        with pytest.raises(error) as info:
            call()
        assert isinstance(info.value, RegistryError)
        assert "\n" not in str(info.value)
    assert reg.lookup("   ").status == "unknown"


def test_library_entry_points_refuse_what_is_not_a_path_or_a_batch(tmp_path, monkeypatch):
    """``load("")`` loaded the working directory (``Path("")`` is "."): a
    variable never filled in read whatever YAML the folder held. ``load(5)``,
    ``load([...])`` and ``lookup_many(None)`` raised a bare TypeError."""
    import registry
    from registry import InputError
    from registry.core import compile_registry

    (tmp_path / "other.yaml").write_text("version: 1\nentities: []\n", "utf-8")
    monkeypatch.chdir(tmp_path)
    for path in ("", 5, [str(ROOT / "aliases.yaml")], b"aliases.yaml"):
        with pytest.raises(InputError, match=r"empty registry path|must be a string or a path"):
            registry.load(path)  # type: ignore[arg-type]
    with pytest.raises(InputError, match="empty registry path"):
        compile_registry("", tmp_path / "x.store")
    reg = registry.load(ROOT / "aliases.yaml")
    for names in (None, 5):
        with pytest.raises(InputError, match="names must be a list"):
            reg.lookup_many(names)  # type: ignore[arg-type]
        with pytest.raises(InputError, match="names must be a list"):
            reg.iter_lookups(names)  # type: ignore[arg-type]


def test_an_option_like_revision_never_reaches_git(files, monkeypatch):
    """``registry diff -- --output=FILE HEAD`` made git write FILE: revisions
    that look like options are refused, others are resolved to a commit id
    after --end-of-options, and only that id is passed on."""
    from registry.errors import InputError
    from registry.review import diff

    calls: list[list[str]] = []
    real_run = subprocess.run

    def recording_run(argv, *args, **kwargs):
        calls.append(list(argv))
        return real_run(argv, *args, **kwargs)

    monkeypatch.setattr(diff.subprocess, "run", recording_run)
    monkeypatch.chdir(ROOT)
    for spec in (f"--output={files}/written-by-git", "--textconv:aliases.yaml"):
        with pytest.raises(InputError, match="neither a file nor a git revision"):
            diff.load_version(spec)
    assert not (files / "written-by-git").exists()
    assert all(not arg.startswith("--output") and not arg.startswith("--textconv")
               for call in calls for arg in call), calls
    if (ROOT / ".git").exists():
        head = diff.load_version("HEAD")
        assert head.path == "HEAD:aliases.yaml" and len(head) > 0
        rev_parse = next(c for c in calls if "HEAD^{commit}" in c)
        assert rev_parse[rev_parse.index("--end-of-options") + 1] == "HEAD^{commit}"


def test_diff_without_git_is_one_line(files, tmp_path):
    bin_dir = tmp_path / "bin"  # a PATH with python but no git
    bin_dir.mkdir()
    env = {**os.environ, "PATH": str(bin_dir)}
    proc = subprocess.run([sys.executable, "-m", "registry", "diff", "HEAD", "aliases.yaml"],
                          capture_output=True, text=True, cwd=ROOT, env=env, timeout=120)
    assert proc.returncode == USAGE, proc.stderr
    assert proc.stderr.strip() == ("registry: cannot run git to read a revision (No such file "
                                   "or directory); install git or compare two files")


def test_direction_overrides_and_escapes_are_never_echoed_raw():
    """A query (or registry text) with U+202E would reverse the rest of the line
    in a terminal or CI log, and ESC starts terminal escape sequences: text
    output shows them as \\uXXXX; JSON escapes them, so the value is unchanged."""
    query = "\u202eخالد حفتر\u2066"
    rc, out, err = cli("resolve", query, "x\x1b[2J")
    assert rc == OK, err
    assert not any(c in out for c in "\u202e\u2066\x1b"), out
    first, second = out.splitlines()
    assert first.startswith("\\u202eخالد حفتر\\u2066 → khaled-haftar"), first
    assert second.startswith("x\\u001b[2J → unknown"), second
    rc, out, _ = cli("resolve", "--json", query)
    assert not any(c in out for c in "\u202e\u2066\x1b")
    assert json.loads(out)["query"] == query
    path = ROOT / "tests/broken/control_in_name.yaml"  # "Ali \e[2J Hassan"
    rc, out, err = cli("list", "--registry", str(path))
    assert rc == OK and "\x1b" not in out and "Ali \\u001b[2J Hassan" in out, (out, err)
    rc, _, err = cli("show", "no-such-id\u202e")
    assert rc == UNKNOWN_ID and "\u202e" not in err and "no-such-id\\u202e" in err


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes are POSIX")
def test_a_named_pipe_nobody_writes_to_never_hangs(tmp_path):
    """open() of a FIFO waits for a writer, maybe forever: every reader opens
    without waiting, so an idle pipe reads as an empty file."""
    pipe = tmp_path / "pipe.yaml"
    os.mkfifo(pipe)
    rc, out, err = cli("validate", str(pipe))
    assert rc == FINDINGS and "the file is empty" in out, (out, err)
    rc, _, err = cli("resolve", "--registry", str(pipe), "x")
    assert rc == REGISTRY and "the file is empty" in err, err
    assert cli("annotate", str(pipe))[0] == OK  # an empty article, as an empty file


@pytest.mark.skipif(not os.path.exists("/dev/zero"), reason="needs /dev/zero")
def test_devices_are_refused_not_read(tmp_path):
    """/dev/zero never ends: an article or a registry's source file naming it is
    refused in one line instead of being read up to the size limit (a source,
    as outside the registry's folder, before anything is opened)."""
    rc, _, err = cli("annotate", "/dev/zero")
    assert rc == USAGE and "/dev/zero: a device or socket, not a text file" in err, err
    source = tmp_path / "source.yaml"
    source.write_text(
        "version: 1\nentities:\n"
        "  - id: ali-hassan\n    type: person\n    name: {ar: علي حسن الزيدي, en: A}\n"
        "    ranks:\n      - title: colonel\n        start: '2020'\n"
        "        sources: [{file: /dev/zero, quote: شيء}]\n", "utf-8")
    rc, out, err = cli("validate", str(source))
    assert rc == FINDINGS, err
    assert f"source file /dev/zero: outside {tmp_path.resolve()}" in out, out


def test_a_source_outside_the_registry_is_never_read(tmp_path):
    """validate said "quote not found" or nothing for any file it could read: a
    pull request naming /etc/... or a CI runner's credentials as a source, with
    a guessed quote, learnt from the check whether the guess was right. A source
    must be inside the registry's repository, symlinks followed (a pull request
    can add one); so must a query table under checks:, which diff prints."""
    (tmp_path / "secret.txt").write_text("token-1234\n", "utf-8")
    (tmp_path / "secret.tsv").write_text("token-1234\t\tunknown\t\t\n", "utf-8")
    folder = tmp_path / "registry"
    (folder / ".git").mkdir(parents=True)  # the repository's root
    (folder / "articles").mkdir()
    (folder / "articles" / "a.txt").write_text("قال العقيد علي حسن الزيدي\n", "utf-8")
    (folder / "leak.txt").symlink_to(tmp_path / "secret.txt")
    sources = ("{file: ../secret.txt, quote: token-1234}, {file: leak.txt, quote: token-1234}, "
               "{file: articles/a.txt, quote: العقيد علي حسن الزيدي}")
    (folder / "aliases.yaml").write_text(
        "version: 1\nchecks: [../secret.tsv]\nentities:\n"
        "  - id: ali-hassan\n    type: person\n    name: {ar: علي حسن الزيدي, en: A}\n"
        "    ranks:\n      - title: colonel\n        start: '2020'\n"
        f"        sources: [{sources}]\n", "utf-8")
    rc, out, err = cli("validate", str(folder / "aliases.yaml"))
    errors = [line for line in out.splitlines() if ": error: " in line]
    assert rc == FINDINGS and len(errors) == 3, out + err
    assert "checks[0]: query table ../secret.tsv: outside" in errors[0]
    assert "sources[0].file: source file ../secret.txt: outside" in errors[1]
    assert "sources[1].file: source file leak.txt: outside" in errors[2]
    rc, out, err = cli("diff", str(folder / "aliases.yaml"), str(folder / "aliases.yaml"))
    assert rc == USAGE and "secret.tsv: outside" in err and "token" not in out + err


def test_a_one_line_article_full_of_dates_costs_linear_time():
    """A text with no line breaks (a PDF or a scraper's output) and thousands
    of dates: the date finder re-read the whole line for each date found in it
    (9 s of CPU for these 147 KB, 44 s for twice as much). It needs at most the
    dates near the line's start once the line is too long to be a date line."""
    from registry.names.vocabulary import default_vocabulary
    from registry.text.dateline import DateFinder

    finder = DateFinder(default_vocabulary().months)
    line = "التقى الوفدان في 14 يناير 2026 وفي 15 يناير 2026 " * 3000
    started = time.process_time()
    assert finder.find(line) is None  # a running-text date is not the article's date
    assert time.process_time() - started < 2.0
    dated = finder.find("بنغازي - 3 مارس 2026: " + line)
    assert dated is not None and str(dated.date) == "2026-03-03" and dated.how == "dateline"


def test_a_short_csv_row_keeps_the_added_columns_under_their_headings(tmp_path):
    """Trailing empty fields left out (as some tools write them) and a blank
    line: the row is padded so id/status land in their own columns."""
    import csv
    import io

    path = tmp_path / "short.csv"
    path.write_text("name,note,source\nخالد حفتر\n\nx,1\n", "utf-8")
    rc, out, err = cli("resolve", "--csv", str(path), "--column", "name")
    assert rc == OK, err
    rows = list(csv.DictReader(io.StringIO(out)))
    assert [(r["name"], r["id"], r["status"]) for r in rows] == [
        ("خالد حفتر", "khaled-haftar", "matched"), ("", "", "unknown"), ("x", "", "unknown")]
    assert all(None not in r for r in rows)  # no row longer than the header


@pytest.mark.skipif(sys.platform != "linux", reason="needs a file system that takes any "
                    "bytes in a file name")
def test_a_file_name_that_is_not_utf8_in_a_folder_registry(tmp_path):
    """A file copied from an old Windows share can be named in bytes that are not
    UTF-8; Python reads such a name with surrogates, and hashing it for the
    store's cache key raised UnicodeEncodeError (a traceback on every command)."""
    folder = tmp_path / "people"
    folder.mkdir()
    (folder / os.fsdecode(b"libya-\xff.yaml")).write_text(
        "version: 1\nentities:\n" + PERSON.format(id="ali-hassan", ar="علي حسن", en="Ali Hassan"),
        "utf-8")
    rc, out, err = cli("resolve", "--registry", str(folder), "علي حسن")
    assert rc == OK and "ali-hassan" in out, err
    rc, out, err = cli("validate", str(folder))
    assert rc == OK, out + err


@pytest.mark.skipif(not (ROOT / ".git").exists(), reason="needs the git checkout")
def test_a_revision_that_is_no_registry_is_named_as_given(files):
    """diff reads REV:path through a temporary copy: its errors named the copy
    (/tmp/tmpXXXX/seeds: no such file), a path the reader never gave and that is
    gone when the message is read."""
    seed = "seeds/000_1dad21b0595c3624.txt"
    for spec, message in (("HEAD:seeds", "registry: HEAD:seeds: a registry folder with no "
                           ".yaml files"),
                          (f"HEAD:{seed}", f"registry: HEAD:{seed}:1:1: the top level is not a "
                           "mapping")):
        rc, _, err = cli("diff", spec, "aliases.yaml")
        assert rc == REGISTRY and err.startswith(message), err
        assert "Traceback" not in err and "tmp" not in err


@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="needs a POSIX shell and /dev/full")
def test_closed_and_full_standard_streams_are_one_line_or_quiet():
    """A stream the shell closed is None in Python: reading a closed stdin was
    an AttributeError traceback, and with stderr closed the error message went
    to stdout (into a pipeline's data). A full disk (/dev/full) was an OSError
    traceback. Now: closed stdin reads as empty, closed stderr discards, closed
    stdout and a failed write are one line and exit 2."""
    def shell(redirect: str, *args: str) -> tuple[int, str, str]:
        command = " ".join([f"'{sys.executable}'", "-m", "registry", *args, redirect])
        proc = subprocess.run(["sh", "-c", command], capture_output=True, cwd=ROOT, timeout=120)
        return (proc.returncode, proc.stdout.decode("utf-8", "replace"),
                proc.stderr.decode("utf-8", "replace"))

    assert shell("<&-", "resolve") == (OK, "", "")
    assert shell("<&-", "resolve", "--json", "-") == (OK, "", "")
    rc, out, err = shell("2>&-", "resolve", "--registry", "missing.yaml", "x")
    assert (rc, out) == (REGISTRY, ""), out  # the error is not written into stdout
    rc, _, err = shell(">&-", "list")
    assert rc == USAGE and err == ("registry: stdout is closed: the output has nowhere to go "
                                   "(redirect it to a file, or to /dev/null to discard it)\n")
    for args in (("list",), ("resolve", "خالد حفتر")):
        rc, _, err = shell(">/dev/full", *args)
        assert rc == USAGE and err == ("registry: cannot write the output: No space left on "
                                       "device\n"), err


@pytest.mark.skipif(sys.platform != "linux", reason="needs a file system that takes any "
                    "bytes in a file name")
def test_an_ascii_locale_and_non_utf8_registry_paths(tmp_path):
    """Under LC_ALL=C with Python's UTF-8 mode off, arguments are decoded as
    ASCII with each Arabic byte a lone surrogate: ``resolve "خالد حفتر"``
    answered unknown, and a registry in a folder with an Arabic name crashed
    (the cache memo hashed the path with str.encode()); so did a folder named
    in bytes that are not UTF-8, in any locale."""
    env = {**os.environ, "LC_ALL": "C", "LANG": "C", "PYTHONUTF8": "0",
           "PYTHONCOERCECLOCALE": "0", "PYTHONIOENCODING": ""}
    arabic = tmp_path / "سجل"
    not_utf8 = tmp_path / os.fsdecode(b"reg-\xff")
    for folder in (arabic, not_utf8):
        folder.mkdir()
        (folder / "aliases.yaml").write_bytes((ROOT / "aliases.yaml").read_bytes())
    for folder, environment in ((arabic, env), (not_utf8, None)):
        proc = subprocess.run([sys.executable, "-m", "registry", "resolve", "--registry",
                               str(folder), "خالد حفتر"], capture_output=True, cwd=tmp_path,
                              env=environment, timeout=120)
        assert proc.returncode == OK, proc.stderr.decode("utf-8", "replace")
        assert "khaled-haftar" in proc.stdout.decode("utf-8"), proc.stdout


def test_resolve_csv_streams_in_bounded_memory_and_writes_nothing_on_error(tmp_path):
    """--csv held every row and every answer (about 44 bytes per byte of CSV:
    2.2 GB for 50 MB, and the 256 MB limit allowed ~11 GB), and reading any
    input file allocated its whole size limit up front. Rows are now answered
    and written as they are read; a bad row late in the file still leaves no
    output at all."""
    import io
    import tracemalloc

    import registry
    from registry import cli
    from registry.errors import InputError

    reg = registry.load(ROOT / "aliases.yaml")
    source = tmp_path / "names.csv"
    rows = "".join(f"خالد حفتر,{i}\nx{i % 50},{i}\n" for i in range(15_000))
    source.write_text("name,note\n" + rows, "utf-8")
    target = tmp_path / "out.csv"
    cli._resolve_csv(reg, str(source), "name", None, str(target), io.StringIO())  # warm
    tracemalloc.start()
    try:
        cli._resolve_csv(reg, str(source), "name", None, str(target), io.StringIO())
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert peak < 8 * 1024 * 1024, peak  # was ~30 MB for this 0.6 MB file
    lines = target.read_text("utf-8").splitlines()
    assert len(lines) == 30_001 and lines[1] == "خالد حفتر,0,khaled-haftar,matched,0.950,"
    source.write_text("name,note\n" + rows + "x,1,extra\n", "utf-8")
    for output in (str(tmp_path / "new.csv"), None):
        out = io.StringIO()
        with pytest.raises(InputError, match=r"names\.csv:30002: 3 fields, but the header"):
            cli._resolve_csv(reg, str(source), "name", None, output, out)
        assert out.getvalue() == "" and not (tmp_path / "new.csv").exists()


@pytest.mark.skipif(not hasattr(os, "mkfifo") or not os.path.isdir("/proc/self/fd"),
                    reason="needs named pipes and /proc")
def test_output_that_is_not_a_regular_file_is_written_not_renamed_over(tmp_path):
    """-o wrote a temporary file and renamed it over the target: as root,
    ``-o /dev/full`` turned the device node into a regular file, and ``-o
    /dev/stdout`` would replace that symlink. Our own stdout however named
    (here a link to /proc/self/fd/1, as /dev/stdout is) and a named pipe are
    written to; a folder or a socket is refused in one line."""
    import socket

    stdout_link = tmp_path / "stdout"
    stdout_link.symlink_to("/proc/self/fd/1")
    rc, out, err = cli("export", "--format", "jsonl", "-o", str(stdout_link))
    assert rc == OK and out.startswith('{"id": "khalifa-haftar"'), err
    assert stdout_link.is_symlink() and os.readlink(stdout_link) == "/proc/self/fd/1"
    pipe = tmp_path / "pipe"
    os.mkfifo(pipe)
    reader = subprocess.Popen(["cat", str(pipe)], stdout=subprocess.PIPE)
    rc, _, err = cli("export", "--format", "csv", "-o", str(pipe))
    received = reader.communicate(timeout=60)[0].decode("utf-8")
    assert rc == OK and received.startswith("id,"), err
    assert pipe.is_fifo()
    sock = socket.socket(socket.AF_UNIX)
    sock.bind(str(tmp_path / "sock"))
    try:
        rc, _, err = cli("export", "--format", "jsonl", "-o", str(tmp_path / "sock"))
    finally:
        sock.close()
    assert rc == USAGE and err.endswith("sock: cannot write (not a regular file, a pipe or a "
                                        "terminal)\n"), err
    rc, _, err = cli("export", "--format", "jsonl", "-o", str(tmp_path))
    assert rc == USAGE and err == f"registry: {tmp_path}: cannot write (it is a folder)\n"
    rc, _, err = cli("export", "--format", "csv", "-o", str(tmp_path / "e.csv"), "--roles",
                     str(tmp_path / "." / "e.csv"))
    assert rc == USAGE and "--roles and -o name the same file" in err
    (tmp_path / "x.store").mkdir()
    rc, _, err = cli("build", "--out", str(tmp_path / "x.store"))
    assert rc == USAGE and "x.store: is a folder; name the store file to write" in err, err


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX signals")
def test_sigterm_stops_like_ctrl_c(tmp_path):
    """SIGTERM (kill, a CI timeout) ended a command on the spot: a store being
    built or a registry's .NAME.lock file was left in the user's folder. It now
    stops as Ctrl-C does: one line, exit 143, the cleanup run. Here fmt waits
    for a lock this test holds (it says so on stderr when it starts waiting),
    so the signal always lands inside the command."""
    import signal

    from registry.store.lock import locked

    path = tmp_path / "aliases.yaml"
    path.write_text("version: 1\nentities:\n  - {type: place, id: x, name: {en: X, ar: س}}\n",
                    "utf-8")
    before = path.read_bytes()
    waiting = ("import sys, filelock\n"
               "from registry.cli import main\n"
               "acquire = filelock.BaseFileLock.acquire\n"
               "def announced(self, *a, **k):\n"
               "    print('waiting', file=sys.stderr, flush=True)\n"
               "    return acquire(self, *a, **k)\n"
               "filelock.BaseFileLock.acquire = announced\n"
               "raise SystemExit(main(sys.argv[1:]))\n")
    with locked(path):  # removes its lock file when let go, as fmt's does
        proc = subprocess.Popen([sys.executable, "-c", waiting, "fmt", str(path)],
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE, cwd=ROOT)
        assert proc.stderr is not None
        assert proc.stderr.readline() == b"waiting\n"
        proc.send_signal(signal.SIGTERM)
        _, err = proc.communicate(timeout=60)
    assert proc.returncode == 143, err
    assert err.decode() == "registry: terminated\n"
    assert path.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["aliases.yaml"]
