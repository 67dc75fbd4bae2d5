"""Weight checks: every weight positive, each table's weights equal its printed points, all add up.

The expected overall sum is the policy's ``total_weight`` (100 unless a site overrides it); a scored
预算执行率 row counts towards it. A form without a weight column (only 得分, points on its headers) has
no weights to add up. Standard library only.
"""

from __future__ import annotations

from jixiao.domain.issues import Finding, finding
from jixiao.domain.model import Report
from jixiao.domain.policy import Policy
from jixiao.domain.scoring import ZERO, show, total


def check_weights(report: Report, policy: Policy) -> list[Finding]:
    found: list[Finding] = []
    for table in report.tables:
        weights = [i.weight for i in table.indicators() if i.weight is not None]
        found += [finding("JX-C003", i.at("weight"), name=i.name, weight=show(i.weight))
                  for i in table.indicators() if i.weight is not None and i.weight <= ZERO]
        summed = total(weights)
        if weights and table.points is not None and summed != table.points:
            found.append(finding("JX-C002", table.at("points"), table=table.level1 or table.title,
                                 total=show(summed), points=show(table.points)))
    weights = [i.weight for i in report.indicators() if i.weight is not None]
    if not weights:  # a form without a weight column: its header points are checked in ``points``
        return found
    if report.scored_execution is not None and report.scored_execution.weight is not None:
        weights.append(report.scored_execution.weight)
    summed = total(weights)
    if summed != policy.total_weight:
        found.append(finding("JX-C001", report.at("tables"), total=show(summed),
                             expected=show(policy.total_weight)))
    return found
