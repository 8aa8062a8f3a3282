# PYTHON_ARGCOMPLETE_OK  (shell completion: see README, "Shell completion")
"""The ``registry`` command line.

Every failure a user can cause ends as one line on stderr and a documented exit
code (README, "Exit codes"); ``--debug`` shows the traceback instead.
"""

from __future__ import annotations

import argparse
import codecs
import contextlib
import json
import os
import re
import signal
import sys
import traceback
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any, BinaryIO, TextIO

from registry import __version__
from registry.core import Registry, as_day, default_path, load
from registry.errors import InputError, RegistryError
from registry.match.memo import AnswerMemo
from registry.match.resolver import Resolution
from registry.match.strength import alias_strength
from registry.model.dates import When
from registry.model.records import ENTITY_TYPES
from registry.store import textfile
from registry.store.collector import collector_paused

if TYPE_CHECKING:
    from registry.model.schema import Entity
    from registry.text.annotate import Mention

EXIT_OK = 0
EXIT_FINDINGS = 1  # validate found problems; fmt --check found an unformatted file
EXIT_USAGE = 2  # bad arguments or unreadable input
EXIT_REGISTRY = 3  # the registry file cannot be loaded
EXIT_UNKNOWN_ID = 4
EXIT_INTERRUPTED = 130
EXIT_TERMINATED = 143  # 128 + SIGTERM, as the shell reports a process it ended


# Characters that change how a terminal, log viewer or pull-request page shows
# the text around them: the bidirectional overrides, embeddings and isolates
# (a query or alias with U+202E reverses the rest of the line), C0 controls
# other than tab and newline (ESC starts terminal escape sequences, CR
# overwrites the line), DEL and C1 controls.
# Output meant for reading shows them as \uXXXX, never raw. (The Arabic marks
# U+200E/U+200F/U+061C only set the direction of a neighbour and stay.)
_CONTROLS = [*range(0x00, 0x09), *range(0x0B, 0x20), *range(0x7F, 0xA0),
             *range(0x202A, 0x202F), *range(0x2066, 0x206A)]
_VISIBLE = {code: f"\\u{code:04x}" for code in _CONTROLS}
# Finding one is a regular-expression scan, many times faster on Arabic text than
# ``str.translate``, which looks up every character: most text has none.
_HAS_CONTROL = re.compile("[" + "".join(re.escape(chr(code)) for code in _CONTROLS) + "]")


def visible(text: str) -> str:
    """``text`` with its direction and control characters written as escapes. In
    JSON output the escape is the JSON escape of the same character, so the
    value a program reads is unchanged."""
    return text.translate(_VISIBLE) if _HAS_CONTROL.search(text) else text


def _write(out: TextIO, line: str) -> None:
    """Output for people (a newline added), made visible."""
    out.write(visible(line) + "\n")


def _print_json(obj: object, out: TextIO) -> None:
    _write(out, json.dumps(obj, ensure_ascii=False))


MAX_LINE_BYTES = 1 << 16
READ_BYTES = 1 << 16


def _stdin_chunks() -> Iterator[list[str]]:
    """Names from stdin, one per line, in chunks of whatever has arrived.

    Each read takes what the pipe holds (up to READ_BYTES) without waiting for
    more, so a batch goes through in chunks of a few thousand names while a
    co-process that writes one name and waits for its answer gets it at once.
    A line longer than MAX_LINE_BYTES is cut there (the resolver answers such
    input unknown) and the rest of it skipped, so memory stays bounded. Text
    that is not UTF-8 stops the batch once the lines before it are answered.
    """
    stream = getattr(sys.stdin, "buffer", None)
    read: Callable[[int], bytes] = stream.read1 if stream is not None else (
        lambda size: sys.stdin.read(size).encode("utf-8"))  # an in-memory stdin
    pending = b""  # the start of a line whose end has not arrived
    skipping = False  # dropping the rest of a line cut at MAX_LINE_BYTES
    lines_before = 0  # lines answered so far
    while True:
        data = read(READ_BYTES)
        if skipping:
            if not data:
                return
            end = data.find(b"\n")
            if end < 0:
                continue
            skipping, data = False, data[end + 1 :]
            if not data:
                continue  # that newline ended this read: read on
        if data:
            *complete, pending = (pending + data).split(b"\n")
        else:
            complete, pending = ([pending] if pending else []), b""
        cut = None
        if len(pending) > MAX_LINE_BYTES:
            # the cut may fall inside a character: that piece is dropped
            cut = codecs.getincrementaldecoder("utf-8")("replace").decode(
                pending[:MAX_LINE_BYTES]).rstrip("\r")
            skipping, pending = True, b""
        names, bad = _decoded(complete, lines_before)
        if cut is not None and bad is None:
            names.append(cut)
        lines_before += len(names)
        if names:
            yield names
        if bad is not None:
            raise bad
        if not data:
            return


def _decoded(lines: list[bytes], lines_before: int) -> tuple[list[str], RegistryError | None]:
    """Lines of stdin as text, decoded in one go for the whole chunk. At a line
    that is not UTF-8: the lines before it, and the one-line error naming it."""
    try:
        text = b"\n".join(lines).decode("utf-8")
    except UnicodeDecodeError:
        names: list[str] = []
        for number, line in enumerate(lines, lines_before + 1):
            try:
                names.append(line.decode("utf-8").rstrip("\r"))
            except UnicodeDecodeError as exc:
                return names, textfile.input_error("<stdin>")(
                    number, f"not UTF-8: byte 0x{line[exc.start]:02x}")
        raise  # unreachable: some line failed above
    return ([line.rstrip("\r") for line in text.split("\n")] if lines else []), None


