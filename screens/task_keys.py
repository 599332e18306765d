"""Letter keys that work in either keyboard layout: «d» and the Russian «в» on the same key.

A manager types Russian most of the day; a single-letter key must not depend on the layout.
"""

from __future__ import annotations

from textual.binding import Binding

# Latin letter → the Cyrillic letter on the same key of the ЙЦУКЕН layout.
_SAME_KEY = dict(zip("qwertyuiopasdfghjklzxcvbnm", "йцукенгшщзфывапролдячсмить", strict=True))


def letter(key: str, action: str, description: str, *, show: bool = True) -> list[Binding]:
    """A binding on a Latin letter and, hidden from the footer, on its Cyrillic twin."""
    return [Binding(key, action, description, show=show, key_display=key.upper()),
            Binding(_SAME_KEY[key], action, description, show=False)]
