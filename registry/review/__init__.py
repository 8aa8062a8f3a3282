"""The pull-request tools: validate, fmt, diff and suggest.

They read and write the YAML as reviewers see it; answers come from ``Registry``.
"""
