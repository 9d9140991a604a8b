"""The `nastavnik` console command for operators: `nastavnik serve`, `nastavnik demo`, `nastavnik orgs` …

Every subcommand except `match` and `dynamics` is a Django management command; those two are pure file interfaces
and run without starting Django, so other systems can call them cheaply.
"""

import os
import sys

# Operator-facing subcommands and what they do (shown by `nastavnik` without arguments).
COMMANDS = {
    "serve": "запустить веб-сервер (миграции и статические файлы — автоматически)",
    "demo": "создать демонстрационные данные (только в пустой базе; --force — пересоздать)",
    "worker": "обработчик фоновых задач: напоминания, письма",
    "remind": "поставить в очередь напоминания о встречах и дневниках (запускать, например, раз в час)",
    "remind-measurements": "напомнить о незаполненных анкетах мониторинга (запускать вместе с remind)",
    "orgs": "список организаций: краткий код, тип, название",
    "create-org": "новая организация с руководителем: nastavnik create-org CODE --name … --short … --kind … "
    "--municipality … --director «Фамилия Имя Отчество» --email … (печатает ссылку для пароля)",
    "create-municipal-coordinator": "муниципальный координатор: --municipality … --name … --email …",
    "match": "подбор пар по файлу: nastavnik match INPUT.json --objective welfare|stable [--out OUTPUT.json]",
    "dynamics": "динамика «вход — выход» по CSV: nastavnik dynamics INPUT.csv [--out OUTPUT.json]",
    "import-roster": "импорт списков людей из XLSX/CSV: nastavnik import-roster FILE --org CODE [--dry-run]",
    "export-roster": "выгрузка людей и баз в XLSX: nastavnik export-roster FILE --org CODE",
    "municipal-export": "статистические формы в XLSX: nastavnik municipal-export FILE.xlsx [--municipality NAME]",
    "purge": "уничтожить данные отозвавших согласие по истечении срока, с актом уничтожения",
    "backup": "резервная копия базы и файлов в один архив: nastavnik backup FILE.tar.gz",
    "restore": "восстановление из резервной копии в пустую установку: nastavnik restore FILE.tar.gz [--force]",
    "promote-classes": "перевод в следующий класс в конце учебного года: nastavnik promote-classes --org CODE",
    "migrate": "применить миграции базы данных",
    "createsuperuser": "создать администратора",
}


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if not argv or argv[0] in {"-h", "--help", "help"}:
        print("Наставник — команды оператора:\n")
        for name, text in COMMANDS.items():
            print(f"  {name:<16} {text}")
        return 0
    command, rest = argv[0], argv[1:]
    if command == "match":
        from nastavnik.matching.fileio import main as match_main

        return match_main(rest)
    if command == "dynamics":
        from nastavnik.monitoring.fileio import main as dynamics_main

        return dynamics_main(rest)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "nastavnik.settings")
    from django.core.management import execute_from_command_line

    execute_from_command_line(["nastavnik", command.replace("-", "_"), *rest])
    return 0


if __name__ == "__main__":
    sys.exit(main())
