"""``benchmarks/run`` at a small size, on each engine: it must never rot.

It prints one JSON object with every figure; the figures themselves are not judged here
(this machine is busy running the suite), only that each was measured.
"""

from __future__ import annotations

import argparse
import json
import subprocess
from pathlib import Path

import pytest

from benchmarks.runner import prepare_databases

REPO = Path(__file__).resolve().parents[2]


def _run(engine: str, tmp_path: Path, extra: list[str]) -> dict:
    argv = [str(REPO / "benchmarks" / "run"), "--scale", "0.002", "--engines", engine,
            "--data-dir", str(tmp_path), "--startup-repeat", "1", "--passes", "1",
            "--cards", "2", "--searches", "2", "--quiet", *extra]
    done = subprocess.run(argv, capture_output=True, text=True, timeout=240, cwd=REPO,
                          stdin=subprocess.DEVNULL)
    assert done.returncode == 0, done.stderr[-3000:] + done.stdout[-3000:]
    return json.loads(done.stdout)


def _positive(summary: dict) -> bool:
    return summary["n"] > 0 and 0 < summary["p50"] <= summary["p95"] <= summary["max"]


@pytest.mark.parametrize("engine", [
    pytest.param("sqlite", id="sqlite"),
    pytest.param("postgresql", id="postgresql", marks=pytest.mark.postgres),
])
def test_benchmark_measures_every_figure(engine, tmp_path, request):
    extra: list[str] = []
    name = None
    if engine == "postgresql":
        server = request.getfixturevalue("pg_server")
        name = server.unique_name("benchmark")
        extra = ["--pg-url", server.create_database(name)]
    try:
        report = _run(engine, tmp_path, extra)
    finally:
        if name is not None:
            server.drop_database(name)
    assert report["data"]["rows"]["organization"] == 200
    result = report["engines"][engine]
    # Each engine's files are read before it is measured (the test server has pg_prewarm).
    assert result["file_cache"].startswith("read once before measuring"), result["file_cache"]
    startup = result["startup"]
    assert 0 < startup["bare_s"] and 0 < startup["app_s"] and startup["ratio"] > 0
    search = result["search"]
    assert search["keystrokes"] == len("ромашка") + len("иванов")
    for figure in ("ui_to_paint_ms", "ui_to_loaded_ms", "service_ms", "raw_sql_ms"):
        assert _positive(search[figure]), figure
    card = result["card"]
    for figure in ("card_service_ms", "with_tree_service_ms", "ui_ms"):
        assert _positive(card[figure]), figure
    assert result["today"]["service_ms"] > 0 and result["today"]["raw_ms"] > 0
    assert sum(result["today"]["sections"].values()) > 0
    assert result["memory"]["peak_rss_mb"] > 20
    assert set(result["targets"]) >= {"startup_le_1_5x_bare", "search_p95_le_30ms",
                                      "search_p95_le_3x_raw", "card_with_tree_le_100ms",
                                      "peak_rss_le_150mb"}
    for report in ("funnel", "abc"):
        assert result[report]["service_ms"] > 0 and result[report]["clients"] > 0, report


def test_reuses_a_database_generated_with_the_same_scale_and_seed(tmp_path):
    args = argparse.Namespace(engines=["sqlite"], data_dir=str(tmp_path), scale=0.002, seed=3,
                              reuse=True, pg_url=None)
    said: list[str] = []
    _urls, first, _server = prepare_databases(args, said.append)
    _urls, second, _server = prepare_databases(args, said.append)
    assert second == first
    assert any(line.startswith("reusing") for line in said)
    _urls, third, _server = prepare_databases(argparse.Namespace(**{**vars(args), "seed": 4}),
                                              said.append)
    assert third["seed"] == 4
