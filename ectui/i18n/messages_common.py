"""Words shared by every screen and command."""

MESSAGES = {
    "app.title": ("Экспресс-Контакт", "Express-Contact"),
    "common.yes": ("Да", "Yes"),
    "common.no": ("Нет", "No"),
    "common.save": ("Сохранить", "Save"),
    "common.cancel": ("Отмена", "Cancel"),
    "common.close": ("Закрыть", "Close"),
    "common.delete": ("Удалить", "Delete"),
    "common.edit": ("Изменить", "Edit"),
    "common.new": ("Создать", "New"),
    "common.search": ("Поиск", "Search"),
    "common.back": ("Назад", "Back"),
    "common.help": ("Справка", "Help"),
    "common.quit": ("Выход", "Quit"),
    "common.loading": ("Загрузка…", "Loading…"),
    "common.none": ("—", "—"),
    "common.all": ("Все", "All"),
    "common.saved": ("Сохранено", "Saved"),
    "common.deleted": ("Удалено", "Deleted"),
    "common.confirm_delete": ("Удалить «{name}»?", "Delete “{name}”?"),
    "error.unexpected": (
        "Непредвиденная ошибка: {error}. Сообщите администратору.",
        "Unexpected error: {error}. Please tell the administrator.",
    ),
    "error.form_invalid": (
        "Исправьте отмеченные поля: {fields}",
        "Please correct the marked fields: {fields}",
    ),
    "error.not_found": ("Запись не найдена (возможно, удалена).", "Record not found (maybe deleted)."),
}

# Counted phrases for tn(): Russian "one|few|many", English "one|other".
MESSAGES.update({
    "count.organizations": ("{n} организация|{n} организации|{n} организаций",
                            "{n} organization|{n} organizations"),
    "count.contacts": ("{n} контактное лицо|{n} контактных лица|{n} контактных лиц",
                       "{n} contact person|{n} contact persons"),
    "count.records": ("{n} запись|{n} записи|{n} записей", "{n} record|{n} records"),
    "count.found": ("Найдена {n} запись|Найдено {n} записи|Найдено {n} записей",
                    "{n} record found|{n} records found"),
    # The first page is on screen and the rest is being counted (screens/widgets/paged_table.py).
    "count.found_at_least": ("Найдена {n} запись и больше, считаю…|"
                             "Найдено {n} записи и больше, считаю…|"
                             "Найдено {n} записей и больше, считаю…",
                             "{n} record or more found, counting…|"
                             "{n} records or more found, counting…"),
})
