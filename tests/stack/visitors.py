"""Visitors of the stack, over HTTP as a browser would: each with a session of
its own (cookies, the CSRF token read from the form), released together by a
barrier. Shared by the stack's tests and ``benchmarks/registration_load.py``.

Also reads the e-mails the task worker wrote (Django's file-based e-mail
backend, ``EMAIL_FILE_PATH``): whom each went to, its subject, and the
registrant's link in it.
"""

import email
import email.policy
import re
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

import requests


CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
LINK = re.compile(r"/registration/([A-Za-z0-9_:.\-]+)/")
SEPARATOR = b"\n" + b"-" * 79 + b"\n"


@dataclass
class Answer:
    """What one visitor's submission got: the status of the POST, and of the
    page it led to; seconds the POST took."""

    status: int
    seconds: float
    final_status: int = 0
    text: str = ""
    errors: list = field(default_factory=list)


def _post_form(session, page_url, post_url, data, headers):
    form = session.get(page_url, headers=headers, timeout=120)
    if form.status_code != 200 or "<form" not in form.text:
        return Answer(form.status_code, 0.0, text=form.text[:500])
    # The event page carries no CSRF token (a front-end cache may keep it): a
    # browser's Sec-Fetch-Site and Origin say where the POST comes from. Pages
    # that carry one (a registrant's page) get it back.
    match = CSRF.search(form.text)
    token = {"csrfmiddlewaretoken": match.group(1)} if match else {}
    origin = "{0.scheme}://{0.netloc}".format(requests.compat.urlparse(page_url))
    browser = {"Referer": page_url, "Origin": origin, "Sec-Fetch-Site": "same-origin"}
    started = time.monotonic()
    response = session.post(
        post_url,
        data={**token, **data},
        headers={**headers, **browser},
        allow_redirects=False,
        timeout=120,
    )
    seconds = time.monotonic() - started
    answer = Answer(response.status_code, seconds, text=response.text)
    if response.status_code == 302:
        final = session.get(
            requests.compat.urljoin(post_url, response.headers["Location"]),
            headers=headers,
            timeout=120,
        )
        answer.final_status, answer.text = final.status_code, final.text
    return answer


def register(base_url, page_path, number, forwarded_for=None):
    """Visitor ``number`` opens the event page and sends the form."""
    headers = {"X-Forwarded-For": forwarded_for} if forwarded_for else {}
    with requests.Session() as session:
        return _post_form(
            session,
            base_url + page_path,
            base_url + page_path + "register/",
            {
                "name": f"Visitor {number}",
                "email": f"visitor{number}@example.org",
                "privacy_accepted": "on",
            },
            headers,
        )


def cancel(base_url, page_path, token):
    """A registrant opens their link and cancels."""
    url = f"{base_url}{page_path}registration/{token}/"
    with requests.Session() as session:
        return _post_form(session, url, url, {"action": "cancel"}, {})


def all_at_once(calls, *, threads=None):
    """Run ``calls`` (functions of no argument) in threads released together;
    their results in order, and the seconds from the release to the last."""
    barrier = threading.Barrier(len(calls) if threads is None else 1)

    def run(call):
        if threads is None:
            barrier.wait(timeout=120)
        return call()

    with ThreadPoolExecutor(max_workers=threads or len(calls)) as pool:
        started = time.monotonic()
        futures = [pool.submit(run, call) for call in calls]
        results = [future.result() for future in futures]
    return results, time.monotonic() - started


def read_emails(directory):
    """Every e-mail written to ``directory`` by the file-based backend, as
    ``email.message.EmailMessage`` objects."""
    messages = []
    for path in sorted(Path(directory).glob("*")):
        for chunk in path.read_bytes().split(SEPARATOR):
            if chunk.strip():
                messages.append(
                    email.message_from_bytes(chunk, policy=email.policy.default)
                )
    return messages


def recipient(message):
    """The address an e-mail went to (without the name)."""
    return message["To"].addresses[0].addr_spec


def body(message):
    part = message.get_body(preferencelist=("plain", "html"))
    return part.get_content() if part is not None else ""


def link_token(message):
    """The registrant's token in the link of an e-mail."""
    match = LINK.search(body(message))
    return match.group(1) if match else None
