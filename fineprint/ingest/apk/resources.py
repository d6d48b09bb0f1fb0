"""resources.arsc: just enough of the compiled resource table to turn the manifest's ``@string`` references (the
app's name, its version name) into text."""
from __future__ import annotations

import struct


def _pool_strings(raw: bytes, start: int) -> list[str]:
    """The strings of a ResStringPool chunk at ``start`` (UTF-8 or UTF-16)."""
    _, header_size, _, count, _, flags, strings_start, _ = struct.unpack_from("<HHIIIIII", raw, start)
    utf8 = bool(flags & 0x100)
    offsets = struct.unpack_from(f"<{count}I", raw, start + header_size)
    base = start + strings_start
    out = []
    for off in offsets:
        p = base + off
        if utf8:
            p += 2 if raw[p] & 0x80 else 1  # length in UTF-16 units, unused
            n = raw[p]
            if n & 0x80:
                n = ((n & 0x7F) << 8) | raw[p + 1]
                p += 1
            p += 1
            out.append(raw[p:p + n].decode("utf-8", "replace"))
        else:
            n = struct.unpack_from("<H", raw, p)[0]
            p += 2
            if n & 0x8000:
                n = ((n & 0x7FFF) << 16) | struct.unpack_from("<H", raw, p)[0]
                p += 2
            out.append(raw[p:p + 2 * n].decode("utf-16-le", "replace"))
    return out


def resource_strings(raw: bytes, wanted: set[int]) -> dict[int, str]:
    """Resolve string resources ``wanted`` (ids 0xPPTTEEEE) from a compiled resources.arsc.

    Only what an app's name needs: the global string pool, and the entries of the default configuration (or the
    first configuration that has them). References to other resources are followed up to three times.
    """
    if len(raw) < 12 or struct.unpack_from("<H", raw, 0)[0] != 0x0002:
        raise ValueError("not a resource table")
    header_size = struct.unpack_from("<H", raw, 2)[0]
    strings: list[str] = []
    values: dict[int, tuple[int, int, bool]] = {}  # id -> (data type, data, from default config)
    pos = header_size
    while pos + 8 <= len(raw):
        kind, hsize, size = struct.unpack_from("<HHI", raw, pos)
        if size < 8:
            break
        if kind == 0x0001 and not strings:
            strings = _pool_strings(raw, pos)
        elif kind == 0x0200:
            package_id = struct.unpack_from("<I", raw, pos + 8)[0]
            sub = pos + hsize
            while sub + 8 <= pos + size:
                skind, shsize, ssize = struct.unpack_from("<HHI", raw, sub)
                if ssize < 8:
                    break
                if skind == 0x0201:
                    _type_entries(raw, sub, package_id, values)
                sub += ssize
        pos += size
    out: dict[int, str] = {}
    for rid in wanted:
        current = rid
        for _ in range(3):
            hit = values.get(current)
            if hit is None:
                break
            dtype, data, _ = hit
            if dtype == 0x03 and data < len(strings):
                out[rid] = strings[data]
                break
            if dtype != 0x01:
                break
            current = data
    return out


def _type_entries(raw: bytes, start: int, package_id: int, values: dict) -> None:
    _, hsize, _, type_id, flags, _, count, entries_start = struct.unpack_from("<HHIBBHII", raw, start)
    config_size = struct.unpack_from("<I", raw, start + 20)[0]
    default = not any(raw[start + 24:start + 20 + min(config_size, 64)])
    index_at = start + hsize
    if flags & 0x01:  # sparse: (entry index, offset / 4) pairs
        pairs = [struct.unpack_from("<HH", raw, index_at + 4 * k) for k in range(count)]
        offsets = [(i, o * 4) for i, o in pairs]
    elif flags & 0x02:  # 16-bit offsets / 4
        offsets = [(k, o * 4) for k, o in enumerate(struct.unpack_from(f"<{count}H", raw, index_at)) if o != 0xFFFF]
    else:
        offsets = [(k, o) for k, o in enumerate(struct.unpack_from(f"<{count}I", raw, index_at)) if o != 0xFFFFFFFF]
    for index, off in offsets:
        entry = start + entries_start + off
        size, eflags = struct.unpack_from("<HH", raw, entry)
        if eflags & 0x0008:  # compact entry: type in the high byte of the flags, data in place of the key
            dtype, data = eflags >> 8, struct.unpack_from("<I", raw, entry + 4)[0]
        elif eflags & 0x0001:  # a bag (style, array...): not a string
            continue
        else:
            dtype, data = struct.unpack_from("<BI", raw, entry + size + 3)
        rid = (package_id << 24) | (type_id << 16) | index
        if rid not in values or (default and not values[rid][2]):
            values[rid] = (dtype, data, default)
