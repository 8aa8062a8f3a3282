"""Who is mentioned in an article: mention finding with offsets and document context.

Builds on ``match`` for each candidate span; never resolves a name on its own.
"""

from registry.text.annotate import Annotator, Mention

__all__ = ["Annotator", "Mention"]
