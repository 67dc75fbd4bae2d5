"""A synthetic ``content/`` tree of N valid, varied reports, reproducible from a seed.

Owns the generation of reports shaped like the reference (大同市总工会 2021): the basic-information
section, a funds table whose 金额合计 adds up, the budget identity, 30-45 indicators across the three
tables with weights summing to 100 and targets in the reference's forms, about 3,000 Chinese
characters of prose, and a few deliberately wrong printed scores (listed in ``Generated.planted``) so
the audit has findings. The same seed gives a byte-identical tree.

    python -m benchmarks.corpus --reports 1000 --out /tmp/corpus --seed 1
"""

from __future__ import annotations

import argparse
import json
import math
import random
import sys
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from benchmarks import vocab
from benchmarks.prose import Prose

LAST_YEAR = 2023
GRADES = ((Decimal(90), "优秀"), (Decimal(80), "良好"), (Decimal(60), "中"), (Decimal(0), "差"))
INTROS = {
    "output": "从数量、质量、时效、成本四个方面归纳反映年度主要计划任务完成情况综合分析产出指标。",
    "effect": "从社会效益、经济效益（如有）、生态效益（如有）、可持续影响四个方面反映部门（单位）履职效果的实现情况综合分析效果指标。",
    "satisfaction": "从单位工作人员或社会公众对单位履职情况的满意度方面进行综合分析。",
}
SITE_YAML = """\
# 合成语料（benchmarks/corpus.py 生成），用于性能测试；内容虚构。
title: 部门整体支出预算绩效自评报告公开平台
publisher: 山西省财政厅
region: 山西省
base_url: ""
description: 各部门（单位）整体支出预算绩效自评报告的公开、检索与数据下载（性能测试用合成数据）。
scoring:
  preset: datong-2021
grades:
  - label: 优秀
    minimum: 90
  - label: 良好
    minimum: 80
  - label: 中
    minimum: 60
  - label: 差
    minimum: 0
show_audit: true
"""


@dataclass(frozen=True, slots=True)
class Planted:
    """A deliberate error: what the report prints versus what its own figures give."""

    file: str  # path relative to the content root
    kind: str  # "indicator-score" or "claimed-total"
    indicator: str  # indicator name ("" for the total)
    printed: str
    computed: str


@dataclass(frozen=True, slots=True)
class Generated:
    root: Path
    reports: int
    departments: int
    planted: tuple[Planted, ...]


@dataclass(slots=True)
class Row:
    name: str
    weight: int
    target: str
    actual: str
    score: Decimal
    printed: Decimal
    reason: str = ""


def num(value: Decimal) -> str:
    """Plain decimal text without exponent or trailing zeros: 3, 0.8, 1136.92."""
    text = format(value, "f")
    return text.rstrip("0").rstrip(".") if "." in text else text


def q(text: str) -> str:
    """A YAML double-quoted scalar (JSON string syntax is valid YAML)."""
    return json.dumps(text, ensure_ascii=False)


def money(rng: random.Random, low: float, high: float) -> Decimal:
    return Decimal(round(rng.uniform(low, high) * 100)) / 100


def proportional(weight: int, pct: int) -> Decimal:
    return Decimal(weight) * Decimal(pct) / 100


