"""The form of a name: normalisation, language data and the title vocabulary.

Everything here works on strings alone; it knows nothing of any registry's people.
"""

from registry.names.language import language
from registry.names.normalize import (
    NormalizedText,
    Token,
    name_key,
    name_tokens,
    normalize_text,
    tokenize,
)
from registry.names.titles import FoundTitle, TitleVocabulary

__all__ = [
    "FoundTitle",
    "NormalizedText",
    "TitleVocabulary",
    "Token",
    "language",
    "name_key",
    "name_tokens",
    "normalize_text",
    "tokenize",
]
