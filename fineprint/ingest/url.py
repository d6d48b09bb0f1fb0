"""Fetching an http(s) URL safely.

- Only http and https; at most ``settings.max_redirects`` redirects, each hop checked again.
- SSRF protection: every address the host name resolves to must be a public (global) address — loopback, private,
  link-local, carrier-grade NAT, multicast, reserved and unspecified addresses are refused unless
  ``settings.allow_private``. The connection is then pinned to the checked address (the Host header and TLS server
  name stay the host name), so a DNS answer cannot change between the check and the connection (DNS rebinding).
- Timeouts: ``settings.fetch_timeout`` for connecting and for each read, and 4x that for the whole download.
- The body is streamed and stops one chunk past ``settings.max_bytes``.
- Identifies itself with ``settings.user_agent``; the format comes from Content-Type, then from the content.
"""
from __future__ import annotations

import ipaddress
import socket
import time
from typing import Callable
from urllib.parse import urlsplit

from ..errors import FetchError, InputTooLargeError
from ..settings import Settings
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
    deadline = time.monotonic() + settings.fetch_timeout * TOTAL_TIME_FACTOR
    headers = {"User-Agent": settings.user_agent, "Accept": "text/html,application/xhtml+xml,application/pdf,"
               "text/plain;q=0.9,*/*;q=0.5", "Accept-Encoding": "gzip, deflate"}
    current = url
    try:
        with httpx.Client(transport=transport, timeout=timeout, follow_redirects=False, trust_env=False,
                          headers=headers) as client:
            for _hop in range(settings.max_redirects + 1):
                request = _pinned_request(client, current, settings, resolver)
                response = client.send(request, stream=True)
                try:
                    if response.status_code in _REDIRECTS and "location" in response.headers:
                        try:
                            current = str(httpx.URL(current).join(response.headers["location"]))
                        except (httpx.InvalidURL, ValueError):
                            raise FetchError("the server redirected to an invalid address", source=url) from None
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
    except httpx.TimeoutException:
        raise FetchError(f"timed out after {settings.fetch_timeout:g} s", source=url) from None
    except httpx.TooManyRedirects:
        raise FetchError(f"more than {settings.max_redirects} redirects", source=url) from None
    except httpx.HTTPError as exc:
        raise FetchError(f"could not fetch it: {type(exc).__name__}: {exc or 'connection failed'}", source=url) \
            from None


def _pinned_request(client, url: str, settings: Settings, resolver: Resolver):
    """A request for ``url`` whose connection goes to an address that passed the SSRF check."""
    import httpx

    try:
        target = httpx.URL(url)
    except (httpx.InvalidURL, ValueError) as exc:
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
    total = 0
    try:
        for chunk in response.iter_bytes():
            total += len(chunk)
            if total > settings.max_bytes:
                raise too_large("larger than the limit", settings)
            if time.monotonic() > deadline:
                raise FetchError(f"download took longer than {settings.fetch_timeout * TOTAL_TIME_FACTOR:g} s",
                                 source=url)
            chunks.append(chunk)
    except InputTooLargeError as exc:
        exc.source = url
        raise
    return b"".join(chunks)
