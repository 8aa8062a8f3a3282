"""What a registry is: the schema of its entries, and partial dates and tenures.

The bottom layer: it imports nothing else from the package.
"""

from registry.model.dates import PartialDate, Tenure, When, parse_day, parse_when
from registry.model.schema import Entity, RegistryFile, Title

__all__ = ["Entity", "PartialDate", "RegistryFile", "Tenure", "Title", "When", "parse_day",
           "parse_when"]
