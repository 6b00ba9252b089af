"""nginx as the front-end cache of docs/deployment.md ("A front-end cache"), run
from Debian's packages in a temporary folder of its own (no system service):
``proxy_cache`` in front of gunicorn, purged by Wagtail's ``HTTPBackend``
through Debian's ``libnginx-mod-http-cache-purge``.

Used by ``benchmarks/frontend_cache.py`` and ``tests/stack/test_frontend_cache.py``.
Keep ``CONFIG`` and the configuration in docs/deployment.md the same.

What the module's own documentation does not say, found here, and a review:

* its "same location" form (``proxy_cache_purge PURGE from 127.0.0.1;`` next
  to ``proxy_cache``) crashes Debian 12's nginx 1.22 worker (signal 11) at the
  first ``PURGE``; a ``PURGE`` is therefore sent on to an internal location that
  purges by the same key.
* a ``PURGE`` of an address not in the cache answers 404, which Wagtail logs as
  an error for every page not requested lately: it answers 200.
* nginx keeps a copy per value of the headers an answer's ``Vary`` names, and a
  ``PURGE`` (sent with none) reaches none of them: a page that says ``Vary:
  Accept-Language`` (every page under Django's ``LocaleMiddleware``) stayed a
  HIT for browsers after its purge. ``proxy_ignore_headers Vary`` keeps one copy
  per address.

* a ``PURGE`` accepted on the visitors' listener and guarded by ``allow
  127.0.0.1`` lets anyone purge behind a TLS terminator on the same machine
  (every visitor then comes from 127.0.0.1): the visitors' listener answers it
  405, and purges go to a listener of their own on the loopback (``purge_port``,
  ``FRONTEND_CACHE_URL``).

    with nginx_cache(upstream_port=8000, purge_port=8080) as port: ...
"""

import contextlib
import os
import shutil
import subprocess
import tempfile
from pathlib import Path

from deploy.stack import free_port, wait_for_port


PURGE_MODULE = Path("/usr/lib/nginx/modules/ngx_http_cache_purge_module.so")

CONFIG = """\
load_module {purge_module};
worker_processes auto;
pid {dir}/nginx.pid;
error_log {dir}/error.log warn;
events {{ worker_connections 1024; }}
http {{
    access_log off;
    client_body_temp_path {dir}/body;
    proxy_temp_path {dir}/proxy;
    fastcgi_temp_path {dir}/fastcgi;
    uwsgi_temp_path {dir}/uwsgi;
    scgi_temp_path {dir}/scgi;

    proxy_cache_path {dir}/cache levels=1:2 keys_zone=pages:10m max_size=1g
                     inactive=10m use_temp_path=off;
    upstream wagtail {{
        server 127.0.0.1:{upstream};
        keepalive 16;
    }}
    server {{
        listen 127.0.0.1:{port};
        location / {{
            # Purges only on the purge listener below.
            if ($request_method = PURGE) {{ return 405; }}

            proxy_pass http://wagtail;
            proxy_http_version 1.1;
            proxy_set_header Connection "";
            proxy_set_header Host $host;
            proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
            proxy_set_header X-Forwarded-Proto $scheme;

            proxy_cache pages;
            # No scheme in the key: Wagtail's purges come over plain HTTP.
            proxy_cache_key $host$request_uri;
            # One copy per address: a PURGE reaches no copy kept per
            # Accept-Language (Django's LocaleMiddleware says "Vary:
            # Accept-Language"; with i18n_patterns each address has one
            # language). Answers that depend on a cookie set one, or say
            # private: nginx keeps neither.
            proxy_ignore_headers Vary;
            # Signed-in editors and visitors with a session skip the cache.
            proxy_cache_bypass $cookie_sessionid;
            proxy_no_cache $cookie_sessionid;
            # Pages that say s-maxage (event pages showing a registration)
            # are kept that long; others this long.
            proxy_cache_valid 200 5m;
            # No "updating": an expired copy (an event page's s-maxage ends
            # when registration opens) is never served while it is renewed.
            # A gunicorn that is down or does not answer in time serves the
            # last copy, even the "not open yet" one.
            proxy_cache_use_stale error timeout;
            # The crowd waits for one render of an address not (or no longer,
            # after a purge) in the cache.
            proxy_cache_lock on;
            add_header X-Cache-Status $upstream_cache_status always;
        }}
    }}
    # Wagtail's purges (HTTPBackend, FRONTEND_CACHE_URL): loopback only, and
    # the same zone and key (HTTPBackend sends the page's Host).
    server {{
        listen 127.0.0.1:{purge_port};
        location / {{
            if ($request_method != PURGE) {{ return 405; }}
            rewrite ^ /.purge last;
        }}
        location = /.purge {{
            internal;
            allow 127.0.0.1;
            deny all;
            # $request_uri is still the address the PURGE named.
            proxy_cache_purge pages $host$request_uri;
            error_page 404 =200 @not_cached;
        }}
        location @not_cached {{
            return 200;
        }}
    }}
}}
"""


@contextlib.contextmanager
def nginx_cache(upstream_port, port=None, purge_port=None):
    """nginx with the front-end cache in front of ``upstream_port``, listening
    for visitors on ``port`` and for purges on ``purge_port`` (free ones when
    None); yields the visitors' port."""
    program = shutil.which("nginx") or "/usr/sbin/nginx"
    if not Path(program).exists():
        raise SystemExit("nginx is not installed (Debian: apt-get install nginx-light)")
    if not PURGE_MODULE.exists():
        raise SystemExit(
            "nginx's purge module is not installed "
            "(Debian: apt-get install libnginx-mod-http-cache-purge)"
        )
    port = port or free_port()
    purge_port = purge_port or free_port()
    with tempfile.TemporaryDirectory(prefix="wagtail-events-nginx-") as folder:
        if os.geteuid() == 0:
            # nginx's workers drop root for nobody: the cache is theirs to write.
            shutil.chown(folder, "nobody", "nogroup")
        config = Path(folder) / "nginx.conf"
        config.write_text(
            CONFIG.format(
                dir=folder,
                upstream=upstream_port,
                port=port,
                purge_port=purge_port,
                purge_module=PURGE_MODULE,
            )
        )
        process = subprocess.Popen(
            [program, "-c", str(config), "-p", folder, "-g", "daemon off;"],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            start_new_session=True,
        )
        try:
            wait_for_port(port, timeout=20, process=process)
            wait_for_port(purge_port, timeout=20, process=process)
            yield port
        finally:
            process.terminate()
            process.wait(timeout=20)
