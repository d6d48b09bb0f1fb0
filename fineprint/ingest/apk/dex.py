"""The DEX format, read directly: header, string / type / field / method / class tables, and the code items of
methods. Code is not disassembled: ``instruction_starts`` only walks one method's instructions to confirm that a
byte pattern found in the code area is a real instruction. ``read_tables`` gives the tables whole (for tools and
the differential test against androguard); the collector reads them lazily, as the watch list needs.
"""
from __future__ import annotations

import re
import struct
from dataclasses import dataclass

DEX_MAGIC = re.compile(rb"dex\n0[0-9]{2}\x00")
NO_INDEX = 0xFFFFFFFF

# Code units per Dalvik opcode (0x00..0xff); payload pseudo-instructions after a nop are sized separately.
_OP_UNITS = bytearray([1] * 256)
for _lo, _hi, _n in ((0x02, 0x02, 2), (0x03, 0x03, 3), (0x05, 0x05, 2), (0x06, 0x06, 3), (0x08, 0x08, 2),
                     (0x09, 0x09, 3), (0x13, 0x13, 2), (0x14, 0x14, 3), (0x15, 0x16, 2), (0x17, 0x17, 3),
                     (0x18, 0x18, 5), (0x19, 0x19, 2), (0x1A, 0x1A, 2), (0x1B, 0x1B, 3), (0x1C, 0x1C, 2),
                     (0x1F, 0x20, 2), (0x22, 0x23, 2), (0x24, 0x26, 3), (0x29, 0x29, 2), (0x2A, 0x2C, 3),
                     (0x2D, 0x3D, 2), (0x44, 0x6D, 2), (0x6E, 0x72, 3), (0x74, 0x78, 3), (0x90, 0xAF, 2),
                     (0xD0, 0xE2, 2), (0xFA, 0xFB, 4), (0xFC, 0xFD, 3), (0xFE, 0xFF, 2)):
    for _op in range(_lo, _hi + 1):
        _OP_UNITS[_op] = _n
INVOKE_OPS = bytes(list(range(0x6E, 0x73)) + list(range(0x74, 0x79)))
FIELD_OPS = bytes(range(0x52, 0x6E))


HEADER = struct.Struct("<14I")  # at 56: string_ids, type_ids, proto_ids, field_ids, method_ids, class_defs, data


def header(data: bytes) -> tuple[int, ...]:
    """(string_ids size, offset, type_ids size, offset, proto_ids ..., field_ids ..., method_ids ..., class_defs ...,
    data size, offset), with every table checked to lie inside the file; ValueError otherwise."""
    if len(data) < 0x70 or not DEX_MAGIC.fullmatch(data[:8]):
        raise ValueError("not a DEX file (bad magic)")
    fields = HEADER.unpack_from(data, 56)
    (str_n, str_off, type_n, type_off, _proto_n, _proto_off, field_n, field_off, meth_n, meth_off, class_n,
     class_off, _data_size, _data_off) = fields
    end = len(data)
    for n, off, width in ((str_n, str_off, 4), (type_n, type_off, 4), (field_n, field_off, 8),
                          (meth_n, meth_off, 8), (class_n, class_off, 32)):
        if n and (off + n * width > end):
            raise ValueError("table outside the file (truncated DEX?)")
    return fields


def mutf8(raw: bytes) -> str:
    """Java's modified UTF-8: UTF-8, except that NUL is C0 80 and a character beyond U+FFFF is its two UTF-16
    surrogates encoded one by one (3 bytes each). Invalid bytes are replaced, not fatal."""
    try:
        return raw.decode("utf-8")  # nearly every string: no NUL, no character beyond U+FFFF
    except UnicodeDecodeError:
        pass
    try:
        text = raw.replace(b"\xc0\x80", b"\x00").decode("utf-8", "surrogatepass")
        return text.encode("utf-16-le", "surrogatepass").decode("utf-16-le", "replace")  # pairs -> characters
    except UnicodeError:
        return raw.decode("utf-8", "replace")


def read_strings(data: bytes, str_n: int, str_off: int) -> list[str]:
    """The string table: uleb128 length then MUTF-8 up to a NUL; invalid bytes are replaced, not fatal."""
    str_offsets = struct.unpack_from(f"<{str_n}I", data, str_off)
    strings: list[str] = []
    append = strings.append
    find = data.find
    for off in str_offsets:
        p = off
        while data[p] & 0x80:
            p += 1
        p += 1
        q = find(b"\x00", p)
        if q < 0:
            raise ValueError("unterminated string")
        raw = data[p:q]
        append(raw.decode("utf-8") if raw.isascii() else mutf8(raw))
    return strings


def read_types(data: bytes, type_n: int, type_off: int, strings: list[str]) -> list[str]:
    """Type descriptors ("Lcom/x/Y;", "I", "[B"), by type index."""
    return [strings[i] for i in struct.unpack_from(f"<{type_n}I", data, type_off)]


def member_refs(data: bytes, n: int, off: int, types: list[str], strings: list[str]) -> list[str]:
    """field_ids or method_ids as "Lpkg/Class;->name" (both items: class index u16, u16, name index u32)."""
    raw = struct.unpack_from(f"<{n * 2}I", data, off)
    return [f"{types[raw[2 * i] & 0xFFFF]}->{strings[raw[2 * i + 1]]}" for i in range(n)]


