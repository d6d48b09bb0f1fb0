"""Capability detectors: every app.* id from concrete evidence (permission, API use, string, manifest component).

The rules are data (data/capabilities.yaml); this module reads them, tells the APK adapter what to watch for
(``watch_list``), and turns an ``AppModel`` into findings, each saying whether its evidence lies in the app's own code
or in a third-party library. References made only by support libraries (AndroidX, Kotlin, OkHttp, ...) are not
evidence: AppCompat referencing LocationManager must not make a hello-world app look like it tracks you.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from ...appmodel import AppModel, Watch
from ...model import Finding, Span

DATA = Path(__file__).with_name("data")
SPECIAL_IDS = ("app.tracker", "app.dangerous-permission", "app.obfuscation")
DETECTOR = "apk:dex-scan"
MAX_EVIDENCE_ITEMS = 8


@lru_cache(maxsize=1)
def capability_specs() -> dict[str, dict[str, Any]]:
    """The capability rules, keyed by app.* id (permission names expanded to android.permission.*)."""
    import yaml

    specs = yaml.load((DATA / "capabilities.yaml").read_text(encoding="utf-8"), Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    for spec in specs.values():
        spec["permissions"] = [permission_name(p) for p in spec.get("permissions", ())]
        if "lower_if_only" in spec:
            spec["lower_if_only"]["permissions"] = [permission_name(p) for p in spec["lower_if_only"]["permissions"]]
    return specs


def permission_name(name: str) -> str:
    """``READ_SMS`` -> ``android.permission.READ_SMS``; names with a dot are kept as they are."""
    return name if "." in name else f"android.permission.{name}"


@lru_cache(maxsize=1)
def libraries() -> tuple[tuple[str, str, bool], ...]:
    """(prefix, name, support) for well-known library packages, longest prefix first."""
    import yaml

    data = yaml.load((DATA / "libraries.yaml").read_text(encoding="utf-8"), Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    rows = [(prefix, v["name"], bool(v.get("support"))) for prefix, v in data.items()]
    return tuple(sorted(rows, key=lambda r: -len(r[0])))


def watch_list() -> Watch:
    """Every reference a capability rule needs to see in code, for ``fineprint.ingest.apk``."""
    methods, fields, strings, patterns, supers = set(), set(), set(), [], set()
    for spec in capability_specs().values():
        methods.update(spec.get("methods", ()))
        fields.update(spec.get("fields", ()))
        strings.update(spec.get("strings", ()))
        supers.update(spec.get("supers", ()))
        for group in spec.get("combos", ()):
            for alternatives in group:
                for ref in alternatives:
                    if ref.startswith("string:"):
                        strings.add(ref[len("string:"):])
                    elif "->" in ref:
                        methods.add(ref)
        for p in spec.get("string_patterns", ()):
            if p not in patterns:
                patterns.append(p)
    return Watch(methods=frozenset(methods), fields=frozenset(fields), strings=frozenset(strings),
                 string_patterns=tuple(patterns), supers=frozenset(supers))


@dataclass(frozen=True, slots=True)
class Origin:
    kind: str  # "app" | "library"
    name: str = ""  # library or tracker name
    support: bool = False  # a support library: its references are not evidence

    def label(self) -> str:
        return "app" if self.kind == "app" else f"library: {self.name}"


class Attribution:
    """Says whose code a class is: a tracker found in the app, a well-known library, or the app itself."""

    def __init__(self, app: AppModel, tracker_db=None, trackers=()) -> None:
        self.package = app.package
        self.tracker_db = tracker_db
        self.trackers = tuple(trackers)  # TrackerSignature present in the app
        self._cache: dict[str, Origin] = {}
        # the developer's own namespaces: the package's, and those of the manifest's components that are not a
        # known library's (an app's code may live under another name than its package: sg.vantagepoint.* in
        # owasp.mstg.uncrackable1)
        known = tuple(prefix for prefix, _, _ in libraries())
        self.own_roots = {r for r in [package_root(app.package)] + [
            package_root(c.name) for c in getattr(app, "components", ()) if c.name and not c.name.startswith(known)]
            if r}

    def __call__(self, cls: str) -> Origin:
        hit = self._cache.get(cls)
        if hit is not None:
            return hit
        origin = None
        if self.package and (cls == self.package or cls.startswith(self.package + ".")):
            origin = Origin("app")
        if origin is None:
            for prefix, name, support in libraries():
                if cls.startswith(prefix):
                    origin = Origin("library", name, support)
                    break
        if self.tracker_db is not None and self.trackers and (origin is None or origin.kind == "library"):
            sig = self.tracker_db.owner(cls, self.trackers)
            if sig is not None and not (origin is not None and origin.support):
                origin = Origin("library", sig.name)
        if origin is None and (root := package_root(cls)) and root not in self.own_roots:
            # a named package that is not the developer's (org.osmdroid in an F-Droid app): a library, named by its
            # package, never "the app's own code"; obfuscated names (a.b.c) tell nothing and stay the app's
            origin = Origin("library", root)
        origin = origin or Origin("app")
        self._cache[cls] = origin
        return origin


_HOSTING = {"github", "gitlab", "bitbucket", "google", "googlecode", "sourceforge"}


def package_root(name: str) -> str:
    """The namespace a class name belongs to: "org.osmdroid" for org.osmdroid.views.MapView, three parts under a
    shared host ("com.github.user"); "" for obfuscated or package-less names (a.b.C, MainActivity)."""
    parts = name.split(".")
    if len(parts) < 3 or len(parts[0]) < 2 or len(parts[1]) < 2:
        return ""
    depth = 3 if parts[1] in _HOSTING and len(parts) > 3 else 2
    return ".".join(parts[:depth])


@dataclass(frozen=True, slots=True)
class Evidence:
    ref: str  # permission name, "Lx;->m", "string:...", "super:...", "component:..."
    kind: str  # permission | method | field | string | super | component
    caller: str = ""  # class using it ("" for manifest evidence)
    origin: Origin = Origin("app")


def _uses_for(app: AppModel, spec: dict, attribution: Attribution) -> list[Evidence]:
    out: list[Evidence] = []
    refs: list[tuple[str, str]] = [(m, "method") for m in spec.get("methods", ())]
    refs += [(f, "field") for f in spec.get("fields", ())]
    refs += [("string:" + s, "string") for s in spec.get("strings", ())]
    refs += [("super:" + s, "super") for s in spec.get("supers", ())]
    seen = set()
    for ref, kind in refs:
        use = app.use(ref)
        if use is None:
            continue
        seen.add(ref)
        for caller in use.callers:
            out.append(Evidence(ref, kind, caller, attribution(caller)))
    patterns = [re.compile(p) for p in spec.get("string_patterns", ())]
    if patterns:
        for use in app.uses:
            if use.ref.startswith("string:") and use.ref not in seen and \
                    any(p.search(use.ref[len("string:"):].lower()) for p in patterns):
                for caller in use.callers:
                    out.append(Evidence(use.ref, "string", caller, attribution(caller)))
    return out


def _is_weak(ev: Evidence, spec: dict) -> bool:
    weak = spec.get("weak", ())
    if not weak:
        return False
    plural = ev.kind + "s"
    bare = ev.ref[len("string:"):] if ev.ref.startswith("string:") else ev.ref
    if plural in weak or ev.ref in weak or bare in weak:
        return True
    return any(w.startswith("(?") and ev.kind == "string" and re.search(w, bare) for w in weak)


def _combo_evidence(app: AppModel, spec: dict, attribution: Attribution) -> list[Evidence]:
    """Weak references that count when one class holds one of each group (e.g. Play Store name + package query)."""
    out: list[Evidence] = []
    for groups in spec.get("combos", ()):
        by_class: dict[str, list[list[str]]] = {}
        for gi, alternatives in enumerate(groups):
            for ref in alternatives:
                use = app.use(ref)
                for caller in (use.callers if use else ()):
                    by_class.setdefault(caller, [[] for _ in groups])[gi].append(ref)
        for caller, found in sorted(by_class.items()):
            if all(found):
                origin = attribution(caller)
                if origin.support:
                    continue
                for group in found:
                    ref = group[0]
                    kind = "string" if ref.startswith("string:") else "method"
                    out.append(Evidence(ref, kind, caller, origin))
    return out


def component_evidence(app: AppModel, spec: dict) -> list[Evidence]:
    """Manifest components matching the rule's ``components`` (by required permission, intent action or meta-data)."""
    out = []
    for rule in spec.get("components", ()):
        for comp in app.components:
            if (rule.get("permission") and comp.permission == rule["permission"]) or \
                    (rule.get("action") and rule["action"] in comp.actions) or \
                    (rule.get("meta_data") and rule["meta_data"] in comp.meta_data):
                out.append(Evidence(f"component:{comp.kind} {comp.name}", "component", comp.name, Origin("app")))
    return list({e.ref: e for e in out}.values())


