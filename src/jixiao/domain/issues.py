"""The catalogue of coded findings: every problem jixiao can report, in one place.

Each entry has a stable code (``JX-S001``), a severity, a Chinese message template with named fields
and a Chinese hint that says how to fix it. Loaders and checks never build message text themselves:
they call :func:`finding` with a code, a place and the template's fields. The docs' error reference
is generated from, and tested against, this catalogue.

Codes by prefix: E file/encoding, Y YAML syntax, S schema, L content layout, M Markdown narrative,
T targets and values, C arithmetic cross-checks, A claimed vs computed, G soft targets (how ambitious
a target is, across years), P scoring policy, I importer,
B building the site (the environment, not the content).

Standard library only.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum
from string import Formatter

from jixiao.domain.model import Loc
from jixiao.domain.quickinit import quick_init


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"
    INFO = "info"

    @property
    def label(self) -> str:
        return {"error": "错误", "warning": "警告", "info": "提示"}[self.value]


@dataclass(frozen=True, slots=True)
class IssueType:
    """A catalogue entry: what one code means."""

    code: str
    severity: Severity
    title: str
    message: str
    hint: str

    def fields(self) -> frozenset[str]:
        names = {name for _, name, _, _ in Formatter().parse(self.message + self.hint) if name}
        return frozenset(names)


@quick_init
@dataclass(frozen=True, slots=True, order=True)
class Finding:
    """One problem found at one place."""

    loc: Loc
    code: str
    severity: Severity
    message: str
    hint: str

    def format(self) -> str:
        """``file:line:col [JX-xxxx] 错误：message — hint`` on one line."""
        return f"{self.loc} [{self.code}] {self.severity.label}：{self.message} — {self.hint}"


E, W, INFO = Severity.ERROR, Severity.WARNING, Severity.INFO

_ENTRIES: tuple[IssueType, ...] = (
    # --- E: files and encodings -------------------------------------------------------------
    IssueType("JX-E001", E, "文件不是 UTF-8 编码",
              "文件不是 UTF-8 编码（检测到 {encoding}）",
              "请用编辑器把文件另存为“UTF-8”编码，例如 VS Code 右下角点击编码→“通过编码保存”→UTF-8；"
              "或运行 iconv -f GB18030 -t UTF-8 原文件 > 新文件"),
    IssueType("JX-E002", E, "文件过大",
              "文件大小 {size} 字节，超过上限 {limit} 字节",
              "一个年度报告的数据文件通常不超过几十 KB；请检查是否误粘贴了大量内容或二进制数据"),
    IssueType("JX-E003", E, "文件含有 NUL 字符",
              "文件第 {line} 行含有 NUL（\\0）字符，可能是二进制文件或编码错误",
              "请删除该字符，或重新以 UTF-8 纯文本保存文件"),
    IssueType("JX-E004", E, "文件为空",
              "文件为空（或只有 BOM/空白）",
              "请填写内容，或删除这个文件"),
    IssueType("JX-E005", E, "无法读取文件",
              "无法读取文件：{reason}",
              "请检查文件是否存在、权限是否正确"),
    # --- Y: YAML syntax ---------------------------------------------------------------------
    IssueType("JX-Y001", E, "YAML 语法错误",
              "YAML 语法错误：{problem}",
              "请检查该行附近的冒号、缩进和引号是否配对；含冒号或特殊符号的文字请用引号括起来"),
    IssueType("JX-Y002", E, "YAML 中使用了制表符",
              "第 {line} 行用制表符（Tab）缩进，YAML 不允许",
              "请把 Tab 换成空格（每级缩进 2 个空格）"),
    IssueType("JX-Y003", E, "重复的字段",
              "字段“{key}”重复出现（第一次在第 {first_line} 行）",
              "同一层级中每个字段只能写一次；请删除或合并重复的字段"),
    IssueType("JX-Y004", E, "不支持锚点和别名",
              "不支持 YAML 锚点/别名（& 和 *）",
              "请把被引用的内容直接写出来；锚点和别名可能被用来制造超大文档"),
    IssueType("JX-Y005", E, "不安全或未知的 YAML 标签",
              "不支持 YAML 标签“{tag}”",
              "请删除以 ! 开头的标签，直接写文字或数字"),
    IssueType("JX-Y006", E, "文件顶层不是映射",
              "文件顶层应是“字段: 值”的映射，实际是{found}",
              "请参照示例文件 content/datong-zonggonghui/2021.yaml 的结构书写"),
    IssueType("JX-Y007", E, "一个文件中有多个 YAML 文档",
              "文件中有多个 YAML 文档（出现了 ---  分隔符）",
              "每个文件只写一个报告；请删除多余的 --- 及其后的内容"),
    IssueType("JX-Y008", E, "嵌套层数过深",
              "YAML 结构嵌套超过 {limit} 层",
              "报告的结构最多嵌套十来层；请检查是否有大量未闭合或多余的 [ 或 {{ 括号"),
    # --- S: schema --------------------------------------------------------------------------
    IssueType("JX-S001", E, "未知字段",
              "未知字段“{key}”{suggestion}",
              "请检查拼写；允许的字段见编辑指南（docs/editors-guide.md）或 jixiao schema 输出的 JSON Schema"),
    IssueType("JX-S002", E, "缺少必填字段",
              "缺少必填字段“{key}”",
              "请补充该字段；字段说明见编辑指南"),
    IssueType("JX-S003", E, "类型错误",
              "字段“{key}”应为{expected}，实际是{found}",
              "请按编辑指南中的字段说明修改该值"),
    IssueType("JX-S004", E, "不是有效的数字",
              "字段“{key}”的值“{value}”不是有效的数字：{reason}",
              "请只写阿拉伯数字和小数点，如 450.5；不要写千分位逗号、全角数字、单位或科学计数法"),
    IssueType("JX-S005", E, "不是有效的整数",
              "字段“{key}”的值“{value}”不是有效的非负整数",
              "请写不带小数点和单位的整数，如 93"),
    IssueType("JX-S006", E, "取值不在允许范围",
              "字段“{key}”的值“{value}”无效：{reason}",
              "请改为允许的取值之一：{allowed}"),
    # --- L: content layout --------------------------------------------------------------------
    IssueType("JX-L001", E, "目录名（slug）不合法",
              "部门目录名“{slug}”不合法",
              "目录名只能用小写英文字母、数字和连字符（-），如 datong-zonggonghui；它会成为网址的一部分"),
    IssueType("JX-L002", E, "部门重复",
              "部门“{name}”（{field}）与 {other} 重复",
              "每个部门只能有一个目录；请合并两个目录或修改其中一个的{field}"),
    IssueType("JX-L003", E, "年度与文件名不符",
              "文件名表明年度为 {file_year}，但 year 字段是 {year}",
              "请让 year 字段与文件名一致（如 2021.yaml 中写 year: 2021）"),
    IssueType("JX-L004", E, "年度超出范围",
              "年度 {year} 不在允许范围 {low}–{high} 内",
              "请检查年度是否写错"),
    IssueType("JX-L005", E, "缺少 department.yaml",
              "部门目录“{slug}”中没有 department.yaml",
              "请新建 department.yaml，至少写明 name: 部门全称"),
    IssueType("JX-L006", W, "缺少叙述文件",
              "没有找到与 {year}.yaml 对应的叙述文件 {year}.md",
              "请新建 {year}.md，写入“主要问题及原因分析”等章节；可用 jixiao new 生成模板"),
    IssueType("JX-L007", E, "链接指向 content/ 之外",
              "“{name}”是指向 content/ 之外的链接（{target}）",
              "出于安全原因，content/ 中不允许指向其外部的符号链接；请把文件复制进来"),
    IssueType("JX-L008", W, "无法识别的文件",
              "无法识别的文件“{name}”，已忽略",
              "部门目录中只应有 department.yaml、<年度>.yaml、<年度>.md 和 <年度>/projects/<项目>.yaml"),
    IssueType("JX-L009", E, "缺少 site.yaml",
              "内容目录中没有 site.yaml",
              "请新建 content/site.yaml，写明网站标题、发布机关和评分规则"),
    IssueType("JX-L010", E, "找不到内容目录",
              "找不到内容目录 {path}",
              "请在项目根目录运行，或用参数指定 content 目录的路径"),
    IssueType("JX-L011", W, "没有任何报告",
              "内容目录中没有任何报告",
              "请在 content/<部门>/ 下添加 <年度>.yaml，可用 jixiao new 生成"),
    IssueType("JX-L012", E, "同一年度有两个报告文件",
              "{year} 年度有两个报告文件：{first} 和 {second}",
              "每个部门每个年度只保留一个 <年度>.yaml；请删除或合并其中一个"),
    IssueType("JX-L013", E, "项目文件名不合法",
              "项目文件名“{name}”不合法",
              "项目文件名只能用小写英文字母、数字和连字符（-），以 .yaml 结尾，如 kunnan-zhigong-jiuzhu.yaml；"
              "它会成为网址的一部分"),
    IssueType("JX-L014", E, "同一项目有两个文件",
              "项目“{slug}”有两个文件：{first} 和 {second}",
              "每个项目每个年度只保留一个 <项目>.yaml；请删除或合并其中一个"),
    IssueType("JX-L015", E, "分部分构建的名称不合法",
              "“{value}”不能作为分部分构建的名称（{field}）：{reason}",
              "它会成为命令行参数、CI 任务名和目录名；请改用不含空白和 / \\ : * ? \" < > | 等符号、"
              "不超过 40 个字符的名称，如 晋中市 或 province-level"),
    # --- M: Markdown narrative ----------------------------------------------------------------
    IssueType("JX-M001", E, "无法识别的叙述章节",
              "无法识别的二级标题“{heading}”",
              "叙述文件中的二级标题只能是：{allowed}"),
    IssueType("JX-M002", E, "叙述章节重复",
              "章节“{heading}”重复出现（第一次在第 {first_line} 行）",
              "每个章节只写一次；请合并两段内容"),
    IssueType("JX-M003", W, "缺少叙述章节",
              "缺少章节“{heading}”",
              "请补充该章节；确无内容时写“无。”"),
    IssueType("JX-M004", E, "标题前有正文",
              "第一个二级标题（## ）之前有正文，这部分内容无法归入任何章节",
              "请把这段文字移到对应的“## 章节标题”之下"),
    IssueType("JX-M005", W, "叙述中含有原始 HTML",
              "叙述中含有 HTML 标记“{snippet}”，发布时会按原文显示而不会执行",
              "请只使用 Markdown 语法：段落、列表、加粗、链接都有对应写法（叙述中不显示表格和图片）"),
    IssueType("JX-M006", E, "不允许的链接地址",
              "链接或图片地址“{url}”使用了不允许的协议“{scheme}”",
              "叙述中的链接只能是 http://、https://、mailto: 或站内相对地址；"
              "javascript:、data:、vbscript:、file: 等地址可能在读者的浏览器中执行代码，请删除"),
    # --- T: targets and values --------------------------------------------------------------
    IssueType("JX-T001", E, "目标值无法识别",
              "指标“{name}”的目标值“{text}”无法识别：{reason}",
              "目标值应照原文写成“比较符号 + 数值 + 单位”（如 >=299人、<=1136.92万元、=100%）、时间"
              "（如 1-12月、2021年12月底前、每月）或定性词（如 合规、有效）；请对照原件修改"),
    IssueType("JX-T002", E, "业绩值无法识别",
              "指标“{name}”的业绩值“{text}”无法识别：{reason}",
              "业绩值应照原文写成数值加单位（如 299人、1163.13万元、95%）、时间（如 10-12月）或文字（如 完成）；"
              "请对照原件修改"),
    IssueType("JX-T003", E, "目标值与业绩值单位不一致",
              "指标“{name}”的目标值“{target}”单位是“{target_unit}”，业绩值“{actual}”单位却是“{actual_unit}”",
              "同一指标的目标值和业绩值应使用同一计量单位（元、万元、亿元之间可以换算）；请核对原件是否抄错"),
    IssueType("JX-T004", W, "缺少目标值",
              "指标“{name}”没有目标值，报告也未列得分，无法计分",
              "请照原件填写 target（如 >=299人、合规）和 score；按评分标准扣分的指标请写 kind: checklist"),
    IssueType("JX-T005", W, "缺少业绩值",
              "指标“{name}”没有业绩值，报告也未列得分，无法计分",
              "请照原件填写 actual（如 299人、100%、完成）和 score"),
    IssueType("JX-T006", E, "无法识别的计量单位",
              "指标“{name}”的{role}“{text}”中的单位“{unit}”无法识别",
              "可用的单位有：人、家、次、个、项、天、月、年、元、万元、亿元、% 等，以及“元/天”“万元/人”“元/人·月”这样的比率；请检查是否有错字或多余文字"),
    IssueType("JX-T007", E, "三栏目标值的指标性质与指标值不符",
              "指标“{name}”的指标性质是“{nature}”，指标值“{value}”却不是数值",
              "指标性质为 =、≥、≤、>、< 时，指标值应是数字（单位写在 unit 中）；定性指标请把指标性质写成 定性"),
    IssueType("JX-T009", INFO, "目标值没有比较符号，按正向计分",
              "指标“{name}”的目标值“{target}”没有 ≥、≤ 等符号，按正向（越高越好）重算为 {computed}，与所列得分 {claimed} 不同",
              "如该指标是控制指标（越低越好，如预算调整率），请写 direction: reverse；如是正向指标，写 direction: positive"),
    IssueType("JX-T008", E, "月份或日期无效",
              "指标“{name}”的{role}“{text}”无效：{reason}",
              "请核对原件中的月份和日期，如 1-12月、2021年12月底前"),
    # --- C: arithmetic cross-checks -------------------------------------------------------------
    IssueType("JX-C001", W, "权重合计不等于总分",
              "全部指标的权重合计为 {total}，应为 {expected}",
              "请核对各指标的权重是否照原件抄录；如原件本身如此，可保留，读者会看到这条复核说明"),
    IssueType("JX-C002", W, "指标表的权重合计与表头分值不符",
              "“{table}”各指标权重合计为 {total}，表头所列分值为 {points}",
              "请核对该表各指标的权重和表头分值是否照原件抄录"),
    IssueType("JX-C003", W, "权重不是正数",
              "指标“{name}”的权重为 {weight}，应大于 0",
              "请核对原件；权重为 0 的指标不影响总分，通常是抄录错误"),
    IssueType("JX-C004", E, "缺少权重",
              "指标“{name}”没有权重，无法计分",
              "请照原件填写 weight（该指标的分值）"),
    IssueType("JX-C005", W, "所列得分超出范围",
              "指标“{name}”所列得分 {score} 不在 0 到权重 {weight} 之间",
              "请核对原件；重算时按 0 到权重之间处理"),
    IssueType("JX-C006", W, "资金表各行之和与“金额合计”不符",
              "资金表“{column}”一栏各行之和为 {computed}，“金额合计”行却为 {printed}",
              "请核对各行和合计行是否照原件抄录；如原件本身如此，可保留，读者会看到这条复核说明"),
    IssueType("JX-C007", W, "“其中：财政拨款”大于总数",
              "{row}的“其中：财政拨款”（{column}）为 {fiscal}，大于{column} {total}",
              "“其中”部分不能大于总数；请核对原件，如原件本身如此，可保留，读者会看到这条复核说明"),
    IssueType("JX-C008", W, "预算收支恒等式不成立",
              "年初结转和结余 {opening} + 本年收入 {income} + 使用非财政拨款结余 {used} − 本年支出 {expenditure}"
              " − 结余分配 {distribution} = {computed}，而年末结转和结余为 {closing}{note}",
              "请核对预算管理及执行情况分析中的各项金额是否照原件抄录"),
    IssueType("JX-C009", W, "人员构成不符",
              "在编人员 {on_establishment} 人 + 其他人员 {other} 人 = {computed} 人，而实际在职人员为 {actual} 人",
              "请核对人员构成中的人数是否照原件抄录"),
    IssueType("JX-C010", W, "列出的机构数与所述个数不符",
              "列出的{what}有 {listed} 个，报告所述为 {stated} 个",
              "请核对名单和个数是否照原件抄录"),
    IssueType("JX-C011", INFO, "执行数超过预算数",
              "{row}：执行数 {spent} 超过预算数 {budget}（{rate}）",
              "年中追加预算时可能如此；如原件另有调整后预算，请在说明中写明"),
    IssueType("JX-C012", W, "资金总额为 0 而其中各项不为 0",
              "“{name}”一行的{column}为 {total}，而“其中”各行合计 {parts}",
              "原表的总额行可能漏填；请核对原件。jixiao 照录原表，不代为补填，执行率按总额行计算"),
    IssueType("JX-C013", W, "资金“其中”各项之和与总额不符",
              "“{name}”一行的{column}为 {total}，而“其中”各行合计 {parts}",
              "请核对各行是否照原件抄录；如原件本身如此，可保留，读者会看到这条复核说明"),
    IssueType("JX-C014", W, "所列得分合计超过分值",
              "“{label}”所列分值为 {points}，其下各行所列得分合计 {summed}，超过分值",
              "得分合计不能超过该栏分值；请核对原件"),
    IssueType("JX-C015", W, "二级指标或分块的权重合计与所列分值不符",
              "“{label}”所列分值为 {points}，其下各行权重合计 {total}",
              "请核对原件中的分值和各行权重是否照录"),
    # --- A: printed vs computed -------------------------------------------------------------------
    IssueType("JX-A001", W, "指标所列得分与重算不符",
              "指标“{name}”所列得分 {claimed}，按评分规则“{policy}”重算为 {computed}：{explanation}",
              "请核对原件；如原件本身如此，可保留，网站会同时显示报告所列得分和复核得分"),
    IssueType("JX-A002", W, "指标表得分小计与重算不符",
              "“{table}”所列得分合计 {claimed}，重算为 {computed}",
              "差异来自该表中所列得分与重算不符的指标，见各指标的复核说明"),
    IssueType("JX-A003", W, "总得分与重算不符",
              "报告所列总得分 {claimed}，按评分规则“{policy}”重算为 {computed}",
              "差异来自所列得分与重算不符的指标（见各指标的复核说明）；如果各指标所列得分相加也不等于所列总得分，"
              "另见 JX-A005。只是加总有误、各指标都重算无误时，只报 JX-A005"),
    IssueType("JX-A004", W, "等级与重算不符",
              "报告所列等级为“{claimed}”，按复核总分 {computed} 应为“{grade}”",
              "等级按网站设置（site.yaml 的 grades）中的分数线确定；差异来自复核总分与所列总分不同（见 JX-A003）"),
    IssueType("JX-A005", W, "所列总得分不是各指标所列得分之和（加总有误）",
              "报告所列总得分 {claimed}，而各指标所列得分相加为 {summed}：报告自身的加总有误",
              "这是原表自身的加总问题，与评分规则无关；请核对原件，如原件本身如此，可保留，读者会看到这条复核说明"),
    IssueType("JX-A006", W, "所列等级与报告自己的总得分不符",
              "按报告自己所列的总得分 {total}，等级应为“{expected}”，报告却写“{claimed}”",
              "等级按网站设置（site.yaml 的 grades）中的分数线确定；请核对原件。所列等级按所列总分和按复核总分都不对时，"
              "只报本条；按复核总分另有不同等级时，另见 JX-A004"),
    IssueType("JX-A007", INFO, "得分无法重算，采用所列得分",
              "指标“{name}”无法按评分规则重算（{reason}），采用报告所列得分 {claimed}",
              "如需重算，请把目标值和业绩值写成可比较的形式（如 <=30万元 与 28.5万元）；否则无需处理"),
    IssueType("JX-A008", W, "得分无法重算且未列得分",
              "指标“{name}”无法按评分规则重算（{reason}），报告也未列得分，按 0 分计",
              "请照原件填写 score，或把目标值和业绩值写成可比较的形式"),
    IssueType("JX-A009", W, "所列得分与达成档次不符",
              "指标“{name}”的业绩值“{actual}”属于“{tier}”档（达成度 {low}–{high}），所列得分 {claimed} 对应达成度 {degree}",
              "请核对原件中的业绩值和得分"),
    IssueType("JX-A010", INFO, "报告未列总得分",
              "报告没有写明总得分，复核总分为 {computed}（{grade}）",
              "如原件写有总得分，请填写 claimed.total 和 claimed.grade，以便核对"),
    IssueType("JX-A011", INFO, "未列目标值或完成值，未重算",
              "指标“{name}”未列{missing}，无法重算，采用报告所列得分 {claimed}（未重算）",
              "目标常写在指标名称中（如“资金支付完成率100%”）；照原表录入即可，无需处理"),
    IssueType("JX-A012", INFO, "表中未列权重，采用所列得分",
              "指标“{name}”表中未列权重（分值），采用报告所列得分 {claimed}（未重算）",
              "有的表样只在分块表头写分值（如“年度绩效目标1（40分）”）；照原表录入即可，各行得分之和会与分块分值核对"),
    IssueType("JX-A013", W, "所列总分无法达到",
              "报告所列总分 {claimed}，但各行最多只能得 {reachable} 分",
              "请核对原件中的总分、各行分值是否照录，是否漏录了某些指标行"),
    IssueType("JX-A014", INFO, "报告未列得分",
              "报告没有列出任何得分：网站只显示原表内容，标明“报告未列得分”，不显示重算的总分和等级",
              "如原件写有得分，请照原件填写各行的 score 和 claimed.total"),
    IssueType("JX-A015", INFO, "权重不足总分，不评等级",
              "各行权重（分值）合计 {reachable}，不足总分 {expected}：网站显示各行得分，但不给出总分等级",
              "请核对是否漏录了指标行或分值；如原件本身如此，可保留"),
    IssueType("JX-A016", W, "所列执行率与金额不符",
              "“{name}”所列执行率 {printed}，按 全年执行数 {spent} ÷ {base_label} {base} 计算为 {computed}",
              "执行率 = 全年执行数 ÷ 全年预算数（调整后），按原表的小数位比较；请核对原件"),
    IssueType("JX-A017", W, "得分与得分系数不符",
              "指标“{name}”得分系数 {coefficient}% × 权重 {weight} = {expected}，所列得分却为 {claimed}",
              "得分 = 得分系数 × 权重；请核对原件"),
    # --- G: soft targets (readers' hints; parameters in site.yaml soft_targets) ---------------
    IssueType("JX-G001", INFO, "目标低于上年实际完成值",
              "指标“{name}”今年目标 {target}，低于 {previous_year} 年实际完成值 {previous_actual}",
              "目标低于上年已经达到的水平，读者可据此判断目标是否定得偏低；如有原因（任务调整、口径变化），"
              "请在偏差原因或“其他需要说明的情况”中写明"),
    IssueType("JX-G002", INFO, "业绩值全部恰好等于目标值",
              "全部 {count} 个定量指标的业绩值都恰好等于目标值（如“{example}”：目标 {target}，业绩 {actual}）",
              "业绩值处处与目标一致，可能是目标按完成情况倒推，或业绩照抄目标；请核对原件中的实际完成数"),
    IssueType("JX-G003", INFO, "满意度目标偏低",
              "指标“{name}”的满意度目标 {target}，不高于本站提示线 {floor}%",
              "满意度目标定得过低，达成不说明服务好；提示线在 site.yaml 的 soft_targets.satisfaction_floor 设置"),
    IssueType("JX-G004", INFO, "成本目标高于上年实际成本",
              "指标“{name}”今年成本目标 {target}，高于 {previous_year} 年实际 {previous_actual}",
              "成本控制目标比上年实际花费还宽松；如有原因（任务量增加、价格变化），请在说明中写明"),
    # --- P: scoring policy --------------------------------------------------------------------
    IssueType("JX-P001", E, "未知的评分规则预设",
              "评分规则预设“{preset}”不存在，已改用 mof-2020",
              "可用的预设：{allowed}；说明见 docs/scoring.md"),
    IssueType("JX-P002", E, "未知的评分参数",
              "评分参数“{key}”不存在",
              "可覆盖的参数：{allowed}；说明见 docs/scoring.md"),
    IssueType("JX-P003", E, "评分参数取值无效",
              "评分参数“{key}”的值“{value}”无效，已改用预设值",
              "允许的取值：{allowed}；说明见 docs/scoring.md"),
    # --- I: importer ------------------------------------------------------------------------
    IssueType("JX-I001", W, "导入时未能归位的内容",
              "导入时有一个{kind}未能归入任何字段（原文{source}）：{excerpt}",
              "请把这段内容移到 <年度>.yaml 或 <年度>.md 中对应的字段或章节，然后删除 unplaced 中的这一项"),
    IssueType("JX-I002", E, "不支持的文件类型",
              "无法识别“{name}”的文件格式：只能导入 Word（.docx）、Excel（.xlsx）、PDF、网页（.html）和文本（.txt）文件",
              "请在 Word、Excel 或 WPS 中把文件另存为 .docx 或 .xlsx 后再导入；图片请先转为带文字层的 PDF"),
    IssueType("JX-I003", E, "无法识别文本编码",
              "无法识别文件的文字编码（不是 UTF-8、带 BOM 的 UTF-8 或 GB18030）",
              "请用记事本或 VS Code 把文件另存为 UTF-8 编码后再导入"),
    IssueType("JX-I004", E, "无法读取 Word 文件",
              "无法读取 Word 文件：{reason}",
              "请确认文件是真正的 .docx 格式（不是改了扩展名的 .doc），并能在 Word 中打开"),
    IssueType("JX-I005", E, "无法确定部门目录名",
              "无法为文件“{name}”确定部门目录名（slug）",
              "请用 --dept 指定，如 --dept datong-zonggonghui（只用小写英文字母、数字和连字符）"),
    IssueType("JX-I006", E, "无法确定年度",
              "无法从报告标题或文件名中确定年度",
              "请用 --year 指定，如 --year 2021"),
    IssueType("JX-I007", E, "目标文件已存在且内容不同",
              "{path} 已存在，且与本次导入的结果不同（可能已被编辑），未覆盖",
              "保留现有文件（例如已手工修改过）无需处理；确认要用导入结果替换时，请加上 --force；否则换一个 --out 目录。"
              "与导入结果完全相同的现有文件不算问题，只在汇总中注明“未改动”"),
    IssueType("JX-I008", W, "没有识别出指标表",
              "报告中没有识别出任何绩效指标表",
              "请检查原文表头（如 二级指标/三级指标/权重/目标值/业绩值/得分）；无法识别的表格已放入 unplaced"),
    IssueType("JX-I009", INFO, "导入时按规则略去的内容",
              "{what}（原文{source}）未导入：{reason}",
              "这是固定格式内容或可由 jixiao 重新计算的数值，无需处理；如确需保留，请手工补入"),
    IssueType("JX-I010", W, "原文中没有部门名称",
              "原文中没有找到部门名称，department.yaml 暂以目录名“{slug}”作为名称",
              "请在 department.yaml 中把 name 改为部门全称，如 大同市总工会"),
    IssueType("JX-I011", E, "扫描件没有文字层",
              "“{name}”是扫描件，没有文字层：请先 OCR，例如 ocrmypdf -l chi_sim",
              "最好向发布单位索取 Word、Excel 或带文字层的 PDF 原件。OCR（scripts/install-ocr.sh 安装 ocrmypdf 与中文识别数据，"
              "再运行 ocrmypdf -l chi_sim 输入.pdf 输出.pdf）只补出文字：实测表格线识别不出，约 4%～23% 的数字认错"
              "（见 docs/performance.md），导入后全部列为未归位，只适合对照原件手工录入"),
    IssueType("JX-I012", E, "文件设置了密码",
              "“{name}”设置了打开密码，无法读取",
              "请用 PDF 阅读器输入密码打开后另存（或打印）为不加密的 PDF，或向发布单位索取未加密的文件"),
    IssueType("JX-I013", E, "空文件",
              "“{name}”是空文件，没有任何内容",
              "请确认下载或复制是否完整，用原件重新导入"),
    IssueType("JX-I014", E, "旧版二进制 Office 文件",
              "“{name}”是旧版二进制格式（{kind}），无法直接读取",
              "请在 Word 或 WPS 中打开，另存为 .docx 后再导入（Excel 97-2003 的 .xls 表格可以直接导入）"),
    IssueType("JX-I015", E, "压缩包不是 Office 文档",
              "“{name}”是 ZIP 压缩包，但不是 Word（.docx）或 Excel（.xlsx）文件",
              "请先解压，再导入其中的 .docx、.xlsx、.pdf 或 .html 文件"),
    IssueType("JX-I016", E, "文件超出安全上限",
              "“{name}”未导入：{reason}",
              "这不像一份普通的自评报告：请确认文件来源；如确是报告，请删去其中的大图片或拆分文件后再导入"),
    IssueType("JX-I017", E, "文件含有不安全的 XML 声明",
              "“{name}”未导入：{reason}",
              "请用 Word、Excel 或 WPS 打开后另存为新文件，再导入另存的文件"),
    IssueType("JX-I018", E, "无法读取文件内容",
              "无法读取{kind}“{name}”：{reason}",
              "请确认文件完整、能在常用软件中打开；必要时另存为新文件后再导入"),
    IssueType("JX-I019", W, "不是绩效自评表",
              "“{name}”不是绩效自评表（开头：{first}），未导入",
              "文件里没有绩效指标表，也没有自评报告的章节标题，像是函件、决算表等其他材料，已跳过，无需处理；"
              "如确是自评报告，请检查指标表的表头（如 一级指标/二级指标/三级指标/分值/得分）"),
    # --- B: building the site (the machine, not the content) -------------------------------
    IssueType("JX-B001", E, "找不到搜索索引程序",
              "找不到 Pagefind 程序（{reason}），未能生成搜索索引",
              "请在 jixiao 所在的 Python 环境中运行 pip install \"pagefind[extended]\"；"
              "若设置了环境变量 PAGEFIND_BINARY_PATH，请确认它指向可执行的 pagefind_extended；"
              "不需要搜索时可在 mkdocs.yml 的 jixiao 插件下写 search_index: false"),
    IssueType("JX-B002", E, "搜索索引生成失败",
              "Pagefind 未能为网站生成搜索索引（{status}）：{detail}",
              "请检查磁盘空间与输出目录的写权限，并确认网站目录中没有名为 pagefind 的文件或页面；"
              "问题依旧时请把以上信息连同 pagefind_extended --version 的输出报告给维护者"),
)

CATALOGUE: dict[str, IssueType] = {entry.code: entry for entry in _ENTRIES}


@functools.cache
def _needs(code: str) -> frozenset[str]:
    """The fields ``code``'s templates name (parsed once per code, not once per finding)."""
    return CATALOGUE[code].fields()


def finding(code: str, loc: Loc, **fields: object) -> Finding:
    """Make the finding ``code`` at ``loc``, filling the entry's templates with ``fields``."""
    entry = CATALOGUE[code]
    values = {name: str(value) for name, value in fields.items()}
    missing = _needs(code) - values.keys()
    if missing:
        raise KeyError(f"{code} needs fields {sorted(missing)}")
    return Finding(
        loc=loc,
        code=code,
        severity=entry.severity,
        message=entry.message.format(**values),
        hint=entry.hint.format(**values),
    )


def blocking(findings: Iterable[Finding], strict: bool) -> list[Finding]:
    """The findings that fail a check or stop a build: errors, and warnings too under ``strict``."""
    stops = {Severity.ERROR, Severity.WARNING} if strict else {Severity.ERROR}
    return [f for f in findings if f.severity in stops]