@dataclass(frozen=True, slots=True)
class DexTables:
    """A DEX file's tables, whole: what fineprint reads of every DEX file, for tools and tests."""

    strings: tuple[str, ...]
    types: tuple[str, ...]
    fields: tuple[str, ...]  # "Lpkg/Class;->name"
    methods: tuple[str, ...]  # "Lpkg/Class;->name"
    classes: tuple[str, ...]  # descriptors of the classes the file defines, in class_defs order
    supers: tuple[str | None, ...]  # their superclasses (None for java.lang.Object)


def read_tables(data: bytes) -> DexTables:
    """Every table of one DEX file (ValueError, IndexError or struct.error on a damaged one)."""
    (str_n, str_off, type_n, type_off, _proto_n, _proto_off, field_n, field_off, meth_n, meth_off, class_n,
     class_off, _data_size, _data_off) = header(data)
    strings = read_strings(data, str_n, str_off)
    types = read_types(data, type_n, type_off, strings)
    cdefs = struct.unpack_from(f"<{class_n * 8}I", data, class_off)
    return DexTables(
        strings=tuple(strings), types=tuple(types),
        fields=tuple(member_refs(data, field_n, field_off, types, strings)),
        methods=tuple(member_refs(data, meth_n, meth_off, types, strings)),
        classes=tuple(types[cdefs[8 * c]] for c in range(class_n)),
        supers=tuple(types[cdefs[8 * c + 2]] if cdefs[8 * c + 2] != NO_INDEX else None for c in range(class_n)))


def uleb(buf: bytes, pos: int) -> tuple[int, int]:
    result = shift = 0
    while True:
        b = buf[pos]
        pos += 1
        result |= (b & 0x7F) << shift
        if b < 0x80:
            return result, pos
        shift += 7
        if shift > 35:
            raise ValueError("bad uleb128")



_TYPE_CODE_ITEM = 0x2001


def _section(data: bytes, kind: int) -> tuple[int, int] | None:
    """[start, end) of one section of the DEX map list, or None when the map does not give it."""
    try:
        map_off = struct.unpack_from("<I", data, 52)[0]
        n = struct.unpack_from("<I", data, map_off)[0]
        if n > 64:
            return None
        items = [struct.unpack_from("<HHII", data, map_off + 4 + 12 * k) for k in range(n)]
    except struct.error:
        return None
    offsets = sorted(off for _, _, _, off in items)
    for item_kind, _, _, off in items:
        if item_kind == kind and off < len(data):
            later = [o for o in offsets if o > off]
            return off, min(min(later) if later else len(data), len(data))
    return None


def code_section(data: bytes) -> tuple[int, int]:
    """[start, end) of the code items; the whole file when the map is unusable."""
    return _section(data, _TYPE_CODE_ITEM) or (0, len(data))


def code_ranges(data: bytes, class_data_offs: list[tuple[int, str]]) -> list[tuple[int, int, str]]:
    """(insns start, insns end, owner class) of every method with code, sorted."""
    size = len(data)
    out: list[tuple[int, int, str]] = []
    for off, owner in class_data_offs:
        for code_off in code_offsets(data, off):
            if code_off and code_off + 16 <= size:
                insns_size = struct.unpack_from("<I", data, code_off + 12)[0]
                start = code_off + 16
                out.append((start, min(start + 2 * insns_size, size), owner))
    out.sort()
    return out


def code_offsets(data: bytes, off: int) -> list[int]:
    """code_off of each method of one class_data_item (ULEB128 numbers all the way)."""
    p = off
    sf, p = uleb(data, p)
    inf, p = uleb(data, p)
    dm, p = uleb(data, p)
    vm, p = uleb(data, p)
    for _ in range(2 * (sf + inf)):
        _, p = uleb(data, p)
    offs = []
    for _ in range(dm + vm):
        _, p = uleb(data, p)
        _, p = uleb(data, p)
        code_off, p = uleb(data, p)
        offs.append(code_off)
    return offs


def instruction_starts(data: bytes, start: int, stop: int, wanted: set[int]):
    """Yield those of ``wanted`` offsets that are real instruction starts in the method's code [start, stop)."""
    pos = start
    units = _OP_UNITS
    while pos < stop and wanted:
        op = data[pos]
        if op == 0 and pos + 1 < stop and data[pos + 1] in (1, 2, 3):
            ident = data[pos + 1]
            if ident == 1:  # packed-switch payload
                size = struct.unpack_from("<H", data, pos + 2)[0]
                n = 4 + 2 * size
            elif ident == 2:  # sparse-switch payload
                size = struct.unpack_from("<H", data, pos + 2)[0]
                n = 2 + 4 * size
            else:  # fill-array-data payload
                width, size = struct.unpack_from("<HI", data, pos + 2)
                n = 4 + (width * size + 1) // 2
            pos += 2 * n
            continue
        if pos in wanted:
            wanted.discard(pos)
            yield pos
        pos += 2 * units[op]


def dotted_name(descriptor: str) -> str:
    if descriptor.startswith("L") and descriptor.endswith(";"):
        return descriptor[1:-1].replace("/", ".")
    return descriptor
