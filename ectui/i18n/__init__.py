"""The one translation layer: every visible text goes through ``t()``.

Catalogs live beside this file as ``messages_<area>.py`` modules, each with a
``MESSAGES`` dict mapping a key to a ``(russian, english)`` pair, so the two
languages of one text always sit together and areas never edit the same file.
"""

from __future__ import annotations

import importlib
import os
import pkgutil
from functools import cache

LANGUAGES = ("ru", "en")
_current = "ru"


@cache
def catalog() -> dict[str, tuple[str, str]]:
    """All messages of every area, merged; a key defined twice is a bug."""
    merged: dict[str, tuple[str, str]] = {}
    for info in pkgutil.iter_modules(__path__):
        if not info.name.startswith("messages_"):
            continue
        module = importlib.import_module(f"{__name__}.{info.name}")
        for key, pair in module.MESSAGES.items():
            if key in merged:
                raise RuntimeError(f"translation key {key!r} defined twice ({info.name})")
            merged[key] = pair
    return merged


def language_from_env(environ: dict[str, str] | None = None) -> str:
    """Russian unless LANGUAGE/LC_ALL/LC_MESSAGES/LANG asks for English."""
    env = os.environ if environ is None else environ
    for name in ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"):
        value = env.get(name, "")
        if value:
            code = value.split(":")[0].split("_")[0].split(".")[0].lower()
            return code if code in LANGUAGES else "ru"
    return "ru"


def set_language(lang: str) -> None:
    global _current
    if lang not in LANGUAGES:
        raise ValueError(f"unknown language {lang!r}; choose one of {', '.join(LANGUAGES)}")
    _current = lang


def current_language() -> str:
    return _current


def russian_plural_form(n: int) -> int:
    """0 for «1 организация», 1 for «2 организации», 2 for «5 организаций»."""
    n = abs(n)
    if n % 10 == 1 and n % 100 != 11:
        return 0
    if 2 <= n % 10 <= 4 and not 12 <= n % 100 <= 14:
        return 1
    return 2


def tn(key: str, n: int, **params: object) -> str:
    """A counted phrase: the catalog holds ``"one|few|many"`` in Russian, ``"one|other"``
    in English, each with ``{n}``."""
    forms = t(key, n=n, **params).split("|")
    if _current == "ru":
        index = russian_plural_form(n)
    else:
        index = 0 if abs(n) == 1 else 1
    return forms[min(index, len(forms) - 1)]


def t(key: str, **params: object) -> str:
    """The text for ``key`` in the current language, with ``{name}`` params filled."""
    pair = catalog().get(key)
    if pair is None:
        # A missing key shows itself rather than crashing a screen; a test catches it.
        return key
    text = pair[0] if _current == "ru" else pair[1]
    return text.format(**params) if params else text