def _format_resolution(res: Resolution) -> str:
    titles = f" [{' '.join(res.titles)}]" if res.titles else ""
    if res.status == "matched":
        return f"{res.query} → {res.id} ({res.name}) matched {res.score:.2f}{titles}"
    if res.status == "ambiguous":
        options = ", ".join(f"{c.id} {c.score:.2f}" for c in res.candidates)
        return f"{res.query} → ambiguous: {options}{titles}"
    why = res.explanation[-1] if res.explanation else ""
    return f"{res.query} → unknown{titles} ({why.removeprefix('unknown: ')})"


def _json_line() -> Callable[[object], str]:
    """A JSON-lines encoder for batches: orjson (several times faster than the
    standard library on these small objects), with the same UTF-8 text out."""
    import orjson

    def encode(obj: object) -> str:
        return orjson.dumps(obj).decode("utf-8")

    return encode


def _brief_json(res: Resolution) -> dict[str, Any]:
    """The answer without candidates and explanation (``--brief``): for pipelines
    that only route by id."""
    return {"query": res.query, "status": res.status, "id": res.id, "score": res.score}


def cmd_resolve(args: argparse.Namespace, out: TextIO) -> int:
    reg = _registry(args)
    at = _day(args.at, "--at")
    if args.csv or args.column:
        if not (args.csv and args.column):
            raise InputError("--csv FILE and --column NAME go together")
        if args.names:
            raise InputError("give names or --csv FILE, not both")
        return _resolve_csv(reg, args.csv, args.column, at, args.output, out)
    if args.output:
        raise InputError("-o/--output goes with --csv FILE (answers to names go to stdout)")
    render = _renderer(args.json, args.brief)
    # One answer per distinct name, rendered once (answers depend only on the
    # name and the day): a batch that repeats names pays for each name once.
    memo = AnswerMemo(lambda name: visible(render(name, reg.lookup(name, at,
                                                                   explain=not args.brief))))
    chunks = _stdin_chunks() if not args.names or args.names == ["-"] else [args.names]
    for names in chunks:
        # the chunk's answers in one write, flushed: a co-process waiting for
        # them gets them now, not when a buffer fills
        with collector_paused():
            answers = "".join(memo.many(names))
        out.write(answers)
        out.flush()
    return EXIT_OK


def _renderer(as_json: bool, brief: bool) -> Callable[[str, Resolution], str]:
    """How ``resolve`` writes one answer (a line, its newline included): JSON
    lines (full or brief), a TSV row (brief) or a sentence."""
    if as_json:
        encode = _json_line()
        if brief:
            return lambda name, res: encode(_brief_json(res)) + "\n"
        return lambda name, res: encode(res.to_json()) + "\n"
    if brief:
        return lambda name, res: f"{name}\t{res.status}\t{res.id or ''}\t{res.score:.2f}\n"
    return lambda name, res: _format_resolution(res) + "\n"


MAX_CSV_BYTES = 256 * 1024 * 1024


def _resolve_csv(reg: Registry, path: str, column: str, at: When | None,
                 output: str | None, out: TextIO) -> int:
    """The input CSV with id, status, score and candidates columns added (prefixed
    ``registry_`` if the file already has one of those names).

    Rows are read, answered and written as a stream: the whole file used to be
    held as lists of rows and answers, about 44 bytes of memory per byte of
    CSV (a 50 MB file of 2M rows took 2.2 GB; the 256 MB limit allowed ~11 GB).
    Nothing is written unless every row is good: the output goes to a temporary
    file renamed over ``-o FILE`` at the end, or to a spool copied to stdout."""
    import csv
    import io
    import itertools
    import tempfile

    error = textfile.input_error(path)
    text = textfile.read_input(path, MAX_CSV_BYTES, "CSV file").removeprefix("\ufeff")
    # strict: an unclosed quote is an error, not a field that swallows the rest
    # of the file (every later row vanished from the output without a word).
    # Lines with their ends, as ``newline=""`` gives them (a StringIO copy
    # of the text took 4 bytes per character).
    lines = (found.group() for found in _CSV_LINE.finditer(text))
    reader = csv.reader(lines, strict=True)
    rows = _csv_rows(reader, error)
    header = next(rows, None)
    if header is None:
        raise error(None, "empty CSV file: no header row")
    if column not in header:
        raise error(1, f"no column '{column}'; the columns are: {', '.join(header)}")
    if header.count(column) > 1:
        raise error(1, f"{header.count(column)} columns are named '{column}': rename one")
    where = header.index(column)
    added = ["id", "status", "score", "candidates"]
    if set(added) & set(header):
        added = [f"registry_{name}" for name in added]
    for_names, for_output = itertools.tee(rows)
    # one memo for the whole file: a name repeated anywhere is answered once
    answers = reg.iter_lookups((row[where] for row in for_names), at, explain=False)

    def write_rows(sink: BinaryIO) -> None:
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\n")
        writer.writerow([*header, *added])
        for count, (row, res) in enumerate(zip(for_output, answers, strict=True), 1):
            candidates = ("|".join(c.id for c in res.candidates)
                          if res.status == "ambiguous" else "")
            writer.writerow([*row, res.id or "", res.status, f"{res.score:.3f}", candidates])
            if count % 4096 == 0:
                sink.write(buffer.getvalue().encode("utf-8"))
                buffer.seek(0)
                buffer.truncate()
        sink.write(buffer.getvalue().encode("utf-8"))

    if output and output != "-":
        from registry.store.atomic import output_file

        try:
            with output_file(output) as sink:
                write_rows(sink)
        except BrokenPipeError:
            raise
        except OSError as exc:
            raise InputError(f"{output}: cannot write ({exc.strerror or exc})") from None
        return EXIT_OK
    with tempfile.SpooledTemporaryFile(max_size=MAX_SPOOL_BYTES) as spool:
        write_rows(spool)  # type: ignore[arg-type]  # a binary file, as typeshed misses
        spool.seek(0)
        decoder = codecs.getincrementaldecoder("utf-8")()
        while chunk := spool.read(READ_BYTES):
            out.write(decoder.decode(chunk))
    return EXIT_OK


