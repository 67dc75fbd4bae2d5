"""Chinese prose for synthetic reports: sentences assembled from the pools in ``vocab``.

Owns the wording of responsibilities, funds-table cells, the execution analysis and the four
narrative sections, so that every generated page reads differently while staying on topic for its
department.
"""

from __future__ import annotations

import random

from benchmarks import vocab

CN_NUM = "一二三四五六七八九十"


class Prose:
    def __init__(self, rng: random.Random, dept: str, place: str, bureau: vocab.Bureau, year: int) -> None:
        self.rng = rng
        self.dept = dept
        self.place = place
        self.bureau = bureau
        self.year = year
        self.gov = f"{place[-1]}委、{place[-1]}政府"

    def fill(self, template: str) -> str:
        b = self.bureau
        return template.format(
            year=self.year, dept=self.dept, gov=self.gov, served=b.served, task=self.rng.choice(b.tasks),
            area=self.place[-1], n=self.rng.randint(200, 900), m=self.rng.randint(150, 200),
        )

    def sentence(self) -> str:
        """Opener + two actions + a result: about 50-70 characters."""
        r = self.rng
        actions = "，".join(self.fill(a) for a in r.sample(vocab.ACTIONS, 2))
        return f"{self.fill(r.choice(vocab.OPENERS))}{actions}，{self.fill(r.choice(vocab.RESULTS))}。"

    def responsibility(self, task: str) -> str:
        r = self.rng
        verb = r.choice(("负责", "承担", "组织实施", "统筹推进", "指导和监督"))
        extra = self.fill(r.choice(vocab.ACTIONS))
        tail = r.choice((
            f"拟订相关政策措施并监督实施，研究解决{self.bureau.served}反映的重点难点问题",
            f"建立健全工作制度和考核机制，定期向{self.gov}报告工作情况",
            "组织开展监督检查和统计分析，推动工作规范化、标准化、信息化",
            f"协调有关部门做好{task}的资金保障、项目管理和绩效评价工作",
        ))
        return f"{verb}全{self.place[-1]}{task}工作；{extra}，{tail}。"

    def responsibilities(self) -> list[str]:
        tasks = list(self.bureau.tasks)
        self.rng.shuffle(tasks)
        items = [self.responsibility(t) for t in tasks[: self.rng.randint(4, 5)]]
        items.append(self.rng.choice(("离退休党支部活动管理", "完成上级交办的其他任务。", "负责本单位党的建设和精神文明建设工作。")))
        return items

    def funds_texts(self, task: str, amount: str) -> tuple[str, str]:
        r = self.rng
        detail = r.choice((
            f"{task}，保障对象为全{self.place[-1]}{self.bureau.served}，资金实行专账核算、专款专用。",
            f"用于{task}，按照“谁使用、谁负责”的原则落实资金管理责任，年内分批拨付到位。",
            f"实施{task}，采取政府采购方式确定服务单位，按合同约定的进度支付资金。",
            f"开展{task}，标准根据项目不同为{r.randint(2, 9)}00-{r.randint(1, 9)}000元，通过实名制银行卡发放。",
        ))
        completion = r.choice((
            f"{task}全面完成，共支出{amount}万元。",
            f"已按计划完成{task}，惠及{self.bureau.served}{r.randint(120, 9000)}{r.choice(self.bureau.units)}。",
            f"{task}任务完成，资金支付进度达到序时要求。",
            f"实际完成{task}{r.randint(3, 60)}{r.choice(self.bureau.units)}，达到年初目标。",
        ))
        return detail, completion

    def execution_analysis(self) -> str:
        r = self.rng
        parts = [
            "年度预算执行总体平稳，基本支出保障了机构正常运转，项目支出重点保障了"
            f"{'、'.join(r.sample(self.bureau.tasks, 2))}等重点工作。",
            r.choice((
                "单位严格执行中央八项规定精神，“三公”经费支出较上年有所下降。",
                "本年度未发生超预算、无预算支出的情况，预算执行率保持在较高水平。",
                "受项目实施进度影响，部分资金年底形成结转，将按规定在下年继续使用。",
            )),
        ]
        return "".join(parts) + self.sentence()

    def problems(self) -> str:
        r = self.rng
        paras = []
        for i, problem in enumerate(r.sample(vocab.PROBLEMS, r.randint(3, 4))):
            paras.append(f"{i + 1}. {self.fill(problem)}。{r.choice(vocab.CAUSES)}，{self.sentence()}")
        return "\n\n".join(paras)

    def improvements(self) -> str:
        r = self.rng
        lead = r.choice(("针对存在的问题，我单位将从以下几个方面加以改进：", "下一步，我们将重点做好以下工作：",
                         "为进一步提高财政资金使用效益，拟采取以下措施："))
        items = [f"{i + 1}. {self.fill(m)}。{self.sentence()}"
                 for i, m in enumerate(r.sample(vocab.MEASURES, r.randint(4, 5)))]
        return lead + "\n\n" + "\n".join(items)

    def disclosure(self) -> str:
        return "".join(self.rng.sample(vocab.DISCLOSURE, 4))

    def other(self) -> str:
        return self.fill(self.rng.choice(vocab.OTHER))

    def summary(self) -> str:
        return "".join(self.sentence() for _ in range(self.rng.randint(3, 5)))
