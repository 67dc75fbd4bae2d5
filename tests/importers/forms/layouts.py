"""Published form layouts as data: paragraphs and tables whose cells say how they are merged.

A table is a grid of strings, every row as wide as the table. ``"<"`` marks a position merged into the
cell on its left, ``"^"`` one merged into the cell above; every other string is a cell's text (``""``
an empty cell). What a reader must return for such a grid is :func:`expected_rows`: the text in the
merged cell's first position and ``""`` in every position it spans, as Word's text export prints it.
The figures are made up and worked out by hand (执行率 = 执行数 ÷ 全年预算数, 得分 = 分值 × 执行率).
"""

from __future__ import annotations

from dataclasses import dataclass, field

MERGED_LEFT = "<"
MERGED_UP = "^"
SPANNED = frozenset({MERGED_LEFT, MERGED_UP})

Grid = list[list[str]]


@dataclass
class Form:
    """A document: blocks in order (a paragraph is a string, a table a :data:`Grid`)."""

    name: str
    blocks: list[str | Grid]
    landscape: bool = False
    notes: list[str] = field(default_factory=list)
    repeat: int | None = None  # a header row the PDF printer repeats at the top of every page it runs onto

    def tables(self) -> list[Grid]:
        return [b for b in self.blocks if not isinstance(b, str)]


def spans(grid: Grid) -> list[tuple[int, int, int, int]]:
    """Every merged cell as ``(row, col, rowspan, colspan)`` of its first position."""
    out = []
    for r, row in enumerate(grid):
        for c, text in enumerate(row):
            if text in SPANNED:
                continue
            width = 1
            while c + width < len(row) and row[c + width] == MERGED_LEFT:
                width += 1
            height = 1
            while r + height < len(grid) and grid[r + height][c] == MERGED_UP:
                height += 1
            if width > 1 or height > 1:
                out.append((r, c, height, width))
    return out


def expected_rows(grid: Grid) -> list[tuple[str, ...]]:
    """The rows a reader returns: spanned positions empty."""
    return [tuple("" if t in SPANNED else t for t in row) for row in grid]


def _indicator_rows(rows: list[tuple[str, str, str, str, str, str, str, str]]) -> Grid:
    """绩效指标 rows ``(一级, 二级, 三级, 指标值, 完成值, 分值, 得分, 原因)``; equal 一级/二级 merged up."""
    grid: Grid = []
    for i, row in enumerate(rows):
        one = MERGED_UP if i and row[0] == rows[i - 1][0] else row[0]
        two = MERGED_UP if i and row[1] == rows[i - 1][1] and one == MERGED_UP else row[1]
        grid.append([MERGED_UP, one, two, *row[2:]])
    return grid


