"""Every command on bad input: one line on stderr, a documented exit code, no
traceback, and nothing written."""

from __future__ import annotations

import subprocess
import sys

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
    return d


def cli(*args, stdin: bytes | None = None, cwd=ROOT):
    proc = subprocess.run([sys.executable, "-m", "registry", *args], input=stdin,
                          capture_output=True, cwd=cwd, timeout=120)
    return proc.returncode, proc.stdout.decode("utf-8", "replace"), \
        proc.stderr.decode("utf-8", "replace")


CASES = [
    # (args, stdin, exit code, stderr contains)
    (("annotate", "{d}/missing.txt"), None, USAGE, "missing.txt: no such file"),
    (("annotate", "{d}"), None, USAGE, "is a directory"),
    (("annotate", "{d}/latin1.txt"), None, USAGE,
     "latin1.txt:2: not UTF-8: byte 0xe9 at offset 17"),
    (("annotate", "{d}/binary.bin"), None, USAGE, "binary file"),
    (("annotate", "{d}/huge.txt"), None, USAGE, "larger than the 32 MB limit"),
    (("annotate", "--date", "2026-02-30", "{d}/empty.txt"), None, USAGE, "2026-02-30: no such day"),
    (("annotate", "-"), b"\xff\xfe", USAGE, "<stdin>:1: not UTF-8: byte 0xff at offset 0"),
    (("resolve", "--at", "yesterday", "x"), None, USAGE, "--at: yesterday: not a date"),
    (("resolve", "--registry", "{d}/missing.yaml", "x"), None, REGISTRY, "no such file"),
    (("resolve", "--registry", "{d}", "x"), None, REGISTRY, "broken.yaml:4:"),  # a folder
    (("resolve", "--registry", "{d}/broken.yaml", "x"), None, REGISTRY, "broken.yaml:4:"),
    (("resolve", "--registry", "{d}/binary.bin", "x"), None, REGISTRY, "binary file (NUL"),
    (("resolve", "-"), "خالد حفتر\n".encode() + b"\xff\n", USAGE, "<stdin>: not UTF-8: byte 0xff"),
    (("show", "no-such-id"), None, UNKNOWN_ID, "unknown id 'no-such-id'"),
    (("fmt", "{d}/missing.yaml"), None, REGISTRY, "no such file"),
    (("fmt", "{d}/broken.yaml"), None, REGISTRY, "broken.yaml:4"),
    (("fmt", "{d}/latin1.txt"), None, REGISTRY, "not UTF-8"),
    (("diff", "{d}/missing.yaml", "aliases.yaml"), None, USAGE, "neither a file nor a git"),
    (("suggest", "{d}/binary.bin"), None, USAGE, "binary file"),
    (("nosuchcommand",), None, USAGE, "invalid choice"),
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
