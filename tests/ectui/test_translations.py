"""Every visible text exists in Russian and in English, and every key the code uses exists."""

from __future__ import annotations

import re
import string
from pathlib import Path

from ectui.i18n import catalog, language_from_env, set_language, t

ROOT = Path(__file__).resolve().parents[2]
# t("key"), tn("key", n) and errors built from a key: FieldError("key"), UserError("key")…
KEY_USE = re.compile(
    r"""\b(?:t|tn|[A-Z]\w*(?:Error|Denied|Found))\(\s*["']([a-z_]+(?:\.[a-zA-Z0-9_]+)+)["']""")


def _fields(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


def test_every_message_has_both_languages_with_the_same_parameters():
    for key, (ru, en) in catalog().items():
        assert ru.strip() and en.strip(), key
        assert _fields(ru) == _fields(en), key


def test_every_literal_key_in_the_code_is_in_the_catalog():
    known = catalog()
    missing = []
    for folder in ("ectui", "screens"):
        for path in (ROOT / folder).rglob("*.py"):
            for key in KEY_USE.findall(path.read_text(encoding="utf-8")):
                if key not in known:
                    missing.append(f"{path.relative_to(ROOT)}: {key}")
    assert missing == []


def test_language_comes_from_the_environment():
    assert language_from_env({"LANG": "en_US.UTF-8"}) == "en"
    assert language_from_env({"LANG": "ru_RU.UTF-8"}) == "ru"
    assert language_from_env({"LC_ALL": "en_GB.UTF-8", "LANG": "ru_RU.UTF-8"}) == "en"
    assert language_from_env({"LANG": "de_DE.UTF-8"}) == "ru"
    assert language_from_env({}) == "ru"


def test_switching_language_changes_the_text():
    set_language("en")
    assert t("org.inn") == "INN"
    set_language("ru")
    assert t("org.inn") == "ИНН"
