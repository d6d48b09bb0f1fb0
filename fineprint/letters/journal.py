"""The request journal: the rights requests a person sent, their deadlines, and what to do when one has passed.

One SQLite file, ``requests.sqlite3``, in the user's data directory (platformdirs ``user_data_dir("fineprint")``,
e.g. ~/.local/share/fineprint on Linux, ~/Library/Application Support/fineprint on macOS,
%LOCALAPPDATA%\\fineprint\\fineprint on Windows), or in ``$FINEPRINT_DATA_DIR`` when set. Created on first use.

Safe against concurrent use and interrupted writes: WAL journal, a busy timeout, and every write is one
``BEGIN IMMEDIATE`` transaction, so two ``fineprint requests add`` at once both land and a process killed mid-write
leaves the journal as it was before that write.

Only its own database is touched: a new journal is stamped with SQLite's ``application_id`` (``APPLICATION_ID``); a file
that is not empty and carries another id, or no id and not the journal's table, is refused with a one-line error and
left exactly as it was (no table added, no ``user_version``, no switch to WAL). A row that cannot be read (a date that
is not a date) is skipped by ``list`` and reported in ``RequestJournal.unreadable``, never fatal.

A request under another law than the GDPR (``add(..., country="US")``) is stored with its region before the right,
``us:erasure`` or ``uk:access``, and its deadline counted under that law (45 days for a CCPA request): the table
needs no new column, and a journal written before reads as it did.
"""
from __future__ import annotations

import sqlite3
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date, datetime, timezone
from pathlib import Path

from ..errors import InputError, ResourceError, UsageError

FILE_NAME = "requests.sqlite3"
BUSY_TIMEOUT_MS = 10_000
SCHEMA_VERSION = 2  # 2: the letter's language and the sender's name (lang, name), for the reminder
APPLICATION_ID = 0x46505251  # "FPRQ": PRAGMA application_id of a fineprint request journal
STATUSES = ("open", "done")

_SCHEMA = """
CREATE TABLE IF NOT EXISTS requests (
    id        INTEGER PRIMARY KEY AUTOINCREMENT,
    company   TEXT NOT NULL,
    right     TEXT NOT NULL,
    sent      TEXT NOT NULL,            -- ISO date the request was sent
    deadline  TEXT NOT NULL,            -- ISO date: one month after ``sent`` (GDPR Art. 12(3))
    recipient TEXT NOT NULL DEFAULT '', -- e-mail or address it was sent to
    note      TEXT NOT NULL DEFAULT '',
    status    TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'done')),
    outcome   TEXT NOT NULL DEFAULT '',
    created   TEXT NOT NULL,            -- UTC timestamp
    closed    TEXT,                     -- ISO date it was marked done
    lang      TEXT NOT NULL DEFAULT '', -- the letter's language (en, fr): the reminder is written in it
    name      TEXT NOT NULL DEFAULT ''  -- the sender's name, for the reminder
);
CREATE INDEX IF NOT EXISTS requests_open ON requests (status, deadline);
"""


def default_path() -> Path:
    """Where the journal lives: $FINEPRINT_DATA_DIR/requests.sqlite3, else the platform's user data directory."""
    from ..settings import from_environment

    folder = from_environment().data_dir
    if not folder:
        from platformdirs import user_data_dir

        folder = user_data_dir("fineprint", appauthor=False)
    return Path(folder) / FILE_NAME


@dataclass(frozen=True, slots=True)
class Request:
    """One request in the journal."""

    id: int
    company: str
    right: str
    sent: date
    deadline: date
    recipient: str = ""
    note: str = ""
    status: str = "open"
    outcome: str = ""
    closed: date | None = None
    lang: str = ""  # the letter's language ("" when not known)
    name: str = ""  # the sender's name ("" when not known)

    def overdue(self, today: date) -> bool:
        """True when the request is still open after its deadline."""
        return self.status == "open" and today > self.deadline

    def days_left(self, today: date) -> int:
        return (self.deadline - today).days

    @property
    def region(self) -> str:
        """"us" or "uk" for a request under the CCPA or the UK GDPR; "" for a GDPR request."""
        region, sep, _ = self.right.partition(":")
        return region if sep else ""

    @property
    def request_right(self) -> str:
        """The letter type of the request ("erasure"), without its region."""
        return self.right.partition(":")[2] or self.right

    @property
    def shown(self) -> str:
        """The request as `requests list` shows it: "erasure", "erasure (CCPA)", "access (UK GDPR)"."""
        from .consumer import consumer_rights

        if self.request_right in consumer_rights():  # "withdrawal", "withdrawal (UK)"
            law = {"eu": "EU", "uk": "UK", "us": "US"}.get(self.region)
        else:
            law = {"us": "CCPA", "uk": "UK GDPR"}.get(self.region)
        return f"{self.request_right} ({law})" if law else self.request_right


