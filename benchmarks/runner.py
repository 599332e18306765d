"""The whole benchmark in one run; ``benchmarks/run --help`` for the options.

For each engine (SQLite, and PostgreSQL on a throw-away server or ``--pg-url``): generate the
data (or reuse a database the generator filled with the same scale and seed), measure in
this process the services and their raw SQL, start the real app on a pseudo-terminal several
times beside a bare Textual app, drive the running app with the Pilot in a subprocess, and
print one JSON object with every figure, its floor, their ratio, and each target met or not.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

import peewee

from benchmarks import in_process
from benchmarks.generate import generate, stored_metadata
from benchmarks.startup import StartupFailed, time_to_marker
from benchmarks.stats import summary
from ectui.db import bind, open_database
from ectui.planner_statistics import refresh as refresh_planner_statistics
from ectui.schema import migrate

REPO = Path(__file__).resolve().parent.parent
TARGETS = {
    "startup_ratio_max": 1.5,
    "search_p95_ms_max": 30.0,
    "search_raw_ratio_max": 3.0,
    "card_ms_max": 100.0,
    "reports_s_max": 1.0,
    "peak_rss_mb_max": 150.0,
}


def _child_env(login: str) -> dict[str, str]:
    env = dict(os.environ)
    # Started as a person starts it: from cached bytecode (see compile_sources), not from
    # sources compiled anew at every start because this shell said not to write bytecode.
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(REPO), env.get("PYTHONPATH")]))
    env["LOGNAME"] = login  # the app works as the OS login (getpass reads LOGNAME first)
    env["LANG"] = "ru_RU.UTF-8"
    env["TZ"] = "Europe/Moscow"  # the generated working days are Moscow's
    env.pop("ECTUI_DB", None)
    return env


def _connect(url: str) -> peewee.Database:
    """The database, upgraded to the current schema first: the app would upgrade it on its
    first start, and that one-time work must not be timed as a start-up. So are SQLite's
    planner statistics, which the app refreshes as it opens a session."""
    db = bind(open_database(url))
    db.connect(reuse_if_open=True)
    migrate(db)
    refresh_planner_statistics(db)
    return db


def compile_sources() -> None:
    """Compile ectui's and the screens' bytecode once, as pip does when it installs a
    package (an editable install leaves it to the first start): start-ups are timed warm."""
    import compileall

    for package in ("ectui", "screens", "benchmarks"):
        compileall.compile_dir(str(REPO / package), quiet=1)


def warm_file_cache(db: peewee.Database, engine: str) -> str:
    """Read the engine's files once, so each engine is measured from the operating system's
    file cache: run one after the other on one machine, the first engine's files pushed the
    second's out, and PostgreSQL's slowest keystroke took 55 ms after the SQLite round
    against 34 ms on its own (benchmarks/RESULTS.md, session 7). A server in use keeps
    its hot data cached; the probe's first pass warms the rest."""
    began = time.perf_counter()
    if engine == "sqlite":
        path = Path(db.database)
        for name in (path, path.with_name(path.name + "-wal")):
            if name.exists():
                with open(name, "rb") as file:
                    while file.read(1 << 20):
                        pass
    else:
        try:
            db.execute_sql("CREATE EXTENSION IF NOT EXISTS pg_prewarm")
            db.execute_sql("SELECT pg_prewarm(c.oid::regclass, 'read') FROM pg_class c "
                           "JOIN pg_namespace n ON n.oid = c.relnamespace "
                           "WHERE n.nspname = 'public' AND c.relkind IN ('r', 'i', 'm')")
        except peewee.DatabaseError as error:  # no contrib package, or no right to add it
            db.rollback()
            return f"not warmed: {str(error).strip()[:200]}"
    return f"read once before measuring ({time.perf_counter() - began:.1f} s)"


def analyze(url: str) -> float:
    """Give SQLite's planner statistics (ANALYZE); seconds it took. ectui itself never does."""
    db = _connect(url)
    began = time.perf_counter()
    db.execute_sql("ANALYZE")
    db.close()
    return time.perf_counter() - began


