"""The planner's table edits: stage-chain rates a user moved and channel-mix rows a user changed.

They are kept as *overrides of the baseline*, keyed by name (the stage that starts a chain step,
the channel), so a saved scenario or a shared link reopens the same view, and a stage or channel
that is no longer in the data is reported as stale instead of being applied to the wrong row.

    chain:  stage → rate [share 0..1 of those who reached the step that went through it]
    mix:    channel → (budget [money/period], cpl [money/lead], conversion [share],
                       avg_check [money/deal], saturation [≥ 0])
"""

from __future__ import annotations

import json
from dataclasses import dataclass

from funnel.model.chain import StageChain
from funnel.model.fields import non_negative, positive, refuse, share
from funnel.model.gaps import NONE, Gaps
from funnel.model.mix import Channel, rows, totals

MIX_FIELDS = ("budget", "cpl", "conversion", "avg_check", "saturation")
MAX_ROWS = 200  # a ladder or a channel list longer than this is not a real plan: refuse, don't loop
_TOL = 1e-6  # a value this close to the baseline's is the baseline's (slider and JSON rounding)


@dataclass(frozen=True)
class ChannelEdit:
    """One changed row of the channel mix, in the model's units (conversion as a share)."""

    budget: float
    cpl: float
    conversion: float
    avg_check: float
    saturation: float = 0.0

    def __post_init__(self):
        non_negative("mix.budget", self.budget)
        positive("mix.cpl", self.cpl)
        share("mix.conversion", self.conversion)
        non_negative("mix.avg_check", self.avg_check)
        non_negative("mix.saturation", self.saturation)

    def values(self) -> tuple[float, ...]:
        return tuple(float(getattr(self, f)) for f in MIX_FIELDS)


@dataclass(frozen=True)
class Edits:
    """Overrides of the baseline's stage chain and channel mix; empty = the baseline's."""

    chain: tuple[tuple[str, float], ...] = ()
    mix: tuple[tuple[str, ChannelEdit], ...] = ()

    def __post_init__(self):
        if len(self.chain) > MAX_ROWS or len(self.mix) > MAX_ROWS:
            raise refuse("edits", f"at most {MAX_ROWS} stages and {MAX_ROWS} channels", len(self.chain) + len(self.mix))
        for name, rate in self.chain:
            _name("chain", name)
            share(f"chain «{name}»", rate)
        for name, row in self.mix:
            _name("mix", name)
            if not isinstance(row, ChannelEdit):
                raise refuse(f"mix «{name}»", "must be a channel row", row)

    def __bool__(self) -> bool:
        return bool(self.chain or self.mix)

    # ---- applying to a baseline ----------------------------------------------------------------
    def apply_chain(self, base: StageChain) -> tuple[StageChain, list[str]]:
        """(the baseline chain with these rates, stages edited here that the baseline lacks)."""
        rates = dict(self.chain)
        steps = tuple((name, rates.get(name, rate)) for name, rate in base.steps)
        known = {name for name, _ in base.steps}
        return StageChain(steps), [n for n in rates if n not in known]

    def apply_mix(self, base: list[Channel]) -> tuple[list[Channel], list[str]]:
        """(the baseline channels with these rows, channels edited here that the baseline lacks).
        An edited row keeps the baseline's base budget, so saturation is measured from the spend
        at which the baseline's CPL was seen."""
        rows = dict(self.mix)
        out = [
            Channel(c.name, **dict(zip(MIX_FIELDS, rows[c.name].values(), strict=True)), base_budget=c.base_budget)
            if c.name in rows
            else c
            for c in base
        ]
        known = {c.name for c in base}
        return out, [n for n in rows if n not in known]

    # ---- storing -------------------------------------------------------------------------------
    def to_dict(self) -> dict:
        """{"chain": {stage: rate}, "mix": {channel: {field: value}}}; empty parts left out."""
        out: dict = {}
        if self.chain:
            out["chain"] = {name: rate for name, rate in self.chain}
        if self.mix:
            out["mix"] = {name: dict(zip(MIX_FIELDS, row.values(), strict=True)) for name, row in self.mix}
        return out

    @classmethod
    def from_dict(cls, data) -> Edits:
        """The inverse of ``to_dict``; anything malformed is refused naming the part that is wrong."""
        if data is None:
            return cls()
        if not isinstance(data, dict) or set(data) - {"chain", "mix"}:
            raise refuse("edits", "must hold only «chain» and «mix»", data)
        chain = data.get("chain") or {}
        mix = data.get("mix") or {}
        if not isinstance(chain, dict):
            raise refuse("chain", "must map stages to rates", chain)
        if not isinstance(mix, dict):
            raise refuse("mix", "must map channels to rows", mix)
        rows = []
        for name, row in mix.items():
            if not isinstance(row, dict) or set(row) - set(MIX_FIELDS) or not set(MIX_FIELDS[:4]) <= set(row):
                raise refuse(f"mix «{name}»", f"must hold {', '.join(MIX_FIELDS)}", row)
            rows.append((name, ChannelEdit(**{f: row.get(f, 0.0) for f in MIX_FIELDS})))
        return cls(tuple((name, share(f"chain «{name}»", rate)) for name, rate in chain.items()), tuple(rows))

    def to_text(self, part: str) -> str | None:
        """One part ("chain" or "mix") as compact JSON for a query parameter; None when empty."""
        value = self.to_dict().get(part)
        return None if value is None else json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def _name(part: str, name) -> str:
    if not isinstance(name, str) or not name.strip() or len(name) > 500:
        raise refuse(part, "names must be non-empty text", name)
    return name


