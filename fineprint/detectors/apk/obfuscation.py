"""app.obfuscation: packers and protectors (known class prefixes and native libraries) and shortened names."""
from __future__ import annotations

from ...appmodel import AppModel, Watch
from ...model import Finding, Span
from .capabilities import Attribution, capability_specs


def _short(cls: str) -> bool:
    simple = cls.rsplit(".", 1)[-1].split("$", 1)[0]
    return 0 < len(simple) <= 2 and simple != "R"


def detect_obfuscation(app: AppModel, attribution: Attribution, lang: str) -> list[tuple[Finding, dict]]:
    spec = capability_specs()["app.obfuscation"]
    packers: list[str] = []
    for prefix, name in spec.get("packer_classes", {}).items():
        hit = next((c for c in app.classes if c.startswith(prefix)), None)
        if hit:
            packers.append(f"{name} ({hit})")
    for lib in app.native_libs:
        base = lib.rsplit("/", 1)[-1].removesuffix(".so")
        for stem, name in spec.get("packer_libs", {}).items():
            if base == stem or base.startswith(stem + "_") or base.startswith(stem + "-"):
                packers.append(f"{name} ({lib})")
    own = [c for c in app.classes if attribution(c).kind == "app"]
    short = [c for c in own if _short(c)]
    share = len(short) / len(own) if own else 0.0
    renamed = len(own) >= spec.get("min_classes", 20) and share >= spec.get("short_name_share", 0.5)
    if not packers and not renamed:
        return []
    parts = list(dict.fromkeys(packers))
    if renamed:
        parts.append({"en": f"{share:.0%} of the app's {len(own)} own classes have one- or two-letter names "
                            f"(e.g. {', '.join(short[:3])})",
                      "fr": f"{share:.0%} des {len(own)} classes propres de l'application ont des noms d'une ou deux "
                            f"lettres (ex. {', '.join(short[:3])})"}[lang])
    severity = reason = None
    if not packers:
        severity = "low"
        reason = {"en": "names shortened by a build optimiser (R8/ProGuard): common, and the code stays readable "
                        "to analysis; no packer or encrypted code was found",
                  "fr": "noms raccourcis par un optimiseur de compilation (R8/ProGuard) : courant, et le code reste "
                        "analysable ; aucun packer ni code chiffré trouvé"}[lang]
    evidence = {"packers": parts[:len(packers)], "short_name_share": round(share, 3), "own_classes": len(own),
                "examples": short[:5], "origin": "app"}
    finding = Finding(id="app.obfuscation", span=Span(0, 0), text="; ".join(parts), confidence=0.9 if packers
                      else min(0.95, 0.5 + share / 2), detector="apk:obfuscation", evidence=evidence,
                      severity=severity, severity_reason=reason)
    row = {"id": "app.obfuscation", "what": spec["what"][lang], "evidence": "; ".join(parts)[:200], "origin": "app"}
    return [(finding, row)]


class ObfuscationDetector:
    """app.obfuscation: the app's own code renamed, packed or loading code at run time."""

    name = "obfuscation"

    def load(self) -> "ObfuscationDetector":
        capability_specs()
        return self

    def watch(self) -> Watch:
        return Watch()

    def detect(self, app: AppModel, context) -> list[tuple[Finding, dict]]:
        return detect_obfuscation(app, context.attribution, context.lang)