# -- the pieces -----------------------------------------------------------------------------


def measure_startup(url: str, login: str, marker: str, repeat: int) -> dict:
    """Median start-up of the real app and of the bare Textual app, each ``repeat`` times."""
    env = _child_env(login)
    app_argv = [sys.executable, "-m", "ectui", "--db", url, "--lang", "ru"]
    bare_argv = [sys.executable, "-m", "benchmarks.bare_app", marker]
    app, bare = [], []
    for _ in range(repeat):  # interleaved, so drift on the machine hits both alike
        app.append(time_to_marker(app_argv, marker, env=env))
        bare.append(time_to_marker(bare_argv, marker, env=env))
    app_s = statistics.median(s.seconds for s in app)
    bare_s = statistics.median(s.seconds for s in bare)
    return {"app_s": round(app_s, 3), "bare_s": round(bare_s, 3),
            "ratio": round(app_s / bare_s, 2),
            "app_samples_s": [round(s.seconds, 3) for s in app],
            "bare_samples_s": [round(s.seconds, 3) for s in bare],
            "app_peak_rss_mb": round(max(s.peak_rss_mb for s in app), 1),
            "bare_peak_rss_mb": round(max(s.peak_rss_mb for s in bare), 1)}


def run_probe(url: str, login: str, card_ids: list[int], passes: int,
              searches: int | None) -> dict:
    """The Pilot-driven app in its own process, with its peak resident memory."""
    argv = [sys.executable, "-m", "benchmarks.probe", "--db", url, "--login", login,
            "--passes", str(passes)]
    if searches is not None:
        argv += ["--searches", str(searches)]
    for org_id in card_ids:
        argv += ["--card", str(org_id)]
    done = subprocess.run(argv, capture_output=True, env=_child_env(login),
                          stdin=subprocess.DEVNULL, check=False)
    if done.returncode != 0:
        raise RuntimeError(f"the probe failed ({done.returncode}):\n"
                           f"{done.stderr.decode(errors='replace')[-4000:]}")
    return json.loads(done.stdout)


def search_figures(probe: dict, floors: list[dict]) -> dict:
    ui_paint = [s["ms_to_paint"] for s in probe["searches"]]
    ui_loaded = [s["ms_to_loaded"] for s in probe["searches"]]
    raw = [f["raw_ms"] for f in floors]
    service = [f["service_ms"] for f in floors]
    by_prefix = {(f["tab"], f["prefix"]): f for f in floors}
    slowest = sorted(probe["searches"], key=lambda s: s["ms_to_paint"], reverse=True)[:8]
    paint, raw_summary = summary(ui_paint), summary(raw)
    return {
        "keystrokes": len(ui_paint),
        "ui_to_paint_ms": paint, "ui_to_loaded_ms": summary(ui_loaded),
        "service_ms": summary(service), "raw_sql_ms": raw_summary,
        "ratio_p95_to_raw_p95": round(paint["p95"] / raw_summary["p95"], 2)
        if raw_summary.get("p95") else None,
        "slowest": [{**s, "raw_ms": by_prefix[(s["tab"], s["prefix"])]["raw_ms"],
                     "service_ms": by_prefix[(s["tab"], s["prefix"])]["service_ms"]}
                    for s in slowest],
    }


