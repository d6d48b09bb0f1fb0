"""Tracker signatures: the Exodus Privacy database (code signatures over class names) or fineprint's own list.

Lookup order (``load_tracker_db``): ``Settings.trackers_path`` (``--trackers FILE``) > the user cache written by
``fineprint trackers update`` > the small list shipped in ``data/trackers.yaml``.

Matching follows Exodus: a tracker is present when its ``code_signature`` regex (``re.search``) matches the name of a
class defined in the app (dotted form). Exodus signatures leave dots unescaped, so ``com.facebook.ads`` matches
``com/facebook/ads`` as well; we keep their semantics exactly. Searching 400 regexes over tens of thousands of class
names one by one is slow, so each signature is searched once over all names joined by newlines, and every hit is
confirmed on its own line (signatures are compiled MULTILINE so that "^" anchors at each class name).
"""
from __future__ import annotations

import json
import os
import re
import threading
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Iterable

from ...appmodel import Watch
from ...errors import ResourceError, UsageError
from ...model import Finding, Span

EXODUS_API = "https://reports.exodus-privacy.eu.org/api/trackers"
EXODUS_ATTRIBUTION = ("Tracker signatures: Exodus Privacy (https://exodus-privacy.eu.org), "
                      "licensed under the Open Database License (ODbL) 1.0")
OWN_ATTRIBUTION = "Tracker signatures: fineprint's own list of common SDK package names"
CACHE_FILE = "exodus_trackers.json"
MAX_DB_BYTES = 32 * 1024 * 1024


@dataclass(frozen=True, slots=True)
class TrackerSignature:
    name: str
    code_signature: str  # regex searched in dotted class names
    categories: tuple[str, ...] = ()
    website: str = ""
    source: str = "exodus"  # "exodus" | "fineprint"
    exodus_id: int | None = None
    network_signature: str = ""  # regex over host names the tracker talks to ("" = unknown)


@dataclass(frozen=True, slots=True)
class TrackerMatch:
    signature: TrackerSignature
    classes: tuple[str, ...]  # a few matching classes, as evidence
    count: int  # how many classes matched


@dataclass
class TrackerDB:
    """A loaded signature list; ``match`` finds the trackers in a class list, ``owner`` attributes one class."""

    signatures: tuple[TrackerSignature, ...]
    origin: str  # where it was loaded from: a path, "user cache: <path>" or "shipped"
    attribution: str
    _compiled: list = field(default_factory=list, repr=False)
    _pools: dict = field(default_factory=dict, repr=False)
    _network: dict = field(default_factory=dict, repr=False)

    def __post_init__(self) -> None:
        compiled = []
        for sig in self.signatures:
            try:
                compiled.append((sig, re.compile(sig.code_signature, re.MULTILINE)))
            except re.error:
                continue  # one broken signature must not disable the others
        self._compiled = compiled

    def match(self, classes: Iterable[str], keep: int = 3) -> list[TrackerMatch]:
        """Trackers whose signature matches at least one of ``classes`` (dotted names), in database order."""
        names = [c for c in classes if "\n" not in c]
        if not names:
            return []
        blob = "\n".join(names)
        out = []
        for sig, rx in self._compiled:
            found: list[str] = []
            count = 0
            pos = 0
            while True:
                m = rx.search(blob, pos)
                if m is None:
                    break
                line_start = blob.rfind("\n", 0, m.start()) + 1
                line_end = blob.find("\n", m.start())
                line_end = len(blob) if line_end < 0 else line_end
                line = blob[line_start:line_end]
                if rx.search(line):
                    count += 1
                    if len(found) < keep:
                        found.append(line)
                pos = line_end + 1
                if pos >= len(blob):
                    break
            if count:
                out.append(TrackerMatch(sig, tuple(found), count))
        return out

    def hosts_of(self, sig: TrackerSignature, hosts: Iterable[str]) -> list[str]:
        """The host names among ``hosts`` that the tracker's network signature names."""
        if not sig.network_signature:
            return []
        try:
            rx = self._network.get(sig.network_signature) or re.compile(sig.network_signature)
        except re.error:
            return []
        self._network[sig.network_signature] = rx
        return [h for h in hosts if rx.search(h)]

    def owner(self, class_name: str, present: Iterable[TrackerSignature] | None = None) -> TrackerSignature | None:
        """The tracker a class belongs to (searching only ``present`` signatures when given)."""
        if present is None:
            pool = self._compiled
        else:
            key = tuple(present)
            pool = self._pools.get(key)
            if pool is None:
                wanted = set(key)
                pool = self._pools[key] = [(s, rx) for s, rx in self._compiled if s in wanted]
        for sig, rx in pool:
            if rx.search(class_name):
                return sig
        return None


