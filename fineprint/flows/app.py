"""An Android app checked against its privacy policy: ``fineprint audit app.apk --policy policy.html``.

What the APK audit found (capabilities that reach a data type, embedded trackers) is set against what the policy
says (``policy.read_policy``). Three findings, each with the app's evidence and the policy's side by side:

- ``app.policy-contradiction``: the policy denies collecting (or sharing) a data type that a capability of the app
  reaches, or that an embedded tracker collects ("we do not collect your location" + ACCESS_FINE_LOCATION);
- ``app.policy-undisclosed-collection``: a data type the app reaches (capability, or a tracker's category) that the
  policy never names;
- ``app.policy-undisclosed-sharing``: an embedded tracker whose company or product, or whose kind of recipient
  (analytics, advertising, crash reporting, social network), the policy never names.

A data type a policy only covers with a broad phrase ("personal information", "information about your device") is
counted as not named: the policy has to say what it collects. The mapping of capabilities and tracker categories to
data types and party kinds is data (``vocabulary.yaml``).
"""
from __future__ import annotations

from dataclasses import dataclass, field, replace
from urllib.parse import urlparse

from ..model import Document, Finding, Report, Span
from .policy import PolicyReading, Statement, read_policy, vocabulary

CONTRADICTION = "app.policy-contradiction"
UNDISCLOSED_COLLECTION = "app.policy-undisclosed-collection"
UNDISCLOSED_SHARING = "app.policy-undisclosed-sharing"
IDS = (CONTRADICTION, UNDISCLOSED_COLLECTION, UNDISCLOSED_SHARING)
# words of a tracker's name that say what it is, not who makes it
_GENERIC_NAME_WORDS = {"analytics", "ads", "sdk", "login", "share", "places", "messaging", "crash", "reporting",
                       "tag", "manager", "mobile", "android", "app", "services", "the", "core", "kit", "audience",
                       "network", "events", "notifications", "push", "marketing", "cloud", "platform", "remote",
                       "config", "performance", "monitoring", "dynamic", "links", "ad", "advertising"}


@dataclass
class _Reach:
    """A data type the app reaches, with what shows it (capability or tracker findings)."""

    data_type: str
    sources: list[Finding] = field(default_factory=list)
    by_tracker_only: bool = True


def tracker_names(f: Finding) -> list[str]:
    """Names that identify a tracker's company or product in a policy ("Google Firebase Analytics" -> the full
    name, "Google", "Firebase"; the website's domain name)."""
    tracker = f.evidence.get("tracker", {}) if isinstance(f.evidence, dict) else {}
    name = str(tracker.get("name") or f.text.split(":")[0])
    out = [name]
    out += [w for w in name.replace("-", " ").split() if w.lower() not in _GENERIC_NAME_WORDS and len(w) > 2]
    host = urlparse(str(tracker.get("website", ""))).hostname or ""
    parts = [p for p in host.split(".") if p not in ("www", "com", "net", "org", "io", "co", "developers", "docs",
                                                       "developer", "support", "help", "dev")]
    out += [p for p in parts if len(p) > 2]
    seen: set[str] = set()
    return [n for n in out if not (n.lower() in seen or seen.add(n.lower()))]


def tracker_categories(f: Finding) -> list[str]:
    tracker = f.evidence.get("tracker", {}) if isinstance(f.evidence, dict) else {}
    return [str(c) for c in tracker.get("categories", [])]


def check(app_findings: list[Finding], reading: PolicyReading, policy: Document) -> list[Finding]:
    """The three kinds of inconsistency between the app's findings and the policy reading."""
    voc = vocabulary()
    reach: dict[str, _Reach] = {}
    for f in app_findings:
        if f.id in voc["capability_collects"]:
            for dtype in voc["capability_collects"][f.id]:
                r = reach.setdefault(dtype, _Reach(dtype))
                r.sources.append(f)
                r.by_tracker_only = False
        elif f.id == "app.tracker":
            for cat in tracker_categories(f):
                for dtype in voc["tracker_collects"].get(cat, []):
                    reach.setdefault(dtype, _Reach(dtype)).sources.append(f)
    out: list[Finding] = []
    for dtype, r in reach.items():
        # a capability is the app's own collection: a denial of collection contradicts it; a tracker's collection
        # goes to its company: a denial of collection or of sharing contradicts it
        actions = ("collect",) if not r.by_tracker_only else ("collect", "share")
        denials = reading.denials(dtype, actions)
        if denials and not [s for s in reading.mentions(dtype) if s.action in actions]:
            out.append(_finding(CONTRADICTION, dtype, r.sources, denials, policy, 0.9))
        elif not reading.mentions(dtype) and not denials:
            out.append(_finding(UNDISCLOSED_COLLECTION, dtype, r.sources, [], policy, 0.8, reading))
    for f in app_findings:
        if f.id != "app.tracker":
            continue
        names = tracker_names(f)
        kinds = [k for cat in tracker_categories(f) for k in voc["tracker_categories"].get(cat, [])]
        if reading.names_vendor(names) or any(reading.names_party(k) for k in kinds):
            continue
        out.append(_sharing_finding(f, names, kinds, policy))
    return out


