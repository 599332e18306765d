"""Field validation messages: each says what is wrong and what is expected."""

_EMAIL_EXAMPLE_RU = "нужен вид имя@домен, например ivanov@romashka.ru"
_EMAIL_EXAMPLE_EN = "it should look like name@domain, e.g. ivanov@romashka.ru"

MESSAGES = {
    "validation.required": (
        "Заполните это поле — оно обязательное.",
        "Please fill in this field: it is required.",
    ),
    # INN
    "validation.inn.not_digits": (
        "ИНН состоит только из цифр, а здесь есть «{char}».",
        "An INN consists of digits only, but “{char}” was typed.",
    ),
    "validation.inn.length": (
        "ИНН должен содержать 10 цифр (организация) или 12 цифр (ИП, физическое лицо), "
        "введено {count}.",
        "An INN has 10 digits (organization) or 12 digits (sole proprietor, individual); "
        "{count} entered.",
    ),
    "validation.inn.checksum": (
        "Контрольная цифра ИНН не сходится — проверьте, нет ли опечатки.",
        "The INN check digit does not match: please check the number for a typo.",
    ),
    # KPP
    "validation.kpp.length": (
        "КПП должен содержать 9 знаков, введено {count}.",
        "A KPP has 9 characters; {count} entered.",
    ),
    "validation.kpp.format": (
        "КПП записывается так: 4 цифры, затем 2 цифры или заглавные латинские буквы, "
        "затем 3 цифры, например 773601001.",
        "A KPP is 4 digits, then 2 digits or capital Latin letters, then 3 digits, e.g. 773601001.",
    ),
    # OGRN / OGRNIP
    "validation.ogrn.not_digits": (
        "ОГРН состоит только из цифр, а здесь есть «{char}».",
        "An OGRN consists of digits only, but “{char}” was typed.",
    ),
    "validation.ogrn.length": (
        "ОГРН должен содержать 13 цифр (организация), ОГРНИП — 15 цифр (ИП), введено {count}.",
        "An OGRN has 13 digits (organization), an OGRNIP 15 digits (sole proprietor); "
        "{count} entered.",
    ),
    "validation.ogrn.first_digit": (
        "ОГРН не может начинаться с 0 — проверьте первую цифру.",
        "An OGRN cannot start with 0: please check the first digit.",
    ),
    "validation.ogrnip.first_digit": (
        "ОГРНИП (15 цифр) начинается с 3 или 4, а введенный — с {digit}. Проверьте первую цифру.",
        "An OGRNIP (15 digits) starts with 3 or 4, this one starts with {digit}. "
        "Please check the first digit.",
    ),
    "validation.ogrn.checksum": (
        "Контрольная цифра ОГРН не сходится — проверьте, нет ли опечатки.",
        "The OGRN check digit does not match: please check the number for a typo.",
    ),
    "validation.ogrnip.checksum": (
        "Контрольная цифра ОГРНИП не сходится — проверьте, нет ли опечатки.",
        "The OGRNIP check digit does not match: please check the number for a typo.",
    ),
    # BIK
    "validation.bik.not_digits": (
        "БИК состоит только из цифр, а здесь есть «{char}».",
        "A BIK consists of digits only, but “{char}” was typed.",
    ),
    "validation.bik.length": (
        "БИК должен содержать 9 цифр, введено {count}.",
        "A BIK has 9 digits; {count} entered.",
    ),
    "validation.bik.prefix": (
        "БИК российского банка начинается с 04, а введенный — с {start}.",
        "The BIK of a Russian bank starts with 04, this one starts with {start}.",
    ),
    # Settlement account
    "validation.settlement.not_digits": (
        "Номер расчетного счета состоит только из цифр, а здесь есть «{char}».",
        "A settlement account number consists of digits only, but “{char}” was typed.",
    ),
    "validation.settlement.length": (
        "Расчетный счет должен содержать 20 цифр, введено {count}.",
        "A settlement account has 20 digits; {count} entered.",
    ),
    "validation.settlement.bik_mismatch": (
        "Расчетный счет не соответствует БИК {bik}: не сходится контрольный ключ. "
        "Проверьте номер счета и БИК банка.",
        "The settlement account does not match BIK {bik}: its control key is wrong. "
        "Please check the account number and the bank's BIK.",
    ),
    # Correspondent account
    "validation.correspondent.not_digits": (
        "Номер корреспондентского счета состоит только из цифр, а здесь есть «{char}».",
        "A correspondent account number consists of digits only, but “{char}” was typed.",
    ),
    "validation.correspondent.length": (
        "Корреспондентский счет должен содержать 20 цифр, введено {count}.",
        "A correspondent account has 20 digits; {count} entered.",
    ),
    "validation.correspondent.prefix": (
        "Корреспондентский счет банка начинается с 30101, а введенный — с {start}.",
        "A bank's correspondent account starts with 30101, this one starts with {start}.",
    ),
    "validation.correspondent.bik_ending": (
        "Корреспондентский счет не соответствует БИК {bik}: последние три цифры счета "
        "должны совпадать с последними тремя цифрами БИК ({ending}).",
        "The correspondent account does not match BIK {bik}: its last three digits must be "
        "the last three digits of the BIK ({ending}).",
    ),
    "validation.correspondent.bik_mismatch": (
        "Корреспондентский счет не соответствует БИК {bik}: не сходится контрольный ключ. "
        "Проверьте номер счета и БИК банка.",
        "The correspondent account does not match BIK {bik}: its control key is wrong. "
        "Please check the account number and the bank's BIK.",
    ),
    # E-mail and website
    "validation.email.spaces": (
        f"В адресе электронной почты не должно быть пробелов: {_EMAIL_EXAMPLE_RU}.",
        f"An e-mail address cannot contain spaces: {_EMAIL_EXAMPLE_EN}.",
    ),
    "validation.email.no_at": (
        f"В адресе электронной почты нет знака @: {_EMAIL_EXAMPLE_RU}.",
        f"The e-mail address has no @ sign: {_EMAIL_EXAMPLE_EN}.",
    ),
    "validation.email.format": (
        f"«{{value}}» не похож на адрес электронной почты: {_EMAIL_EXAMPLE_RU}.",
        f"“{{value}}” does not look like an e-mail address: {_EMAIL_EXAMPLE_EN}.",
    ),
    "validation.website.format": (
        "«{value}» не похож на адрес сайта: введите его как romashka.ru или https://romashka.ru.",
        "“{value}” does not look like a website address: enter it as romashka.ru "
        "or https://romashka.ru.",
    ),
    # Phones
    "validation.phone.characters": (
        "В номере телефона «{value}» есть лишние знаки: допустимы цифры, пробелы, скобки, "
        "дефисы, + в начале и добавочный в конце (доб. 123).",
        "The phone number “{value}” has characters that do not belong: use digits, spaces, "
        "brackets, dashes, a leading + and an extension at the end (ext 123).",
    ),
    "validation.phone.russian_length": (
        "В номере «{value}» после +7 должно быть 10 цифр (код города или оператора и номер), "
        "введено {count}.",
        "The number “{value}” needs 10 digits after +7 (area or operator code and number); "
        "{count} entered.",
    ),
    "validation.phone.foreign_length": (
        "Международный номер «{value}» должен содержать от 8 до 15 цифр после +, введено {count}.",
        "The international number “{value}” needs 8 to 15 digits after +; {count} entered.",
    ),
    "validation.phone.area_code": (
        "В номере «{value}» нет кода города: укажите его, например 8 (495) 123-45-67.",
        "The number “{value}” has no area code: please add it, e.g. 8 (495) 123-45-67.",
    ),
    "validation.phone.length": (
        "Номер «{value}» не распознан: российский номер — это 10 цифр с кодом города "
        "или оператора (8 916 123-45-67 или +7 916 123-45-67), зарубежный пишется с + "
        "и кодом страны. Введено цифр: {count}.",
        "The number “{value}” is not recognized: a Russian number has 10 digits with the area "
        "or operator code (8 916 123-45-67 or +7 916 123-45-67), a foreign one is written "
        "with + and the country code. Digits entered: {count}.",
    ),
    # Dates and numbers
    "validation.date.format": (
        "Дата «{value}» не распознана: введите ее в формате ДД.ММ.ГГГГ, например 15.12.1980.",
        "Date “{value}” is not recognized: enter it as DD.MM.YYYY, e.g. 15.12.1980.",
    ),
    "validation.date.impossible": (
        "Даты {value} не существует — проверьте день и месяц (формат ДД.ММ.ГГГГ).",
        "There is no such date as {value}: please check the day and the month (DD.MM.YYYY).",
    ),
    "validation.date.year_range": (
        "Год {year} похож на опечатку: введите дату в формате ДД.ММ.ГГГГ с годом "
        "от {min_year} до {max_year}.",
        "The year {year} looks like a typo: enter the date as DD.MM.YYYY with a year "
        "from {min_year} to {max_year}.",
    ),
    "validation.decimal.format": (
        "«{value}» — не число: введите число, например 1 234,56 "
        "(дробная часть — после запятой или точки).",
        "“{value}” is not a number: enter a number such as 1234.56 "
        "(a comma or a point before the fraction).",
    ),
    "validation.integer.format": (
        "«{value}» — не целое число: введите число без дробной части, например 15 или 1 000.",
        "“{value}” is not a whole number: enter a number without a fraction, e.g. 15 or 1000.",
    ),
}