class ReportMaker:
    """One report's content from its own random stream."""

    def __init__(self, rng: random.Random, place: str, bureau: vocab.Bureau, year: int) -> None:
        self.rng = rng
        self.place = place
        self.bureau = bureau
        self.year = year
        self.dept = place + bureau.name
        self.prose = Prose(rng, self.dept, place, bureau, year)
        self.partial = rng.choice((0.08, 0.12, 0.2, 0.3, 0.45))  # share of indicators not fully met
        self.low = rng.choice((60, 75, 85))  # lowest percentage an unmet indicator reaches

    def pct(self) -> int:
        return self.rng.randint(self.low, 99) if self.rng.random() < self.partial else 100

    # --- indicators -------------------------------------------------------------------------

    def qualitative(self, name: str, word: str, weight: int) -> Row:
        p = self.pct()
        return Row(name, weight, word, f"{p}%", proportional(weight, p), Decimal(0))

    def percent_equal(self, name: str, weight: int) -> Row:
        p = self.pct()
        return Row(name, weight, "=100%", f"{p}%", proportional(weight, p), Decimal(0))

    def at_least_percent(self, name: str, weight: int) -> Row:
        t = self.rng.choice((80, 85, 90, 95))
        return Row(name, weight, f">={t}%", f"{self.rng.randint(t, 100)}%", Decimal(weight), Decimal(0))

    def count(self, name: str, unit: str, weight: int) -> Row:
        n = self.rng.choice((1, 2, 3, 4, 5, 6, 8, 10, 12, 20, 30, 50, 100, 120, 200, 299, 500, 900, 1500, 3000))
        if n <= 12 and self.rng.random() < 0.5:
            return Row(name, weight, f"={n}{unit}", f"{n}{unit}", Decimal(weight), Decimal(0))
        return Row(name, weight, f">={n}{unit}", f"{n + self.rng.randint(0, n // 5)}{unit}", Decimal(weight), Decimal(0))

    def quantity(self, k: int, weights: list[int]) -> list[Row]:
        b = self.bureau
        names = list(vocab.GENERIC_QUANTITY)
        names += [m.format(task=t, served=b.served) for t in b.tasks for m in vocab.QUANTITY_METRICS]
        rows: list[Row] = []
        for name, w in zip(self.rng.sample(names, k), weights, strict=True):
            if name.endswith(("率", "情况")):
                rows.append(self.percent_equal(name, w))
            elif name.endswith("人数"):
                rows.append(self.count(name, "人", w))
            elif name.endswith("次数"):
                rows.append(self.count(name, "次", w))
            elif name.endswith("条数"):
                rows.append(self.count(name, "条", w))
            elif name.endswith("报告数量"):
                rows.append(self.count(name, "篇", w))
            elif "惠及" in name:
                rows.append(self.count(name, "人次", w))
            else:
                rows.append(self.count(name, self.rng.choice(b.units), w))
        return rows

    def quality(self, k: int, weights: list[int]) -> list[Row]:
        pool: list[tuple[str, str]] = [*vocab.QUALITY_QUALITATIVE, *((n, "=100%") for n in vocab.QUALITY_PERCENT)]
        pool += [(f"{t}资金使用合规性", "合规") for t in self.bureau.tasks[:2]]
        pool.append(("预算调整率", "<=5%"))
        rows: list[Row] = []
        for (name, target), w in zip(self.rng.sample(pool, k), weights, strict=True):
            if target == "=100%":
                rows.append(self.percent_equal(name, w))
            elif target.startswith("<="):
                rows.append(Row(name, w, target, f"{self.rng.randint(0, 5)}%", Decimal(w), Decimal(0)))
            else:
                rows.append(self.qualitative(name, target, w))
        return rows

    def timeliness(self, k: int, weights: list[int]) -> list[Row]:
        pool = [(m.format(task=t), "") for t in self.bureau.tasks for m in vocab.TIME_METRICS]
        pool += list(vocab.TIMELINESS_TEXT)
        rows: list[Row] = []
        for (name, word), w in zip(self.rng.sample(pool, k), weights, strict=True):
            if word:
                rows.append(Row(name, w, word, "100%", Decimal(w), Decimal(0)))
            else:
                start = self.rng.choice((1, 1, 1, 3, 4, 6, 9, 10))
                period = f"{start}-12月" if self.rng.random() < 0.7 else f"{start}-{self.rng.randint(start + 1, 12)}月"
                rows.append(Row(name, w, period, period, Decimal(w), Decimal(0)))
        return rows

    def cost(self, k: int, weights: list[int]) -> list[Row]:
        names = ["项目支出成本", "基本支出成本", *(f"{t}成本" for t in self.bureau.tasks)]
        rows: list[Row] = []
        for name, w in zip([*names[:2], *self.rng.sample(names[2:], k - 2)], weights, strict=True):
            cap = money(self.rng, 20, 2000)
            suffix = self.rng.choice(("万", "万元"))
            over = self.rng.random() < self.partial / 2
            actual = cap + money(self.rng, 1, 100) if over else cap - money(self.rng, 0, float(cap) * 0.1)
            rows.append(Row(name, w, f"<={num(cap)}{suffix}", f"{num(actual)}{suffix}",
                            Decimal(0) if over else Decimal(w), Decimal(0)))
        return rows

    def effect(self, names: list[str], weights: list[int]) -> list[Row]:
        rows: list[Row] = []
        for name, w in zip(names, weights, strict=True):
            if name.endswith(("知晓率", "知晓度")):
                rows.append(self.at_least_percent(name, w))
            else:
                rows.append(self.qualitative(name, self.rng.choice(vocab.EFFECT_VERBS), w))
        return rows

    def weights(self, total: int, k: int) -> list[int]:
        w = [1] * k
        for _ in range(total - k):
            w[self.rng.randrange(k)] += 1
        return w

    def tables(self) -> list[tuple[str, str, str, list[tuple[str, list[Row]]]]]:
        rng = self.rng
        n = rng.randint(30, 45)
        n_sat = rng.choice((2, 2, 3))
        n_eff = rng.randint(5, 8)
        n_out = n - n_sat - n_eff
        w_out = rng.choice((40, 50, 50, 60)) if n_out <= 40 else 50
        n_cost, n_time = rng.randint(2, 3), rng.randint(3, 5)
        n_qty = (n_out - n_cost - n_time) // 2
        n_qual = n_out - n_cost - n_time - n_qty
        w = self.weights(w_out, n_out)
        output = [
            ("数量", self.quantity(n_qty, w[:n_qty])),
            ("质量", self.quality(n_qual, w[n_qty:n_qty + n_qual])),
            ("时效", self.timeliness(n_time, w[n_qty + n_qual:n_out - n_cost])),
            ("成本", self.cost(n_cost, w[n_out - n_cost:])),
        ]
        social = rng.sample([*vocab.EFFECT_SOCIAL, f"{self.bureau.tasks[0]}政策知晓率"], 3)
        groups: list[tuple[str, list[str]]] = [("社会效益", social)]
        if rng.random() < 0.4:
            groups.append(("经济效益", rng.sample(vocab.EFFECT_ECONOMIC, 1)))
        if rng.random() < 0.3:
            groups.append(("生态效益", rng.sample(vocab.EFFECT_ECOLOGY, 1)))
        used = sum(len(names) for _, names in groups)
        groups.append(("可持续影响", rng.sample(vocab.EFFECT_SUSTAIN, max(1, n_eff - used))))
        w_eff = self.weights(90 - w_out, sum(len(names) for _, names in groups))
        effect: list[tuple[str, list[Row]]] = []
        for name, names in groups:
            effect.append((name, self.effect(names, w_eff[:len(names)])))
            w_eff = w_eff[len(names):]
        sat_names = rng.sample(vocab.SATISFACTION, n_sat)
        sat = [self.at_least_percent(name, w) for name, w in zip(sat_names, self.weights(10, n_sat), strict=True)]
        return [
            ("output", "产出指标", "履职完成情况", output),
            ("effect", "效益指标", "履职效果情况", effect),
            ("satisfaction", "满意度指标", "社会满意度情况", [("满意度", sat)]),
        ]


