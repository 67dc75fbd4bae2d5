"""Audit checks: each takes a report (and what was computed from it) and yields coded findings.

``weights`` (weights per table and overall), ``arithmetic`` (funds table, budget identity, staffing,
unit counts, execution rates) and ``claims`` (printed row scores, subtotals, total and grade against
the computed ones). Standard library only.
"""
