"""Who a name is: the name index, the role timeline and the resolver's decision.

Takes one query string (and a date) to matched, ambiguous or unknown, with reasons.
"""

from registry.match.index import NameForm, NameIndex
from registry.match.memo import AnswerMemo
from registry.match.resolver import Candidate, Resolution, Resolver
from registry.match.timeline import Timeline

__all__ = ["AnswerMemo", "Candidate", "NameForm", "NameIndex", "Resolution", "Resolver", "Timeline"]