# ------------------------------------------------------------------------------------------------------- loading
def parse_exodus(data: object, origin: str) -> TrackerDB:
    """Exodus JSON (``{"trackers": {id: {name, code_signature, categories, website, ...}}}``) -> TrackerDB."""
    if not isinstance(data, dict) or not isinstance(data.get("trackers"), (dict, list)):
        raise ResourceError(f"{origin}: not an Exodus tracker database (no 'trackers' object)")
    items = data["trackers"].values() if isinstance(data["trackers"], dict) else data["trackers"]
    sigs = []
    for item in items:
        if not isinstance(item, dict) or not isinstance(item.get("name"), str):
            raise ResourceError(f"{origin}: a tracker entry has no name; is this the Exodus export?")
        code = item.get("code_signature") or ""
        if not isinstance(code, str):
            raise ResourceError(f"{origin}: tracker {item['name']!r} has a non-text code_signature")
        if not code.strip():
            continue  # Exodus keeps network-only trackers; an empty regex would match every class
        cats = item.get("categories") or []
        sigs.append(TrackerSignature(name=item["name"], code_signature=code,
                                     categories=tuple(str(c) for c in cats if isinstance(c, str)),
                                     website=str(item.get("website") or ""), source="exodus",
                                     exodus_id=item.get("id") if isinstance(item.get("id"), int) else None,
                                     network_signature=str(item.get("network_signature") or "")))
    if not sigs:
        raise ResourceError(f"{origin}: the tracker database holds no code signatures")
    return TrackerDB(tuple(sigs), origin=origin, attribution=EXODUS_ATTRIBUTION)


