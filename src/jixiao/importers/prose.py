"""Facts printed in the reports' prose: counts, amounts, the claimed total and grade, names.

Owns the phrasings recognised in the paragraphs of sections 一–三 (``内设职能部门个数12个``,
``本年收入3689.06万元``, ``总得分93.98分，属于"优秀"``, ``下设办公室、组织部…共12个部室``) and
the parsing of number text found in cells (full-width digits, thousands separators and a trailing
unit are tolerated; the result is plain decimal text, never a float).
"""

from __future__ import annotations

import re
import unicodedata

NUMBER = r"(\d+(?:\.\d+)?)"
_PLAIN_NUMBER = re.compile(r"^[+-]?\d+(?:\.\d+)?$")
_CELL_UNITS = ("万元", "亿元", "元", "万", "分", "个", "人")

STAFFING: tuple[tuple[str, str], ...] = (
    ("internal_unit_count", r"内设(?:职能)?(?:部门|机构|科室)(?:个数|数)?(?:为|共)?" + NUMBER + r"个"),
    ("subordinate_unit_count", r"下属(?:预算)?单位(?:个数|数)?(?:为|共)?" + NUMBER + r"个"),
    ("authorized", r"(?:核定的?人员编制|编制人数|核定编制)(?:为|共)?" + NUMBER + r"(?:人|名)"),
    ("actual", r"实际在职(?:人员|人数)?(?:为|共)?" + NUMBER + r"(?:人|名)"),
    ("on_establishment", r"在编(?:人员|人数)?(?:为|共)?" + NUMBER + r"(?:人|名)"),
    ("other", r"其他(?:人员|人数)(?:为|共)?" + NUMBER + r"(?:人|名)"),
)

EXECUTION: tuple[tuple[str, str], ...] = (
    ("opening_balance", r"年初结转(?:和|及)?结余(?:资金)?(?:为|共)?" + NUMBER + r"万元"),
    ("income", r"本年收入(?:合计)?(?:为|共)?" + NUMBER + r"万元"),
    ("expenditure", r"本年支出(?:合计)?(?:为|共)?" + NUMBER + r"万元"),
    ("non_fiscal_balance_used", r"使用非财政拨款结余(?:为|共)?" + NUMBER + r"万元"),
    ("balance_distribution", r"结余分配(?:为|共)?" + NUMBER + r"万元"),
    ("closing_balance", r"年末结转(?:和|及)?结余(?:资金)?(?:为|共)?" + NUMBER + r"万元"),
)

_ASSETS = re.compile(r"资产(?:总额|总计|合计)?(?:为|共|：|:)?\s*" + NUMBER + r"\s*万元")
_TOTAL = (
    re.compile(r"总得分(?:为|是|：|:)?\s*" + NUMBER + r"\s*分"),
    re.compile(r"(?:自评|评价)?总分(?:为|是|：|:)?\s*" + NUMBER + r"\s*分"),
    re.compile(r"自评得分(?:为|是|：|:)?\s*" + NUMBER + r"\s*分"),
    re.compile(r"得分(?:为|是|：|:)\s*" + NUMBER + r"\s*分"),
)
GRADES = ("优秀", "良好", "合格", "中等", "中", "一般", "不合格", "较差", "差")
_GRADE_WORD = "|".join(GRADES)
_GRADE = (
    re.compile(r"[“\"「『‘']\s*(" + _GRADE_WORD + r")\s*[”\"」』’']"),
    re.compile(r"(?:属于|等级为|等级：|等级:|评价等级为?|评定为|评为|结果为)\s*(" + _GRADE_WORD + r")"),
)
_UNIT_LIST = re.compile(r"(?:下设|内设)(?:机构|部门|科室)?(?:有|为|：|:)?(.+?)(?:共计?\s*\d+\s*个|等\s*\d*\s*个|。|$)")
_DEPT_BEFORE = re.compile(r"^\s*([^\s，。、:：]{2,40}?)(?:（[^）]*）|\([^)]*\))?(?:下设|内设|核定|是|为)")


def number(text: str) -> str | None:
    """Plain decimal text from a cell or phrase (``３分`` -> ``3``, ``1,234.5`` -> ``1234.5``)."""
    value = unicodedata.normalize("NFKC", text).strip().replace(" ", "")
    value = re.sub(r"(?<=\d),(?=\d{3})", "", value)
    for unit in _CELL_UNITS:
        if value.endswith(unit) and len(value) > len(unit):
            value = value[: -len(unit)]
            break
    return value if _PLAIN_NUMBER.fullmatch(value) else None


def _facts(text: str, patterns: tuple[tuple[str, str], ...]) -> dict[str, str]:
    plain = unicodedata.normalize("NFKC", text).replace(" ", "")
    out: dict[str, str] = {}
    for key, pattern in patterns:
        match = re.search(pattern, plain)
        if match:
            out[key] = match.group(1)
    return out


def staffing(text: str) -> dict[str, str]:
    """Counts named in a 人员构成 paragraph, as integer text."""
    return {k: v for k, v in _facts(text, STAFFING).items() if v.isdigit()}


def execution(text: str) -> dict[str, str]:
    """The budget identity's terms named in a 预算管理及执行情况分析 paragraph, in 万元."""
    return _facts(text, EXECUTION)


def assets_total(text: str) -> str | None:
    match = _ASSETS.search(unicodedata.normalize("NFKC", text))
    return match.group(1) if match else None


def claimed_total(text: str) -> str | None:
    plain = unicodedata.normalize("NFKC", text)
    for pattern in _TOTAL:
        match = pattern.search(plain)
        if match:
            return match.group(1)
    return None


def claimed_grade(text: str) -> str | None:
    for pattern in _GRADE:
        match = pattern.search(text)
        if match:
            return match.group(1)
    return None


def split_units(text: str) -> list[str]:
    """Names separated by 、，, or ; but never inside brackets (``审计科（…办公室）`` stays whole)."""
    names: list[str] = []
    depth = 0
    current = ""
    for char in text:
        if char in "（(【[":
            depth += 1
        elif char in "）)】]":
            depth = max(0, depth - 1)
        if depth == 0 and char in "、，,;；":
            names.append(current)
            current = ""
        else:
            current += char
    names.append(current)
    return [n.strip().rstrip("。") for n in names if n.strip().rstrip("。")]


def internal_units(text: str) -> list[str]:
    """Units listed after 下设/内设 in a 组织架构 paragraph."""
    match = _UNIT_LIST.search(text)
    return split_units(match.group(1)) if match else []


def department_name(text: str) -> str | None:
    """The department named at the start of a sentence such as ``大同市总工会下设办公室…``."""
    match = _DEPT_BEFORE.search(text)
    if not match:
        return None
    name = match.group(1)
    return name if re.search(r"(?:会|局|委|院|办|厅|部|中心|处|所|站|馆|队|社|室|组|府|团|署|校)$", name) else None
