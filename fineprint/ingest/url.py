"""Fetching an http(s) URL safely.

- Only http and https; at most ``settings.max_redirects`` redirects, each hop checked again.
- SSRF protection: every address the host name resolves to must be a public (global) address — loopback, private,
  link-local, carrier-grade NAT, multicast, reserved and unspecified addresses are refused unless
  ``settings.allow_private``. The connection is then pinned to the checked address (the Host header and TLS server
  name stay the host name), so a DNS answer cannot change between the check and the connection (DNS rebinding).
- Timeouts: ``settings.fetch_timeout`` for connecting and for each read, and one overall deadline, 4x that, from the
  first connection to the last byte, redirects and headers included: a server that sends its headers one byte at a
  time is cut off then (the connection's socket is shut down by a timer; httpx itself only times single reads).
- Redirects only to http(s) URLs; any other scheme (javascript:, data:, mailto:, file:) or an unparseable address is
  a one-line ``FetchError``.
- The body is streamed and stops one chunk past ``settings.max_bytes``.
- Identifies itself with ``settings.user_agent``; the format comes from Content-Type, then from the content.
"""
from __future__ import annotations

import ipaddress
import socket
import time
from typing import Callable
from urllib.parse import urlsplit

from ..errors import FetchError, InputError
from ..settings import Settings
from .bounded import inflate
from .source import RawInput, describe_size, too_large

Resolver = Callable[[str, int], list[str]]
TOTAL_TIME_FACTOR = 4
_REDIRECTS = (301, 302, 303, 307, 308)


def system_resolver(host: str, port: int) -> list[str]:
    """Every address ``host`` resolves to (IPv4 and IPv6)."""
    infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    return list(dict.fromkeys(info[4][0] for info in infos))


def address_refusal(ip: str) -> str | None:
    """Why connecting to ``ip`` is refused by default, or None for a public address."""
    try:
        addr = ipaddress.ip_address(ip.split("%", 1)[0])
    except ValueError:
        return f"unparseable address {ip!r}"
    if isinstance(addr, ipaddress.IPv6Address):
        mapped = addr.ipv4_mapped or addr.sixtofour or (addr.teredo[1] if addr.teredo else None)
        if mapped is not None:
            addr = mapped
    if addr.is_loopback:
        return "a loopback address"
    if addr.is_link_local:
        return "a link-local address"
    if isinstance(addr, ipaddress.IPv6Address) and addr.is_site_local:
        return "a site-local address (fec0::/10)"
    if addr.is_private:
        return "a private-network address"
    if addr.is_multicast or addr.is_unspecified or addr.is_reserved or not addr.is_global:
        return "a reserved, non-public address"
    return None


def fetch(url: str, settings: Settings, *, transport=None, resolver: Resolver | None = None) -> RawInput:
    """Download ``url`` (following checked redirects) and return its body with the Content-Type it came with.

    ``transport`` (an httpx transport, e.g. ``httpx.MockTransport``) and ``resolver`` exist for tests.
    """
    import httpx

    resolver = resolver or system_resolver
    timeout = httpx.Timeout(settings.fetch_timeout)
    total = settings.fetch_timeout * TOTAL_TIME_FACTOR
    deadline = time.monotonic() + total
    watch = _Deadline(total)
    headers = {"User-Agent": settings.user_agent, "Accept": "text/html,application/xhtml+xml,application/pdf,"
               "text/plain;q=0.9,*/*;q=0.5", "Accept-Encoding": "gzip, deflate"}
    current = url
    try:
        with watch, httpx.Client(transport=transport, timeout=timeout, follow_redirects=False, trust_env=False,
                                 headers=headers, event_hooks={"response": [_check_redirect_scheme]}) as client:
            for _hop in range(settings.max_redirects + 1):
                request = _pinned_request(client, current, settings, resolver)
                request.extensions["trace"] = watch.trace
                response = client.send(request, stream=True)
                try:
                    if response.status_code in _REDIRECTS and "location" in response.headers:
                        current = _redirect_target(current, response.headers["location"], url)
                        continue
                    if response.status_code >= 400:
                        raise FetchError(f"the server answered HTTP {response.status_code} "
                                         f"{response.reason_phrase or ''}".rstrip(), source=url)
                    data = _read_capped(response, settings, deadline, url)
                    content_type = response.headers.get("content-type", "")
                    return RawInput(data=data, source=url, name=urlsplit(current).path.rsplit("/", 1)[-1] or None,
                                    media_type=content_type.split(";", 1)[0].strip() or None,
                                    charset=response.charset_encoding)
                finally:
                    response.close()
            raise FetchError(f"more than {settings.max_redirects} redirects", source=url)
    except FetchError as exc:
        if watch.expired:
            raise watch.error(url) from None
        exc.source = exc.source or url
        raise
    except httpx.TimeoutException:
        if watch.expired:
            raise watch.error(url) from None
        raise FetchError(f"timed out after {settings.fetch_timeout:g} s", source=url) from None
    except httpx.TooManyRedirects:
        raise FetchError(f"more than {settings.max_redirects} redirects", source=url) from None
    except httpx.HTTPError as exc:
        if watch.expired:
            raise watch.error(url) from None
        raise FetchError(f"could not fetch it: {type(exc).__name__}: {exc or 'connection failed'}", source=url) \
            from None
    except (httpx.InvalidURL, ValueError, UnicodeError) as exc:  # an address httpx cannot even represent
        raise FetchError(f"invalid URL: {exc}", source=url) from None
    except OSError as exc:
        if watch.expired:
            raise watch.error(url) from None
        raise FetchError(f"could not fetch it: {exc.strerror or exc}", source=url) from None


