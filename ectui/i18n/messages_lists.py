"""Texts of the groups and custom fields screen."""

MESSAGES = {
    "lists.title": ("Группы и дополнительные реквизиты", "Groups and custom fields"),
    "lists.groups": ("Группы (Enter — участники в справочнике)", "Groups (Enter: members in the Directory)"),
    "lists.fields": ("Дополнительные реквизиты (добавляет администратор)", "Custom fields (the administrator adds them)"),
    "lists.col.name": ("Название", "Name"),
    "lists.col.for": ("Для", "For"),
    "lists.col.members": ("Участников", "Members"),
    "lists.col.type": ("Тип", "Type"),
    "lists.col.options": ("Варианты выбора", "Options"),
    "lists.col.state": ("Состояние", "State"),
    "lists.active": ("показывается", "shown"),
    "lists.hidden": ("скрыт", "hidden"),
    "lists.new_group": ("Новая группа", "New group"),
    "lists.new_field": ("Новый дополнительный реквизит", "New custom field"),
    "lists.options_hint": ("для типа «выбор из списка»: по одному варианту в строке", "for a choice field: one option per line"),
    "lists.delete_group": ("Удалить группу «{name}»? Её участники ({count}) останутся в базе.", "Delete the group “{name}”? Its {count} member(s) stay in the base."),
    "lists.key.delete_or_hide": ("Удалить / скрыть", "Delete / hide"),
    "key.lists": ("Группы и реквизиты", "Groups and fields"),
}
