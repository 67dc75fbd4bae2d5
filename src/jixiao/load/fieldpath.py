"""A field's place in a content file, said the way an editor reads the form.

Owns turning a schema path such as ``tables.0.groups.0.indicators.3.score`` into
``第 1 张指标表 › 第 1 组 › 第 4 个指标 › score（得分）``: list positions counted from 1 and named by what the
list holds, the last key kept as written in the file (so it can be found there) with its Chinese name.
"""

from __future__ import annotations

from collections.abc import Sequence

#: list key -> how one of its items is counted
_ITEMS = {
    "tables": "第 {n} 张指标表", "groups": "第 {n} 组", "indicators": "第 {n} 个指标", "rows": "第 {n} 行",
    "grades": "第 {n} 个等级", "responsibilities": "第 {n} 条职责", "blocks": "第 {n} 块", "goals": "第 {n} 个目标",
    "parts": "第 {n} 部分", "unplaced": "第 {n} 段未归类内容", "internal_units": "第 {n} 个内设机构",
    "subordinate_units": "第 {n} 个下属单位",
}

#: key -> its Chinese name (the form's wording)
NAMES = {
    "actual": "业绩值", "adjusted_budget": "全年预算数", "assets": "资产情况", "balance_distribution": "结余分配",
    "base_url": "网址", "basic": "基本情况", "budget": "预算数", "budget_fiscal": "其中：财政拨款",
    "claimed": "总体结果", "closing_balance": "年末结转和结余", "code": "单位编码", "completion": "完成情况",
    "contact": "联系方式", "description": "说明", "deviation_reason": "偏差原因", "direction": "指标方向",
    "execution": "预算执行情况", "expenditure": "本年支出", "explanation": "指标解释", "function": "职能名称",
    "funds": "资金使用情况表", "grade": "等级", "host": "主办单位", "icp": "ICP 备案号", "income": "本年收入",
    "intro": "表前说明", "kind": "类型", "label": "名称", "minimum": "最低分", "name": "名称",
    "non_fiscal_balance_used": "使用非财政拨款结余", "opening_balance": "年初结转和结余", "organization": "组织架构",
    "parent": "主管部门", "points": "分值", "publisher": "发布机关", "rate": "执行率", "region": "地区",
    "score": "得分", "scored_execution": "预算执行率（计分）", "site_code": "网站标识码", "spent": "执行数",
    "spent_fiscal": "其中：财政拨款", "staffing": "人员构成", "standard": "评分标准", "status": "状态",
    "target": "目标值", "task": "政策或重点任务", "text": "文字", "title": "标题", "total": "合计",
    "unit": "单位", "weight": "权重", "year": "年度",
}


def field_label(path: Sequence[str | int]) -> str:
    """``path`` for an editor, its steps joined by `` › ``; ``（顶层）`` for the file itself."""
    steps: list[str] = []
    for n, part in enumerate(path):
        last = n == len(path) - 1
        if isinstance(part, int):
            parent = path[n - 1] if n else ""
            steps.append(_ITEMS.get(str(parent), "第 {n} 项").format(n=part + 1))
        elif last:
            name = NAMES.get(part)
            steps.append(f"{part}（{name}）" if name else part)
        elif not isinstance(path[n + 1], int):  # a list key is named by its items ("第 2 行")
            steps.append(NAMES.get(part, part))
    return " › ".join(steps) or "（顶层）"