class _Deadline:
    """The overall deadline of one fetch: a timer that shuts down the sockets of the connections made (httpcore's
    ``trace`` extension hands them over), which ends any read in progress however slowly the server trickles."""

    def __init__(self, seconds: float) -> None:
        import threading

        self.seconds = seconds
        self.expired = False
        self._sockets: list = []
        self._lock = threading.Lock()
        self._timer = threading.Timer(seconds, self._expire)
        self._timer.daemon = True

    def __enter__(self):
        self._timer.start()
        return self

    def __exit__(self, *exc) -> None:
        self._timer.cancel()

    def trace(self, event: str, info: dict) -> None:
        if event == "connection.connect_tcp.complete" or event == "connection.start_tls.complete":
            stream = info.get("return_value")
            sock = stream.get_extra_info("socket") if stream is not None else None
            if sock is not None:
                with self._lock:
                    self._sockets.append(sock)
                    if self.expired:
                        self._shut(sock)

    def _expire(self) -> None:
        with self._lock:
            self.expired = True
            for sock in self._sockets:
                self._shut(sock)

    @staticmethod
    def _shut(sock) -> None:
        try:
            sock.shutdown(socket.SHUT_RDWR)
        except OSError:
            pass

    def error(self, url: str) -> FetchError:
        return FetchError(f"took longer than {self.seconds:g} s from connecting to the last byte (the overall "
                          "deadline: 4 x Settings.fetch_timeout)", source=url)


def _check_redirect_scheme(response) -> None:
    """A response hook: httpx parses a redirect's Location before returning the response, and fails on
    ``javascript:``-like targets with its own error; refuse them first, with a one-line message."""
    if response.status_code in _REDIRECTS and "location" in response.headers:
        location = response.headers["location"]
        if ":" in location.split("/", 1)[0]:
            scheme = location.strip().split(":", 1)[0].lower()
            if scheme not in ("http", "https"):
                shown = "".join(ch for ch in scheme if ch.isprintable())[:20]
                raise FetchError(f"refusing to follow a redirect to a {shown}: URL; only http and https are fetched")


def _redirect_target(current: str, location: str, url: str) -> str:
    """The absolute http(s) URL a redirect points to, or a one-line FetchError."""
    import httpx

    scheme = location.strip().split(":", 1)[0].lower() if ":" in location.split("/", 1)[0] else ""
    if scheme and scheme not in ("http", "https"):
        shown = "".join(ch for ch in scheme if ch.isprintable())[:20]
        raise FetchError(f"refusing to follow a redirect to a {shown}: URL; only http and https are fetched",
                         source=url)
    try:
        target = str(httpx.URL(current).join(location))
    except (httpx.InvalidURL, ValueError, UnicodeError):
        raise FetchError("the server redirected to an invalid address", source=url) from None
    if target == current:
        raise FetchError("the server redirected to the same address", source=url)
    return target


def _pinned_request(client, url: str, settings: Settings, resolver: Resolver):
    """A request for ``url`` whose connection goes to an address that passed the SSRF check."""
    import httpx

    try:
        target = httpx.URL(url)
    except (httpx.InvalidURL, ValueError, UnicodeError) as exc:
        raise FetchError(f"invalid URL: {exc}", source=url) from None
    if target.scheme not in ("http", "https"):
        raise FetchError(f"refusing to follow a redirect to a {target.scheme or 'relative'}: URL; only http and https "
                         "are fetched", source=url)
    host = target.raw_host.decode("ascii")  # IDNA-encoded: what DNS and TLS see
    if not host:
        raise FetchError("the URL has no host name", source=url)
    port = target.port or (443 if target.scheme == "https" else 80)
    try:
        literal = ipaddress.ip_address(host)
        addresses = [str(literal)]
    except ValueError:
        try:
            addresses = resolver(host, port)
        except (socket.gaierror, UnicodeError, OSError) as exc:
            raise FetchError(f"cannot resolve host {host!r} ({getattr(exc, 'strerror', None) or exc}); check the "
                             "address and your connection", source=url) from None
    if not addresses:
        raise FetchError(f"host {host!r} has no address", source=url)
    if not settings.allow_private:
        for ip in addresses:
            why = address_refusal(ip)
            if why:
                raise FetchError(f"refusing to fetch {host} ({ip}): it is {why}; use --allow-private if you really "
                                 "mean to audit a page on your own network", source=url)
    pinned = target.copy_with(host=addresses[0])
    request = client.build_request("GET", pinned, headers={"Host": target.netloc.decode("ascii")})
    if target.scheme == "https":
        request.extensions["sni_hostname"] = host
    return request


def _read_capped(response, settings: Settings, deadline: float, url: str) -> bytes:
    declared = response.headers.get("content-length")
    if declared and declared.isdigit() and int(declared) > settings.max_bytes:
        raise too_large(f"{describe_size(int(declared))} (Content-Length)", settings)
    chunks: list[bytes] = []
    try:
        # raw bytes inflated here with a cap on what comes out (fineprint/ingest/bounded.py), not by httpx's decoder
        encoding = response.headers.get("content-encoding", "identity").split(",")[-1]
        pieces = response.iter_raw()
        if response.is_stream_consumed:  # a body already in memory, decoded (a test's mock response)
            pieces, encoding = iter([response.content]), "identity"
        for chunk in inflate(pieces, encoding, settings.max_bytes, what="the response body"):
            if time.monotonic() > deadline:
                raise FetchError(f"took longer than {settings.fetch_timeout * TOTAL_TIME_FACTOR:g} s from connecting "
                                 "to the last byte (the overall deadline: 4 x Settings.fetch_timeout)", source=url)
            chunks.append(chunk)
    except InputError as exc:
        exc.source = url
        raise
    return b"".join(chunks)

