"""Security headers, cookie flags, request size and proxies: what a public deployment needs."""

from __future__ import annotations

import logging
from urllib.parse import urlsplit

from flask import Flask, request
from flask.sessions import SecureCookieSessionInterface
from werkzeug.exceptions import SecurityError
from werkzeug.middleware.proxy_fix import ProxyFix

log = logging.getLogger(__name__)

# Names this machine always answers to. (Werkzeug cannot match an IPv6 literal such as [::1].)
LOOPBACK_HOSTS = ("localhost", "127.0.0.1")
# Bind addresses that listen on every interface, and so say nothing about the site's name.
WILDCARD_BINDS = ("", "0.0.0.0", "::", "[::]")
# Distinct refused host names to log before going quiet (anyone can send any Host header).
REFUSED_HOSTS_LOGGED = 20

# No inline scripts or styles anywhere, so the policy can be strict.
CONTENT_SECURITY_POLICY = "; ".join(
    [
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self' data: blob:",
        "connect-src 'self'",
        "font-src 'self'",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    ]
)
HSTS = "max-age=31536000; includeSubDomains"
HEADERS = (
    ("Content-Security-Policy", CONTENT_SECURITY_POLICY),
    ("Referrer-Policy", "strict-origin-when-cross-origin"),
    ("X-Content-Type-Options", "nosniff"),
    ("X-Frame-Options", "DENY"),
)
HTTPS_HEADERS = (*HEADERS, ("Strict-Transport-Security", HSTS))


def headers_for(https: bool) -> tuple[tuple[str, str], ...]:
    """The headers every response carries (HSTS only over https)."""
    return HTTPS_HEADERS if https else HEADERS


class SessionCookieByScheme(SecureCookieSessionInterface):
    """The session cookie is Secure whenever the request came over https (plain http keeps working)."""

    def get_cookie_secure(self, app: Flask) -> bool:
        return bool(app.config["SESSION_COOKIE_SECURE"]) or request.is_secure

    def open_session(self, app: Flask, request):
        # Most page views carry no session cookie: skip building the signer just to find that out.
        if app.secret_key and not request.cookies.get(self.get_cookie_name(app)):
            return self.session_class()
        return super().open_session(app, request)


def trusted_hosts(config) -> list[str] | None:
    """The site names requests may carry in Host: TRUSTED_HOSTS, else loopback, PUBLIC_URL and BIND.

    None (from TRUSTED_HOSTS="*") trusts any name; every absolute link then follows the request.
    """
    configured = config.get("TRUSTED_HOSTS")
    if isinstance(configured, str):
        configured = [name.strip() for name in configured.split(",") if name.strip()]
    if configured:
        return None if configured == ["*"] else list(configured)
    hosts = list(LOOPBACK_HOSTS)
    if config.get("PUBLIC_URL"):
        hosts.append(urlsplit(config["PUBLIC_URL"]).hostname or "")
    for bind in str(config.get("BIND") or "").split(","):
        bind = bind.strip()
        if bind.startswith("unix:"):
            continue
        host = bind.rpartition(":")[0] if ":" in bind else bind
        if host not in WILDCARD_BINDS:
            hosts.append(host)
    return [host for host in dict.fromkeys(hosts) if host]


def register_security(app: Flask) -> None:
    """Headers on every response, cookie flags, the body size cap, and ProxyFix when behind a proxy."""
    # A forged Host must never reach a link that other visitors see (og:image, canonical): only
    # the site's own names are answered; others get 400.
    app.config["TRUSTED_HOSTS"] = trusted_hosts(app.config)
    refused: set[str] = set()

    @app.errorhandler(SecurityError)
    def unknown_host(error):
        host = request.headers.get("Host", "")[:100]
        if len(refused) < REFUSED_HOSTS_LOGGED and host not in refused:
            refused.add(host)
            log.warning(
                "Refused a request for the site name %r: set MOVIEPITCH_PUBLIC_URL, or list the name "
                "in MOVIEPITCH_TRUSTED_HOSTS, if this site should answer to it",
                host,
            )
        # Plain text: with no trusted name there is no base to build the page's links on.
        return (
            "400 Bad Request: this server does not answer to that site name.\n",
            400,
            {"Content-Type": "text/plain; charset=utf-8"},
        )

    # Flask's default is no SameSite at all.
    app.config["SESSION_COOKIE_SAMESITE"] = app.config.get("SESSION_COOKIE_SAMESITE") or "Lax"
    app.config["SESSION_COOKIE_HTTPONLY"] = True
    app.session_interface = SessionCookieByScheme()
    hops = int(app.config.get("PROXY_HOPS") or 0)
    if hops:
        # Trust exactly `hops` proxies for the client's address and scheme: what the README's proxy
        # set-up sends. X-Forwarded-Host is not trusted: the site's names come from the settings.
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=hops, x_proto=hops, x_host=0, x_port=0)

    @app.after_request
    def security_headers(response):
        # A view may set its own; one pass over the headers instead of a lookup per name.
        present = {name.lower() for name in response.headers.keys()}
        response.headers.extend(
            [(name, value) for name, value in headers_for(request.is_secure) if name.lower() not in present]
        )
        return response