_CSV_LINE = re.compile(r"[^\r\n]*(?:\r\n|\r|\n)|[^\r\n]+\Z")
MAX_SPOOL_BYTES = 16 * 1024 * 1024  # CSV output held in memory before it spills to disk


def _csv_rows(reader: Any, error: textfile.ErrorFactory) -> Iterator[list[str]]:
    """The CSV's rows, the header first, each checked as it is read: a row longer
    than the header is an error (its added columns would land under the wrong
    headings), a shorter one is padded, an unclosed quote is an error at the
    line its field starts on."""
    import csv

    width: int | None = None
    start = 1  # the line the row being read starts on
    try:
        for row in reader:
            if width is None:
                width = len(row)
            elif len(row) > width:
                raise error(start, f"{len(row)} fields, but the header has {width}")
            yield row + [""] * (width - len(row))
            start = reader.line_num + 1
    except csv.Error as exc:
        problem = ("a quoted field that starts here is never closed"
                   if "unexpected end of data" in str(exc) else f"not a readable CSV file ({exc})")
        raise error(start, problem) from None


def _write_output(text: str, output: str | None, out: TextIO) -> None:
    """To ``-o FILE`` (atomically: a reader never sees half a file) or stdout."""
    if output and output != "-":
        from registry.store.atomic import output_file

        try:
            with output_file(output) as handle:
                handle.write(text.encode("utf-8"))
        except BrokenPipeError:
            raise  # -o /dev/stdout into a reader that went away: as for stdout
        except OSError as exc:
            raise InputError(f"{output}: cannot write ({exc.strerror or exc})") from None
    else:
        out.write(text)


def cmd_list(args: argparse.Namespace, out: TextIO) -> int:
    reg = _registry(args)
    for entity in reg.iter_entities(args.type):
        if args.json:
            _print_json({"id": entity.id, "type": entity.type, "name": entity.name.ar,
                         "name_en": entity.name.en}, out)
        else:
            _write(out, f"{entity.id:<44} {entity.type:<13} {entity.name.ar} — "
                   f"{entity.name.en}")
    return EXIT_OK


def cmd_export(args: argparse.Namespace, out: TextIO) -> int:
    reg = _registry(args)
    if args.format == "csv":
        from registry.io.export import csv_text

        if args.roles == "-" and args.output in (None, "-"):
            raise InputError("--roles -: the entities already go to stdout; give the roles "
                             "a file name")
        if args.roles and args.output and os.path.abspath(args.roles) == os.path.abspath(
                args.output):
            raise InputError("--roles and -o name the same file: the entities would "
                             "overwrite the roles")
        entities, roles = csv_text(reg, args.type)
        if args.roles:  # the file first: an unwritable one fails before any output
            _write_output(roles, args.roles, out)
        _write_output(entities, args.output, out)
        return EXIT_OK
    if args.roles:
        raise InputError("--roles is for --format csv (jsonl and ftm carry the roles)")
    if args.format == "jsonl":
        from registry.io.export import jsonl_lines

        lines = jsonl_lines(reg, args.type)
    else:
        from registry.io.ftm import ftm_lines

        lines = ftm_lines(reg, args.type)
    if args.output and args.output != "-":
        _write_output("".join(lines), args.output, out)
    else:
        for line in lines:
            out.write(line)
    return EXIT_OK


def cmd_serve(args: argparse.Namespace, out: TextIO) -> int:
    from registry.io.serve import serve

    reg = _registry(args)
    url = args.public_url or f"http://{args.host}:{args.port}"

    def announce() -> None:
        print(f"registry: serving {reg.path} ({len(reg)} entities); in OpenRefine add the "
              f"reconciliation service {url.rstrip('/')}/reconcile", file=sys.stderr)

    serve(reg, args.host, args.port, args.public_url, on_ready=announce)
    return EXIT_OK


def _port(value: str) -> int:
    """An argparse type: a TCP port number, 0-65535 (0: any free port)."""
    try:
        port = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a port number, not '{value}'") from None
    if not 0 <= port <= 65535:
        raise argparse.ArgumentTypeError(f"{port} is not a port number (0-65535)")
    return port


def _describe_sources(sources: list[Any], indent: str) -> list[str]:
    lines = []
    for source in sources:
        where = source.file or source.url
        quote = f': "{source.quote}"' if source.quote else ""
        note = f" ({source.note})" if source.note else ""
        lines.append(f"{indent}source: {where}{quote}{note}")
    return lines