def targets(result: dict, engine: str) -> dict:
    """Each target of the issue: met (true), missed (false), or not measurable yet (null)."""
    search, card = result["search"], result["card"]
    card_ms = card.get("with_tree_service_ms", card["card_service_ms"])["p95"]
    verdict = {
        "startup_le_1_5x_bare": "error" not in result["startup"]
        and result["startup"]["ratio"] <= TARGETS["startup_ratio_max"],
        "search_p95_le_30ms": search["ui_to_paint_ms"]["p95"] <= TARGETS["search_p95_ms_max"],
        "search_p95_le_3x_raw": (search["ratio_p95_to_raw_p95"] or 0)
        <= TARGETS["search_raw_ratio_max"],
        "card_with_tree_le_100ms": max(card_ms, card["ui_ms"]["p95"]) <= TARGETS["card_ms_max"],
        "peak_rss_le_150mb": result["memory"]["peak_rss_mb"] <= TARGETS["peak_rss_mb_max"],
    }
    if engine == "sqlite":  # the issue sets the reports' target on SQLite
        slowest = max(result["funnel"]["service_ms"], result["abc"]["service_ms"])
        verdict["funnel_abc_le_1s"] = slowest <= TARGETS["reports_s_max"] * 1000
    return verdict


def measure_engine(engine: str, url: str, metadata: dict, args) -> dict:
    logins = metadata["logins"]
    today = date.fromisoformat(metadata["today"])
    statistics = "autovacuum's (ANALYZE after the bulk load)"
    if engine == "sqlite" and args.analyze:
        statistics = f"ANALYZE by the benchmark before measuring ({analyze(url):.1f} s)"
    db = _connect(url)
    file_cache = warm_file_cache(db, engine)
    if engine == "sqlite" and not args.analyze:
        statistics = ("ectui's own (ectui.planner_statistics, as a session opens)"
                      if db.table_exists("sqlite_stat1") else "none (empty tables)")
    began = time.perf_counter()
    # The director sees the whole base: the Directory's widest lists and any card. A
    # manager with a typical load starts the app on their Today list.
    widest = in_process.context_for(logins["director"], today)
    typical = in_process.context_for(logins["manager"], today)
    marker = in_process.first_screen_marker(typical)
    card_ids = in_process.card_sample(args.seed, args.cards)
    floors = in_process.search_floors(widest, args.searches)
    cards = in_process.card_floors(widest, card_ids)
    today_list = in_process.today_floors(typical)
    reports = in_process.report_floors(widest)
    db.close()
    try:
        startup = measure_startup(url, logins["manager"], marker, args.startup_repeat)
    except StartupFailed as error:  # the rest is still worth measuring
        startup = {"error": str(error)[:400], "app_peak_rss_mb": 0.0}
    probe = run_probe(url, logins["director"], card_ids, args.passes, args.searches)
    result = {
        "url": url.split("@")[-1],
        "planner_statistics": statistics,
        "file_cache": file_cache,
        "logins": {"directory_and_cards": logins["director"],
                   "startup_and_today": logins["manager"]},
        "startup": {**startup, "start_screen": "Today", "marker": marker},
        "first_list_in_app_ms": probe["first_list"],
        "search": search_figures(probe, floors),
        "card": {**cards, "ui_ms": summary([c["ms"] for c in probe["cards"]]),
                 "ui_note": "the card screen as it is now (no task tree on it yet)",
                 "organizations": card_ids},
        "today": today_list,
        "funnel": reports["funnel"],
        "abc": reports["abc"],
        "memory": {"probe_peak_rss_mb": probe["peak_rss_mb"],
                   "startup_peak_rss_mb": startup["app_peak_rss_mb"],
                   "peak_rss_mb": max(probe["peak_rss_mb"], startup["app_peak_rss_mb"])},
    }
    result["targets"] = targets(result, engine)
    result["seconds"] = round(time.perf_counter() - began, 1)
    return result


# -- databases ------------------------------------------------------------------------------


def _matches(metadata: dict | None, args) -> bool:
    return bool(metadata) and metadata["scale"] == args.scale and metadata["seed"] == args.seed


def _pg_server():
    sys.path.insert(0, str(REPO / "tests"))
    from pg_server import PostgresServer

    return PostgresServer().start()


