"""The exceptions the library raises, under one base class.

Each carries a one-line message a person can act on; the CLI prints exactly
that line (no traceback) and exits with the code named on the class.
"""

from __future__ import annotations


class RegistryError(Exception):
    """Base of every error this package raises on purpose."""

    exit_code = 2

    def __init__(self, message: str) -> None:
        message = " ".join(message.split())  # always one line, whatever a library said
        super().__init__(message)
        self.message = message

    def __str__(self) -> str:
        return self.message


class InputError(RegistryError):
    """A command-line argument or input file is unusable (bad date, unreadable file)."""

    exit_code = 2


class RegistryFileError(RegistryError):
    """aliases.yaml (or another registry file) cannot be loaded: ``file:line: message``."""

    exit_code = 3

    def __init__(self, path: str, line: int | None, message: str, column: int | None = None):
        where = str(path)
        if line is not None:
            where += f":{line}"
            if column is not None:
                where += f":{column}"
        super().__init__(f"{where}: {message}")
        self.path = str(path)
        self.line = line
        self.column = column
        self.detail = message


class UnknownEntityError(RegistryError):
    """``show`` or ``get`` was asked for an id the registry does not have."""

    exit_code = 4
