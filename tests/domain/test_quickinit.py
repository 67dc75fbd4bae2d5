"""quick_init gives a frozen slotted dataclass an __init__ that behaves as the generated one.

Same parameters in the same order with the same defaults, fresh default_factory values, kw-only
fields, __post_init__, required arguments, frozenness; and the domain classes that use it keep the
signature of their fields.
"""

from __future__ import annotations

import dataclasses
import inspect
from dataclasses import dataclass, field

import pytest

from jixiao.domain import issues, model, rules, scorecard, targets
from jixiao.domain.quickinit import quick_init


def _pair() -> tuple[type, type]:
    def declare() -> type:
        @dataclass(frozen=True, slots=True)
        class Base:
            a: int
            tags: list[str] = field(default_factory=list)

        @dataclass(frozen=True, slots=True)
        class Child(Base):
            b: str = "x"
            c: tuple[int, ...] = ()
            d: int = field(default=7, kw_only=True)
            seen: list[int] = field(default_factory=list, compare=False)

            def __post_init__(self) -> None:
                self.seen.append(self.a)

        return Child

    return declare(), quick_init(declare())


def test_behaves_as_the_generated_init() -> None:
    plain, quick = _pair()
    for args, kwargs in [((1,), {}), ((1, ["t"], "y", (2,)), {"d": 3}), ((), {"a": 5, "b": "z"})]:
        p, q = plain(*args, **kwargs), quick(*args, **kwargs)
        assert dataclasses.astuple(p) == dataclasses.astuple(q)
        assert q.seen == [q.a]  # __post_init__ ran
    assert quick(1).tags is not quick(1).tags  # a fresh default each time
    plain_params = list(inspect.signature(plain.__init__).parameters.values())
    quick_params = list(inspect.signature(quick.__init__).parameters.values())
    assert [(p.name, p.kind) for p in plain_params] == [(p.name, p.kind) for p in quick_params]
    assert [p.default for p in plain_params if p.name in {"b", "c", "d"}] == ["x", (), 7]
    assert [p.default for p in quick_params if p.name in {"b", "c", "d"}] == ["x", (), 7]
    with pytest.raises(TypeError):
        quick()
    with pytest.raises(TypeError):
        quick(1, [], "b", (), [], 4)  # d is keyword-only
    with pytest.raises(dataclasses.FrozenInstanceError):
        quick(1).a = 2  # type: ignore[misc]


def test_refuses_what_it_cannot_do() -> None:
    @dataclass
    class Unslotted:
        a: int

    with pytest.raises(TypeError):
        quick_init(Unslotted)


_USERS = [model.Loc, model.FundsRow, model.Target, model.Indicator, model.IndicatorGroup, model.IndicatorTable,
          model.NarrativeSection, issues.Finding, targets.Value, rules.Outcome, scorecard.ScoredRow]


@pytest.mark.parametrize("cls", _USERS, ids=lambda c: c.__name__)
def test_domain_classes_keep_their_fields_signature(cls: type) -> None:
    params = list(inspect.signature(cls.__init__).parameters.values())[1:]
    fields = dataclasses.fields(cls)
    assert [p.name for p in params] == [f.name for f in fields]
    for p, f in zip(params, fields, strict=True):
        if f.default is not dataclasses.MISSING:
            assert p.default is f.default
        elif f.default_factory is dataclasses.MISSING:
            assert p.default is inspect.Parameter.empty
        assert (p.kind == inspect.Parameter.KEYWORD_ONLY) == f.kw_only
    assert cls.__init__.__qualname__ == f"{cls.__qualname__}.__init__"
