"""Default configuration; no secrets here (set COOP_SECRET_KEY or instance/config.py)."""

from coop.services.users import STRONG_HASH_METHOD


class Defaults:
    """Settings every deployment starts from."""

    DATABASE_URL: str | None = None  # None: SQLite file in the instance folder
    SECRET_KEY: str | None = None
    SOLVER_BACKEND = "highs"
    SOLVER_TIME_LIMIT_S = 30.0
    # Background jobs: with a Redis URL (COOP_REDIS_URL) jobs go to RQ and ``coop worker``;
    # without one they run in this many threads of the web process.
    REDIS_URL: str | None = None
    JOB_QUEUE = "coop"
    JOB_THREADS = 2
    MAX_CONTENT_LENGTH = 200 * 1024 * 1024
    MAX_JSON_LENGTH = 2 * 1024 * 1024  # JSON request bodies
    # Budget files read inside a web request (preview, then commit: 60–90 µs per line on a
    # 2-core machine, bench/request_times.py); larger ones, up to the 20 MB every import
    # accepts, are read by a background job
    IMPORT_INLINE_MAX_LINES = 3_000
    IMPORT_INLINE_MAX_BYTES = 300_000
    TRUSTED_PROXIES = 0  # reverse proxies in front (COOP_TRUSTED_PROXIES=1): login throttling
    # then counts the client's address from X-Forwarded-For, not the proxy's
    HTTPS = False  # COOP_HTTPS=true behind TLS: Secure cookies, https URLs, HSTS
    SESSION_COOKIE_HTTPONLY = True
    PERMANENT_SESSION_LIFETIME = 8 * 3600  # seconds without a request before a login ends
    LOGIN_MAX_FAILURES_PER_USER = 5  # failed logins per user name in the window ...
    LOGIN_MAX_FAILURES_PER_ADDRESS = 20  # ... and per client address
    LOGIN_THROTTLE_MINUTES = 15
    SESSION_COOKIE_SAMESITE = "Lax"
    # werkzeug method for new password hashes; tests set a cheap one, deployments keep this
    PASSWORD_HASH_METHOD = STRONG_HASH_METHOD
