"""Names and positions in the case a sentence needs: «в лице Генерального директора Орлова
Евгения Евгеньевича», «Уважаемой Юлии Михайловне».

Two libraries made for Russian do the work:

- ``pytrovich`` (the petrovich rules) declines surnames, first names and patronymics by
  gender, including the hard cases: «Ким» declines for a man and not for a woman,
  «Римская-Корсакова» declines both halves, «Белых» and «Дюма» never decline;
- ``pymorphy3`` (the OpenCorpora dictionary) declines a position or a document's name:
  the leading adjectives and the head noun change («Главный бухгалтер» → «Главного
  бухгалтера»), the words after the head are already in their own case and stay
  («Начальник отдела продаж» → «Начальника отдела продаж»).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

CASES = ("nomn", "gent", "datv", "accs", "ablt", "loct")
"""Nominative, genitive («кого?»), dative («кому?»), accusative, instrumental, prepositional."""

GENDERS = ("m", "f")

_WORD = re.compile(r"[А-Яа-яЁёA-Za-z]+(?:-[А-Яа-яЁёA-Za-z]+)*")


@cache
def _morph():
    import pymorphy3  # loading the dictionary takes a moment: only when first needed

    return pymorphy3.MorphAnalyzer()


@cache
def _petrovich():
    from pytrovich.detector import PetrovichGenderDetector
    from pytrovich.maker import PetrovichDeclinationMaker

    return PetrovichDeclinationMaker(), PetrovichGenderDetector()


def _check_case(case: str) -> None:
    if case not in CASES:
        raise ValueError(f"unknown case {case!r}; one of {', '.join(CASES)}")


# ---- people's names ------------------------------------------------------------------------


def detect_gender(first: str = "", patronymic: str = "", last: str = "") -> str:
    """"m" or "f" from the patronymic, the first name or the surname; "" when unknown."""
    from pytrovich.enums import Gender

    _maker, detector = _petrovich()
    parts = {"firstname": first.strip() or None, "middlename": patronymic.strip() or None,
             "lastname": last.strip() or None}
    if not any(parts.values()):
        return ""
    gender = detector.detect(**parts)
    return {Gender.MALE: "m", Gender.FEMALE: "f"}.get(gender, "")


def _pytrovich_case(case: str):
    from pytrovich.enums import Case

    return {"nomn": Case.NOMINATIVE, "gent": Case.GENITIVE, "datv": Case.DATIVE,
            "accs": Case.ACCUSATIVE, "ablt": Case.INSTRUMENTAL,
            "loct": Case.PREPOSITIONAL}[case]


def _name_part(part: str, value: str, case: str, gender: str) -> str:
    from pytrovich.enums import Gender, NamePart

    value = value.strip()
    if not value or case == "nomn":
        return value
    maker, _detector = _petrovich()
    kind = {"last": NamePart.LASTNAME, "first": NamePart.FIRSTNAME,
            "patronymic": NamePart.MIDDLENAME}[part]
    sex = {"m": Gender.MALE, "f": Gender.FEMALE}.get(gender, Gender.ANDROGYNOUS)
    return maker.make(kind, sex, _pytrovich_case(case), value)


@dataclass(frozen=True)
class PersonName:
    last: str
    first: str = ""
    patronymic: str = ""

    @property
    def full(self) -> str:
        """«Орлов Евгений Евгеньевич»."""
        return " ".join(p for p in (self.last, self.first, self.patronymic) if p)

    @property
    def short(self) -> str:
        """«Орлов Е. Е.», how a contract names a signatory."""
        initials = " ".join(f"{p[0]}." for p in (self.first, self.patronymic) if p)
        return f"{self.last} {initials}".strip()

    @property
    def initials_first(self) -> str:
        """«Е. Е. Орлов», how a signature line is printed."""
        initials = " ".join(f"{p[0]}." for p in (self.first, self.patronymic) if p)
        return f"{initials} {self.last}".strip()

    @property
    def first_and_patronymic(self) -> str:
        """«Юлия Михайловна», how a letter addresses a person."""
        return " ".join(p for p in (self.first, self.patronymic) if p)


def decline_name(last: str, first: str, patronymic: str, case: str,
                 gender: str = "") -> PersonName:
    """The three parts of a name in ``case``; the gender is guessed when not given."""
    _check_case(case)
    gender = gender if gender in GENDERS else detect_gender(first, patronymic, last)
    return PersonName(_name_part("last", last, case, gender),
                      _name_part("first", first, case, gender),
                      _name_part("patronymic", patronymic, case, gender))


# ---- positions and other phrases -----------------------------------------------------------


def _nominative(word: str, kinds: tuple[str, ...]):
    """The dictionary's reading of ``word`` as a singular nominative of one of ``kinds``."""
    for parse in _morph().parse(word):
        tag = parse.tag
        if tag.POS in kinds and tag.case == "nomn" and tag.number != "plur":
            return parse
    return None


def _match_case(original: str, inflected: str) -> str:
    """The inflected word written like the typed one: «IT-директор» → «IT-директора»."""
    parts = []
    for orig, new in zip(original.split("-"), inflected.split("-"), strict=False):
        if orig.isupper() and len(orig) > 1:
            parts.append(new.upper())
        elif orig[:1].isupper():
            parts.append(new[:1].upper() + new[1:])
        else:
            parts.append(new)
    return "-".join(parts)


def decline_phrase(text: str, case: str) -> str:
    """A position («Генеральный директор») or a title («Доверенность № 5») in ``case``.

    The leading adjectives and the first noun are declined; the rest stays as typed. Text
    that does not start with a nominative phrase («Устава», «по доверенности») is returned
    unchanged, so a user who typed the needed case already gets it back.
    """
    _check_case(case)
    if case == "nomn" or not text.strip():
        return text
    matches = list(_WORD.finditer(text))
    adjectives = []
    head = None
    for index, match in enumerate(matches):
        word = match.group(0)
        if word.isupper() and len(word) <= 4:
            break  # an abbreviation («ИП», «ООО») is not declined
        noun = _nominative(word.casefold(), ("NOUN",))
        adjective = _nominative(word.casefold(), ("ADJF", "PRTF"))
        following = matches[index + 1].group(0).casefold() if index + 1 < len(matches) else ""
        # «Учёный секретарь»: a word that can be either is an adjective before a noun.
        if adjective is not None and (noun is None or (following and _nominative(
                following, ("NOUN", "ADJF", "PRTF")) is not None)):
            adjectives.append((match, adjective))
            continue
        if noun is not None:
            head = (match, noun)
        break
    if head is None and not adjectives:
        return text
    replacements = []
    gender = "masc"
    if head is not None:
        match, parse = head
        gender = parse.tag.gender or "masc"
        wanted = {case, "sing"}
        inflected = parse.inflect(wanted)
        if inflected is not None:
            replacements.append((match, inflected.word))
    for match, parse in adjectives:
        wanted = {case, "sing", gender}
        if case == "accs" and gender == "masc" and head is not None \
                and head[1].tag.animacy == "anim":
            wanted = {"gent", "sing", gender}  # «назначить Главного бухгалтера»
        inflected = parse.inflect(wanted)
        if inflected is not None:
            replacements.append((match, inflected.word))
    out = text
    for match, word in sorted(replacements, key=lambda r: r[0].start(), reverse=True):
        original = match.group(0)
        if "ё" not in original.casefold():
            word = word.replace("ё", "е")  # the dictionary writes ё; keep the typed spelling
        out = out[:match.start()] + _match_case(original, word) + out[match.end():]
    return out
