"""Android permissions in plain words (en/fr) with their protection level (data/permissions.yaml)."""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path

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