def describe_entity(reg: Registry, entity: Entity) -> str:
    """A person-readable page for one entity, with its role timeline."""
    lines = [f"{entity.id}  ({entity.type})", f"  {entity.name.ar} — {entity.name.en}"]
    if entity.description:
        lines.append(f"  {entity.description}")
    if entity.name_parts:
        lines.append("  name: " + " · ".join(f"{slot} {value}"
                                             for slot, value in entity.name_parts.slots()))
        if entity.name_parts.called_by:
            lines.append(f"  called by: {entity.name_parts.called_by} name")
    for alias in entity.aliases:
        shared = ", shared" if alias.shared else ""
        strength = f", {alias_strength(alias)[0].label}" if entity.type == "person" else ""
        lines.append(f"  alias: {alias.text} ({alias.lang}, {alias.kind}{strength}{shared})")
    for key, value in entity.ids.items():
        lines.append(f"  {key}: {value}")
    for field in ("organization", "part_of", "title"):
        value = getattr(entity, field)
        if value:
            target = reg.entities.get(value)
            label = f" ({target.name.ar})" if target else ""
            lines.append(f"  {field}: {value}{label}")
    if entity.ranks:
        lines.append("  ranks:")
        for rank in sorted(entity.ranks, key=lambda r: str(r.tenure.first_day() or "")):
            title = reg.titles.by_id.get(rank.title)
            label = f"{title.ar[0]} ({title.en})" if title else rank.title
            lines.append(f"    {rank.tenure.describe():<28} {label}")
            lines.extend(_describe_sources(rank.sources, "      "))
    if entity.roles:
        lines.append("  roles:")
        for role in sorted(entity.roles, key=lambda r: str(r.tenure.first_day() or "")):
            position = reg.entities.get(role.position)
            label = position.name.ar if position else role.position
            lines.append(f"    {role.tenure.describe():<28} {role.position}: {label}")
            lines.extend(_describe_sources(role.sources, "      "))
    for relation in entity.relations:
        target = reg.entities.get(relation.target)
        lines.append(f"  {relation.type} {relation.target}"
                     + (f" ({target.name.ar})" if target else ""))
    if entity.type == "position":
        holdings = [(p.id, r) for p in reg.entities.values() for r in p.roles
                    if r.position == entity.id]
        lines.append("  holders:" if holdings else "  holders: none recorded")
        for person_id, role in sorted(holdings, key=lambda h: str(h[1].tenure.first_day())):
            lines.append(f"    {role.tenure.describe():<28} {person_id}")
    return "\n".join(lines)


def cmd_show(args: argparse.Namespace, out: TextIO) -> int:
    reg = _registry(args)
    for entity_id in args.ids:
        entity = reg.get(entity_id)
        if args.json:
            _print_json(entity.model_dump(mode="json", exclude_defaults=True), out)
        else:
            _write(out, describe_entity(reg, entity))
    return EXIT_OK


MAX_ARTICLE_BYTES = 32 * 1024 * 1024


def read_article(name: str) -> str:
    """An input text file (or stdin for ``-``), decoded as UTF-8, or an InputError
    saying what is wrong with it."""
    return textfile.read_input(name, MAX_ARTICLE_BYTES, "text file")


def article_paths(names: list[str]) -> list[str]:
    """The files to annotate: each name as given, a folder as every ``*.txt`` under
    it (recursively, sorted). A folder with none is an error, not silence."""
    out: list[str] = []
    for name in names:
        if name != "-" and os.path.isdir(name):
            found = sorted(str(p) for p in Path(name).rglob("*.txt") if p.is_file())
            if not found:
                raise InputError(f"{name}: no *.txt files in this folder")
            out.extend(found)
        else:
            out.append(name)
    return out


def _progress(items: list[str], unit: str) -> Iterator[str]:
    """``items``, with a progress bar on stderr when stderr is a terminal (never in
    a pipe or a log file, where it would only be noise)."""
    if len(items) < 2 or not sys.stderr.isatty():
        return iter(items)
    from tqdm import tqdm

    return iter(tqdm(items, unit=unit, file=sys.stderr, leave=False))


def mention_line(m: Mention) -> str:
    """One mention for a reader: an ambiguous one lists its candidates (never one
    id), titles and a clitic read off the first word are shown apart from the span."""
    if m.status == "matched":
        ident = m.id or "?"
    elif m.candidates:
        shown = m.candidates[:4]
        more = f"|+{len(m.candidates) - 4}" if len(m.candidates) > 4 else ""
        ident = "one of " + "|".join(shown) + more
    else:
        ident = "?"
    titles = f"  [{' '.join(m.titles)}]" if m.titles else ""
    clitic = f"  (clitic {m.clitic}+)" if m.clitic else ""
    return (f"  {m.start:>6}-{m.end:<6} {m.kind:<4} {m.status:<9} {ident:<38} "
            f"{m.text}{titles}{clitic}\n")


def cmd_annotate(args: argparse.Namespace, out: TextIO) -> int:
    reg = _registry(args)
    date = _day(args.date, "--date")
    paths = article_paths(args.files or ["-"])
    for path in paths:  # fail on a missing file before printing anything
        if path != "-" and not os.path.exists(path):
            read_article(path)
    for name in _progress(paths, "file"):
        text = read_article(name)
        article = reg.annotate_article(text, date)
        mentions = article.mentions
        if args.json:  # office mentions' explanations carry the date report
            for mention in mentions:
                _print_json(mention.to_json(name), out)
            continue
        _write(out, name)
        _write(out, f"  date: {article.date_source}")
        for warning in article.warnings:
            _write(out, f"  warning: {warning}")
        for m in mentions:
            out.write(visible(mention_line(m)))
    return EXIT_OK