def _line(policy: Document, offset: int) -> int:
    return policy.text.count("\n", 0, max(0, offset)) + 1


def _app_side(sources: list[Finding]) -> list[dict]:
    rows = []
    for f in sources:
        if f.id == "app.tracker":
            rows.append({"id": f.id, "tracker": tracker_names(f)[0], "categories": tracker_categories(f),
                         "evidence": f.text})
        else:
            ev = f.evidence if isinstance(f.evidence, dict) else {}
            rows.append({"id": f.id, "permissions": list(ev.get("permissions", [])),
                         "apis": list(ev.get("apis", []))[:5],
                         "origin": ev.get("origin", ""), "evidence": f.text})
    return rows


def _app_line(sources: list[Finding]) -> str:
    parts = []
    for f in sources:
        if f.id == "app.tracker":
            cats = ", ".join(tracker_categories(f))
            parts.append(f"embeds {tracker_names(f)[0]}" + (f" ({cats})" if cats else ""))
        else:
            ev = f.evidence if isinstance(f.evidence, dict) else {}
            what = ", ".join(p.rsplit(".", 1)[-1] for p in ev.get("permissions", [])) or \
                ", ".join(ev.get("apis", [])[:2]) or f.text
            parts.append(f"{f.id} ({what})")
    return "; ".join(dict.fromkeys(parts))


def _label(dtype: str) -> str:
    return dtype.replace("-", " ")


def _finding(fid: str, dtype: str, sources: list[Finding], statements: list[Statement], policy: Document,
             confidence: float, reading: PolicyReading | None = None) -> Finding:
    app_line = _app_line(sources)
    if statements:
        s = statements[0]
        policy_line = f"“{s.text}” ({policy.source}, line {_line(policy, s.start)})"
        span = Span(0, 0)
        said = [{"text": x.text, "start": x.start, "end": x.end, "line": _line(policy, x.start), "action": x.action,
                 "negated": True} for x in statements[:3]]
    else:
        named = sorted({s.data_type for s in (reading.statements if reading else []) if not s.negated})
        policy_line = (f"never names {_label(dtype)} ({policy.source}; it names: "
                       f"{', '.join(_label(n) for n in named) or 'no data type'})")
        span = Span(0, 0)
        said = []
    text = f"App: {app_line} | Policy: {policy_line}"
    return Finding(id=fid, span=span, text=text, confidence=confidence, detector="flows:app-vs-policy",
                   evidence={"data_type": dtype, "app": _app_side(sources),
                             "policy": {"source": policy.source, "sha256": policy.sha256, "passages": said}})


def _sharing_finding(f: Finding, names: list[str], kinds: list[str], policy: Document) -> Finding:
    cats = ", ".join(tracker_categories(f)) or "no category"
    text = (f"App: embeds {names[0]} ({cats}) | Policy: never names {', '.join(names)}"
            + (f" nor {' or '.join(_label(k) for k in kinds)}" if kinds else "") + f" ({policy.source})")
    return Finding(id=UNDISCLOSED_SHARING, span=Span(0, 0), text=text, confidence=0.8,
                   detector="flows:app-vs-policy",
                   evidence={"tracker": names[0], "app": _app_side([f]),
                             "policy": {"source": policy.source, "sha256": policy.sha256, "searched": names + kinds}})


def audit_with_policy(source, policy_source, settings) -> Report:
    """The APK's report, plus the findings of the app checked against the privacy policy ``policy_source``."""
    from ..assess import assess
    from ..detectors.apk import detect_app
    from ..errors import UsageError
    from ..ingest import load
    from ..segment import segment_clauses

    app_model = load(source, settings)
    if isinstance(app_model, Document):
        raise UsageError(f"--policy checks an app against its policy: {source} is not an APK")
    policy = load(policy_source, settings)
    if not isinstance(policy, Document):
        raise UsageError(f"--policy must be a privacy policy (text, Markdown, HTML, PDF, DOCX), not {policy_source}")
    # a policy in several languages: its version in the report's language (the others would be misread)
    reading = read_policy([c for c in segment_clauses(policy) if c.language == policy.language], policy.language)
    findings, app_info, info = detect_app(app_model, settings)
    extra = check(list(findings), reading, policy)
    warnings = []
    if policy.kind != "privacy-policy":
        warnings.append(f"{policy_source} does not read as a privacy policy ({policy.kind}): checked anyway")
    report = assess(info, list(findings) + extra, settings=settings, app=app_info, warnings=tuple(warnings))
    return replace(report, detectors=tuple(report.detectors) + ("flows:app-vs-policy",))
