"""The official form's headings, in order: the fixed text every report page and importer shares.

Owns the section titles of 部门（单位）整体支出预算绩效自评报告 as printed in the reference report,
the narrative headings editors write in ``<year>.md``, and the headings of the indicator tables.

Standard library only.
"""

from __future__ import annotations

from jixiao.domain.model import NarrativeKey, ReportKind, TableKind

FORM_TITLE = "部门（单位）整体支出预算绩效自评报告"

#: The two kinds of report as readers see them (the explorer's filter, the open data's 种类 column).
REPORT_KINDS: dict[ReportKind, str] = {ReportKind.OVERALL: "部门整体", ReportKind.PROJECT: "项目"}

SECTIONS: tuple[tuple[str, str], ...] = (
    ("basic", "一、部门（单位）基本情况"),
    ("budget", "二、部门（单位）预算管理及执行情况"),
    ("result", "三、部门（单位）整体支出绩效目标及开展情况"),
    ("performance", "四、部门（单位）整体支出绩效实现情况"),
    ("problems", "五、部门（单位）整体支出绩效中存在问题及改进措施"),
    ("disclosure", "六、绩效自评结果拟应用和公开情况"),
    ("other", "七、其他需要说明的情况"),
)

SUBSECTIONS: dict[str, str] = {
    "responsibilities": "1.主要职责职能",
    "organization": "2．组织架构",
    "staffing": "3.人员构成",
    "assets": "4. 资产情况",
    "funds": "1．资金使用情况",
    "execution": "2.预算管理及执行情况分析",
}

#: Narrative headings (``## …`` in ``<year>.md``) and the section each fills, in form order.
NARRATIVE_HEADINGS: dict[NarrativeKey, str] = {
    NarrativeKey.PROBLEMS: "主要问题及原因分析",
    NarrativeKey.IMPROVEMENTS: "改进的方向和具体措施",
    NarrativeKey.DISCLOSURE: "绩效自评结果拟应用和公开情况",
    NarrativeKey.OTHER: "其他需要说明的情况",
}

#: The printed sub-headings of section 四 and 五.
TABLE_HEADINGS: dict[TableKind, str] = {
    TableKind.OUTPUT: "（一）履职完成情况",
    TableKind.EFFECT: "（二）履职效果情况",
    TableKind.SATISFACTION: "（三）社会满意度情况",
}
NARRATIVE_SUBHEADINGS: dict[NarrativeKey, str] = {
    NarrativeKey.PROBLEMS: "（一）主要问题及原因分析",
    NarrativeKey.IMPROVEMENTS: "（二）改进的方向和具体措施",
}

TABLE_COLUMNS = ("二级指标", "三级指标", "权重", "目标值", "业绩值", "得分")
FUNDS_COLUMNS = ("职能名称", "政策或重点任务", "完成情况", "预算数(万元)", "其中：财政拨款", "执行数(万元)", "其中：财政拨款")
FUNDS_TOTAL_LABEL = "金额合计"
