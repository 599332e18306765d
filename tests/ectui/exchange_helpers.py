"""Builders for exchange tests: generated client files, a second database, comparisons."""

from __future__ import annotations

import csv
import datetime as dt
import io
import random
from collections.abc import Callable, Iterator
from pathlib import Path

import peewee

import ectui.db
from ectui.schema import migrate
from ectui.services import client_import
from ectui.services.context import Context
from ectui.services.exchange_fields import records
from ectui.services.selection import Selection

LAST = ["Иванов", "Петров", "Сидоров", "Кузнецов", "Смирнов", "Попов", "Васильев", "Соколов",
        "Михайлов", "Новиков", "Фёдоров", "Морозов", "Волков", "Алексеев", "Лебедев"]
FIRST_M = ["Иван", "Пётр", "Алексей", "Дмитрий", "Сергей", "Андрей", "Михаил", "Юрий"]
FIRST_F = ["Юлия", "Анна", "Мария", "Елена", "Ольга", "Наталья", "Ирина", "Светлана"]
FATHERS = ["Иван", "Пётр", "Михаил", "Сергей", "Андрей", "Николай"]
CITIES = ["Москва", "Санкт-Петербург", "Казань", "Екатеринбург", "Самара"]


def patronymic(father: str, female: bool) -> str:
    stem = {"Пётр": "Петро", "Михаил": "Михайло", "Николай": "Николае", "Сергей": "Сергее",
            "Андрей": "Андрее", "Иван": "Ивано"}[father]
    return stem + ("вна" if female else "вич")


def generated_contacts(count: int, seed: int = 8) -> tuple[list[str], list[list[str]]]:
    """``count`` different contact persons of a few organizations, as CSV headers and rows,
    with every kind of value a person types: names, gender, phones, dates, multi-line text,
    quotes, «;» and commas."""
    rng = random.Random(seed)
    headers = ["Фамилия", "Имя", "Отчество", "Пол", "Организация", "Должность", "Мобильный",
               "Рабочий телефон", "E-mail", "День рождения", "Адрес", "Увлечения", "Примечания",
               "Группы"]
    rows = []
    for n in range(count):
        female = rng.random() < 0.5
        last = rng.choice(LAST) + ("а" if female else "")
        first = rng.choice(FIRST_F if female else FIRST_M)
        birthday = dt.date(1950, 1, 1) + dt.timedelta(days=rng.randrange(20000))
        rows.append([
            f"{last}-{n}", first, patronymic(rng.choice(FATHERS), female), "ж" if female else "м",
            f"ООО «Компания {n % 40}»", rng.choice(["Директор", "Главный бухгалтер", "Менеджер"]),
            f"8 (9{n % 100:02d}) {100 + n % 900}-{n % 100:02d}-{(n * 7) % 100:02d}",
            f"+7 495 {100 + n % 900}-{(n * 3) % 100:02d}-{n % 100:02d} доб. {n % 1000}",
            f"person{n}@company{n % 40}.ru",
            birthday.strftime("%d.%m.%Y"),
            f"{rng.choice(CITIES)}, ул. Ленина, д. {n % 200}; кв. {n % 50}",
            "рыбалка\nшахматы, «большой теннис»" if n % 3 == 0 else "",
            f"Заметка \"{n}\": звонить после 15:00" if n % 5 == 0 else "",
            "Очень важные лица" if n % 4 == 0 else ("Клиенты; Рассылка" if n % 4 == 1 else ""),
        ])
    return headers, rows


def write_csv(path: Path, headers: list[str], rows: list[list[str]], *, delimiter: str = ";",
              encoding: str = "utf-8-sig") -> Path:
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, delimiter=delimiter, lineterminator="\r\n")
    writer.writerow(headers)
    writer.writerows(rows)
    path.write_bytes(buffer.getvalue().encode(encoding))
    return path


def import_file(ctx: Context, kind: str, path: Path, *, dry_run: bool = False,
                mapping_pairs: list[str] = ()) -> client_import.ImportReport:
    table = client_import.read_source(path, kind)
    mapping = client_import.parse_mapping(kind, table.headers, list(mapping_pairs),
                                          client_import.suggest_mapping(kind, table.headers))
    return client_import.run_import(ctx, kind, table, mapping, dry_run=dry_run)


def all_records(kind: str) -> list[dict[str, str]]:
    """Every organization or contact as exchange records, in a stable order."""
    found = list(records(None, Selection(kind=kind), choice_style="code"))
    key = (lambda r: (r["name"], r["inn"])) if kind == "organization" else \
        (lambda r: (r["last_name"], r["first_name"], r["email"]))
    return sorted(found, key=key)


def open_fresh(url: str) -> peewee.Database:
    """Bind the app's database to a freshly migrated ``url`` (closing the current one)."""
    current = ectui.db.database.obj
    if current is not None and not current.is_closed():
        current.close()
    db = ectui.db.bind(ectui.db.open_database(url))
    db.connect()
    migrate(db)
    return db


def fresh_databases(request, db_url: str, tmp_path: Path) -> Iterator[Callable[[], str]]:
    """For a fixture: ``yield from fresh_databases(…)``; makes other empty databases on the
    same engine as ``db_url``: ``fresh_url()``."""
    created: list[str] = []
    server = request.getfixturevalue("pg_server") if not db_url.startswith("sqlite") else None

    def make() -> str:
        created.append(f"fresh{len(created)}")
        if server is None:
            return f"sqlite:///{tmp_path / f'{created[-1]}.sqlite3'}"
        created[-1] = server.unique_name(
            f"{created[-1]}_" + (request.node.originalname or request.node.name))
        return server.create_database(created[-1])

    try:
        yield make
    finally:
        db = ectui.db.database.obj
        if db is not None and not db.is_closed():
            db.close()
        for name in created if server is not None else ():
            server.drop_database(name)