def cmd_annotate_corpus(args: argparse.Namespace, out: TextIO) -> int:
    from registry.io.corpus_input import Columns
    from registry.io.corpus_runner import run_corpus

    if args.jobs < 1:
        raise InputError("--jobs: expected a whole number of at least 1")
    registry_path = str(args.registry or default_path())
    stats = run_corpus(Path(args.input), Path(args.output), registry_path=registry_path,
                       jobs=args.jobs, engine=args.engine, scheduler=args.scheduler,
                       date=_day(args.date, "--date"), fmt=args.format,
                       columns=Columns(args.id_column, args.text_column, args.date_column),
                       restart=args.restart, progress=False if args.no_progress else None)
    print(f"registry: {args.output}: {stats.summary()}", file=sys.stderr)
    return EXIT_OK


# The review commands import their modules when run: ruamel.yaml and friends
# would otherwise slow every `registry resolve` start.


def cmd_validate(args: argparse.Namespace, out: TextIO) -> int:
    from registry.review.validate import github_annotation, validate_file

    problems = [problem for path in _registry_paths(args) for problem in validate_file(path)]
    if args.format == "json":
        _write(out, json.dumps([p.to_json() for p in problems], ensure_ascii=False, indent=1))
    else:
        for problem in problems:
            _write(out, github_annotation(problem) if args.format == "github" else str(problem))
    errors = sum(p.severity == "error" for p in problems)
    return EXIT_FINDINGS if errors else EXIT_OK


def cmd_fmt(args: argparse.Namespace, out: TextIO) -> int:
    from registry.review.fmt import format_file
    from registry.store.loader import registry_files

    unformatted = 0
    paths = [file for given in _registry_paths(args) for file in registry_files(given)]
    for path in paths:
        changed, diff = format_file(path, check=args.check)
        if args.check and changed:
            out.write(diff)
            print(f"registry: {path}: not formatted; run 'registry fmt {path}'",
                  file=sys.stderr)
            unformatted += 1
        elif changed:
            print(f"registry: formatted {path}", file=sys.stderr)
    return EXIT_FINDINGS if unformatted else EXIT_OK


def cmd_diff(args: argparse.Namespace, out: TextIO) -> int:
    from registry.review.diff import compare, load_version, load_version_and_checks, markdown

    head_path = args.head or args.registry or str(default_path())
    base = load_version(args.base)
    head, checks = load_version_and_checks(head_path)
    corpus = Path(args.corpus) if args.corpus else None
    tables = ([Path(args.queries)] if args.queries else []) + checks
    report = compare(base, head, corpus, tables, args.fail_on)
    if args.json:
        _print_json(report, out)
    else:
        _write(out, markdown(report))
    gate = report.get("gate")
    if gate is not None and gate["failed"]:
        what = (f"the change breaks {gate['breaks_expected']} expected answer(s)"
                if args.fail_on == "expected" else "answers change")
        print(f"registry: diff: {what} (--fail-on {args.fail_on})", file=sys.stderr)
        return EXIT_FINDINGS
    return EXIT_OK


def cmd_suggest(args: argparse.Namespace, out: TextIO) -> int:
    from registry.review.suggest import apply, snippet, suggest
    from registry.store.lock import locked

    articles = [(name, read_article(name)) for name in args.files]
    reg = _registry(args)
    if not args.apply:
        out.write(snippet(suggest(reg, articles)))
        return EXIT_OK
    if Path(reg.path).is_dir():
        raise InputError(f"{reg.path}: --apply writes a single-file registry; for a folder, "
                         "run without --apply and paste the proposals into the right file")
    # Read, propose and write under the registry's lock, re-reading the file
    # once it is held: a concurrent run's additions are kept, not overwritten.
    with locked(reg.path):
        reg = load(reg.path)
        found = suggest(reg, articles)
        errors = apply(Path(reg.path), found)
    if errors:
        for error in errors:
            _write(out, error)
        print(f"registry: {reg.path}: not changed; the proposals would not validate",
              file=sys.stderr)
        return EXIT_FINDINGS
    print(f"registry: {reg.path}: added {len(found.people)} people and "
          f"{len(found.aliases)} aliases", file=sys.stderr)
    if found.typos:
        print(f"registry: {len(found.typos)} likely typos not added (run without --apply "
              "to see them)", file=sys.stderr)
    return EXIT_OK


def cmd_build(args: argparse.Namespace, out: TextIO) -> int:
    from registry.core import compile_registry

    out.write(f"{compile_registry(args.registry, args.out)}\n")
    return EXIT_OK


def _registry_paths(args: argparse.Namespace) -> list[str]:
    """The registries a review command works on: its positional paths (kept for
    compatibility) and ``--registry``, else the default registry."""
    paths: list[str] = list(args.paths)
    from_env = os.environ.get("REGISTRY_PATH") or None
    explicit = args.registry is not None and args.registry != from_env
    if args.registry and args.registry not in paths and (explicit or not paths):
        paths.append(args.registry)
    return paths or [as_named(default_path())]


def as_named(path: Path) -> str:
    """``path`` as the user would type it: relative to the working directory when
    it is inside it (the default registry is found as an absolute path, but
    ``aliases.yaml:233:19: ...`` is what an editor or a reviewer can use)."""
    try:
        return str(path.relative_to(Path.cwd()))
    except ValueError:
        return str(path)


