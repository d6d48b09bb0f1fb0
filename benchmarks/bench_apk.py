"""APK audit speed and memory: fineprint versus androguard's full AnalyzeAPK (what MobSF-style tools run).

Each analysis runs in its own fresh Python process, so wall time includes interpreter start and imports on both
sides, and peak memory is that process's maximum resident set size (``os.wait4``):
- fineprint: ``load_apk`` (the APK adapter: manifest + DEX tables + caller search) and ``detect_app`` (trackers with
  the Exodus signatures, capabilities, permissions), i.e. everything but rendering the report;
- androguard: ``androguard.misc.AnalyzeAPK(path)`` (APK + DEX parsing + the cross-reference Analysis).
Then a synthetic ~100 MB multi-dex APK (real DEX files from the samples, copied with renamed packages, stored
uncompressed) checks that fineprint stays within a stated memory budget while streaming one DEX at a time.

    python benchmarks/bench_apk.py [--no-write] [--synthetic-mb 100] [--androguard-synthetic]

Results go to docs/apk.md (section "bench:apk") with the machine and the date.
"""
from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _machine import ROOT, SHARED, machine, today, write_section  # noqa: E402

FINEPRINT_SNIPPET = """
import sys
from fineprint.ingest.apk import load_apk
from fineprint.detectors.apk import detect_app
from fineprint.settings import Settings
s = Settings(trackers_path=sys.argv[2] or None)
m = load_apk(sys.argv[1], s, isolate=False)
findings, app, info = detect_app(m, s)
print(len(findings), len(app.trackers), len(m.classes))
"""

ANDROGUARD_SNIPPET = """
import sys
from loguru import logger
logger.remove()
from androguard.misc import AnalyzeAPK
a, d, dx = AnalyzeAPK(sys.argv[1])
print(len(list(dx.get_classes())))
"""

MEMORY_BUDGET_MB = 512  # what fineprint promises for the synthetic 100 MB APK (see docs/apk.md)


def run_measured(snippet: str, *args: str, timeout: float = 900) -> tuple[float, float, int, str]:
    """(wall seconds, peak RSS MB, exit status, last output line) of ``python -c snippet args``."""
    start = time.perf_counter()
    proc = subprocess.Popen([sys.executable, "-c", snippet, *args], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            cwd=str(ROOT))
    deadline = start + timeout
    while True:
        pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
        if pid:
            break
        if time.perf_counter() > deadline:
            proc.kill()
            pid, status, usage = os.wait4(proc.pid, 0)
            break
        time.sleep(0.005)
    wall = time.perf_counter() - start
    out = proc.stdout.read().decode("utf-8", "replace").strip().splitlines()
    err = proc.stderr.read().decode("utf-8", "replace").strip().splitlines()
    proc.returncode = os.waitstatus_to_exitcode(status)
    last = (out or err or [""])[-1]
    return wall, usage.ru_maxrss / 1024, proc.returncode, last


def _fix_dex_checksums(dex: bytes) -> bytes:
    """Recompute the SHA-1 signature and Adler-32 checksum of an edited DEX file (androguard verifies them)."""
    import hashlib
    import zlib

    out = bytearray(dex)
    out[12:32] = hashlib.sha1(out[32:]).digest()
    out[8:12] = zlib.adler32(bytes(out[12:])).to_bytes(4, "little")
    return bytes(out)


