"""Texts of sign-in, roles and the admin page. (ru, en)."""

TEXTS = {
    "auth.password": ("Пароль", "Password"),
    "auth.sign_in": ("Войти", "Sign in"),
    "auth.sign_out": ("Выйти", "Sign out"),
    "auth.password_prompt": ("Введите пароль, чтобы открыть дашборд.", "Enter the password to open the dashboard."),
    "auth.wrong_password": ("Неверный пароль.", "Wrong password."),
    "auth.store_down": (
        "База данных недоступна, поэтому дашборд не открывается. Администратору: подробности в журнале сервера.",
        "The database cannot be reached, so the dashboard cannot open. For the administrator: the details are "
        "in the server log.",
    ),
    "auth.locked": (
        "Слишком много неудачных попыток. Попробуйте снова через {seconds} с.",
        "Too many failed attempts. Try again in {seconds} s.",
    ),
    "auth.misconfigured": (
        "Вход не настроен, поэтому данные не показываются. Администратору: {problem}",
        "Sign-in is not configured, so no data is shown. For the administrator: {problem}",
    ),
    "auth.sso_prompt": ("Войдите через корпоративную учётную запись.", "Sign in with your company account."),
    "auth.sso_button": ("Войти через SSO", "Sign in with SSO"),
    "auth.sso_no_role": (
        "Вы вошли, но для вашей учётной записи не назначена роль. Обратитесь к администратору.",
        "You are signed in, but your account has no role here. Ask an administrator.",
    ),
    "auth.sso_unverified": (
        "Вы вошли, но поставщик входа не подтвердил ваш адрес почты, поэтому роль не выдаётся. "
        "Подтвердите адрес у поставщика или обратитесь к администратору.",
        "You are signed in, but the identity provider has not verified your e-mail address (email_verified), "
        "so no role is given. Verify it with the provider, or ask an administrator.",
    ),
    "auth.no_door": (
        "Вход включён, но сервер запущен без защиты загрузок и файлов. Администратору: запускайте "
        "`streamlit run serve.py` (или `make run`), а не dashboard.py.",
        "Sign-in is on, but the server was started without the guard on uploads and files. For the "
        "administrator: start it with `streamlit run serve.py` (or `make run`), not dashboard.py.",
    ),
    "auth.open_banner": (
        "Вход отключён: приложение открыто всем, кто может открыть этот адрес.",
        "Sign-in is off: the app is open to anyone who can reach this address.",
    ),
    # after auth.open_banner on the admin, Settings and Data pages (ui.auth.OPEN_WARNED)
    # the setting, not where it is kept on the server: a screen shows no server path (#17)
    "auth.open_how": (
        "Чтобы включить вход, администратор выбирает режим входа в секретах приложения, раздел [funnel]: "
        "общие пароли или единый вход (руководство по развёртыванию, раздел 5).",
        "To turn sign-in on, an administrator sets auth, the sign-in mode in the [funnel] table of the app's "
        "secrets, to shared passwords or single sign-on (the deployment guide, section 5).",
    ),
    # ... on Settings and the Data page instead: where the how is (a director reads these pages;
    # the whole how, the administrator's, on the admin page)
    "auth.open_where": (
        "Как включить вход — на странице «Администрирование».",
        "How to turn it on: the Administration page.",
    ),
    # every other page: a muted line at the sidebar's foot (ui.auth.sidebar_foot)
    "auth.open_short": ("Вход отключён", "Sign-in off"),
    "auth.signed_in_as": ("Вы вошли как {name}", "Signed in as {name}"),
    "auth.admin_only": ("Эта страница доступна только администраторам.", "This page is for administrators only."),
    "auth.denied": (
        "Ваша роль не позволяет действие «{action}» в пространстве «{workspace}».",
        "Your role does not allow “{action}” in workspace “{workspace}”.",
    ),
    "admin.title": ("Администрирование", "Administration"),
    "admin.workspaces": ("Рабочие пространства", "Workspaces"),
    "admin.create": ("Создать пространство", "Create a workspace"),
    "admin.id": ("Код в ссылках", "Code in links"),
    "admin.name": ("Название", "Name"),
    "admin.currency": ("Валюта", "Currency"),
    "admin.create_button": ("Создать", "Create"),
    "admin.created": ("Пространство «{name}» создано.", "Workspace “{name}” created."),
    "admin.rename": ("Переименовать", "Rename"),
    "admin.new_name": ("Новое название", "New name"),
    "admin.renamed": ("Переименовано.", "Renamed."),
    "admin.delete": ("Удалить", "Delete"),
    "admin.delete_confirm": (
        "Удалить пространство и все его данные без возможности восстановления",
        "Delete the workspace and all its data for good",
    ),
    "admin.deleted": ("Пространство удалено.", "Workspace deleted."),
    "admin.which": ("Пространство", "Workspace"),
    "admin.reset_demo": ("Сбросить демо", "Reset the demo"),
    "admin.reset_demo_help": (
        "Вернуть демо-пространство к исходным данным, настройкам и сценариям.",
        "Put the demo workspace back to its original data, settings and scenarios.",
    ),
    "admin.demo_reset_done": ("Демо восстановлено.", "The demo has been reset."),
    "admin.backup": ("Резервная копия базы", "Back up the database"),
    "admin.backup_help": (
        "Согласованная копия всей базы в data/backups/ (можно во время работы).",
        "A consistent copy of the whole database into data/backups/ (safe while the app runs).",
    ),
    "admin.backup_done": ("Копия сохранена: {file}", "Backup saved: {file}"),
    "admin.backup_server": (
        "База на сервере PostgreSQL: её целиком сохраняет pg_dump (или снимки у облачного провайдера). "
        "Переносимая копия пространства — его экспорт (кнопка «Экспорт» в администрировании "
        "или `python -m funnel workspace export`).",
        "The database is on a PostgreSQL server: back it up whole with pg_dump (or your provider's "
        "snapshots). A workspace's portable backup is its export (the Admin page's Export, or "
        "`python -m funnel workspace export`).",
    ),
    "admin.export": ("Экспорт пространства", "Export a workspace"),
    "admin.export_help": (
        "Архив ZIP: таблицы в Parquet, настройки, воронка, синонимы этапов и сценарии в JSON.",
        "A zip: tables as Parquet; settings, ladder, stage aliases and scenarios as JSON.",
    ),
    "admin.export_button": ("Подготовить архив", "Prepare the archive"),
    "admin.download": ("Скачать архив", "Download the archive"),
    "admin.import": ("Импорт пространства", "Import a workspace"),
    "admin.import_file": ("Архив экспорта (.zip)", "Export archive (.zip)"),
    "admin.import_name": (
        "Название нового пространства (пусто — как в архиве)",
        "Name of the new workspace (blank: as in the archive)",
    ),
    "admin.import_button": ("Импортировать", "Import"),
    "admin.imported": ("Импортировано в «{name}».", "Imported into “{name}”."),
    "admin.roles": ("Кто какую роль имеет", "Who has which role"),
    "admin.roles_help": (
        "Роли задаются в секретах приложения, раздел [funnel]; здесь только просмотр.",
        "Roles are set in the app's secrets ([funnel] table); shown here, not edited.",
    ),
    "admin.mode": ("Режим входа: {mode}", "Sign-in mode: {mode}"),
    "admin.limits": (
        "Ограничения загрузки: файл до {mb} МБ, до {rows} {rows|строки|строк|строк}.",
        "Upload limits: files up to {mb} MB, up to {rows} {rows|row|rows}.",
    ),
    "admin.limits_mb": (
        "Ограничение загрузки: файл до {mb} МБ, без ограничения по числу строк.",
        "Upload limit: files up to {mb} MB, any number of rows.",
    ),
    "admin.mode.none": ("без входа, открыт всем в сети", "off: open to everyone on the network"),
    "admin.mode.password": ("по общему паролю", "shared passwords"),
    "admin.mode.sso": ("единый вход (OIDC)", "single sign-on (OIDC)"),
    "admin.no_roles": (
        "Ролей пока не назначено.",
        "No roles are assigned yet.",
    ),
    "admin.col_who": ("Кто", "Who"),
    "admin.col_kind": ("Тип", "Kind"),
    "admin.col_role": ("Роль", "Role"),
    "admin.col_workspaces": ("Пространства", "Workspaces"),
    "admin.col_overrides": ("Особые роли", "Overrides"),
    "file.too_big": (
        "Файл «{file}» слишком большой: {size} МБ, предел {limit} МБ. Разбейте его на части.",
        "File “{file}” is too big: {size} MB, the limit is {limit} MB. Split it into parts.",
    ),
    "file.bad_type": (
        "Файл «{file}»: тип не поддерживается. Ожидается {expected}.",
        "File “{file}”: this type is not supported. Expected {expected}.",
    ),
    "file.bomb": (
        "Файл «{file}» распаковывается в слишком большой объём ({size} МБ) — такой файл не открывается. "
        "Сохраните данные в CSV.",
        "File “{file}” unpacks to too much data ({size} MB), so it is not opened. Save the data as CSV.",
    ),
    "file.not_zip": (
        "Файл «{file}» не является настоящим XLSX (zip-архивом). Пересохраните его в Excel.",
        "File “{file}” is not a real XLSX (zip) file. Save it again from Excel.",
    ),
}
