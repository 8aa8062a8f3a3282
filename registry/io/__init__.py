"""Doors to other tools: exports, the reconciliation service and the corpus runner.

The top layer beside ``cli``: nothing else in the package imports from here.
"""

from registry.io.corpus import Document, annotate_batch, worker_registry

__all__ = ["Document", "annotate_batch", "worker_registry"]
