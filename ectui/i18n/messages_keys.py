"""Names of keys in the footer and the help screen."""

MESSAGES = {
    "key.help": ("Справка", "Help"),
    "key.palette": ("Команды", "Commands"),
    "palette.search": ("Найти действие…", "Find an action…"),
    "palette.no_matches": ("Такого действия здесь нет", "No such action here"),
    "key.directory": ("Справочник", "Directory"),
    "key.open": ("Открыть", "Open"),
    "key.new": ("Создать", "New"),
    "key.new_contact": ("Новый контакт", "New contact"),
    "key.edit": ("Изменить", "Edit"),
    "key.delete": ("Удалить", "Delete"),
    "key.back": ("Назад", "Back"),
    "key.search": ("Поиск", "Search"),
    "key.switch_tab": ("Орг./Контакты", "Orgs/Contacts"),
    "key.save": ("Сохранить", "Save"),
    "key.cancel": ("Отмена", "Cancel"),
    "key.pick": ("Выбрать", "Pick"),
    "key.clear": ("Очистить", "Clear"),
    "key.add_link": ("Связь", "Link"),
    "key.filters": ("Фильтры", "Filters"),
    "key.organization": ("Организация", "Organization"),
}