def read_exodus_file(path: str | os.PathLike, origin: str | None = None) -> TrackerDB:
    """Load an Exodus export from disk (size-capped); UsageError if missing, ResourceError if unreadable."""
    p = Path(path)
    try:
        if p.stat().st_size > MAX_DB_BYTES:
            raise ResourceError(f"{p}: tracker database larger than {MAX_DB_BYTES // (1024 * 1024)} MB")
        data = json.loads(p.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise UsageError(f"tracker database {p} not found") from None
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise ResourceError(f"{p}: unreadable tracker database ({type(exc).__name__}: {exc})") from None
    return parse_exodus(data, origin or str(p))


def shipped_db() -> TrackerDB:
    """fineprint's own list (data/trackers.yaml), written from public SDK package names."""
    import yaml

    path = Path(__file__).with_name("data") / "trackers.yaml"
    data = yaml.load(path.read_text(encoding="utf-8"), Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    sigs = tuple(TrackerSignature(name=t["name"],
                                  code_signature="|".join("^" + re.escape(p.rstrip("$")) + ("$" if p.endswith("$") else "")
                                                         for p in t["packages"]),
                                  categories=tuple(t.get("categories") or ()), website=t.get("website", ""),
                                  source="fineprint",
                                  network_signature="|".join(r"(^|\.)" + re.escape(h) + "$" for h in t.get("hosts", ())))
                 for t in data["trackers"])
    return TrackerDB(sigs, origin="shipped", attribution=OWN_ATTRIBUTION)


def cache_path() -> Path:
    """Where ``fineprint trackers update`` stores the Exodus export (FINEPRINT_CACHE_DIR overrides)."""
    from ...cache import cache_dir

    return (cache_dir() or Path.home() / ".cache" / "fineprint") / CACHE_FILE


_lock = threading.Lock()


@lru_cache(maxsize=8)
def _load_cached(kind: str, path: str, mtime: float) -> TrackerDB:
    if kind == "shipped":
        return shipped_db()
    return read_exodus_file(path, origin=path if kind == "path" else f"user cache: {path}")


def load_tracker_db(trackers_path: str | None = None) -> TrackerDB:
    """The tracker database to use: explicit path > user cache > shipped list (each loaded once per process)."""
    with _lock:
        if trackers_path:
            p = Path(trackers_path)
            if not p.is_file():
                raise UsageError(f"--trackers {trackers_path}: no such file")
            return _load_cached("path", str(p), p.stat().st_mtime)
        cached = cache_path()
        if cached.is_file():
            try:
                return _load_cached("cache", str(cached), cached.stat().st_mtime)
            except ResourceError:
                pass  # a damaged cache falls back to the shipped list; `fineprint trackers update` repairs it
        return _load_cached("shipped", "", 0.0)


# ------------------------------------------------------------------------------------------------------ updating
def download_exodus(dest: Path | None = None, *, url: str = EXODUS_API, timeout: float = 30.0,
                    max_bytes: int = MAX_DB_BYTES, transport=None, user_agent: str = "fineprint") -> TrackerDB:
    """Fetch the official Exodus export, check it, and write it atomically to ``dest`` (the user cache).

    ``transport`` is an httpx transport (tests pass ``httpx.MockTransport``). Raises ``ResourceError`` with a
    one-line reason on network failure, an oversized answer or a body that is not the Exodus schema.
    """
    import httpx

    dest = dest or cache_path()
    try:
        with httpx.Client(timeout=timeout, transport=transport, follow_redirects=True,
                          headers={"User-Agent": user_agent, "Accept": "application/json"}) as client:
            with client.stream("GET", url) as resp:
                if resp.status_code != 200:
                    raise ResourceError(f"{url} answered HTTP {resp.status_code}; try again later")
                body = bytearray()
                for chunk in resp.iter_bytes():
                    body += chunk
                    if len(body) > max_bytes:
                        raise ResourceError(f"{url} sent more than {max_bytes // (1024 * 1024)} MB; refusing it")
    except httpx.HTTPError as exc:
        raise ResourceError(f"could not download the Exodus tracker list from {url} "
                            f"({type(exc).__name__}: {exc})") from None
    try:
        data = json.loads(body.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError):
        raise ResourceError(f"{url} did not return JSON; the tracker database was not changed") from None
    db = parse_exodus(data, origin=url)
    from ...cache import write_file

    try:
        write_file(dest, bytes(body))  # atomic: readers see the old file or the new one, never half of one
    except OSError as exc:
        raise ResourceError(f"cannot write the tracker database to {dest}: {exc}") from None
    _load_cached.cache_clear()
    return TrackerDB(db.signatures, origin=f"user cache: {dest}", attribution=db.attribution)


class TrackerDetector:
    """app.tracker: one finding per tracker SDK whose signature matches classes of the app (``context.matches``),
    with the tracker's servers the app's strings name."""

    name = "trackers"

    def load(self) -> "TrackerDetector":
        return self

    def watch(self) -> Watch:
        return Watch()

    def detect(self, app, context) -> list[tuple[Finding, dict]]:
        from ...report.common import tracker_categories

        lang, db, out = context.lang, context.trackers, []
        for m in context.matches:
            sig = m.signature
            # the report language's names for Exodus categories (labels.yaml), as in the report's trackers table
            cats = tracker_categories(sig.categories, lang) or {"en": "no category", "fr": "sans catégorie"}[lang]
            tracker = {"name": sig.name, "categories": list(sig.categories), "website": sig.website,
                       "source": sig.source, "signature": sig.code_signature, "attribution": db.attribution}
            hosts = db.hosts_of(sig, app.hosts)
            if hosts:
                tracker["hosts"] = hosts[:10]  # this tracker's servers named in the app's code (URLs in strings)
            finding = Finding(
                id="app.tracker", span=Span(0, 0), text=f"{sig.name}: {', '.join(m.classes)}", confidence=0.95,
                detector=f"apk:trackers/{sig.source}", evidence={
                    "tracker": tracker, "classes": list(m.classes), "class_count": m.count, "origin": "library",
                    "library": sig.name})
            row = {"id": "app.tracker",
                   "what": context.specs["app.tracker"]["what"][lang].format(name=sig.name, categories=cats),
                   "evidence": ", ".join(m.classes[:2]) + (f"; {', '.join(hosts[:3])}" if hosts else ""),
                   "origin": f"library: {sig.name}"}
            out.append((finding, row))
        return out