def cmd_new(args: argparse.Namespace, out: TextIO) -> int:
    """Print the commented template of a new entity (registry/data/templates)."""
    from importlib import resources

    template = resources.files("registry").joinpath(f"data/templates/{args.type}.yaml")
    out.write(template.read_text("utf-8"))
    return EXIT_OK


def _registry(args: argparse.Namespace) -> Registry:
    # The default registry is named as the user would (aliases.yaml, not its
    # absolute path) in every message that cites it.
    return load(args.registry if args.registry is not None else as_named(default_path()))


def _day(value: str | None, flag: str) -> When | None:
    try:
        return as_day(value)
    except InputError as exc:
        raise InputError(f"{flag}: {exc}") from None


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="registry", description="Arabic entity resolution against aliases.yaml.")
    parser.add_argument("--debug", action="store_true", help="show tracebacks on errors")
    parser.add_argument("--version", action="version", version=f"registry {__version__}")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    def add(name: str, func: Callable[[argparse.Namespace, TextIO], int],
            help_text: str) -> argparse.ArgumentParser:
        p = sub.add_parser(name, help=help_text, description=help_text)
        p.set_defaults(func=func)
        p.add_argument("--debug", action="store_true", default=argparse.SUPPRESS,
                       help="show tracebacks on errors")
        return p

    def add_registry(p: argparse.ArgumentParser) -> None:
        p.add_argument("--registry", metavar="PATH",
                       default=os.environ.get("REGISTRY_PATH") or None,
                       help="registry file or folder of YAML files (default: $REGISTRY_PATH, "
                       "./aliases.yaml, or the packaged copy)")

    p = add("resolve", cmd_resolve, "Resolve names or office phrases to registry ids.")
    add_registry(p)
    p.add_argument("--at", metavar="DATE", help="YYYY, YYYY-MM or YYYY-MM-DD: when the "
                   "name refers to (offices resolve to whoever held them then; a year or "
                   "month asks about the whole period)")
    p.add_argument("--json", action="store_true", help="one JSON object per query")
    p.add_argument("--brief", action="store_true", help="only query, status, id and score "
                   "(tab-separated, or JSON with --json): for batch pipelines")
    p.add_argument("--csv", metavar="FILE", help="resolve a column of this CSV file and "
                   "write the file with id, status, score and candidates columns added")
    p.add_argument("--column", metavar="NAME", help="the --csv column holding the names")
    p.add_argument("-o", "--output", metavar="FILE", help="with --csv: write here "
                   "(default: stdout)")
    p.add_argument("names", nargs="*", metavar="NAME",
                   help="names to resolve; none or '-' reads one per line from stdin")

    p = add("annotate", cmd_annotate,
            "Find and resolve every mention in Arabic articles, with character offsets.")
    add_registry(p)
    p.add_argument("--date", metavar="DATE", help="YYYY, YYYY-MM or YYYY-MM-DD: the "
                   "articles' date (overrides a dateline in the text); offices resolve as "
                   "of it")
    p.add_argument("--json", action="store_true", help="one JSON object per mention")
    p.add_argument("files", nargs="*", metavar="FILE", help="UTF-8 text files, or folders "
                   "(every *.txt under them); '-' is stdin. A progress bar shows on a "
                   "terminal")

    p = add("annotate-corpus", cmd_annotate_corpus,
            "Annotate a corpus (a folder of .txt, a JSON-lines or a Parquet file) into "
            "one row per mention (JSON lines or Parquet), in parallel and resumably.")
    add_registry(p)
    p.add_argument("input", metavar="INPUT", help="a folder of .txt files (recursive), a "
                   ".jsonl file with id/text/date fields, or a .parquet file")
    p.add_argument("-o", "--output", required=True, metavar="OUTPUT",
                   help="OUT.jsonl (JSON lines + OUT.jsonl.progress journal) or a folder "
                   "of Parquet parts; a re-run skips documents already written")
    p.add_argument("--format", choices=("jsonl", "parquet"),
                   help="output format (default: from OUTPUT's name: .jsonl/.ndjson or Parquet)")
    p.add_argument("--jobs", type=int, default=1, metavar="N",
                   help="worker processes (default 1); with --engine dask, local workers")
    p.add_argument("--engine", choices=("local", "dask"), default="local",
                   help="local processes (default) or a Dask cluster (needs the [dask] extra)")
    p.add_argument("--scheduler", metavar="ADDRESS|local", default=None,
                   help="with --engine dask: a scheduler address, or 'local' (default) for "
                   "a LocalCluster of --jobs workers")
    p.add_argument("--date", metavar="DATE",
                   help="YYYY, YYYY-MM or YYYY-MM-DD: the date of documents that give none "
                   "(else each article's dateline)")
    p.add_argument("--id-column", default="id", help="JSON/Parquet field of the document id")
    p.add_argument("--text-column", default="text", help="JSON/Parquet field of the text")
    p.add_argument("--date-column", default="date", help="JSON/Parquet field of the date")
    p.add_argument("--restart", action="store_true",
                   help="discard earlier output of this run and start over")
    p.add_argument("--no-progress", action="store_true", help="no progress bar on stderr")

    p = add("validate", cmd_validate, "Check registry files; one line per problem, "
            "PATH:LINE:COL: error|warning: entity-id: field: message; exit 1 on any error.")
    p.add_argument("--format", choices=("text", "github", "json"), default="text",
                   help="text (default); github: GitHub Actions annotations on the pull "
                   "request's lines; json: a list of problem objects")
    add_registry(p)
    p.add_argument("paths", nargs="*", metavar="PATH",
                   help="registry files or folders (same as --registry; default: the default "
                   "registry)")

    p = add("fmt", cmd_fmt, "Rewrite a registry file in canonical layout (comments kept, "
            "written atomically); --check only reports.")
    p.add_argument("--check", action="store_true",
                   help="exit 1 and print the diff if the file is not formatted")
    add_registry(p)
    p.add_argument("paths", nargs="*", metavar="PATH",
                   help="registry files or folders (same as --registry; default: the default "
                   "registry)")

    p = add("diff", cmd_diff, "What a registry change does: entities changed, and every "
            "corpus mention and query whose answer changes (Markdown or --json).")
    p.add_argument("base", metavar="BASE", help="a file, or a git revision (REV or REV:path)")
    p.add_argument("head", metavar="HEAD", nargs="?",
                   help="a file, or a git revision (default: --registry, else the default "
                   "registry)")
    add_registry(p)
    p.add_argument("--corpus", default="seeds" if Path("seeds").is_dir() else None,
                   metavar="DIR", help="articles to annotate with both (default: ./seeds)")
    p.add_argument("--queries", default="tests/queries.tsv"
                   if Path("tests/queries.tsv").is_file() else None, metavar="TSV",
                   help="query table to resolve with both (default: ./tests/queries.tsv; "
                   "'' for none); tables the registry lists under checks: are added")
    p.add_argument("--fail-on", choices=("expected", "any"), default=None,
                   help="exit 1 when an answer the query tables mark expected changes "
                   "(expected), or when any answer changes (any)")
    p.add_argument("--json", action="store_true", help="the report as JSON")

    p = add("suggest", cmd_suggest, "Propose registry entries from articles: unknown titled "
            "names and typo spellings, with their source quotes; a one-letter slip of a known "
            "name is reported as a likely typo, never added.")
    add_registry(p)
    p.add_argument("--apply", action="store_true",
                   help="add the proposals to the registry (validated, formatted, atomic)")
    p.add_argument("files", nargs="+", metavar="FILE", help="UTF-8 articles; '-' is stdin")

    p = add("build", cmd_build, "Compile the registry into a store file that opens in "
            "milliseconds (any command does it on first use, into the cache; prints its path).")
    add_registry(p)
    p.add_argument("--out", metavar="FILE.store", help="write the store here (a file to "
                   "copy or ship to workers; open it with --registry FILE.store) instead "
                   "of the cache folder")

    p = add("new", cmd_new, "Print a commented template for a new entity, to paste under "
            "entities: (each field says where to look its value up).")
    p.add_argument("type", choices=list(ENTITY_TYPES),  # one template per type
                   help="the type of entity to start")

    p = add("show", cmd_show, "Print entities with their role timeline.")
    add_registry(p)
    p.add_argument("--json", action="store_true", help="the entity as JSON")
    ids = p.add_argument("ids", nargs="+", metavar="ID", help="entity ids (see registry list)")
    ids.completer = _complete_ids  # type: ignore[attr-defined]

    p = add("list", cmd_list, "List the registry's entities: id, type and names.")
    add_registry(p)
    p.add_argument("--type", action="append", choices=ENTITY_TYPES,
                   help="only this type (repeatable)")
    p.add_argument("--json", action="store_true", help="one JSON object per entity")

    p = add("export", cmd_export, "Export the registry: JSON lines (every field, name "
            "forms, role timeline), CSV (one row per entity; roles with --roles) or "
            "FollowTheMoney entities.")
    add_registry(p)
    p.add_argument("--format", required=True, choices=("jsonl", "csv", "ftm"),
                   help="jsonl: one entity per line; csv: one row per entity; ftm: "
                   "FollowTheMoney entities (needs the [ftm] extra)")
    p.add_argument("--type", action="append", choices=ENTITY_TYPES,
                   help="only this type (repeatable)")
    p.add_argument("-o", "--output", metavar="FILE", help="write here (default: stdout)")
    p.add_argument("--roles", metavar="FILE",
                   help="with --format csv: also write the roles, one row per tenure")

    p = add("serve", cmd_serve, "Serve the registry as a W3C Reconciliation API 0.2 "
            "service (OpenRefine); needs the [serve] extra.")
    add_registry(p)
    p.add_argument("--host", default="127.0.0.1", help="address to listen on "
                   "(default 127.0.0.1: this machine only)")
    p.add_argument("--port", type=_port, default=8765, help="port (default 8765)")
    p.add_argument("--public-url", metavar="URL", help="the address clients use, if not "
                   "http://HOST:PORT (behind a proxy)")
    return parser


