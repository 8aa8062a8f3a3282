"""A registry's files: which they are and their bytes, with one-line errors.

Kept apart from ``loader`` (which validates with pydantic) because every run
needs it: the compiled store is found by the files' names and contents before
anything is parsed, and that step must not import the schema.
"""

from __future__ import annotations

import os
from pathlib import Path

from registry.errors import RegistryFileError
from registry.store import textfile

# A hostile or broken file must not exhaust memory.
MAX_FILE_BYTES = 512 * 1024 * 1024
KIND = "registry file"


def _registry_error(path: Path) -> textfile.ErrorFactory:
    return lambda line, message: RegistryFileError(str(path), line, message)


def read_text(path: Path) -> str:
    """The file's text, or a RegistryFileError naming what is wrong with it."""
    return decode(path, read_bytes(path))


def read_bytes(path: Path) -> bytes:
    """The file's bytes, or a RegistryFileError (missing, a folder, too large)."""
    return textfile.read_bytes(str(path), MAX_FILE_BYTES, _registry_error(path), KIND)


def decode(path: Path, data: bytes) -> str:
    """UTF-8 text of a registry file's bytes; NUL bytes and bad UTF-8 are errors."""
    return textfile.decode_utf8(data, _registry_error(path), KIND)


# A registry is one YAML file, or a folder of them (one per country or
# organisation, say): every *.yaml / *.yml below it, hidden ones skipped, in
# sorted order so ids, answers and the compiled store's key never depend on the
# order the file system lists them in.
SUFFIXES = (".yaml", ".yml")


def registry_files(path: str | os.PathLike[str]) -> list[Path]:
    """The YAML files a registry path stands for: itself, or a folder's files."""
    root = Path(path)
    if not root.is_dir():
        return [root]
    files = sorted(p for p in root.rglob("*") if p.suffix in SUFFIXES and p.is_file()
                   and not any(part.startswith(".") for part in p.relative_to(root).parts))
    if not files:
        raise RegistryFileError(str(root), None, "a registry folder with no .yaml files")
    return files


def read_sources(path: str | os.PathLike[str]) -> list[tuple[Path, bytes]]:
    """Each file of a registry with its bytes (errors name the file)."""
    return [(file, read_bytes(file)) for file in registry_files(path)]
