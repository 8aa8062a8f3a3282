"""Doors to other tools: exports, the reconciliation service and the corpus runner.

The top layer beside ``cli``: nothing else in the package imports from here.
"""
