"""Texts of the exchange commands: ectui import, ectui export, ectui mail."""

MESSAGES = {
    "exchange.cli.import": ("импорт организаций, контактов (CSV, XLSX, vCard) или всей базы (JSON)",
                            "import organizations, contacts (CSV, XLSX, vCard) or the whole base (JSON)"),
    "exchange.cli.import.description": (
        "Импорт из файла. Сначала посмотрите сопоставление колонок (--show-mapping) и сделайте "
        "пробный прогон (--dry-run): он покажет каждую строку, которая не будет принята, и почему. "
        "Импорт идёт одной транзакцией: если хоть одна строка отклонена, ничего не сохраняется.",
        "Import from a file. First look at the column mapping (--show-mapping) and do a dry run "
        "(--dry-run): it shows every row that would be rejected and why. The import is one "
        "transaction: if any row is rejected, nothing is saved.",
    ),
    "exchange.cli.import.what": ("что импортировать: organizations, contacts или all (JSON всей базы)",
                                 "what to import: organizations, contacts or all (JSON of the whole base)"),
    "exchange.cli.file": ("путь к файлу", "path of the file"),
    "exchange.cli.format": ("формат файла, если расширение его не говорит",
                            "the file's format, when its extension does not say"),
    "exchange.cli.import.map": (
        "сопоставить колонку файла (название или номер с 1) с полем (код или название); "
        "«-» вместо поля — не импортировать колонку; можно повторять",
        "map a column of the file (its header or number from 1) to a field (key or label); "
        "“-” instead of a field leaves the column out; repeatable",
    ),
    "exchange.cli.import.show_mapping": ("показать сопоставление колонок и выйти",
                                         "show the column mapping and exit"),
    "exchange.cli.import.dry_run": ("пробный прогон: проверить всё и ничего не сохранять",
                                    "dry run: check everything, save nothing"),
    "exchange.cli.import.no_new_orgs": (
        "не создавать организации, которых нет в базе (строка с такой организацией отклоняется)",
        "do not create organizations missing from the base (such a row is rejected)",
    ),
    "exchange.cli.import.replace": ("заменить данные непустой базы данными файла",
                                    "replace the data of a non-empty base by the file's"),
    "exchange.cli.mapping.skipped": ("не импортируется", "not imported"),
    "exchange.cli.warning": ("Внимание: {message}", "Note: {message}"),
    "exchange.cli.rejected_row": ("Строка {row} отклонена:", "Row {row} rejected:"),
    "exchange.cli.groups_created": ("Новые группы: {names}", "New groups: {names}"),
    "exchange.cli.groups_to_create": ("Будут созданы группы: {names}",
                                      "Groups to be created: {names}"),
    "exchange.cli.dry_run_done": (
        "Пробный прогон: строк {total}; будет создано {created}, обновлено {updated}, новых "
        "организаций {orgs}; отклонено строк: {rejected}. Ничего не сохранено.",
        "Dry run: {total} rows; {created} would be created, {updated} updated, {orgs} new "
        "organizations; {rejected} rows rejected. Nothing was saved.",
    ),
    "exchange.cli.import_done": (
        "Импорт завершён: строк {total}; создано {created}, обновлено {updated}, новых "
        "организаций {orgs}.",
        "Import done: {total} rows; {created} created, {updated} updated, {orgs} new "
        "organizations.",
    ),
    "exchange.cli.import_refused": (
        "Импорт не выполнен: отклонено строк {rejected} из {total}, поэтому ничего не сохранено. "
        "Исправьте их и повторите.",
        "Import not done: {rejected} of {total} rows rejected, so nothing was saved. Fix them "
        "and try again.",
    ),
    "exchange.cli.restore_done": ("База загружена из файла: таблиц {tables}, строк {rows}.",
                                  "The base was loaded from the file: {tables} tables, {rows} rows."),
    "exchange.cli.export": ("экспорт организаций, контактов, всей базы (JSON) или календаря (iCalendar)",
                            "export organizations, contacts, the whole base (JSON) or the calendar (iCalendar)"),
    "exchange.cli.export.description": (
        "Экспорт в файл. В файл попадает только то, что вам разрешено видеть.",
        "Export to a file. It holds only what you may view.",
    ),
    "exchange.cli.export.what": ("что выгрузить: organizations, contacts, all или calendar",
                                 "what to export: organizations, contacts, all or calendar"),
    "exchange.cli.export.group": ("только эта группа", "only this group"),
    "exchange.cli.export.search": ("только найденные по этому тексту", "only those this text finds"),
    "exchange.cli.export.category": ("только эта категория (prospect, client, partner, …)",
                                     "only this category (prospect, client, partner, …)"),
    "exchange.cli.export.segment": ("только этот сегмент рынка", "only this market segment"),
    "exchange.cli.export.responsible": ("только клиенты этого сотрудника (логин)",
                                        "only this employee's clients (login)"),
    "exchange.cli.export.employee": ("чей календарь (логин; по умолчанию ваш)",
                                     "whose calendar (login; yours by default)"),
    "exchange.cli.from": ("с даты (ДД.ММ.ГГГГ)", "from date (DD.MM.YYYY)"),
    "exchange.cli.to": ("по дату (ДД.ММ.ГГГГ)", "to date (DD.MM.YYYY)"),
    "exchange.cli.export_done": ("Записано {count} в {path}.", "Wrote {count} to {path}."),
    "exchange.cli.no_group": ("Нет группы «{name}».", "No group “{name}”."),
    "exchange.cli.no_employee": ("Нет сотрудника с логином «{login}».",
                                 "No employee with login “{login}”."),
    "exchange.cli.bad_date": ("Дата: {message}", "Date: {message}"),
    "exchange.cli.progress.check": ("Проверка", "Checking"),
    "exchange.cli.progress.import": ("Импорт", "Importing"),
    "exchange.cli.progress.export": ("Экспорт", "Exporting"),
    "exchange.cli.progress.send": ("Отправка", "Sending"),
    # ectui mail
    "mail.cli": ("почта: импорт входящей, настройка SMTP, шаблоны, рассылки",
                 "mail: import incoming, SMTP settings, templates, mailings"),
    "mail.cli.import": ("положить входящую почту в историю клиентов (повторный импорт ничего не задваивает)",
                        "put incoming mail into the clients' history (importing again adds nothing twice)"),
    "mail.cli.maildir": ("папка Maildir (с cur/ и new/)", "a Maildir folder (with cur/ and new/)"),
    "mail.cli.mbox": ("файл mbox", "an mbox file"),
    "mail.cli.imap": ("почтовый ящик IMAP: imaps://логин@сервер/INBOX (пароль — ECTUI_IMAP_PASSWORD или по запросу)",
                      "an IMAP mailbox: imaps://login@server/INBOX (password: ECTUI_IMAP_PASSWORD or asked)"),
    "mail.cli.unmatched": ("письма, не привязанные ни к одному клиенту", "messages matched to no client"),
    "mail.cli.smtp": ("настроить сервер исходящей почты (SMTP)", "set up the outgoing mail server (SMTP)"),
    "mail.cli.smtp.description": (
        "Сервер исходящей почты для рассылок и писем из ectui. Пароль — с --ask-password или в "
        "переменной ECTUI_SMTP_PASSWORD (тогда он не хранится в базе).",
        "The outgoing mail server for mailings and e-mails from ectui. The password: with "
        "--ask-password, or in ECTUI_SMTP_PASSWORD (then it is not stored in the base).",
    ),
    "mail.cli.ask_password": ("спросить пароль и сохранить его в базе", "ask for the password and store it in the base"),
    "mail.cli.pause": ("пауза между письмами, секунд", "pause between letters, seconds"),
    "mail.cli.template": ("шаблоны писем: add, list", "letter templates: add, list"),
    "mail.cli.template_add": ("добавить или заменить шаблон", "add or replace a template"),
    "mail.cli.template_add.description": (
        "Шаблон письма: тема (--subject) и текст из файла (--body-file) с полями вида "
        "{{ обращение }}, {{ имя_отчество }}, {{ организация }}; или документ Word (--docx) "
        "с такими же полями.",
        "A letter template: a subject (--subject) and a text from a file (--body-file) with "
        "fields like {{ обращение }}, {{ имя_отчество }}, {{ организация }}; or a Word "
        "document (--docx) with the same fields.",
    ),
    "mail.cli.template_list": ("список шаблонов", "list the templates"),
    "mail.cli.send": ("разослать письма по шаблону выбранным клиентам", "send letters by template to chosen clients"),
    "mail.cli.send.description": (
        "Рассылка по шаблону: кому — группа, поиск, категория, сегмент, дни рождения. "
        "Сначала посмотрите письма (--preview). Каждое отправленное письмо попадает в историю "
        "клиента; повторный запуск не отправляет дважды (ectui mail retry — дослать).",
        "A mailing by template: to a group, a search, a category, a segment, birthdays. Look "
        "at the letters first (--preview). Each letter sent goes into the client's history; "
        "running again sends nothing twice (ectui mail retry sends the rest).",
    ),
    "mail.cli.to_orgs": ("писать организациям, а не контактным лицам", "write to organizations, not to contact persons"),
    "mail.cli.preview": ("показать письма каждому получателю и ничего не отправлять",
                         "show each recipient's letter and send nothing"),
    "mail.cli.print": ("не отправлять, а собрать письма в один файл Word для печати",
                       "do not send: put the letters into one Word file for printing"),
    "mail.cli.retry": ("дослать неотправленные письма рассылки", "send a mailing's letters not sent yet"),
    "mail.cli.list": ("рассылки и их результаты", "mailings and their results"),
    "mail.cli.no_password": ("Нужен пароль: задайте переменную {variable}.",
                             "A password is needed: set the variable {variable}."),
    "mail.cli.password_prompt": ("Пароль: ", "Password: "),
    "mail.cli.message_error": ("Письмо № {number} не прочитано: {reason}",
                               "Message {number} could not be read: {reason}"),
    "mail.cli.import_done": (
        "Писем: {total}; новых {imported}, уже были {duplicates}; записей в истории клиентов "
        "{entries}; без клиента {unmatched} (ectui mail unmatched).",
        "Messages: {total}; new {imported}, already in {duplicates}; entries in clients' "
        "history {entries}; matched to no client {unmatched} (ectui mail unmatched).",
    ),
    "mail.cli.unmatched_count": ("Писем без клиента: {count}", "Messages with no client: {count}"),
    "mail.cli.smtp_saved": ("Сервер почты: {host}:{port}, отправитель {sender}.",
                            "Mail server: {host}:{port}, sender {sender}."),
    "mail.cli.body_needed": ("Укажите текст шаблона (--body-file) или документ Word (--docx).",
                             "Give the template's text (--body-file) or a Word document (--docx)."),
    "mail.cli.template_saved": ("Шаблон «{name}» сохранён (№ {id}).", "Template “{name}” saved (no. {id})."),
    "mail.cli.subject": ("Тема: {subject}", "Subject: {subject}"),
    "mail.cli.mailing_made": ("Рассылка № {id}: писем {total}, без адреса {skipped}.",
                              "Mailing no. {id}: {total} letters, {skipped} without an address."),
    "mail.cli.printed": ("Писем для печати: {count} — в файле {path}.", "{count} letters to print in {path}."),
    "mail.cli.failed": ("Не отправлено: {name} <{email}>: {reason}", "Not sent: {name} <{email}>: {reason}"),
    "mail.cli.stopped": ("Рассылка остановлена: {reason}", "The mailing stopped: {reason}"),
    "mail.cli.unknown": (
        "Писем с неизвестным результатом (отправка прерывалась): {count}. Проверьте их "
        "(ectui mail letters) и решите: ectui mail resolve № --sent или --not-sent.",
        "Letters with an unknown result (sending was interrupted): {count}. Check them "
        "(ectui mail letters) and decide: ectui mail resolve NO --sent or --not-sent.",
    ),
    "mail.cli.sent": ("Отправлено {sent}, ошибок {failed}. Дослать: ectui mail retry {id}",
                      "Sent {sent}, failed {failed}. To send the rest: ectui mail retry {id}"),
    "mail.cli.progress.import": ("Импорт почты", "Importing mail"),
    "mail.cli.progress.prepare": ("Подготовка писем", "Preparing letters"),
    "mail.cli.progress.print": ("Печать", "Printing"),
    "mail.cli.letters": ("письма рассылки и результат каждого", "a mailing's letters and each one's result"),
    "mail.cli.resolve": (
        "решить судьбу письма с неизвестным результатом: --sent (дошло — записать в историю) "
        "или --not-sent (отправить при следующем запуске)",
        "settle a letter with an unknown result: --sent (it went: record it) or --not-sent "
        "(send it with the next run)",
    ),
    "mail.cli.resolve.sent": ("письмо дошло", "the letter went"),
    "mail.cli.resolve.not_sent": ("письмо не дошло", "the letter did not go"),
    "mail.cli.resolved": ("Готово.", "Done."),
    # ectui campaign
    "campaign.cli": ("маркетинговые кампании: затраты, приглашённые, отклик, окупаемость",
                     "marketing campaigns: cost, invited, response, return"),
    "campaign.cli.description": (
        "Кампании: мероприятие, реклама, рассылка. КЛИЕНТ — e-mail контактного лица, ИНН или "
        "точное название организации.",
        "Campaigns: an event, an advertisement, a mailing. CLIENT is a contact person's "
        "e-mail, or an organization's INN or exact name.",
    ),
    "campaign.cli.add": ("новая кампания", "a new campaign"),
    "campaign.cli.invite": ("пригласить клиентов (группу, найденных или всех, кого видите)",
                            "invite clients (a group, a search, or all you may view)"),
    "campaign.cli.respond": ("отметить отклик: came, answered, declined или none",
                             "mark a response: came, answered, declined or none"),
    "campaign.cli.lead": ("что принесла кампания: нового клиента или сделку с суммой",
                          "what the campaign brought: a new client, or a deal and its amount"),
    "campaign.cli.report": ("окупаемость кампаний (--channels — по каналам)",
                            "the return of campaigns (--channels: by channel)"),
    "campaign.cli.no_campaign": ("Нет кампании «{name}».", "No campaign “{name}”."),
    "campaign.cli.no_client": ("Не найден единственный клиент «{client}».",
                               "No single client “{client}” found."),
    "campaign.cli.saved": ("Кампания «{name}» сохранена.", "Campaign “{name}” saved."),
    "campaign.cli.invited": ("Приглашено: {count}.", "Invited: {count}."),
    "campaign.cli.done": ("Готово.", "Done."),
    "campaign.cli.row": (
        "{name}: затраты {cost}, приглашено {invited}, отклик {rate} %, новых клиентов "
        "{clients}, сделок {deals} на {revenue}, окупаемость {roi} %",
        "{name}: cost {cost}, invited {invited}, response {rate} %, new clients {clients}, "
        "deals {deals} for {revenue}, return {roi} %",
    ),
}
