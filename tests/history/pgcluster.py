"""A throw-away PostgreSQL server for tests and benchmarks: initdb in a temporary folder, started on a free port of
127.0.0.1 (and a private Unix socket folder), stopped and deleted at the end. As root, the server runs as the
``postgres`` user (or ``nobody``): PostgreSQL refuses to run as root."""
from __future__ import annotations

import glob
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
import uuid


def find_bin(name: str) -> str | None:
    found = shutil.which(name)
    if found:
        return found
    cands = sorted(glob.glob(f"/usr/lib/postgresql/*/bin/{name}"))
    return cands[-1] if cands else None


def why_unavailable() -> str | None:
    missing = [n for n in ("initdb", "pg_ctl", "postgres") if not find_bin(n)]
    if missing:
        return (f"no PostgreSQL server binaries ({', '.join(missing)} not found on PATH or in /usr/lib/postgresql); "
                "apt-get install postgresql (.ci/run does) to run the PostgreSQL store tests")
    try:
        import psycopg  # noqa: F401
    except ImportError:
        return "psycopg is not installed (pip install 'fineprint[store]')"
    return None


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class TempPostgres:
    def __init__(self) -> None:
        self.base = tempfile.mkdtemp(prefix="fineprint-pg-")
        self.data = os.path.join(self.base, "data")
        self.port = _free_port()
        self.user = None
        if os.geteuid() == 0:
            for name in ("postgres", "nobody"):
                try:
                    self.user = pwd.getpwnam(name)
                    break
                except KeyError:
                    continue
            if self.user is None:
                raise RuntimeError("running as root and no 'postgres' or 'nobody' user to run PostgreSQL as")
            os.chown(self.base, self.user.pw_uid, self.user.pw_gid)

    def _run(self, *args: str) -> None:
        def demote():
            if self.user is not None:
                os.setgid(self.user.pw_gid)
                os.setuid(self.user.pw_uid)

        env = {**os.environ, "LC_ALL": "C", "HOME": self.base}
        r = subprocess.run(list(args), preexec_fn=demote, env=env, capture_output=True, text=True, timeout=120,
                           cwd=self.base)
        if r.returncode != 0:
            raise RuntimeError(f"{os.path.basename(args[0])} failed: {r.stderr.strip() or r.stdout.strip()}")

    def start(self) -> "TempPostgres":
        self._run(find_bin("initdb"), "-D", self.data, "-U", "fineprint", "--auth=trust", "-E", "UTF8",
                  "--no-sync", "--no-locale")
        opts = f"-p {self.port} -k {self.base} -c listen_addresses=127.0.0.1 -c fsync=off -c full_page_writes=off"
        self._run(find_bin("pg_ctl"), "-D", self.data, "-o", opts, "-l", os.path.join(self.base, "log"), "-w",
                  "-t", "60", "start")
        return self

    def url(self, database: str = "postgres") -> str:
        return f"postgresql://fineprint@127.0.0.1:{self.port}/{database}"

    def new_database(self) -> str:
        """A fresh, empty database; its URL."""
        import psycopg

        name = "t_" + uuid.uuid4().hex[:12]
        with psycopg.connect(f"host=127.0.0.1 port={self.port} user=fineprint dbname=postgres",
                             autocommit=True) as conn:
            conn.execute(f'CREATE DATABASE "{name}"')
        return self.url(name)

    def stop(self) -> None:
        try:
            self._run(find_bin("pg_ctl"), "-D", self.data, "-m", "immediate", "-w", "stop")
        finally:
            shutil.rmtree(self.base, ignore_errors=True)