def mof_project(project: str = "城乡义务教育营养改善项目", year: int = 2023,
                department: str = "某市教育局", unit: str = "某市第一中学",
                first: str = "绩效指标") -> Form:
    """财预〔2020〕10号 项目支出绩效自评表 (FORMS.md §1), 9 columns; total 97 by hand.

    funds 10 × 108 ÷ 120 = 9; indicators 20 + 10 + 10 + 10 + 15 + 13 + 10 = 88; 9 + 88 = 97.
    """
    head = [
        ["项目名称", MERGED_LEFT, project, MERGED_LEFT, MERGED_LEFT, MERGED_LEFT, MERGED_LEFT, MERGED_LEFT,
         MERGED_LEFT],
        ["主管部门", MERGED_LEFT, department, MERGED_LEFT, MERGED_LEFT, "实施单位", unit, MERGED_LEFT, MERGED_LEFT],
        ["项目资金（万元）", "", MERGED_LEFT, "年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分"],
        [MERGED_UP, "年度资金总额", MERGED_LEFT, "100.00", "120.00", "108.00", "10", "90.00%", "9.00"],
        [MERGED_UP, "其中：本年财政拨款", MERGED_LEFT, "100.00", "110.00", "100.00", "—", "—", "—"],
        [MERGED_UP, "上年结转资金", MERGED_LEFT, "", "10.00", "8.00", "—", "—", "—"],
        [MERGED_UP, "其他资金", MERGED_LEFT, "", "", "", "—", "—", "—"],
        ["年度总体目标", "预期目标", MERGED_LEFT, MERGED_LEFT, MERGED_LEFT, "实际完成情况", MERGED_LEFT, MERGED_LEFT,
         MERGED_LEFT],
        [MERGED_UP, "为全市义务教育阶段学生提供营养膳食补助，改善学生营养状况。", MERGED_LEFT, MERGED_LEFT, MERGED_LEFT,
         "全年为12000名学生提供营养膳食补助，学生营养状况明显改善。", MERGED_LEFT, MERGED_LEFT, MERGED_LEFT],
        [first, "一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分", "偏差原因分析及改进措施"],
    ]
    body = _indicator_rows([
        ("产出指标（50分）", "数量指标", "受益学生人数", "≥12000人", "12000人", "20", "20", ""),
        ("产出指标（50分）", "质量指标", "膳食补助标准达标率", "=100%", "100%", "10", "10", ""),
        ("产出指标（50分）", "时效指标", "补助资金按时发放", "在项目计划完成时间内完成", "按时完成", "10", "10", ""),
        ("产出指标（50分）", "成本指标", "生均补助标准", "≤5元/天", "5元/天", "10", "10", ""),
        ("效益指标（30分）", "社会效益指标", "学生营养状况改善", "效果明显", "效果明显", "15", "15", ""),
        ("效益指标（30分）", "可持续影响指标", "资金支付完成率100%", "", "", "15", "13", "部分资金年底未支付"),
        ("满意度指标（10分）", "服务对象满意度指标", "学生家长满意度", "≥90%", "95%", "10", "10", ""),
    ])
    tail = [
        ["总分", MERGED_LEFT, MERGED_LEFT, MERGED_LEFT, MERGED_LEFT, MERGED_LEFT, "100", "97.00", ""],
        ["评价结论", "项目总体完成较好，自评得分97分，等级为优。", MERGED_LEFT, MERGED_LEFT, MERGED_LEFT, MERGED_LEFT,
         MERGED_LEFT, MERGED_LEFT, MERGED_LEFT],
    ]
    grid = head + body + tail
    return Form(f"mof-{year}", ["项目支出绩效自评表", f"（{year}年度）", grid])


def split_table(rows: int = 60) -> Form:
    """A long form that no page holds: the indicator rows run on over the next pages."""
    form = mof_project()
    grid = form.tables()[0]
    extra = [[MERGED_UP, MERGED_UP, MERGED_UP, f"附加指标{i}", "≥1个", "1个", "0", "0", ""] for i in range(rows)]
    at = next(i for i, r in enumerate(grid) if r[0] == "总分")
    grid[at:at] = extra
    return Form("split", form.blocks)


def page_headers() -> Form:
    """The long form printed with its 绩效指标 header row repeated at the top of every page it runs onto
    (Word's "在各页顶端以标题行形式重复出现"; in a PDF that is text on each page)."""
    form = split_table()
    grid = form.tables()[0]
    return Form("page-headers", form.blocks, repeat=next(i for i, r in enumerate(grid) if r[1] == "一级指标"))


def repeated_header(every: int = 20) -> Form:
    """The long form with its header row copied into the table every ``every`` indicator rows, as a Word
    file converted from a PDF (or pasted together page by page) holds it: real rows of the table."""
    form = split_table()
    grid = form.tables()[0]
    at = next(i for i, r in enumerate(grid) if r[1] == "一级指标")
    header = grid[at]
    end = next(i for i, r in enumerate(grid) if r[0] == "总分")
    for index in range(end - every, at + 1, -every):
        below = grid[index]
        grid.insert(index, list(header))
        # the merged 一级/二级 cells break at the copy and go on empty below it
        grid[index + 1] = [below[0], *["" if c in (1, 2) and t == MERGED_UP else t for c, t in enumerate(below[1:], 1)]]
    return Form("repeated-header", form.blocks)


def awkward() -> Form:
    """Header merged across, a blank row in the middle, a footnote under the table, landscape page."""
    form = mof_project()
    grid = form.tables()[0]
    at = next(i for i, r in enumerate(grid) if r[3] == "受益学生人数")
    grid.insert(at + 1, [MERGED_UP, MERGED_UP, MERGED_UP, "", "", "", "", "", ""])
    return Form("awkward", [*form.blocks, "注：执行率=全年执行数÷全年预算数；得分=分值×执行率。"], landscape=True)


#: Forms whose every row is a row of the table in every container (page_headers adds rows in a PDF only).
ALL = (mof_project, split_table, awkward, repeated_header)