def prepare_databases(args, log) -> tuple[dict[str, str], dict, object]:
    """URLs by engine (generated now or reused), the generator's metadata, the PG server."""
    urls: dict[str, str] = {}
    server = None
    fresh: list[str] = []
    metadata = None
    if "sqlite" in args.engines:
        path = Path(args.data_dir) / f"ectui-bench-{args.scale:g}-{args.seed}.sqlite3"
        urls["sqlite"] = f"sqlite:///{path}"
        stored = stored_metadata(urls["sqlite"]) if path.exists() else None
        if args.reuse and _matches(stored, args):
            metadata = stored
            log(f"reusing {path}")
        else:
            for suffix in ("", "-wal", "-shm"):
                Path(f"{path}{suffix}").unlink(missing_ok=True)
            fresh.append(urls["sqlite"])
    if "postgresql" in args.engines:
        if args.pg_url:
            urls["postgresql"] = args.pg_url
            stored = stored_metadata(args.pg_url)
            if _matches(stored, args):
                metadata = metadata or stored
                log("reusing the PostgreSQL database")
            elif stored:
                raise SystemExit("--pg-url holds data of another scale or seed; give an empty "
                                 "database")
            else:
                fresh.append(args.pg_url)
        else:
            log("starting a throw-away PostgreSQL server")
            server = _pg_server()
            urls["postgresql"] = server.create_database("ectui_bench")
            fresh.append(urls["postgresql"])
    if fresh:
        today = date.fromisoformat(metadata["today"]) if metadata else None
        log(f"generating scale {args.scale:g} into {len(fresh)} database(s)")
        metadata = generate(fresh, args.scale, args.seed, today, progress=log)
    return urls, metadata, server


def machine() -> dict:
    import sqlite3

    import textual

    return {"python": platform.python_version(), "cpus": os.cpu_count(),
            "platform": platform.platform(), "sqlite": sqlite3.sqlite_version,
            "textual": textual.__version__, "peewee": peewee.__version__}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="benchmarks/run", description=__doc__.split("\n\n")[0])
    parser.add_argument("--scale", type=float, default=0.01,
                        help="1.0 = 100 000 organizations, 300 000 contacts (default 0.01)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--engines", default="sqlite,postgresql",
                        type=lambda text: [e.strip() for e in text.split(",") if e.strip()])
    parser.add_argument("--data-dir", default=str(Path(tempfile.gettempdir()) / "ectui-bench"))
    parser.add_argument("--reuse", action="store_true",
                        help="reuse a database generated earlier with the same scale and seed")
    parser.add_argument("--pg-url", help="an existing PostgreSQL database instead of a "
                        "throw-away server (reused when it holds the same scale and seed)")
    parser.add_argument("--startup-repeat", type=int, default=5)
    parser.add_argument("--passes", type=int, default=2,
                        help="rounds of typing; all but the last warm the caches")
    parser.add_argument("--cards", type=int, default=20)
    parser.add_argument("--searches", type=int, default=None,
                        help="type only this many of the fixed searches (a quick run)")
    parser.add_argument("--analyze", action="store_true",
                        help="run ANALYZE on SQLite first: what planner statistics would change")
    parser.add_argument("--quiet", action="store_true")
    args = parser.parse_args(argv)
    unknown = set(args.engines) - {"sqlite", "postgresql"}
    if unknown:
        parser.error(f"unknown engine(s): {', '.join(sorted(unknown))}")
    Path(args.data_dir).mkdir(parents=True, exist_ok=True)

    def log(message: str) -> None:
        if not args.quiet:
            print(message, file=sys.stderr, flush=True)

    began = time.perf_counter()
    compile_sources()
    urls, metadata, server = prepare_databases(args, log)
    report = {"scale": args.scale, "seed": args.seed, "machine": machine(), "data": metadata,
              "targets": TARGETS, "engines": {}}
    try:
        for engine, url in urls.items():
            log(f"measuring {engine}")
            report["engines"][engine] = measure_engine(engine, url, metadata, args)
    finally:
        if server is not None:
            server.stop()
    report["seconds"] = round(time.perf_counter() - began, 1)
    print(json.dumps(report, ensure_ascii=False, indent=1))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
