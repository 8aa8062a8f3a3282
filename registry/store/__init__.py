"""Getting a registry on and off disk: safe file reading, loading, cache, atomic writes.

Reads are bounded and report problems as file:line:col; writes never leave half a file.
"""

from registry.store.atomic import write_atomic
from registry.store.loader import LoadedFile, Problem, load_file
from registry.store.lock import locked
from registry.store.references import reference_problems

__all__ = ["LoadedFile", "Problem", "load_file", "locked", "reference_problems", "write_atomic"]
