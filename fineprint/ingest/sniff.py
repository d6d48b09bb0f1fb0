"""What format the bytes are, from their content (magic bytes) and the name or media type they came with.

Content wins over the extension: a file named .pdf that is not a PDF fails with a clear error instead of being
read as text, and an HTML page saved as .txt is read as HTML.
"""
from __future__ import annotations

import io
import re
import zipfile

from ..errors import CorruptInputError, EncryptedInputError, UnsupportedInputError
from .decode import looks_binary, strip_bom, utf16_without_bom

FORMATS = ("text", "markdown", "html", "pdf", "docx", "apk")
_EXTENSIONS = {
    ".txt": "text", ".text": "text", ".md": "markdown", ".markdown": "markdown", ".html": "html", ".htm": "html",
    ".xhtml": "html", ".pdf": "pdf", ".docx": "docx", ".apk": "apk", ".apks": "apk", ".xapk": "apk", ".apkm": "apk",
}
# Split-APK bundles: a zip of APKs (base + splits) with the bundler's own index beside them.
_BUNDLE_EXTENSIONS = (".apks", ".xapk", ".apkm")
_BUNDLE_INDEXES = ("toc.pb", "manifest.json", "info.json", "base.apk")
_MEDIA_TYPES = {
    "text/plain": "text", "text/markdown": "markdown", "text/x-markdown": "markdown", "text/html": "html",
    "application/xhtml+xml": "html", "application/pdf": "pdf",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": "docx",
    "application/vnd.android.package-archive": "apk",
}
# Formats we recognise only to name them in the error message.
_OTHER_MAGIC = (
    (b"\x89PNG\r\n\x1a\n", "a PNG image"), (b"\xff\xd8\xff", "a JPEG image"), (b"GIF8", "a GIF image"),
    (b"RIFF", "a RIFF file (WebP image, WAV audio or AVI video)"), (b"\x1f\x8b", "a gzip archive"),
    (b"BZh", "a bzip2 archive"), (b"\xfd7zXZ\x00", "an xz archive"), (b"7z\xbc\xaf\x27\x1c", "a 7-Zip archive"),
    (b"Rar!", "a RAR archive"), (b"\x7fELF", "an executable (ELF)"), (b"MZ", "a Windows executable"),
    (b"dex\n", "a bare Dalvik .dex file (give the .apk)"), (b"{\\rtf", "an RTF document (save it as .docx or PDF)"),
    (b"%!PS", "a PostScript file"), (b"SQLite format 3\x00", "an SQLite database"),
    (b"\xca\xfe\xba\xbe", "a Java class or Mach-O file"), (b"ID3", "an MP3 file"), (b"OggS", "an Ogg file"),
)
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_HTML_START = re.compile(rb"^\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*"
                         rb"<(?:!doctype\s+html|html|head|body|meta|title|div|p|h[1-6]|table|"
                         rb"section|article|main|ul|ol|span|a|br|script|style|link)\b", re.IGNORECASE | re.DOTALL)


def extension_format(name: str | None) -> str | None:
    if not name:
        return None
    lower = name.lower().split("?", 1)[0].split("#", 1)[0]
    for ext, fmt in _EXTENSIONS.items():
        if lower.endswith(ext):
            return fmt
    return None


def media_type_format(media_type: str | None) -> str | None:
    if not media_type:
        return None
    return _MEDIA_TYPES.get(media_type.split(";", 1)[0].strip().lower())


def zip_kind(zf: zipfile.ZipFile, name: str | None = None) -> str | None:
    """"apk" for an APK or a split-APK bundle (.apks, .xapk, .apkm: APKs inside, read by the APK adapter), "docx"
    for a Word document, None for any other zip."""
    names = set(zf.namelist())
    if "AndroidManifest.xml" in names or "classes.dex" in names:
        return "apk"
    if "word/document.xml" in names:
        return "docx"
    if any(n.lower().endswith(".apk") for n in names):
        lower = (name or "").lower().split("?", 1)[0]
        if lower.endswith(_BUNDLE_EXTENSIONS) or any(n.rsplit("/", 1)[-1] in _BUNDLE_INDEXES for n in names):
            return "apk"
    return None


def sniff_format(head: bytes, name: str | None = None, media_type: str | None = None,
                 zip_source: str | bytes | None = None) -> str:
    """The format of an input whose first bytes are ``head`` (a few KB suffice).

    ``zip_source`` (a path or the full bytes) lets a zip archive be told apart: APK, DOCX or something else.
    Raises UnsupportedInputError / CorruptInputError / EncryptedInputError with a message the user can act on.
    """
    by_type = media_type_format(media_type)  # a server's Content-Type outranks the extension in its URL
    claimed = by_type or extension_format(name)
    what = f"a file served as {media_type}" if by_type else f"a .{claimed} file" if claimed else "this file"
    if head.startswith(b"PK\x03\x04") or head.startswith(b"PK\x05\x06"):
        try:
            source = io.BytesIO(zip_source) if isinstance(zip_source, bytes) else zip_source
            with zipfile.ZipFile(source if source is not None else io.BytesIO(head)) as zf:
                kind = zip_kind(zf, name)
        except (zipfile.BadZipFile, OSError, EOFError, ValueError, NotImplementedError) as exc:  # 'version 18.8'
            expected = f"; {what} should be a complete zip file" if claimed in ("docx", "apk") else ""
            raise CorruptInputError(f"damaged zip archive ({exc}){expected}") from None
        if kind:
            return kind
        if claimed in ("docx", "apk"):
            expected = "word/document.xml" if claimed == "docx" else "AndroidManifest.xml"
            raise CorruptInputError(f"this zip archive has no {expected}: it is not a real {claimed.upper()} file")
        raise UnsupportedInputError("a zip archive that is neither a .docx nor an .apk; unzip it and audit the "
                                    "documents inside")
    if 0 <= head.find(b"%PDF-", 0, 1024):  # the PDF spec lets a header follow up to 1 KB of junk
        return "pdf"
    if head.startswith(_OLE_MAGIC):
        if b"E\x00n\x00c\x00r\x00y\x00p\x00t\x00e\x00d\x00P\x00a\x00c\x00k\x00a\x00g\x00e" in head or claimed == "docx":
            raise EncryptedInputError("a password-protected Office file; open it in Word, remove the password and "
                                      "save it as .docx")
        raise UnsupportedInputError("an old Microsoft Office file (.doc/.xls); save it as .docx or PDF and try again")
    if head.startswith(b"dex\n"):  # a DEX file, or a DEX+APK polyglot (Janus): the APK adapter reads both
        return "apk"
    for magic, label in _OTHER_MAGIC:
        if head.startswith(magic):
            raise UnsupportedInputError(f"this is {label}, not a document fineprint reads "
                                        "(.txt .md .html .pdf .docx .apk)")
    if claimed in ("pdf", "docx", "apk"):
        raise UnsupportedInputError(f"{what} that is not one (its content is not {_DESCRIBE[claimed]}); "
                                    "check the file")
    body, bom = strip_bom(head)
    bom = bom or utf16_without_bom(body)
    if bom is None and looks_binary(body):
        raise UnsupportedInputError("binary data, not a text document (fineprint reads .txt .md .html .pdf .docx .apk)")
    if bom and bom.startswith(("utf-16", "utf-32")):
        body = body.decode(bom, errors="ignore").encode("utf-8")
    if claimed == "html" or _HTML_START.match(body):
        return "html"
    return claimed if claimed in ("text", "markdown") else "text"


_DESCRIBE = {"pdf": "a PDF", "docx": "a Word .docx (zip) document", "apk": "an Android app (zip) package"}
