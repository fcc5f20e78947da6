"""Security headers, cookie flags, request size and proxies: what a public deployment needs."""

from __future__ import annotations

from flask import Flask, request
from flask.sessions import SecureCookieSessionInterface
from werkzeug.middleware.proxy_fix import ProxyFix

# No inline scripts or styles anywhere, so the policy can be strict.
CONTENT_SECURITY_POLICY = "; ".join([
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
])
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


def register_security(app: Flask) -> None:
    """Headers on every response, cookie flags, the body size cap, and ProxyFix when behind a proxy."""
    # Flask's default is no SameSite at all.
    app.config["SESSION_COOKIE_SAMESITE"] = app.config.get("SESSION_COOKIE_SAMESITE") or "Lax"
    app.config["SESSION_COOKIE_HTTPONLY"] = True
    app.session_interface = SessionCookieByScheme()
    hops = int(app.config.get("PROXY_HOPS") or 0)
    if hops:
        # Trust exactly `hops` proxies for the client address, scheme, host and port.
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=hops, x_proto=hops, x_host=hops, x_port=hops)

    @app.after_request
    def security_headers(response):
        # A view may set its own; one pass over the headers instead of a lookup per name.
        present = {name.lower() for name in response.headers.keys()}
        response.headers.extend([(name, value) for name, value in headers_for(request.is_secure)
                                 if name.lower() not in present])
        return response
