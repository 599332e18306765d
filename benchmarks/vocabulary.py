"""The words the generated client base is made of.

Names, cities with their INN regions and phone codes, banks with real BIKs, positions by
industry and the texture of a contact's card come from the demo builder
(``data/demo/build_demo.py``), so the demo and the benchmark speak the same Russian; what a
client base of 100 000 companies needs on top (many more company names, Latin ones too) is here.
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

_DEMO_BUILDER = Path(__file__).resolve().parent.parent / "data" / "demo" / "build_demo.py"


def _load_demo_builder() -> ModuleType:
    name = "ectui_demo_builder"
    if name in sys.modules:
        return sys.modules[name]
    spec = importlib.util.spec_from_file_location(name, _DEMO_BUILDER)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module  # dataclasses look their module up while the class is built
    spec.loader.exec_module(module)
    return module


demo = _load_demo_builder()

CITIES = demo.CITIES
BANKS = demo.BANKS
SEGMENTS = demo.SEGMENTS
SOURCES = demo.SOURCES
LEGAL_FORMS = demo.LEGAL_FORMS
GOV_FORMS = demo.GOV_FORMS
REGIONS = demo.REGIONS
HEADS = demo.HEADS
STAFF = demo.STAFF
BY_CATEGORY = demo.BY_CATEGORY
IP_STAFF = demo.IP_STAFF
FEMININE_POSITIONS = demo.FEMININE_POSITIONS
EXTRA_DEPARTMENTS = demo.EXTRA_DEPARTMENTS
MALE_NAMES = demo.MALE_NAMES
FEMALE_NAMES = demo.FEMALE_NAMES
PATRONYMICS = demo.PATRONYMICS
SURNAMES = demo.SURNAMES
FLAVOURS = demo.FLAVOURS
HOBBIES = demo.HOBBIES
LIKES = demo.LIKES
DISLIKES = demo.DISLIKES
FAMILY_M = demo.FAMILY_M
FAMILY_F = demo.FAMILY_F
EDUCATION = demo.EDUCATION
CONTACT_NOTES = demo.CONTACT_NOTES
DRINKS = demo.DRINKS
CHANNELS = demo.CHANNELS
PAYMENT_TERMS = demo.PAYMENT_TERMS
translit = demo.translit
slug = demo.slug
feminine = demo.feminine

# Cities by how often a Moscow seller meets their companies.
CITY_WEIGHTS = {"Москва": 40, "Санкт-Петербург": 12, "Подольск": 3, "Химки": 3, "Мытищи": 3,
                "Истра": 1}
DEFAULT_CITY_WEIGHT = 3

# Legal forms by frequency in a client base of a B2B seller.
FORM_WEIGHTS = {"ООО": 68, "ИП": 14, "АО": 7, "ПАО": 1, "ГБУ": 2, "ГБУЗ": 1, "ГБОУ": 2,
                "МУП": 2, "АНО": 3}
CATEGORY_WEIGHTS = {"prospect": 52, "client": 33, "partner": 5, "competitor": 3, "supplier": 7}

# Company names are glued from these, the way Russian companies name themselves:
# «СтройТехИнвест», «Север-Логистик», «Вектор Плюс», «Торговый дом «Меридиан»».
NAME_ROOTS = [
    "Альфа", "Бета", "Вектор", "Гранит", "Меридиан", "Север", "Юг", "Восток", "Запад", "Урал",
    "Сибирь", "Волга", "Нева", "Дон", "Кама", "Ока", "Алтай", "Байкал", "Енисей", "Ладога",
    "Техно", "Строй", "Агро", "Мед", "Эко", "Нефте", "Газ", "Энерго", "Авто", "Лес", "Транс",
    "Пром", "Инвест", "Торг", "Снаб", "Сервис", "Логистик", "Металл", "Хим", "Фарм", "Электро",
    "Тех", "Инфо", "Спец", "Монтаж", "Проект", "Ресурс", "Стандарт", "Профи", "Мастер",
    "Гарант", "Союз", "Альянс", "Регион", "Капитал", "Стрела", "Орбита", "Горизонт", "Рубин",
    "Изумруд", "Сапфир", "Янтарь", "Феникс", "Атлант", "Титан", "Олимп", "Зенит", "Вега",
    "Ромашка", "Берёзка", "Ёлка", "Сосна", "Кедр", "Дуб", "Ясень", "Липа", "Рябина", "Калина",
    "Сокол", "Беркут", "Медведь", "Лидер", "Прогресс", "Успех", "Мир", "Радуга", "Заря",
]
NAME_TAILS = [
    "Групп", "Плюс", "Трейд", "Холдинг", "Систем", "Маркет", "Лайн", "Инжиниринг", "Консалт",
    "Комплект", "Строй", "Снаб", "Сервис", "Торг", "Пром", "Тех", "Инвест", "Логистик",
    "Центр", "Мастер", "Поставка", "Снабжение", "Ресурс", "Дистрибуция",
]
TWO_WORD_NAMES = [
    "Северный ветер", "Зелёный берег", "Белый медведь", "Красный октябрь", "Золотой колос",
    "Новый век", "Большая медведица", "Тихая гавань", "Серебряный бор", "Синяя птица",
    "Русский дом", "Торговый двор", "Лесная поляна", "Чистая вода", "Тёплый дом",
]
PREFIXED = ["Торговый дом", "Группа компаний", "Производственная компания",
            "Научно-производственное объединение", "Транспортная компания",
            "Строительная компания", "Агрофирма"]
LATIN_ROOTS = [
    "Vector", "Nord", "Alfa", "Delta", "Omega", "Techno", "Smart", "Pro", "Eco", "Global",
    "Prime", "Nova", "Astra", "Orion", "Atlas", "Unity", "Vertex", "Quantum", "Matrix", "Bright",
]
LATIN_TAILS = [
    "Systems", "Logistics", "Trade", "Group", "Solutions", "Tech", "Soft", "Lab", "Service",
    "Consulting", "Partners", "Line", "Market", "Engineering", "Media", "Pharm", "Food", "Med",
]
BUSINESS_NOTES = [
    "Закупают раз в квартал, бюджет утверждают в декабре.", "Решение принимает собственник.",
    "Работают через тендерную площадку, документы готовить заранее.",
    "Просили КП на обслуживание парка техники.", "Интересуются рассрочкой.",
    "Сравнивают нас с «ОфисТехСнаб».", "Платят с отсрочкой, дисциплина хорошая.",
    "Нужны акты сверки раз в квартал.", "Открывают новый склад в следующем году.",
    "Были на нашей выставке.", "Бухгалтерия на аутсорсинге.",
]
