"""``fineprint serve``: the web app and HTTP API on one machine (docs/web.md)."""
from __future__ import annotations

import click


@click.command("serve")
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to listen on (0.0.0.0: every interface; put a TLS proxy in front).")
@click.option("--port", type=click.IntRange(1, 65535), default=8000, show_default=True)
@click.option("--workers", type=click.IntRange(1, 64), default=1, show_default=True,
              help="Analysis worker processes (each loads the models: about 300 MB).")
@click.option("--max-size", "max_mb", type=click.IntRange(1, 1024), default=20, show_default=True,
              help="Largest upload or request, in MB.")
@click.option("--timeout", type=click.FloatRange(1, 3600), default=60.0, show_default=True,
              help="Seconds one analysis may take before its worker is stopped.")
@click.option("--memory", "memory_mb", type=click.IntRange(0, 1 << 20), default=2048, show_default=True,
              help="Memory (MB of address space) of each worker; 0: no limit.")
@click.option("--no-urls", is_flag=True, help="Do not fetch URLs (only pasted text and uploads).")
@click.option("--allow-private", is_flag=True,
              help="Let URLs reach loopback/private addresses (only for a server that you alone use).")
@click.option("--trackers", "trackers_path", type=click.Path(exists=True, dir_okay=False), default=None,
              help="Exodus tracker database (JSON) for APK audits.")
def serve_command(host, port, workers, max_mb, timeout, memory_mb, no_urls, allow_private, trackers_path):
    """Serve the web app (paste, upload or link; read the report in the browser) and the HTTP API
    (/api/v1/audit, /classify, /letter, /taxonomy; OpenAPI at /api/v1/openapi.json)."""
    try:
        import uvicorn

        from .app import WebConfig, create_app
    except ImportError as exc:
        from ..errors import ResourceError

        raise ResourceError(f"the web app needs its extra ({exc.name} is missing): pip install 'fineprint[web]'") \
            from None
    _check_address(host, port)
    config = WebConfig(workers=workers, max_upload_mb=max_mb, timeout=timeout, memory_mb=memory_mb,
                       allow_urls=not no_urls, allow_private=allow_private, trackers_path=trackers_path)
    click.echo(f"fineprint: serving on http://{host}:{port}/ (Ctrl+C stops)", err=True)
    uvicorn.run(create_app(config), host=host, port=port, log_level="warning", server_header=False,
                date_header=False, limit_concurrency=256, timeout_keep_alive=5)


def _check_address(host: str, port: int) -> None:
    """A one-line error (exit 2) when the address cannot be listened on, before any worker starts."""
    import socket

    from ..errors import UsageError

    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM, flags=socket.AI_PASSIVE)
    except socket.gaierror as exc:
        raise UsageError(f"cannot listen on {host}:{port}: {exc.strerror or exc}") from None
    family, kind, proto, _, address = infos[0]
    with socket.socket(family, kind, proto) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind(address)
        except OSError as exc:
            raise UsageError(f"cannot listen on {host}:{port}: {exc.strerror or exc}"
                             + ("; choose another --port" if exc.errno == 98 else "")) from None
