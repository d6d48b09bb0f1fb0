"""Android permissions in plain words (en/fr) with their protection level (data/permissions.yaml)."""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from ...appmodel import Watch
from ...model import Finding, Span

DATA = Path(__file__).with_name("data") / "permissions.yaml"
LANGS = ("en", "fr")


@lru_cache(maxsize=1)
def permission_table() -> dict[str, dict[str, str]]:
    """Full permission name -> {"level", "en", "fr"}."""
    import yaml

    raw = yaml.load(DATA.read_text(encoding="utf-8"), Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    return {(k if "." in k else f"android.permission.{k}"): v for k, v in raw.items()}


def protection_level(name: str, declared: dict[str, str] | None = None) -> str:
    """"dangerous", "special", "normal", "signature", or "unknown" (a permission another app defines)."""
    entry = permission_table().get(name)
    if entry:
        return entry["level"]
    if declared and name in declared:
        return declared[name]
    return "unknown"


def meaning(name: str, lang: str = "en") -> str:
    """What the permission lets the app do, in ``lang``; a neutral sentence for permissions we do not know."""
    lang = lang if lang in LANGS else "en"
    entry = permission_table().get(name)
    if entry:
        return entry[lang]
    short = name.rsplit(".", 1)[-1]
    return {"en": f"use the permission {short} (defined by another app or vendor)",
            "fr": f"utiliser l'autorisation {short} (définie par une autre application ou un fabricant)"}[lang]


class DangerousPermissionDetector:
    """app.dangerous-permission: the permissions the app asks for that Android rates "dangerous" (runtime
    permissions), each with what it gives access to."""

    name = "permissions"

    def load(self) -> "DangerousPermissionDetector":
        permission_table()
        return self

    def watch(self) -> Watch:
        return Watch()

    def detect(self, app, context) -> list[tuple[Finding, dict]]:
        lang = context.lang
        declared = dict(app.declared_permissions)
        dangerous = [p for p in app.permissions if protection_level(p, declared) == "dangerous"]
        if not dangerous:
            return []
        meanings = {p: meaning(p, lang) for p in dangerous}
        finding = Finding(
            id="app.dangerous-permission", span=Span(0, 0), text="; ".join(dangerous), confidence=1.0,
            detector="apk:manifest", evidence={"permissions": dangerous, "meanings": meanings, "origin": "app"})
        row = {"id": "app.dangerous-permission",
               "what": context.specs["app.dangerous-permission"]["what"][lang].format(
                   permissions="; ".join(meanings.values())),
               "evidence": ", ".join(p.rsplit(".", 1)[-1] for p in dangerous), "origin": "app"}
        return [(finding, row)]
