"""A person as a Word template uses them: the name and position in every case, the basis of
their authority, and the set phrases Russian documents build from them.

    в лице {{ our.signatory.gent.position }} {{ our.signatory.gent.short }}
    → в лице Генерального директора Орлова Е. Е.
    {{ client.person.datv.position }} {{ client.name }} {{ client.person.datv.short }}
    → Генеральному директору ООО «Ромашка» Ковалёвой Ю. М.
    {{ client.person.greeting }} → Уважаемая Юлия Михайловна!
"""

from __future__ import annotations

from dataclasses import dataclass

from ectui.declension import decline_name, decline_phrase, detect_gender


@dataclass(frozen=True)
class DeclinedPerson:
    """A person in one case."""

    full: str                  # Орлова Евгения Евгеньевича
    short: str                 # Орлова Е. Е.
    initials_first: str        # Е. Е. Орлова
    first_and_patronymic: str  # Евгения Евгеньевича
    position: str              # Генерального директора
    position_lower: str        # генерального директора (inside a sentence)


@dataclass(frozen=True)
class Person:
    """A person in the nominative, with ``gent``, ``datv``, ``accs``, ``ablt`` and ``loct``."""

    last_name: str
    first_name: str
    patronymic: str
    gender: str        # m, f or "" when it cannot be told
    full: str
    short: str
    initials_first: str
    first_and_patronymic: str
    position: str
    position_lower: str
    basis: str         # as typed: «Устав», «Доверенность № 12 от 01.02.2026»
    basis_gent: str    # «Устава», «Доверенности № 12 от 01.02.2026»
    acting: str        # «действующего» / «действующей»
    in_person_of: str  # «в лице Директора Орлова Е. Е., действующего на основании Устава»
    greeting: str      # «Уважаемый Евгений Евгеньевич!»
    phone: str
    email: str
    gent: DeclinedPerson
    datv: DeclinedPerson
    accs: DeclinedPerson
    ablt: DeclinedPerson
    loct: DeclinedPerson


def _lower_first(text: str) -> str:
    # «Генеральный директор» → «генеральный директор», but «IT-директор» keeps its capitals.
    if len(text) > 1 and text[0].isupper() and text[1].isupper():
        return text
    return text[:1].lower() + text[1:]


def _declined(last: str, first: str, patronymic: str, gender: str, position: str,
              case: str) -> DeclinedPerson:
    name = decline_name(last, first, patronymic, case, gender)
    position = decline_phrase(position, case)
    return DeclinedPerson(name.full, name.short, name.initials_first, name.first_and_patronymic,
                          position, _lower_first(position))


def make_person(last: str = "", first: str = "", patronymic: str = "", *, gender: str = "",
                position: str = "", basis: str = "", phone: str = "",
                email: str = "") -> Person:
    """Every form of a person a template may ask for; an empty person when no surname."""
    last, first, patronymic = last.strip(), first.strip(), patronymic.strip()
    position, basis = position.strip(), basis.strip()
    if not last:
        empty = DeclinedPerson("", "", "", "", "", "")
        return Person("", "", "", "", "", "", "", "", "", "", "", "", "", "", "", phone, email,
                      empty, empty, empty, empty, empty)
    gender = gender if gender in ("m", "f") else detect_gender(first, patronymic, last)
    nominative = decline_name(last, first, patronymic, "nomn", gender)
    cases = {case: _declined(last, first, patronymic, gender, position, case)
             for case in ("gent", "datv", "accs", "ablt", "loct")}
    basis_gent = decline_phrase(basis, "gent")
    acting = "действующей" if gender == "f" else "действующего"
    gent = cases["gent"]
    phrase = " ".join(p for p in ("в лице", gent.position, gent.short) if p)
    if basis_gent:
        phrase += f", {acting} на основании {basis_gent}"
    dear = "Уважаемая" if gender == "f" else "Уважаемый"
    greeting = f"{dear} {nominative.first_and_patronymic or nominative.full}!"
    return Person(last, first, patronymic, gender, nominative.full, nominative.short,
                  nominative.initials_first, nominative.first_and_patronymic, position,
                  _lower_first(position), basis, basis_gent, acting, phrase, greeting,
                  phone, email, **cases)