def _switch_to_wal(conn: sqlite3.Connection) -> None:
    """Switching a new journal to WAL needs the database to itself, and SQLite reports a concurrent opener as
    "locked" at once instead of waiting (the busy timeout does not cover it): retry within the same time budget."""
    import time

    deadline = time.monotonic() + BUSY_TIMEOUT_MS / 1000
    while True:
        try:
            conn.execute("PRAGMA journal_mode = WAL")
            return
        except sqlite3.OperationalError as exc:
            if "locked" not in str(exc) or time.monotonic() > deadline:
                raise
            time.sleep(0.02)


class RequestJournal:
    """The journal at ``path`` (default: :func:`default_path`). Each call opens and closes its own connection, so
    one object may be shared by threads and several processes may use the same file."""

    def __init__(self, path: str | Path | None = None) -> None:
        self.path = Path(path) if path is not None else default_path()
        self.unreadable: list[tuple[object, str]] = []  # (row id, why) of rows the last list() skipped

    def _check_ownership(self, conn: sqlite3.Connection) -> bool:
        """Whether the journal still has to be created (an empty database); raise when the database is another
        application's. Reads only: nothing is written before this says the file is ours."""
        app_id = conn.execute("PRAGMA application_id").fetchone()[0]
        if app_id == APPLICATION_ID:
            return False
        tables = {row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        if not tables and app_id == 0:
            return True  # empty: nothing of anyone's to damage
        version = conn.execute("PRAGMA user_version").fetchone()[0]
        if app_id == 0 and version in (1, SCHEMA_VERSION) and tables <= {"requests", "sqlite_sequence"} and \
                "requests" in tables:
            return False  # a journal written before journals were stamped
        raise ResourceError(f"{self.path} is not a fineprint request journal (it holds another application's data); "
                            "it was left untouched: give another file with --journal or set FINEPRINT_DATA_DIR")

    @contextmanager
    def _connect(self, write: bool):
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise ResourceError(f"cannot create the journal folder {self.path.parent}: {exc.strerror or exc} "
                                "(set FINEPRINT_DATA_DIR to a writable folder)") from None
        try:
            conn = sqlite3.connect(self.path, timeout=BUSY_TIMEOUT_MS / 1000, isolation_level=None)
        except sqlite3.Error as exc:
            raise ResourceError(f"cannot open the request journal {self.path}: {exc}") from None
        try:
            conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
            new = self._check_ownership(conn)
            version = conn.execute("PRAGMA user_version").fetchone()[0]
            if new or version == 0:
                _switch_to_wal(conn)
                conn.execute("BEGIN IMMEDIATE")
                try:
                    if conn.execute("PRAGMA user_version").fetchone()[0] == 0:  # another process may have won
                        if self._check_ownership(conn):  # still empty, now under the write lock
                            for statement in filter(str.strip, _SCHEMA.split(";")):
                                conn.execute(statement)
                            conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
                            conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
                    conn.execute("COMMIT")
                except BaseException:
                    conn.execute("ROLLBACK")
                    raise
            elif version == 1:  # a journal of schema 1: add the two columns (nothing else changes)
                conn.execute("BEGIN IMMEDIATE")
                try:
                    if conn.execute("PRAGMA user_version").fetchone()[0] == 1:  # another process may have done it
                        conn.execute("ALTER TABLE requests ADD COLUMN lang TEXT NOT NULL DEFAULT ''")
                        conn.execute("ALTER TABLE requests ADD COLUMN name TEXT NOT NULL DEFAULT ''")
                        conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
                    conn.execute("COMMIT")
                except BaseException:
                    conn.execute("ROLLBACK")
                    raise
            elif version > SCHEMA_VERSION:
                raise ResourceError(f"the request journal {self.path} was written by a newer fineprint "
                                    f"(schema {version}); upgrade fineprint")
            conn.execute("PRAGMA synchronous = NORMAL")  # with WAL: durable at checkpoints, never corrupt
            if write:
                conn.execute("BEGIN IMMEDIATE")
                try:
                    yield conn
                    conn.execute("COMMIT")
                except BaseException:
                    conn.execute("ROLLBACK")
                    raise
            else:
                yield conn
        except sqlite3.DatabaseError as exc:
            if "not a database" in str(exc) or "malformed" in str(exc):
                raise ResourceError(f"{self.path} is not a readable request journal ({exc}); move it away to start "
                                    "a new one") from None
            if "locked" in str(exc) or "busy" in str(exc):
                raise ResourceError(f"the request journal {self.path} is busy (another fineprint is writing); "
                                    "try again") from None
            raise ResourceError(f"the request journal {self.path} is damaged or has an unexpected layout ({exc}); "
                                "move it away to start a new one") from None
        finally:
            conn.close()

    def add(self, company: str, right: str, sent: date, *, recipient: str = "", note: str = "",
            deadline: date | None = None, country: str | None = None, lang: str = "", name: str = "",
            goods: bool = False, returned: date | None = None) -> Request:
        """Record a request sent on ``sent``; the deadline defaults to one month later (GDPR Art. 12(3)), or to the
        deadline of the law of ``country`` (45 days for a CCPA request, see regional.py). ``goods`` (a withdrawal from
        a sale of goods; ``returned``: the day they were sent back) adds when the refund is really due to the note,
        and with ``returned`` moves the deadline (consumer.deadline_for)."""
        from . import consumer
        from .regional import deadline_for, region_of, request_rights_for

        company = " ".join(company.split())
        if not company:
            raise UsageError("a request needs the company it was sent to (--company)")
        goods = goods or returned is not None
        if goods and right != "withdrawal":
            raise UsageError(f"--goods and --returned apply to a withdrawal only, not to {right}")
        if returned is not None and returned < sent:
            raise UsageError(f"--returned {returned.isoformat()} is before --sent {sent.isoformat()}: the goods go "
                             "back with or after the notice of withdrawal")
        if right in consumer.consumer_rights():
            # a consumer letter: its own deadline (14 days to refund a withdrawal), stored as "eu:withdrawal" ...
            if consumer.jurisdiction_of(country) == "us" and right == "withdrawal":
                raise UsageError("there is no general right of withdrawal in the United States; nothing to record")
            deadline = deadline or consumer.deadline_for(country, right, sent, returned=returned)
            if goods:
                note = "; ".join(x for x in (consumer.goods_note(country, returned), note) if x)
            if deadline is None:
                raise UsageError(f"a {right} letter sets no deadline fineprint can count; it is not recorded")
            return self._insert(company, consumer.stored_right(country, right), sent, deadline, recipient, note,
                                lang, name)
        requests = request_rights_for(country)
        if right not in requests:
            raise UsageError(f"unknown right {right!r}; choose one of {', '.join(requests)}")
        deadline = deadline or deadline_for(country, right, sent)
        if deadline is None:
            raise UsageError(f"the law sets no deadline fineprint can count for a {right} request; it is not recorded")
        region = region_of(country)
        if region:
            right = f"{region}:{right}"
        return self._insert(company, right, sent, deadline, recipient, note, lang, name)

    def _insert(self, company: str, right: str, sent: date, deadline: date, recipient: str, note: str,
                lang: str = "", name: str = "") -> Request:
        created = datetime.now(timezone.utc).isoformat(timespec="seconds")
        with self._connect(write=True) as conn:
            cursor = conn.execute(
                "INSERT INTO requests (company, right, sent, deadline, recipient, note, created, lang, name) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (company, right, sent.isoformat(), deadline.isoformat(), recipient, note, created, lang, name))
            return Request(cursor.lastrowid, company, right, sent, deadline, recipient, note, lang=lang, name=name)

    def list(self, *, include_done: bool = False) -> list[Request]:
        """Requests by deadline, soonest first (open ones only unless ``include_done``)."""
        query = ("SELECT id, company, right, sent, deadline, recipient, note, status, outcome, closed, lang, name "
                 "FROM requests")
        if not include_done:
            query += " WHERE status = 'open'"
        with self._connect(write=False) as conn:
            rows = conn.execute(query + " ORDER BY deadline, id").fetchall()
        out, self.unreadable = [], []
        for row in rows:
            try:
                out.append(_request(row))
            except (ValueError, TypeError) as exc:  # edited by hand, or by another program: reported, not fatal
                self.unreadable.append((row[0], str(exc)))
        return out

    def get(self, request_id: int) -> Request:
        with self._connect(write=False) as conn:
            row = conn.execute("SELECT id, company, right, sent, deadline, recipient, note, status, outcome, closed, "
                               "lang, name FROM requests WHERE id = ?", (request_id,)).fetchone()
        if row is None:
            raise InputError(f"no request #{request_id} in the journal; `fineprint requests list --all` shows them")
        try:
            return _request(row)
        except (ValueError, TypeError) as exc:
            raise ResourceError(f"request #{request_id} in the journal cannot be read ({exc}); fix or remove it "
                                f"with sqlite3 {self.path}") from None

    def done(self, request_id: int, *, outcome: str = "", on: date | None = None) -> Request:
        """Mark a request answered (or given up), with what came of it."""
        on = on or date.today()
        with self._connect(write=True) as conn:
            cursor = conn.execute("UPDATE requests SET status = 'done', outcome = ?, closed = ? WHERE id = ?",
                                  (outcome, on.isoformat(), request_id))
            if cursor.rowcount == 0:
                raise InputError(f"no request #{request_id} in the journal; "
                                 "`fineprint requests list --all` shows them")
        return self.get(request_id)


def _request(row) -> Request:
    rid, company, right, sent, deadline, recipient, note, status, outcome, closed, lang, name = row
    return Request(rid, company, right, date.fromisoformat(sent), date.fromisoformat(deadline), recipient, note,
                   status, outcome, date.fromisoformat(closed) if closed else None, lang or "", name or "")
