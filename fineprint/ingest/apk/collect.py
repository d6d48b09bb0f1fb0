"""Accumulate what every DEX file and manifest of an APK says into one ``AppModel``: the classes it defines, the
hosts its strings name, and who calls the references the detectors watch (``Watch``)."""
from __future__ import annotations

import re
import struct
from bisect import bisect_right

from ...appmodel import AppModel, CodeUse, Component, DexInfo, Watch
from . import dex
from .dex import FIELD_OPS, INVOKE_OPS, code_ranges, code_section, dotted_name, instruction_starts

MAX_CALLERS = 12  # callers kept per watched reference (evidence, not an inventory)
MAX_HOSTS = 2000
_URL_HOST = re.compile(r"\b(?:https?|wss?)://([A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,})")


class Collector:
    """Accumulates what every DEX file and manifest says into one AppModel."""

    def __init__(self, watch: Watch) -> None:
        self.watch = watch
        # one alternation instead of N searches per string, over the lowercased string (the patterns are written in
        # lowercase): much faster than IGNORECASE
        alternatives = [f"(?:{p})" for p in watch.string_patterns]
        self._patterns = [re.compile("|".join(alternatives))] if alternatives else []
        self._method_names = {ref.rsplit("->", 1)[-1] for ref in watch.methods}
        self.classes: set[str] = set()
        self.callers: dict[str, set[str]] = {}
        self.counts: dict[str, int] = {}
        self.dex: list[DexInfo] = []
        self.native_libs: list[str] = []
        self.nested: list[str] = []
        self.nested_permissions: set[str] = set()
        self.not_analysed: list[str] = []
        self.files = 0
        self.hosts: set[str] = set()

    def model(self, *, source: str, sha256: str, size: int, manifest: dict, janus: bool) -> AppModel:
        comps = tuple(Component(kind=c["kind"], name=c["name"], permission=c["permission"], exported=c["exported"],
                                actions=tuple(c["actions"]), meta_data=tuple(c["meta_data"]))
                      for c in manifest.get("components", ()))
        perms = list(dict.fromkeys(list(manifest.get("permissions", ())) + sorted(self.nested_permissions)))
        uses = tuple(CodeUse(ref=r, callers=tuple(sorted(c)[:MAX_CALLERS]), count=self.counts.get(r, 0))
                     for r, c in sorted(self.callers.items()))
        if not self.dex:
            self.not_analysed.append("no DEX code found: only the manifest was analysed")
        return AppModel(
            source=source, sha256=sha256, size=size, package=manifest.get("package", ""),
            label=manifest.get("label", ""),
            version_name=manifest.get("version_name", ""), version_code=manifest.get("version_code", ""),
            min_sdk=manifest.get("minSdkVersion"), target_sdk=manifest.get("targetSdkVersion"),
            debuggable=manifest.get("debuggable", False), allow_backup=manifest.get("allow_backup"),
            uses_cleartext=manifest.get("uses_cleartext"), permissions=tuple(perms),
            declared_permissions=tuple(manifest.get("declared_permissions", ())), components=comps,
            queries=tuple(manifest.get("queries", ())), native_libs=tuple(self.native_libs),
            nested_apks=tuple(self.nested), dex=tuple(self.dex), classes=tuple(sorted(self.classes)), uses=uses,
            hosts=tuple(sorted(self.hosts)[:MAX_HOSTS]), janus=janus,
            not_analysed=tuple(dict.fromkeys(self.not_analysed)), extra={"files": self.files})

    def _hit(self, ref: str, caller: str | None) -> None:
        callers = self.callers.setdefault(ref, set())
        if caller is not None:
            callers.add(caller)
            self.counts[ref] = self.counts.get(ref, 0) + 1

    def read_dex(self, data: bytes, name: str) -> None:
        """Read one DEX file's tables and find the callers of watched references; never raises on bad input."""
        try:
            info = self._read_dex(data, name)
        except (ValueError, IndexError, struct.error, UnicodeError, OverflowError) as exc:
            info = DexInfo(name, len(data), error=f"{type(exc).__name__}: {exc}")
            self.not_analysed.append(f"{name} could not be parsed ({info.error})")
        self.dex.append(info)

    def _read_dex(self, data: bytes, name: str) -> DexInfo:
        (str_n, str_off, type_n, type_off, _proto_n, _proto_off, field_n, field_off, meth_n, meth_off, class_n,
         class_off, _data_size, _data_off) = dex.header(data)
        strings = dex.read_strings(data, str_n, str_off)
        types = dex.read_types(data, type_n, type_off, strings)
        w = self.watch
        watched_methods: dict[int, str] = {}
        if w.methods:
            names = self._method_names
            raw = struct.unpack_from(f"<{meth_n * 2}I", data, meth_off)
            for i in range(meth_n):
                member = strings[raw[2 * i + 1]]
                if member in names:
                    key = f"{types[raw[2 * i] & 0xFFFF]}->{member}"
                    if key in w.methods:
                        watched_methods[i] = key
        watched_fields: dict[int, str] = {}
        if w.fields:
            raw = struct.unpack_from(f"<{field_n * 2}I", data, field_off)
            for i in range(field_n):
                key = f"{types[raw[2 * i] & 0xFFFF]}->{strings[raw[2 * i + 1]]}"
                if key in w.fields:
                    watched_fields[i] = key
        watched_strings: dict[int, str] = {}
        exact = w.strings
        hosts = self.hosts
        for i, s in enumerate(strings):
            if s in exact:
                watched_strings[i] = "string:" + s
            if "://" in s and len(hosts) < MAX_HOSTS:
                hosts.update(h.lower() for h in _URL_HOST.findall(s))
        if self._patterns:
            search = self._patterns[0].search
            # type descriptors ("Lcom/x/Y;") are never loaded by const-string, so they cannot be evidence
            for i, s in enumerate(strings):
                if len(s) < 300 and not (s[:1] in ("L", "[") and s[-1:] == ";") and i not in watched_strings \
                        and search(s.lower()):
                    watched_strings[i] = "string:" + s
        cdefs = struct.unpack_from(f"<{class_n * 8}I", data, class_off)
        defined: list[str] = []
        class_data_offs: list[tuple[int, str]] = []
        for c in range(class_n):
            cls_idx, super_idx = cdefs[8 * c], cdefs[8 * c + 2]
            desc = types[cls_idx]
            dotted = dotted_name(desc)
            defined.append(dotted)
            if super_idx != 0xFFFFFFFF and super_idx < len(types) and types[super_idx] in w.supers:
                self._hit("super:" + types[super_idx], dotted)
            if cdefs[8 * c + 6]:
                class_data_offs.append((cdefs[8 * c + 6], dotted))
        self.classes.update(defined)
        if watched_methods or watched_fields or watched_strings:
            self._find_callers(data, class_data_offs, watched_methods, watched_fields,
                                                 watched_strings)
        return DexInfo(name, len(data), classes=class_n, methods=meth_n, strings=str_n)

    def _find_callers(self, data: bytes, class_data_offs: list[tuple[int, str]], methods: dict[int, str],
                      fields: dict[int, str], strings: dict[int, str]) -> int:
        """Search the code for instructions naming a watched index; confirm each hit by walking its method."""
        alternatives = []
        if methods:
            idx = b"|".join(re.escape(struct.pack("<H", i)) for i in methods)
            alternatives.append(b"[" + re.escape(INVOKE_OPS) + b"].(?:" + idx + b")")
        if fields:
            idx = b"|".join(re.escape(struct.pack("<H", i)) for i in fields)
            alternatives.append(b"[" + re.escape(FIELD_OPS) + b"].(?:" + idx + b")")
        if strings:
            small = [i for i in strings if i <= 0xFFFF]
            if small:
                idx = b"|".join(re.escape(struct.pack("<H", i)) for i in small)
                alternatives.append(b"\x1a.(?:" + idx + b")")
            idx = b"|".join(re.escape(struct.pack("<I", i)) for i in strings)
            alternatives.append(b"\x1b.(?:" + idx + b")")
        pattern = re.compile(b"(?s)(?:" + b"|".join(alternatives) + b")")
        lo, hi = code_section(data)
        # finditer does not report matches overlapping a previous one (a false hit inside some other
        # instruction could hide a real one): look for those inside each match, which is cheap as hits are few
        found: set[int] = set()
        for m in pattern.finditer(data, lo, hi):
            todo = [(m.start(), m.end())]
            while todo:
                start, end = todo.pop()
                found.add(start)
                for q in range(start + 1, end):
                    if q not in found:
                        inner = pattern.match(data, q, hi)
                        if inner:
                            todo.append((q, inner.end()))
        hits = sorted(found)
        if not hits:
            return 0
        # code ranges of every method: (insns_start, insns_end, owner class)
        ranges = code_ranges(data, class_data_offs)
        ranges.sort()
        starts = [r[0] for r in ranges]
        by_method: dict[int, list[int]] = {}
        for pos in hits:
            k = bisect_right(starts, pos) - 1
            if k >= 0 and pos < ranges[k][1] and (pos - ranges[k][0]) % 2 == 0:
                by_method.setdefault(k, []).append(pos)
        for k, positions in by_method.items():
            start, stop, owner = ranges[k]
            for pos in instruction_starts(data, start, stop, set(positions)):
                op = data[pos]
                if op in (0x1A, 0x1C) or 0x60 <= op <= 0x6D or 0x52 <= op <= 0x5F or 0x6E <= op <= 0x78:
                    index = struct.unpack_from("<H", data, pos + 2)[0]
                else:
                    index = struct.unpack_from("<I", data, pos + 2)[0]
                if op == 0x1A or op == 0x1B:
                    ref = strings.get(index)
                elif 0x52 <= op <= 0x6D:
                    ref = fields.get(index)
                else:
                    ref = methods.get(index)
                if ref:
                    self._hit(ref, owner)
        return len(by_method)