def _complete_ids(prefix: str, parsed_args: argparse.Namespace, **_: Any) -> list[str]:
    """Entity ids for shell completion of ``show``."""
    try:
        reg = load(getattr(parsed_args, "registry", None))
    except RegistryError:
        return []
    return [i for i in reg.entities if i.startswith(prefix)]


# Arguments naming a file or folder, by the name the help gives them.
_PATH_ARGS = {"registry": "--registry", "paths": "PATH", "files": "FILE", "csv": "--csv",
              "output": "-o/--output", "out": "--out", "roles": "--roles", "base": "BASE",
              "head": "HEAD", "input": "INPUT"}


# Arguments that are text, not file names: names, ids, dates, column names.
_TEXT_ARGS = ("names", "ids", "column", "at", "date", "id_column", "text_column",
              "date_column")


def _argv_as_utf8(args: argparse.Namespace) -> None:
    """Text arguments decoded as UTF-8 whatever the locale. Under LC_ALL=C (with
    Python's UTF-8 mode off) the arguments are decoded as ASCII, each Arabic
    byte kept as a lone surrogate: ``resolve "خالد حفتر"`` answered "unknown"
    for a query shown as ????. File names stay as Python decoded them: the
    operating system takes them back in that form."""
    for name in _TEXT_ARGS:
        value = getattr(args, name, None)
        if isinstance(value, str):
            setattr(args, name, _utf8(value))
        elif isinstance(value, list):
            setattr(args, name, [_utf8(v) if isinstance(v, str) else v for v in value])


