"""fineprint's DEX reader against androguard's, on real apps: every table fineprint reads (strings, types, field and
method references, class definitions and their superclasses, the code offsets of every method) must be the same.

androguard is a second, independent implementation of the DEX format (installed by the ``test`` extra). The samples
are chosen to cover what differs between apps, in about two seconds of androguard time: a large app whose strings hold
characters beyond U+FFFF (modified UTF-8 surrogate pairs, which this test caught fineprint decoding as U+FFFD), a
multidex app, an obfuscated one, a tiny one and a DEX file that is also a ZIP (Janus).
"""
from __future__ import annotations

import struct
import zipfile

import pytest

from fineprint.ingest.apk.dex import code_offsets, header, read_tables

androguard_dex = pytest.importorskip("androguard.core.dex", reason="androguard is not installed (pip install "
                                     "'fineprint[test]'): the DEX reader is not compared with a second one")

SAMPLES = {
    "androguard_hello-world.apk": ("classes.dex",),  # non-BMP characters in strings
    "trk_firebase_crashlytics_sample.apk": ("classes2.dex",),  # the second DEX of a multidex app
    "mastg_uncrackable2.apk": ("classes.dex",),  # obfuscated names
    "droidbench_Contacts1.apk": ("classes.dex",),
    "edge_fdroidserver_janus.apk": ("classes.dex",),
}


@pytest.fixture(scope="module", autouse=True)
def quiet_androguard():
    from loguru import logger  # androguard logs every table it reads at DEBUG level

    logger.disable("androguard")
    yield
    logger.enable("androguard")


def _reference(raw: bytes) -> dict:
    d = androguard_dex.DEX(raw)
    cm = d.get_class_manager()
    methods, fields = d.get_methods_id_item(), d.get_fields_id_item()
    classes = d.get_classes()
    return {
        "strings": list(d.get_strings()),
        "types": [cm.get_type(i) for i in range(d.get_header_item().type_ids_size)],
        "methods": [f"{m.get_class_name()}->{m.get_name()}" for m in (methods.gets() if methods else ())],
        "fields": [f"{f.get_class_name()}->{f.get_name()}" for f in (fields.gets() if fields else ())],
        "classes": [c.get_name() for c in classes],
        "supers": [c.get_superclassname() for c in classes],
        "code": {c.get_name(): [m.get_code_off() for m in c.get_methods()] for c in classes},
    }


def _ours(raw: bytes) -> dict:
    t = read_tables(raw)
    class_n, class_off = header(raw)[10:12]
    cdefs = struct.unpack_from(f"<{class_n * 8}I", raw, class_off)
    # code offsets in class_data order: direct methods, then virtual ones (as androguard's get_methods gives them)
    code = {t.classes[c]: (code_offsets(raw, cdefs[8 * c + 6]) if cdefs[8 * c + 6] else []) for c in range(class_n)}
    return {"strings": list(t.strings), "types": list(t.types), "methods": list(t.methods), "fields": list(t.fields),
            "classes": list(t.classes), "supers": list(t.supers), "code": code}


@pytest.mark.parametrize("apk, dex_name", [(a, n) for a, names in SAMPLES.items() for n in names])
def test_dex_tables_match_androguard(samples, apk, dex_name):
    raw = zipfile.ZipFile(samples / apk).read(dex_name)
    ours, ref = _ours(raw), _reference(raw)
    assert ref["strings"] and ref["methods"], "androguard read nothing: the comparison would prove nothing"
    for table in ("strings", "types", "methods", "fields", "classes", "supers", "code"):
        mine, theirs = ours[table], ref[table]
        if mine != theirs:
            if isinstance(mine, dict):
                diff = [k for k in theirs if mine.get(k) != theirs[k]][:3]
                pytest.fail(f"{apk}!{dex_name}: {table} differ for {len(diff)}+ classes, e.g. "
                            f"{[(k, mine.get(k), theirs[k]) for k in diff]}")
            diff = [(i, a, b) for i, (a, b) in enumerate(zip(mine, theirs)) if a != b][:3]
            shown = [(i, str(a)[:80], str(b)[:80]) for i, a, b in diff]
            pytest.fail(f"{apk}!{dex_name}: {table} differ ({len(mine)} against {len(theirs)} entries), first "
                        f"differences (index, fineprint, androguard): {shown}")