WORDS = {"en": {"in": "in", "extends": "extends"}, "fr": {"in": "dans", "extends": "hérite de"}}


def describe_ref(ref: str, lang: str = "en") -> str:
    """A short human form of a reference: 'LocationManager.getLastKnownLocation()', '"logcat"'."""
    if ref.startswith("string:"):
        return '"' + ref[len("string:"):] + '"'
    if ref.startswith("super:"):
        return f"{WORDS[lang]['extends']} " + ref[len("super:"):].strip("L;").replace("/", ".")
    if ref.startswith(("component:", "file:")):
        return ref.split(":", 1)[1]
    if "->" in ref:
        cls, member = ref.split("->", 1)
        simple = cls.strip("L;").replace("/", ".")
        return f"{simple}.{member}" + ("()" if member[:1].islower() or member == "<init>" else "")
    return ref


def brief(e: Evidence, lang: str = "en") -> str:
    """A short form for the reach table: 'LocationManager.getLastKnownLocation() in MainActivity'."""
    words = WORDS[lang]
    text = describe_ref(e.ref, lang)
    if e.kind in ("method", "field"):
        cls, _, member = text.rpartition(".")
        text = f"{cls.rsplit('.', 1)[-1]}.{member}"
    elif e.kind == "super":
        text = f"{words['extends']} " + text.rsplit(".", 1)[-1]
    if e.caller and e.kind not in ("component",):
        text += f" {words['in']} " + e.caller.rsplit(".", 1)[-1]
    return text


