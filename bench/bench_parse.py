"""Parse benchmark: the ``discogs-etl parse`` CLI against a bare lxml ``iterparse`` baseline.

Usage::

    .venv/bin/python bench/bench_parse.py [--releases N] [--out DIR] [--keep]

Steps: (1) generate (or reuse) a synthetic ``discogs_20260101_releases.xml.gz`` of N releases,
(2) time a bare ``iterparse`` + ``clear()`` pass over it in a child process (peak RSS of that
child via ``wait4``), (3) run ``python -m etl parse --workers W`` for W = 1 and 2 and read the run
report it writes, (4) print a table and the targets (2 workers at least as fast as the baseline,
peak RSS <= 1 GB) and write ``<out>/bench_parse.json``, (5) remove the parse outputs unless
``--keep``.

Throughput is records (or XML bytes) over parse seconds: measured inside the child for the
baseline, the report's ``seconds`` for the CLI (the subprocess wall time when the report is
missing). Wall times include interpreter start-up and are printed separately.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

DUMP_DATE = "20260101"
SEED = 1
RSS_TARGET_BYTES = 1 << 30
RATIO_TARGET = 1.0
REPORT_KEYS = ("records", "xml_bytes", "seconds", "peak_rss_bytes", "rows")
MB = 1e6


@dataclass
class Run:
    """One measured pass over the dump."""

    name: str
    records: int | None = None
    xml_bytes: int | None = None
    seconds: float | None = None  # parse time used for throughput
    wall_seconds: float | None = None  # subprocess wall clock, start-up included
    peak_rss_bytes: int | None = None
    rss_source: str = ""
    max_process_rss_bytes: int | None = None  # ru_maxrss of the child (largest single process)
    rows: dict[str, int] = field(default_factory=dict)
    ok: bool = False
    problems: list[str] = field(default_factory=list)

    @property
    def releases_per_s(self) -> float | None:
        return self.records / self.seconds if self.records and self.seconds else None

    @property
    def mb_per_s(self) -> float | None:
        return self.xml_bytes / MB / self.seconds if self.xml_bytes and self.seconds else None


# --------------------------------------------------------------------------- input


def _synth_digest() -> str:
    """Hash of the generator source, so a changed generator invalidates a cached dump."""
    digest = hashlib.sha256()
    for source in sorted((REPO / "etl" / "synth").glob("*.py")):
        digest.update(source.read_bytes())
    return digest.hexdigest()[:16]


def prepare_input(out: Path, n: int) -> tuple[Path, int]:
    """Generate the releases dump unless a matching one exists; return (path, XML bytes)."""
    from etl.synth import write_releases

    gz = out / f"discogs_{DUMP_DATE}_releases.xml.gz"
    sidecar = gz.with_name(gz.name + ".meta.json")
    want = {"releases": n, "seed": SEED, "synth": _synth_digest()}
    if gz.exists() and sidecar.exists():
        meta = json.loads(sidecar.read_text())
        if all(meta.get(k) == v for k, v in want.items()):
            print(f"reusing {gz} ({n} releases)")
            return gz, int(meta["xml_bytes"])
    out.mkdir(parents=True, exist_ok=True)
    sidecar.unlink(missing_ok=True)
    print(f"generating {n} releases -> {gz} ...", flush=True)
    t0 = time.perf_counter()
    xml_bytes = write_releases(gz, n, seed=SEED)
    dt = time.perf_counter() - t0
    print(
        f"  generated in {dt:.1f} s ({xml_bytes / MB / dt:.1f} MB/s of XML, "
        f"{n / dt:,.0f} releases/s)"
    )
    sidecar.write_text(json.dumps({**want, "xml_bytes": xml_bytes}, indent=1) + "\n")
    return gz, xml_bytes


# --------------------------------------------------------------------------- child processes


def _run_child(cmd: list[str], cwd: Path) -> tuple[int, float, int, str, str]:
    """Run ``cmd``; return (exit code, wall seconds, child ru_maxrss bytes, stdout, stderr).

    ``wait4`` gives the rusage of exactly this child (ru_maxrss is the largest of it and the
    descendants it waited for), unlike RUSAGE_SELF/RUSAGE_CHILDREN deltas. On Linux it can also
    include this process's RSS at spawn time, so it is only a fallback and a cross-check.
    """
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(REPO), env.get("PYTHONPATH")]))
    with tempfile.TemporaryFile() as fo, tempfile.TemporaryFile() as fe:
        t0 = time.perf_counter()
        proc = subprocess.Popen(cmd, cwd=cwd, env=env, stdout=fo, stderr=fe)
        _, status, usage = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - t0
        proc.returncode = os.waitstatus_to_exitcode(status)
        fo.seek(0)
        fe.seek(0)
        out, err = fo.read().decode(errors="replace"), fe.read().decode(errors="replace")
    return proc.returncode, wall, usage.ru_maxrss * 1024, out, err


def baseline_child(path: str) -> None:
    """Child side of the baseline: bare iterparse + clear over the gzip stream; print JSON."""
    import isal.igzip
    from lxml import etree

    t0 = time.perf_counter()
    n = 0
    with isal.igzip.open(path, "rb") as f:
        for _, elem in etree.iterparse(f, events=("end",), tag="release", huge_tree=True):
            n += 1
            elem.clear(keep_tail=True)
            while elem.getprevious() is not None:
                del elem.getparent()[0]
        xml_bytes = f.tell()
    dt = time.perf_counter() - t0
    print(json.dumps({"records": n, "xml_bytes": xml_bytes, "seconds": dt, "hwm": _own_peak_rss()}))


def _own_peak_rss() -> int:
    """Peak RSS of this process image: VmHWM (Linux), else ru_maxrss.

    ru_maxrss survives exec on Linux, so a freshly spawned child may report its parent's RSS at
    spawn time; VmHWM belongs to the new address space only.
    """
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) * 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024


def run_baseline(gz: Path) -> Run:
    """(a) bare lxml iterparse in a child process."""
    run = Run("(a) lxml iterparse")
    code, wall, maxrss, out, err = _run_child(
        [sys.executable, str(Path(__file__).resolve()), "--_baseline", str(gz)], REPO
    )
    run.wall_seconds, run.max_process_rss_bytes = wall, maxrss
    if code != 0:
        run.problems.append(f"baseline child failed (exit {code}): {_tail(err)}")
        return run
    res = json.loads(out.strip().splitlines()[-1])
    run.records, run.xml_bytes, run.seconds = res["records"], res["xml_bytes"], res["seconds"]
    run.peak_rss_bytes, run.rss_source, run.ok = int(res["hwm"]), "child VmHWM", True
    return run


def run_cli(gz: Path, workers: int, data_dir: Path, xml_bytes: int) -> Run:
    """(b) ``python -m etl parse`` with ``workers`` processes; read its run report."""
    run = Run(f"(b) etl parse -w {workers}")
    shutil.rmtree(data_dir, ignore_errors=True)
    data_dir.mkdir(parents=True)
    cmd = [
        sys.executable,
        "-m",
        "etl",
        "parse",
        "--data-dir",
        str(data_dir),
        "--workers",
        str(workers),
        "-q",
        str(gz),
    ]
    code, wall, maxrss, _, err = _run_child(cmd, REPO)
    run.wall_seconds, run.max_process_rss_bytes = wall, maxrss
    if code != 0:
        run.problems.append(f"`{' '.join(cmd[1:])}` exited with {code}: {_tail(err)}")
        return run
    report_path = data_dir / "parquet" / DUMP_DATE / "reports" / "release.json"
    report: dict[str, Any] = {}
    if not report_path.exists():
        run.problems.append(f"no run report at {report_path} (has the parser written it yet?)")
    else:
        try:
            report = json.loads(report_path.read_text())
        except json.JSONDecodeError as e:
            run.problems.append(f"run report {report_path} is not valid JSON: {e}")
    missing = [k for k in REPORT_KEYS if k not in report]
    if report and missing:
        run.problems.append(f"run report lacks {', '.join(missing)}")
    run.records = report.get("records")
    if run.records is not None:
        run.xml_bytes = report.get("xml_bytes") or xml_bytes
        run.seconds = report.get("seconds") or wall
    run.rows = report.get("rows") or {}
    if report.get("peak_rss_bytes") is not None:
        run.peak_rss_bytes, run.rss_source = int(report["peak_rss_bytes"]), "report (sum)"
    else:
        run.peak_rss_bytes, run.rss_source = maxrss, "wait4 ru_maxrss (largest process)"
    run.ok = run.records is not None
    return run


def _tail(text: str, lines: int = 6) -> str:
    tail = text.strip().splitlines()[-lines:]
    return ("\n    " + "\n    ".join(tail)) if tail else "(no stderr)"


# --------------------------------------------------------------------------- reporting


def _fmt(v: float | None, spec: str) -> str:
    return "-" if v is None else format(v, spec)


def report(runs: list[Run], base: Run, expected_records: int) -> dict[str, Any]:
    """Print the table and target verdicts; return the JSON-able results."""
    base_tp = base.releases_per_s
    print()
    head = (
        f"{'run':<22} {'releases/s':>11} {'XML MB/s':>9} {'wall s':>7} {'peak RSS MB':>12} "
        f"{'ratio vs (a)':>13}"
    )
    print(head)
    print("-" * len(head))
    ratios: dict[str, float | None] = {}
    for r in runs:
        tp = r.releases_per_s
        ratio = tp / base_tp if tp and base_tp else None
        ratios[r.name] = ratio
        rss = r.peak_rss_bytes / MB if r.peak_rss_bytes is not None else None
        print(
            f"{r.name:<22} {_fmt(tp, ',.0f'):>11} {_fmt(r.mb_per_s, '.1f'):>9} "
            f"{_fmt(r.wall_seconds, '.1f'):>7} {_fmt(rss, ',.0f'):>12} "
            f"{_fmt(ratio, '.2f'):>13}"
        )
    print("throughput = records / parse seconds (report `seconds` for (b)); wall includes start-up")
    for r in runs:
        if r.ok and r.records != expected_records:
            r.problems.append(f"counted {r.records} records, expected {expected_records}")
        for p in r.problems:
            print(f"! {r.name}: {p}")
    w2 = next((r for r in runs if r.name.endswith("-w 2")), None)
    ratio2 = ratios.get(w2.name) if w2 else None
    cli = [r for r in runs if r is not base]
    rss_known = [r.peak_rss_bytes for r in cli if r.ok and r.peak_rss_bytes is not None]
    verdict_ratio = None if ratio2 is None else ratio2 >= RATIO_TARGET
    verdict_rss = None if not rss_known else max(rss_known) <= RSS_TARGET_BYTES
    print()
    print(
        f"target ratio >= {RATIO_TARGET:.1f} with 2 workers: {_verdict(verdict_ratio)}"
        + (f" ({ratio2:.2f})" if ratio2 is not None else "")
    )
    print(
        f"target peak RSS <= 1 GB: {_verdict(verdict_rss)}"
        + (f" (max {max(rss_known) / MB:,.0f} MB)" if rss_known else "")
    )
    return {
        "runs": [
            {
                **asdict(r),
                "releases_per_s": r.releases_per_s,
                "xml_mb_per_s": r.mb_per_s,
                "ratio_vs_baseline": ratios.get(r.name),
            }
            for r in runs
        ],
        "targets": {
            "ratio_2_workers": {"target": RATIO_TARGET, "value": ratio2, "ok": verdict_ratio},
            "peak_rss_bytes": {
                "target": RSS_TARGET_BYTES,
                "value": max(rss_known) if rss_known else None,
                "ok": verdict_rss,
            },
        },
    }


def _verdict(ok: bool | None) -> str:
    return "unknown" if ok is None else "OK" if ok else "FAILED"


# --------------------------------------------------------------------------- main


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark; exit code 0 even when targets fail (the table says so)."""
    ap = argparse.ArgumentParser(description="Benchmark `discogs-etl parse` against lxml.")
    ap.add_argument("--releases", type=int, default=100_000, help="releases in the dump")
    ap.add_argument("--out", type=Path, default=REPO / "bench" / "out", help="work directory")
    ap.add_argument("--keep", action="store_true", help="keep the parse output directories")
    ap.add_argument("--workers", default="1,2", help="comma-separated worker counts for (b)")
    ap.add_argument("--_baseline", metavar="FILE", help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    if args._baseline:
        baseline_child(args._baseline)
        return 0

    out: Path = args.out.resolve()
    gz, xml_bytes = prepare_input(out, args.releases)
    gz_bytes = gz.stat().st_size
    print(
        f"input: {gz.name}  {gz_bytes / MB:,.1f} MB gz, {xml_bytes / MB:,.1f} MB XML "
        f"(x{xml_bytes / gz_bytes:.1f}), {xml_bytes / args.releases:,.0f} B/release avg"
    )

    print("(a) bare lxml iterparse ...", flush=True)
    base = run_baseline(gz)
    runs = [base]
    dirs: list[Path] = []
    for w in (int(x) for x in args.workers.split(",") if x.strip()):
        print(f"(b) etl parse --workers {w} ...", flush=True)
        data_dir = out / f"parse_w{w}"
        dirs.append(data_dir)
        runs.append(run_cli(gz, w, data_dir, xml_bytes))

    results = report(runs, base, args.releases)
    results["input"] = {
        "path": str(gz),
        "releases": args.releases,
        "gz_bytes": gz_bytes,
        "xml_bytes": xml_bytes,
        "avg_release_bytes": xml_bytes / args.releases,
    }
    results["machine"] = {"python": sys.version.split()[0], "cpus": os.cpu_count()}
    json_path = out / "bench_parse.json"
    json_path.write_text(json.dumps(results, indent=2) + "\n")
    print(f"results: {json_path}")
    if args.keep:
        print("kept: " + ", ".join(str(d) for d in dirs))
    else:
        for d in dirs:
            shutil.rmtree(d, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