def _plant(rng: random.Random, rows: list[Row], file: str) -> list[Planted]:
    """Print every computed score, except (in about a quarter of reports) one that is wrong."""
    for row in rows:
        row.printed = row.score
    if rng.random() >= 0.25:
        return []
    row = rng.choice(rows)
    row.printed = Decimal(row.weight) if row.score < row.weight else row.score - Decimal(row.weight) / 4
    return [Planted(file, "indicator-score", row.name, num(row.printed), num(row.score))]


def _grade(total: Decimal) -> str:
    return next(label for minimum, label in GRADES if total >= minimum)


def _basic(m: ReportMaker) -> list[str]:
    r, b = m.rng, m.bureau
    internal = r.sample(vocab.INTERNAL_UNITS, r.randint(5, 12))
    subordinate = [f"{m.dept}（本级）", *(f"{m.place}{b.name.removesuffix('局')}{s}"
                                     for s in r.sample(vocab.SUBORDINATE_SUFFIXES, r.randint(0, 3)))]
    authorized = r.randint(12, 160)
    on_est = r.randint(authorized * 3 // 4, authorized)
    other = r.randint(0, 20)
    actual = on_est + other
    assets = money(r, 10, 5000)
    lines = ["basic:", "  responsibilities:"]
    lines += [f"    - {q(item)}" for item in m.prose.responsibilities()]
    desc = f"{m.dept}下设{'、'.join(internal)}共{len(internal)}个科室。{m.prose.sentence()}"
    lines += ["  organization:", f"    description: {q(desc)}", "    internal_units:"]
    lines += [f"      - {q(u)}" for u in internal]
    lines += ["    subordinate_units:", *(f"      - {q(u)}" for u in subordinate)]
    staffing = (f"{m.dept}(部门)内设职能部门个数{len(internal)}个，下属预算单位个数{len(subordinate)}个。"
                f"{m.dept}(部门)核定的人员编制{authorized}人，实际在职人员{actual}人，其中：在编人员{on_est}人，"
                f"其他人员{other}人。")
    lines += [
        "  staffing:", f"    text: {q(staffing)}", f"    internal_unit_count: {len(internal)}",
        f"    subordinate_unit_count: {len(subordinate)}", f"    authorized: {authorized}", f"    actual: {actual}",
        f"    on_establishment: {on_est}", f"    other: {other}",
        "  assets:", f"    text: {q(f'资产{num(assets)}万元。')}", f"    total: {num(assets)}",
    ]
    return lines


def _funds(m: ReportMaker, responsibilities_hint: tuple[str, ...]) -> list[str]:
    r = m.rng
    tasks = r.sample(m.bureau.tasks, r.randint(3, 5))
    lines = ["funds:", "  unit: 万元", "  rows:"]
    sums = [Decimal(0)] * 4
    for task in tasks:
        budget = money(r, 0.5, 900)
        fiscal = budget if r.random() < 0.7 else budget - money(r, 0, float(budget) / 3)
        spent = budget if r.random() < 0.6 else budget - money(r, 0, float(budget) / 10)
        spent_fiscal = min(spent, fiscal)
        amounts = (budget, fiscal, spent, spent_fiscal)
        sums = [a + b for a, b in zip(sums, amounts, strict=True)]
        detail, completion = m.prose.funds_texts(task, num(spent))
        function = r.choice(responsibilities_hint) if r.random() < 0.3 else f"{task}"
        lines += [
            f"    - function: {q(function)}", f"      task: {q(detail)}", f"      completion: {q(completion)}",
            *(f"      {k}: {num(v)}" for k, v in zip(("budget", "budget_fiscal", "spent", "spent_fiscal"),
                                                    amounts, strict=True)),
        ]
    lines.append("  total:")
    lines += [f"    {k}: {num(v)}" for k, v in zip(("budget", "budget_fiscal", "spent", "spent_fiscal"), sums, strict=True)]
    return lines


def _execution(m: ReportMaker) -> list[str]:
    r = m.rng
    income = money(r, 300, 20000)
    expenditure = (income * Decimal(r.randint(850, 990)) / 1000).quantize(Decimal("0.01"))
    distribution = (income - expenditure) * Decimal(r.randint(0, 30)) / 100
    distribution = distribution.quantize(Decimal("0.01"))
    closing = income - expenditure - distribution
    text = (f"本年收入{num(income)}万元，本年支出{num(expenditure)}万元，使用非财政拨款结余0万元，"
            f"结余分配{num(distribution)}万元，年末结转和结余{num(closing)}万元。{m.prose.execution_analysis()}")
    return ["execution:", f"  text: {q(text)}", f"  income: {num(income)}", f"  expenditure: {num(expenditure)}",
            "  non_fiscal_balance_used: 0", f"  balance_distribution: {num(distribution)}",
            f"  closing_balance: {num(closing)}"]


def make_report(rng: random.Random, place: str, bureau: vocab.Bureau, year: int,
                file: str) -> tuple[str, str, list[Planted]]:
    """One report's ``<year>.yaml`` and ``<year>.md`` text and the errors planted in it."""
    m = ReportMaker(rng, place, bureau, year)
    lines = [f"# {m.dept} {year} 年度部门整体支出预算绩效自评报告（合成数据）", f"year: {year}",
             f"title: {q(f'（{year}年度）部门（单位）整体支出预算绩效自评报告')}", ""]
    basic = _basic(m)
    lines += [*basic, ""]
    responsibilities = tuple(line[6:].strip('"') for line in basic if line.startswith("    - "))[:3]
    lines += [*_funds(m, responsibilities), "", *_execution(m), ""]
    tables = m.tables()
    rows = [row for _, _, _, groups in tables for _, grows in groups for row in grows]
    for row in rows:
        if row.score < row.weight:
            row.reason = f"{rng.choice(vocab.CAUSES)}，{m.prose.fill(rng.choice(vocab.PROBLEMS))}。"
    planted = _plant(rng, rows, file)
    total = sum((row.printed for row in rows), Decimal(0))
    if rng.random() < 0.05:  # an addition slip in the printed total
        slipped = total + rng.choice((Decimal("0.5"), Decimal("-1"), Decimal("0.12"), Decimal("2")))
        planted.append(Planted(file, "claimed-total", "", num(slipped), num(total)))
        total = slipped
    claimed = (f"综合考虑产出、效益、服务对象满意度各方面因素，通过数据采集及分析，最终评分结果：整体支出绩效自评价结果为:"
               f"总得分{num(total)}分，属于\"{_grade(total)}\"。{m.prose.summary()}")
    lines += ["claimed:", f"  text: {q(claimed)}", f"  total: {num(total)}", f"  grade: {_grade(total)}", "", "tables:"]
    for kind, level1, title, groups in tables:
        lines += [f"  - kind: {kind}", f"    level1: {level1}", f"    title: {title}",
                  f"    intro: {q(INTROS[kind])}", "    groups:"]
        for gname, grows in groups:
            lines += [f"      - name: {gname}", "        indicators:"]
            lines += [f"          - {{name: {q(row.name)}, weight: {row.weight}, target: {q(row.target)}, "
                      f"actual: {q(row.actual)}, score: {num(row.printed)}"
                      + (f", deviation_reason: {q(row.reason)}}}" if row.reason else "}") for row in grows]
    md = (f"## 主要问题及原因分析\n\n{m.prose.problems()}\n\n## 改进的方向和具体措施\n\n{m.prose.improvements()}\n\n"
          f"## 绩效自评结果拟应用和公开情况\n\n{m.prose.disclosure()}\n\n## 其他需要说明的情况\n\n{m.prose.other()}\n")
    return "\n".join(lines) + "\n", md, planted


def departments(count: int, seed: int) -> list[tuple[tuple[str, str], vocab.Bureau]]:
    """``count`` distinct (place, bureau) pairs in a seed-determined order."""
    pairs = [(place, bureau) for place in vocab.PLACES for bureau in vocab.BUREAUS]
    if count > len(pairs):
        raise ValueError(f"at most {len(pairs)} departments; use more years per department")
    random.Random(f"depts:{seed}").shuffle(pairs)
    return pairs[:count]


def region_names(count: int) -> tuple[str, ...]:
    """The first ``count`` prefecture cities: the regions (shards) of a corpus made with ``regions=count``."""
    return tuple(name for name, _ in vocab.PLACES[:count])


def generate(out: Path, reports: int, seed: int = 1, years: int = 3, regions: int = 0) -> Generated:
    """Write ``site.yaml`` and ``reports`` reports (``years`` per department, the last ones newest) to ``out``.

    ``regions``: give each department a ``region`` (one of that many cities, in turn) and declare
    ``shards: {by: region}`` in ``site.yaml``, so the site can be built as that many shards.
    """
    if reports < 1 or years < 1:
        raise ValueError("reports and years must be positive")
    if out.exists() and any(out.iterdir()):
        raise FileExistsError(f"{out} is not empty")
    out.mkdir(parents=True, exist_ok=True)
    (out / "site.yaml").write_text(SITE_YAML + ("shards:\n  by: region\n" if regions else ""), encoding="utf-8")
    cities = region_names(regions)
    n_depts = math.ceil(reports / years)
    planted: list[Planted] = []
    remaining = reports
    for index, ((place, pinyin), bureau) in enumerate(departments(n_depts, seed)):
        slug = f"{pinyin}-{bureau.slug}"
        folder = out / slug
        folder.mkdir()
        dept_yaml = (f"name: {place}{bureau.name}\ncode: \"{140000 + index * 7 % 100000:06d}{index:05d}\"\n"
                     f"parent: {place}人民政府\n" + (f"region: {cities[index % len(cities)]}\n" if cities else ""))
        (folder / "department.yaml").write_text(dept_yaml, encoding="utf-8")
        count = min(years, remaining)
        remaining -= count
        for year in range(LAST_YEAR - count + 1, LAST_YEAR + 1):
            rng = random.Random(f"{seed}:{slug}:{year}")
            yaml_text, md_text, found = make_report(rng, place, bureau, year, f"{slug}/{year}.yaml")
            (folder / f"{year}.yaml").write_text(yaml_text, encoding="utf-8")
            (folder / f"{year}.md").write_text(md_text, encoding="utf-8")
            planted += found
    return Generated(out, reports, n_depts, tuple(planted))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Write a synthetic content/ tree for benchmarks.")
    parser.add_argument("--reports", type=int, required=True, help="number of reports (N)")
    parser.add_argument("--out", type=Path, required=True, help="directory to create (must be empty or absent)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--years", type=int, default=3, help="reports per department (default 3)")
    parser.add_argument("--regions", type=int, default=0,
                        help="departments spread over this many regions, site.yaml with shards: {by: region}")
    parser.add_argument("--manifest", type=Path, help="write the planted errors here as JSON")
    args = parser.parse_args(argv)
    result = generate(args.out, args.reports, args.seed, args.years, args.regions)
    if args.manifest:
        items = [{"file": p.file, "kind": p.kind, "indicator": p.indicator, "printed": p.printed,
                  "computed": p.computed} for p in result.planted]
        args.manifest.write_text(json.dumps(items, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(f"{result.reports} reports, {result.departments} departments, {len(result.planted)} planted errors "
          f"-> {result.root}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