def _utf8(text: str) -> str:
    if not any("\udc80" <= c <= "\udcff" for c in text):
        return text
    try:
        return os.fsencode(text).decode("utf-8")
    except (UnicodeError, ValueError):
        return text  # not UTF-8 either: the resolver answers such text unknown


def _refuse_empty_paths(args: argparse.Namespace) -> None:
    """An empty path (``--registry ""``, a shell variable that was never set) is
    an error. Read as ``Path("")`` it is the working directory, and taken as
    "not given" it silently meant the default registry or stdout: either way
    the command ran on something the user did not name. (``--queries ''`` and
    ``--corpus ''`` mean "none" and are not paths here.)"""
    for name, flag in _PATH_ARGS.items():
        value = getattr(args, name, None)
        if value == "" or (isinstance(value, list) and "" in value):
            raise InputError(f"{flag}: an empty path; name a file or folder")


def _standard_streams() -> bool:
    """Make the standard streams safe to use; False when stdout is closed.

    A stream the shell closed (``<&-``, ``2>&-``) is None in Python: reading
    stdin then raised AttributeError (a traceback), and ``print(file=
    sys.stderr)`` with stderr None writes to stdout, so an error message went
    into the output a pipeline reads as data. A closed stdin reads as empty
    (as /dev/null does) and a closed stderr discards; a closed stdout is an
    error (the answers would be lost), said on stderr."""
    if sys.stdin is None:
        sys.stdin = open(os.devnull, encoding="utf-8")  # noqa: SIM115 - lives as long as the run
    if sys.stderr is None:
        sys.stderr = open(os.devnull, "w", encoding="utf-8")  # noqa: SIM115
    for stream in (sys.stdout, sys.stderr):
        if hasattr(stream, "reconfigure"):
            stream.reconfigure(encoding="utf-8", errors="replace")
    if hasattr(sys.stdin, "reconfigure"):
        sys.stdin.reconfigure(encoding="utf-8", errors="strict")
    return sys.stdout is not None


def _discard_stdout() -> None:
    """Point stdout at /dev/null, so the interpreter's last flush of what is still
    buffered neither fails again nor prints "Exception ignored"."""
    with contextlib.suppress(OSError, ValueError, AttributeError):
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())


class _Terminated(KeyboardInterrupt):
    """SIGTERM (``kill``, a CI job's timeout), raised where the program is, as
    SIGINT raises KeyboardInterrupt."""


def _on_terminate(signum: int, frame: object) -> None:
    """Stop as Ctrl-C does, so the code that cleans up runs (a store being
    built is removed, a registry's write lock and its ``.NAME.lock`` file are
    let go); by default SIGTERM ended the process on the spot and left the lock
    file in the user's folder. A forked worker (annotate-corpus --jobs, which
    its pool ends with SIGTERM) dies as it did before."""
    if os.getpid() != _MAIN_PID:
        signal.signal(signal.SIGTERM, signal.SIG_DFL)
        os.kill(os.getpid(), signal.SIGTERM)
        return
    raise _Terminated


_MAIN_PID = os.getpid()


def main(argv: list[str] | None = None) -> int:
    global _MAIN_PID
    _MAIN_PID = os.getpid()
    if signal.getsignal(signal.SIGTERM) == signal.SIG_DFL:
        signal.signal(signal.SIGTERM, _on_terminate)
    stdout_open = _standard_streams()
    parser = build_parser()
    if "_ARGCOMPLETE" in os.environ:  # the shell is asking for completions
        import argcomplete

        argcomplete.autocomplete(parser)
    args = parser.parse_args(argv)
    try:
        _refuse_empty_paths(args)
        _argv_as_utf8(args)
        if not stdout_open:
            raise InputError("stdout is closed: the output has nowhere to go (redirect it "
                             "to a file, or to /dev/null to discard it)")
        code = int(args.func(args, sys.stdout))
        sys.stdout.flush()  # a full disk fails here, not in the interpreter's exit
        return code
    except RegistryError as exc:
        if getattr(args, "debug", False):
            traceback.print_exc()
        print(visible(f"registry: {exc}"), file=sys.stderr)
        return exc.exit_code
    except _Terminated:
        print("registry: terminated", file=sys.stderr)
        return EXIT_TERMINATED
    except KeyboardInterrupt:
        print("registry: interrupted", file=sys.stderr)
        return EXIT_INTERRUPTED
    except BrokenPipeError:
        # The reader went away (| head): not an error of ours.
        _discard_stdout()
        return EXIT_OK
    except OSError as exc:
        # Every file a command reads or writes by name reports its own errors;
        # what is left is the output itself (stdout on a full disk: ENOSPC).
        if getattr(args, "debug", False):
            traceback.print_exc()
        where = exc.filename or "cannot write the output"
        print(visible(f"registry: {where}: {exc.strerror or exc}"), file=sys.stderr)
        _discard_stdout()
        return EXIT_USAGE
