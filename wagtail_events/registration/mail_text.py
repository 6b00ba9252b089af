"""Text made safe and tidy for e-mails: ``one_line`` for headers (no line
breaks or control characters that could add a header), ``tidy_text`` for the
plain-text part.
"""

import re
import unicodedata


_CONTROL = re.compile(r"\s+")


def one_line(value):
    """Text safe for a header: no line breaks or other control characters (that
    would let a page title or a name add headers), single spaces."""
    value = "".join(
        " " if unicodedata.category(c) in ("Cc", "Zl", "Zp") else c for c in str(value)
    )
    return _CONTROL.sub(" ", value).strip()


def tidy_text(text):
    """The text part without the blank lines and trailing spaces template tags
    leave: paragraphs separated by one empty line."""
    lines = [line.rstrip() for line in text.strip().splitlines()]
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)) + "\n"
