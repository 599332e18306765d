"""Summaries of timing samples, in milliseconds."""

from __future__ import annotations

import math


def percentile(values: list[float], share: float) -> float:
    """The nearest-rank percentile: the smallest value with ``share`` of samples at or below."""
    ordered = sorted(values)
    rank = max(1, math.ceil(share * len(ordered)))
    return ordered[rank - 1]


def summary(values_ms: list[float]) -> dict[str, float | int]:
    """p50, p95, max and the number of samples, rounded to 0.01 ms."""
    if not values_ms:
        return {"n": 0}
    return {"n": len(values_ms), "p50": round(percentile(values_ms, 0.5), 2),
            "p95": round(percentile(values_ms, 0.95), 2), "max": round(max(values_ms), 2)}