def detect_capabilities(app: AppModel, attribution: Attribution, lang: str) -> list[tuple[Finding, dict]]:
    """Findings for every capability in capabilities.yaml (except trackers / permissions / obfuscation).

    Returns (finding, reach_row) pairs; the reach row is the "what this app can reach" line for the report.
    """
    out = []
    requested = set(app.permissions)
    for cap_id, spec in capability_specs().items():
        if cap_id in SPECIAL_IDS:
            continue
        perms = [p for p in spec.get("permissions", ()) if p in requested]
        code = [e for e in _uses_for(app, spec, attribution) if not e.origin.support]
        if spec.get("needs_permission") and not perms:
            code = []  # the API cannot work without the permission: a reference alone reaches nothing
        strong = [e for e in code if not _is_weak(e, spec)]
        weak = [e for e in code if _is_weak(e, spec)]
        combos = [e for e in _combo_evidence(app, spec, attribution) if e.origin.kind == "app"]
        components = component_evidence(app, spec)
        if spec.get("native_libs"):
            components += [Evidence(f"file:{lib}", "component", "", Origin("app")) for lib in app.native_libs]
        confidence = 0.95
        if not (strong or components or (perms and spec.get("permission_alone"))):
            if combos:
                strong, confidence = combos, 0.6
            else:
                continue
        primary = [e for e in strong + combos if e.kind != "component"]
        items = strong + combos + components + weak
        code_items = [e for e in items if e.kind != "component"]
        app_code = [e for e in primary if e.origin.kind == "app"]
        libs = sorted({e.origin.name for e in primary if e.origin.kind == "library"})
        if app_code or components or (perms and not primary):
            origin = "app"
            origin_label = "app"
        else:
            origin = "library"
            origin_label = "library: " + ", ".join(libs)
        # evidence in the app's own code first, then libraries; one line per (reference, class)
        ordered = sorted(items, key=lambda e: (e in weak, e.origin.kind != "app", e.ref, e.caller))
        shown = []
        for e in ordered:
            line = describe_ref(e.ref, lang) + (f" {WORDS[lang]['in']} {e.caller}"
                                                if e.caller and e.kind != "component" else "")
            if e.origin.kind == "library":
                line += f" ({e.origin.name})"
            if line not in shown:
                shown.append(line)
        text_parts = perms[:4] + shown[:3]
        # the reach table is read by non-experts: short permission names, simple class names
        brief_parts = [p.rsplit(".", 1)[-1] for p in perms[:4]]
        brief_parts += list(dict.fromkeys(brief(e, lang) for e in ordered[:4]))[:2]
        severity = severity_reason = None
        lower = spec.get("lower_if_only")
        if lower and perms and all(p in lower["permissions"] for p in perms) and \
                not (lower.get("without_code") and code_items):
            severity, severity_reason = lower["severity"], lower["reason"][lang]
        visibility = spec.get("package_visibility")
        if visibility and (app.target_sdk or 0) >= visibility["from_sdk"] and \
                not any(permission_name(p) in requested for p in visibility["unless"]):
            severity = visibility["severity"]
            severity_reason = visibility["reason"][lang].format(n=len(app.queries))
        evidence = {
            "permissions": perms,
            "apis": sorted({describe_ref(e.ref) for e in code_items if e.kind in ("method", "field", "super")}),
            "strings": sorted({e.ref[len("string:"):] for e in code_items if e.kind == "string"})[:MAX_EVIDENCE_ITEMS],
            "classes": sorted({e.caller for e in code_items if e.caller})[:MAX_EVIDENCE_ITEMS],
            "components": sorted({e.ref[len("component:"):] for e in components if e.ref.startswith("component:")}),
            "files": sorted({e.ref[len("file:"):] for e in components if e.ref.startswith("file:")})[:MAX_EVIDENCE_ITEMS],
            "origin": origin,
            "where": shown[:MAX_EVIDENCE_ITEMS],
        }
        if libs:
            evidence["libraries"] = libs
        if origin == "library":
            evidence["library"] = ", ".join(libs)
        finding = Finding(id=cap_id, span=Span(0, 0), text="; ".join(text_parts), confidence=confidence,
                          detector=DETECTOR, evidence=evidence, severity=severity, severity_reason=severity_reason)
        row = {"id": cap_id, "what": spec["what"][lang], "evidence": "; ".join(brief_parts),
               "origin": origin_label}
        out.append((finding, row))
    return out


class CapabilityDetector:
    """Every app.* capability of capabilities.yaml (location, contacts, SMS, camera ...) from concrete evidence."""

    name = "capabilities"

    def load(self) -> "CapabilityDetector":
        capability_specs()
        libraries()
        return self

    def watch(self) -> Watch:
        return watch_list()

    def detect(self, app: AppModel, context) -> list[tuple[Finding, dict]]:
        return detect_capabilities(app, context.attribution, context.lang)