def build_synthetic_apk(samples: Path, target_mb: int, dest: Path) -> tuple[int, int]:
    """A multi-dex APK of about ``target_mb`` MB: sample DEX files copied with renamed packages, stored."""
    dexes = []
    for name in ("trk_firebase_crashlytics_sample.apk", "trk_exoduscore_instapaper.apk", "vuln_pivaa.apk"):
        with zipfile.ZipFile(samples / name) as zf:
            dexes += [zf.read(n) for n in zf.namelist() if n.startswith("classes") and n.endswith(".dex")]
    with zipfile.ZipFile(samples / "trk_exoduscore_instapaper.apk") as zf:
        manifest = zf.read("AndroidManifest.xml")
    total = count = 0
    with zipfile.ZipFile(dest, "w", compression=zipfile.ZIP_STORED) as out:
        out.writestr("AndroidManifest.xml", manifest)
        while total < target_mb * 1024 * 1024:
            dex = dexes[count % len(dexes)]
            # same-length renames keep the DEX valid while making every copy's classes distinct
            tag = f"{count:03d}"[-3:].encode()
            dex = _fix_dex_checksums(dex.replace(b"Lcom/", b"L" + tag + b"/")) if count else dex
            out.writestr("classes.dex" if count == 0 else f"classes{count + 1}.dex", dex)
            total += len(dex)
            count += 1
    return count, dest.stat().st_size


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--no-write", action="store_true", help="print results without updating docs/apk.md")
    ap.add_argument("--synthetic-mb", type=int, default=100, help="size of the synthetic multi-dex APK (MB)")
    ap.add_argument("--androguard-synthetic", action="store_true",
                    help="also run AnalyzeAPK on the synthetic APK (about 4 minutes and 9 GB of memory)")
    args = ap.parse_args()
    samples = SHARED / "apk" / "samples"
    exodus = SHARED / "apk" / "exodus" / "exodus_trackers.json"
    if not samples.is_dir():
        sys.exit(f"{samples} not found (set FINEPRINT_SHARED)")
    rows = []
    tot_fp = tot_ag = 0.0
    peak_fp = peak_ag = 0.0
    for path in sorted(samples.glob("*.apk")):
        fp = run_measured(FINEPRINT_SNIPPET, str(path), str(exodus) if exodus.is_file() else "")
        ag = run_measured(ANDROGUARD_SNIPPET, str(path))
        tot_fp += fp[0]
        tot_ag += ag[0]
        peak_fp, peak_ag = max(peak_fp, fp[1]), max(peak_ag, ag[1])
        ag_note = "" if ag[2] == 0 else f" (failed: {ag[3][:60]})"
        rows.append(f"| {path.name} | {path.stat().st_size / 1e6:.2f} | {fp[0]:.2f} | {fp[1]:.0f} | "
                    f"{ag[0]:.2f}{ag_note} | {ag[1]:.0f} | {ag[0] / fp[0]:.1f}x |")
        print(rows[-1], flush=True)
    sum_fp_mem = sum(float(r.split("|")[4]) for r in rows)
    sum_ag_mem = sum(float(r.split("|")[6]) for r in rows)
    lines = [
        f"Machine: {machine()}; {today()}. Each analysis in a fresh process (start-up and imports included); "
        "memory = peak resident set size of that process.",
        "",
        "| APK | MB | fineprint s | fineprint peak MB | AnalyzeAPK s | AnalyzeAPK peak MB | speed-up |",
        "|---|---|---|---|---|---|---|",
        *rows,
        f"| **total (19)** | | **{tot_fp:.1f}** | max {peak_fp:.0f} | **{tot_ag:.1f}** | max {peak_ag:.0f} | "
        f"**{tot_ag / tot_fp:.1f}x** |",
        "",
        f"Total wall time: fineprint {tot_fp:.1f} s vs AnalyzeAPK {tot_ag:.1f} s ({tot_ag / tot_fp:.1f}x faster). "
        f"Peak memory summed over the samples: {sum_fp_mem:.0f} MB vs {sum_ag_mem:.0f} MB "
        f"({sum_fp_mem / sum_ag_mem:.0%}); largest single peak {peak_fp:.0f} MB vs {peak_ag:.0f} MB.",
    ]
    with tempfile.TemporaryDirectory() as tmp:
        synth = Path(tmp) / "synthetic-multidex.apk"
        n_dex, size = build_synthetic_apk(samples, args.synthetic_mb, synth)
        fp = run_measured(FINEPRINT_SNIPPET, str(synth), str(exodus) if exodus.is_file() else "")
        verdict = "within" if fp[1] <= MEMORY_BUDGET_MB and fp[2] == 0 else "OVER"
        lines += ["", f"Synthetic multi-dex APK: {size / 1e6:.0f} MB, {n_dex} DEX files (stored): fineprint "
                      f"{fp[0]:.1f} s, peak {fp[1]:.0f} MB — {verdict} the {MEMORY_BUDGET_MB} MB budget "
                      f"(exit {fp[2]}; findings, trackers, classes: {fp[3]})."]
        if args.androguard_synthetic:
            ag = run_measured(ANDROGUARD_SNIPPET, str(synth))
            lines[-1] += f" AnalyzeAPK: {ag[0]:.1f} s, peak {ag[1]:.0f} MB (exit {ag[2]})."
        print(lines[-1])
    body = "\n".join(lines)
    print(body)
    if not args.no_write:
        write_section(ROOT / "docs" / "apk.md", "apk", body)


if __name__ == "__main__":
    main()
