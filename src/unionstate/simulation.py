"""Simulated surveys: what "95 of 100 intervals contain the true share" means (lesson 02, Going further).

    from unionstate.simulation import simulate_surveys, coverage, interval_chart
    simulated = simulate_surveys(12.8, 1061, repeats=100)      # 100 imaginary surveys of 1061 people
    coverage(simulated, 12.8, 1061)                            # how many of their 95% intervals contain 12.8

The simulation assumes what no real survey can know: the share in the whole population. Each
imaginary survey asks n people drawn at random from a population in which exactly `share_pct`
percent hold a view (a binomial draw), then computes its own share and its own 95% interval with
the same formula as lesson 02 (analysis.opinion.moe_pct). It is a model of chance alone: everyone
reachable, everyone answering, everyone honest. The seed is fixed so that every student (and the
check) gets the same 100 surveys; another seed gives a slightly different count, which is the point.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from .analysis.opinion import Z95, margin_of_error

SEED = 2020  # any fixed number: the same imaginary surveys for everyone, so the exercise has one answer


def simulate_surveys(share_pct: float, n: int, *, repeats: int = 100, seed: int = SEED) -> pd.DataFrame:
    """`repeats` imaginary simple random samples of n people from a population where `share_pct` percent hold a view.

    Columns: survey (1, 2, ...), chose (how many of the n respondents hold it), share_pct (their share, percent)."""
    if not 0 <= share_pct <= 100:
        raise ValueError("share_pct is a percentage between 0 and 100 (12.8, not 0.128).")
    if n is None or int(n) <= 0:
        raise ValueError("The sample size n must be a positive number.")
    rng = np.random.default_rng(seed)
    chose = rng.binomial(int(n), share_pct / 100, size=int(repeats))
    return pd.DataFrame({"survey": np.arange(1, int(repeats) + 1), "chose": chose, "share_pct": 100 * chose / int(n)})


def with_intervals(simulated: pd.DataFrame, true_share: float, n: int, z: float = Z95) -> pd.DataFrame:
    """The simulated surveys with each one's own 95% interval (low, high, percent) and whether it contains the true share."""
    out = simulated.copy()
    margin = [100 * margin_of_error(s / 100, int(n), z) for s in out["share_pct"]]
    out["low"] = out["share_pct"] - margin
    out["high"] = out["share_pct"] + margin
    out["contains_true_share"] = (out["low"] <= true_share) & (true_share <= out["high"])
    return out


def coverage(simulated: pd.DataFrame, true_share: float, n: int, z: float = Z95) -> int:
    """How many of the simulated surveys' intervals contain the true share."""
    return int(with_intervals(simulated, true_share, n, z)["contains_true_share"].sum())


def coverage_rate(share_pct: float, n: int, *, repeats: int = 10_000, seed: int = SEED) -> float:
    """The share (percent) of `repeats` simulated intervals that contain the true share: the long run."""
    return 100 * coverage(simulate_surveys(share_pct, n, repeats=repeats, seed=seed), share_pct, n) / repeats


def interval_chart(simulated: pd.DataFrame, true_share: float, n: int, *, sources: str, note: str = ""):
    """The simulated intervals as horizontal lines, the true share as a vertical line; the misses stand out by
    colour, line style and marker (never by colour alone). Returns a rendered Figure with alt text."""
    from .plots import OKABE_ITO, new_figure, render

    frame = with_intervals(simulated, true_share, n)
    hits, misses = frame[frame["contains_true_share"]], frame[~frame["contains_true_share"]]
    fig, ax = new_figure(
        f"{len(frame)} simulated surveys of {int(n):,} people: their 95% intervals",
        xlabel="Share in the simulated survey (%), with its 95% interval",
        ylabel="Simulated survey",
        size=(8, 6),
    )
    ax.hlines(hits["survey"], hits["low"], hits["high"], color=OKABE_ITO["blue"], linewidth=1.2,
              label=f"interval contains the true share ({len(hits)})")
    ax.plot(hits["share_pct"], hits["survey"], "o", color=OKABE_ITO["blue"], markersize=2.5)
    ax.hlines(misses["survey"], misses["low"], misses["high"], color=OKABE_ITO["vermillion"], linewidth=2.2, linestyles="dashed",
              label=f"interval misses it ({len(misses)})")
    ax.plot(misses["share_pct"], misses["survey"], "X", color=OKABE_ITO["vermillion"], markersize=7)
    ax.axvline(true_share, color="#222222", linewidth=1.2, linestyle=":", label=f"true share assumed: {true_share:g}%")
    ax.set_ylim(0, len(frame) + 1)
    ax.legend(loc="upper right", fontsize=9, framealpha=0.95)
    alt = (
        f"Chart of {len(frame)} horizontal lines, one per simulated survey of {int(n):,} people: each line is that survey's 95% "
        f"interval around its own share, and a dotted vertical line marks the true share assumed, {true_share:g}%. "
        f"{len(hits)} intervals cross the dotted line; {len(misses)} miss it and are drawn dashed with a cross."
    )
    return render(fig, alt=alt, sources=sources, note=note)


__all__ = ["SEED", "coverage", "coverage_rate", "interval_chart", "simulate_surveys", "with_intervals"]
