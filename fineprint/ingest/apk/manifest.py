"""AndroidManifest.xml (binary XML) -> a plain dict of what the detectors use, with apkInspector's tamper-tolerant
parser. Attributes are resolved by resource id, as Android does, so an obfuscated attribute name cannot hide
``android:name``."""
from __future__ import annotations

import io

ANDROID_NS = "http://schemas.android.com/apk/res/android"

# Android resolves manifest attributes by resource id, not by the name string, so tampered names do not matter.
_ATTR_IDS = {
    0x01010003: "name", 0x01010006: "permission", 0x01010009: "protectionLevel", 0x01010010: "exported",
    0x0101000F: "debuggable", 0x01010280: "allowBackup", 0x0101021B: "versionCode", 0x0101021C: "versionName",
    0x0101020C: "minSdkVersion", 0x01010270: "targetSdkVersion", 0x01010271: "maxSdkVersion",
    0x010104EC: "usesCleartextTraffic", 0x0101000E: "enabled", 0x01010001: "label",
}
_COMPONENT_TAGS = ("activity", "activity-alias", "service", "receiver", "provider")


def parse_manifest(raw: bytes) -> dict:
    """Binary AndroidManifest.xml -> a plain dict of what the detectors use (tamper-tolerant)."""
    if raw[:1] == b"<":
        raise ValueError("plain-text XML manifest (not a compiled APK)")
    from apkInspector.axml import ManifestStruct, XmlEndElement, XmlStartElement

    _silence_apkinspector()
    struct_ = ManifestStruct.parse(io.BytesIO(raw))
    strings = struct_.string_pool.string_list
    resids = struct_.resource_map.resids if struct_.resource_map is not None else []

    def text(i: int) -> str:
        return strings[i] if 0 <= i < len(strings) and isinstance(strings[i], str) else ""

    out: dict = {"permissions": [], "declared_permissions": [], "components": [], "queries": []}
    stack: list[tuple[str, dict]] = []
    current: dict | None = None
    for el in struct_.elements:
        if isinstance(el, XmlStartElement):
            tag = text(el.attrext[1])
            attrs: dict[str, object] = {}
            refs: dict[str, int] = {}  # attributes given as resource references (@string/app_name)
            for a in el.attributes:
                key = _ATTR_IDS.get(resids[a.name_index]) if a.name_index < len(resids) else None
                key = key or text(a.name_index)
                if not key or key in attrs:
                    continue
                if a.typed_value_datatype == 1 and isinstance(a.typed_value_data, int):
                    refs[key] = a.typed_value_data
                if a.typed_value_datatype == 3:
                    value: object = text(a.typed_value_data) or text(a.raw_value_index)
                elif a.typed_value_datatype == 18:
                    value = bool(a.typed_value_data)
                elif a.typed_value_datatype in (16, 17):
                    value = int(a.typed_value_data) & 0xFFFFFFFF if a.typed_value_datatype == 17 else \
                        int(a.typed_value_data)
                elif a.raw_value_index != 0xFFFFFFFF and text(a.raw_value_index):
                    value = text(a.raw_value_index)
                else:
                    value = a.typed_value_data
                attrs[key] = value
            parents = [t for t, _ in stack]
            stack.append((tag, attrs))
            if tag == "manifest" and "package" not in out:
                out["package"] = str(attrs.get("package", ""))
                out["version_code"] = str(attrs.get("versionCode", ""))
                out["version_name"] = str(attrs.get("versionName", "")) if isinstance(attrs.get("versionName"),
                                                                                     str) else ""
                if refs.get("versionName"):
                    out["version_name_ref"] = refs["versionName"]
            elif tag == "uses-sdk":
                for key in ("minSdkVersion", "targetSdkVersion"):
                    if isinstance(attrs.get(key), int):
                        out.setdefault(key, attrs[key])
                    elif isinstance(attrs.get(key), str) and str(attrs[key]).isdigit():
                        out.setdefault(key, int(attrs[key]))
            elif tag in ("uses-permission", "uses-permission-sdk-23", "uses-permission-sdk-m"):
                if isinstance(attrs.get("name"), str) and attrs["name"]:
                    out["permissions"].append(attrs["name"])
            elif tag == "permission":
                level = attrs.get("protectionLevel", 0)
                out["declared_permissions"].append((str(attrs.get("name", "")), _protection(level)))
            elif tag == "application":
                if isinstance(attrs.get("label"), str):
                    out["label"] = attrs["label"]
                elif refs.get("label"):
                    out["label_ref"] = refs["label"]
                out["debuggable"] = bool(attrs.get("debuggable", False))
                if isinstance(attrs.get("allowBackup"), bool):
                    out["allow_backup"] = attrs["allowBackup"]
                if isinstance(attrs.get("usesCleartextTraffic"), bool):
                    out["uses_cleartext"] = attrs["usesCleartextTraffic"]
            elif tag in _COMPONENT_TAGS and "application" in parents:
                current = {"kind": tag, "name": _full_class(str(attrs.get("name", "")), out.get("package", "")),
                           "permission": str(attrs.get("permission", "") or ""),
                           "exported": attrs.get("exported") if isinstance(attrs.get("exported"), bool) else None,
                           "actions": [], "meta_data": []}
                out["components"].append(current)
            elif tag == "action" and current is not None and "intent-filter" in parents:
                if isinstance(attrs.get("name"), str):
                    current["actions"].append(attrs["name"])
            elif tag == "meta-data" and current is not None and parents and parents[-1] in _COMPONENT_TAGS:
                if isinstance(attrs.get("name"), str):
                    current["meta_data"].append(attrs["name"])
            elif tag == "package" and "queries" in parents:
                if isinstance(attrs.get("name"), str):
                    out["queries"].append(attrs["name"])
        elif isinstance(el, XmlEndElement):
            if stack:
                tag, _ = stack.pop()
                if tag in _COMPONENT_TAGS:
                    current = None
    if "package" not in out:
        raise ValueError("no <manifest> element")
    return out


_PROTECTION = {0: "normal", 1: "dangerous", 2: "signature", 3: "signatureOrSystem"}


def _protection(level: object) -> str:
    if isinstance(level, int):
        return _PROTECTION.get(level & 0xF, str(level))
    return str(level)


def _full_class(name: str, package: str) -> str:
    if name.startswith("."):
        return package + name
    if name and "." not in name and package:
        return f"{package}.{name}"
    return name


def _silence_apkinspector() -> None:
    import logging

    logging.getLogger("apkInspector").setLevel(logging.ERROR)
    logging.getLogger().setLevel(max(logging.getLogger().level, logging.ERROR))
