"""What an OPENAI_BASE_URL says about the server behind it: local or remote, OpenAI's own or not."""

from __future__ import annotations

import ipaddress
from urllib.parse import urlsplit, urlunsplit

OPENAI_HOST = "api.openai.com"
# Without a base URL the SDK talks to OpenAI's own API.
OPENAI_URL = f"https://{OPENAI_HOST}/v1"
# Names that always mean this machine or this network (mDNS names end in .local).
LOCAL_NAMES = ("localhost",)
LOCAL_SUFFIXES = (".localhost", ".local")
# Chain defaults: one text call at a time on a laptop server, with room for slow hardware.
LOCAL_TEXT_CONCURRENCY, REMOTE_TEXT_CONCURRENCY = 1, 3
LOCAL_TEXT_TIMEOUT, REMOTE_TEXT_TIMEOUT = 180.0, 60.0


def is_local(url: str | None) -> bool:
    """True when the URL names a loopback or private address (a server on a laptop or a home network)."""
    host = (urlsplit(url).hostname or "") if url else ""
    if not host:
        return False
    if host in LOCAL_NAMES or host.endswith(LOCAL_SUFFIXES):
        return True
    try:
        address = ipaddress.ip_address(host)
    except ValueError:
        return False  # a name we would have to resolve: count it as remote
    return address.is_loopback or address.is_private or address.is_link_local


def is_openai(url: str | None) -> bool:
    """True for OpenAI's own API (no base URL, or one on api.openai.com)."""
    return not url or (urlsplit(url).hostname or "") == OPENAI_HOST


def shown(url: str | None) -> str:
    """The URL for a log line or an operator's message: no user, password or query string."""
    if not url:
        return OPENAI_URL
    parts = urlsplit(url)
    host = parts.hostname or ""
    netloc = f"[{host}]" if ":" in host else host
    if parts.port:
        netloc += f":{parts.port}"
    return urlunsplit((parts.scheme, netloc, parts.path.rstrip("/"), "", ""))


def v1_form(url: str | None) -> str | None:
    """The /v1 form of a base URL that lacks it (what OpenAI-compatible servers expect); None if it has it."""
    address = shown(url)
    if address.endswith("/v1"):
        return None
    parts = urlsplit(address)
    return urlunsplit((parts.scheme, parts.netloc, "/v1", "", ""))


def chain_defaults(config) -> None:
    """Fill TEXT_CONCURRENCY and TEXT_TIMEOUT left unset: one call at a time and longer for a local server."""
    local = is_local(config.get("OPENAI_BASE_URL"))
    if config.get("TEXT_CONCURRENCY") in (None, ""):
        config["TEXT_CONCURRENCY"] = LOCAL_TEXT_CONCURRENCY if local else REMOTE_TEXT_CONCURRENCY
    if config.get("TEXT_TIMEOUT") in (None, ""):
        config["TEXT_TIMEOUT"] = LOCAL_TEXT_TIMEOUT if local else REMOTE_TEXT_TIMEOUT