def mix_edits(base: list[Channel], rows: list[Channel]) -> tuple[tuple[str, ChannelEdit], ...]:
    """The channel rows that differ from the baseline's in any field, in the baseline's order."""
    out = []
    for old, new in zip(base, rows, strict=True):
        edit = ChannelEdit(new.budget, new.cpl, new.conversion, new.avg_check, new.saturation)
        before = (old.budget, old.cpl, old.conversion, old.avg_check, old.saturation)
        if any(abs(a - b) > _TOL * max(1.0, abs(b)) for a, b in zip(edit.values(), before, strict=True)):
            out.append((new.name, edit))
    return tuple(out)


FIGURES = ("chain_conversion", "mix_budget", "mix_turnover", "mix_romi")


def plan_chain(edits: Edits, base: StageChain, conversion: float | None) -> StageChain:
    """The stage chain a plan of ``conversion`` [share] has, as the planner's chain tab shows it:
    the baseline's steps with the edited ones as set by hand, the others moved together so that
    the steps multiply out to the plan's conversion (StageChain.scaled_to). ``conversion`` None:
    the edited baseline chain as it is."""
    chain = edits.apply_chain(base)[0]
    return chain if conversion is None else chain.scaled_to(conversion, {name for name, _ in edits.chain})


def figures(
    edits: Edits,
    chain: StageChain | None,
    channels: list[Channel],
    gaps: Gaps = NONE,
    conversion: float | None = None,
) -> dict:
    """What ``edits`` give on a baseline's chain and channels: chain_conversion [share] = Π rates
    of the plan's chain (plan_chain: scaled to the plan's ``conversion`` when given, as the chain
    tab shows it); mix_budget, mix_turnover [money/period] and mix_romi [share] = (turnover −
    budget) ÷ budget over the mix (mix.totals). None where the baseline has no chain or no
    channels, and, with ``gaps``, where the mix is built on a lever the data does not give and
    the edits do not type (mix_result)."""
    out = dict.fromkeys(FIGURES)
    if chain is not None:
        out["chain_conversion"] = plan_chain(edits, chain, conversion).conversion
    if channels:
        tot = mix_result(edits, channels, gaps)["totals"]
        out.update(mix_budget=tot["budget"], mix_turnover=tot["turnover"], mix_romi=tot["romi"])
    return out


def on_baseline(b, edits: Edits, conversion: float | None) -> dict:
    """``figures`` of ``edits`` on the baseline ``b`` (funnel.model.baseline.Baseline: its chain,
    channels and gaps) for a plan of ``conversion``: what the planner's chain and mix tabs show,
    and what a scenario saves of them."""
    return figures(edits, b.stage_chain(), b.mix_channels(), b.gaps(), conversion)


def mix_result(edits: Edits, channels: list[Channel], gaps: Gaps = NONE) -> dict:
    """The channel mix ``edits`` give on the baseline's ``channels``: {"rows", "totals"}
    (funnel.model.mix), a figure None where it is built on a lever the data does not give and
    the cell is not typed (funnel.model.gaps.Gaps.apply_mix)."""
    applied = edits.apply_mix(channels)[0]
    mixed = {"rows": rows(applied), "totals": totals(applied)}
    return gaps.apply_mix(mixed, applied, channels) if applied and gaps != NONE else mixed
