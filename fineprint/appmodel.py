"""What the APK adapter (``fineprint.ingest.apk``) knows about an app: a frozen, picklable ``AppModel``.

Detectors in ``fineprint.detectors.apk`` read only this model, never androguard or apkInspector objects, so the
parsing libraries stay behind one adapter and the analysis can run in a budgeted subprocess.

Class names are in Java's dotted form (``com.example.Foo``); API references keep the DEX form
``Landroid/location/LocationManager;->getLastKnownLocation`` (class descriptor, ``->``, member name), which is how
DEX files, smali and androguard name them.
"""
from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True, slots=True)
class Component:
    """One <activity>, <service>, <receiver> or <provider> from the manifest."""

    kind: str  # activity | activity-alias | service | receiver | provider
    name: str  # fully qualified class name
    permission: str = ""  # android:permission that callers must hold (e.g. BIND_ACCESSIBILITY_SERVICE)
    exported: bool | None = None
    actions: tuple[str, ...] = ()  # intent-filter actions
    meta_data: tuple[str, ...] = ()  # <meta-data android:name=...>


@dataclass(frozen=True, slots=True)
class DexInfo:
    """One DEX file that was read (or could not be), for the record of what was analysed."""

    name: str  # "classes.dex", "classes2.dex", "lib/x.apk!classes.dex", "(janus prefix)"
    size: int
    classes: int = 0
    methods: int = 0
    strings: int = 0
    error: str = ""  # why it could not be read, "" when it was


@dataclass(frozen=True, slots=True)
class CodeUse:
    """A watched API, field or string and the classes whose code uses it (capped, sorted)."""

    ref: str  # "Landroid/telephony/TelephonyManager;->getDeviceId" | "string:/system/xbin/su" | "super:Landroid/..;"
    callers: tuple[str, ...] = ()  # dotted class names; empty when only the reference table names it
    count: int = 0  # how many call sites were found in code (callers is capped)


@dataclass(frozen=True, slots=True)
class Watch:
    """The references whose use in code the APK detectors need to see, with their callers: what the detectors ask
    of the APK adapter (each detector declares its part, ``detectors.registry.app_watch`` joins them)."""

    methods: frozenset[str] = frozenset()  # "Lpkg/Class;->name"
    fields: frozenset[str] = frozenset()  # "Landroid/os/Build;->FINGERPRINT"
    strings: frozenset[str] = frozenset()  # exact string constants
    string_patterns: tuple[str, ...] = ()  # lowercase regexes searched in lowercased string constants
    supers: frozenset[str] = frozenset()  # "Landroid/accessibilityservice/AccessibilityService;" (subclassed)


@dataclass(frozen=True, slots=True)
class AppModel:
    """Everything the APK detectors need, read once from the APK (manifest, file list and DEX tables)."""

    source: str
    sha256: str
    size: int
    package: str = ""
    label: str = ""  # the app's name as the launcher shows it (default language), "" when unknown
    version_name: str = ""
    version_code: str = ""
    min_sdk: int | None = None
    target_sdk: int | None = None
    debuggable: bool = False
    allow_backup: bool | None = None
    uses_cleartext: bool | None = None
    permissions: tuple[str, ...] = ()  # requested: <uses-permission> and <uses-permission-sdk-23>
    declared_permissions: tuple[tuple[str, str], ...] = ()  # (<permission> name, protectionLevel) the app defines
    components: tuple[Component, ...] = ()
    queries: tuple[str, ...] = ()  # <queries><package android:name> (Android 11 package visibility)
    native_libs: tuple[str, ...] = ()  # lib/<abi>/libfoo.so paths
    nested_apks: tuple[str, ...] = ()  # APKs inside the APK (split / bundled), analysed too
    dex: tuple[DexInfo, ...] = ()
    classes: tuple[str, ...] = ()  # every class defined in the app's DEX files (dotted, sorted, unique)
    uses: tuple[CodeUse, ...] = ()  # watched references found, with their callers
    hosts: tuple[str, ...] = ()  # host names of the http(s)/ws(s) URLs written in the code's strings (sorted)
    janus: bool = False  # the file is both a DEX and a ZIP (CVE-2017-13156)
    not_analysed: tuple[str, ...] = ()  # what could not be analysed, and why (one line each)
    extra: dict = field(default_factory=dict, hash=False)  # small facts for evidence (e.g. "files": count)

    def use(self, ref: str) -> CodeUse | None:
        """The CodeUse for ``ref``, or None when the app never references it."""
        for u in self.uses:
            if u.ref == ref:
                return u
        return None
