use std::process::ExitCode;

use fokus::cli::{self, Command};
use fokus::commands::{self, CheckMode, Setup};
use fokus::config;
use fokus::i18n::{Lang, T};

fn main() -> ExitCode {
    // Every file Fokus creates (database, exports) is for its owner only.
    fokus::files::fsperm::restrict_umask();
    let config_dir = config::config_dir();
    let (config, config_error) = config::load(config_dir.as_deref());
    let configured = config
        .lang
        .as_deref()
        .and_then(Lang::parse)
        .unwrap_or_default();
    // The language is settled before parsing, so the help and the errors speak it too.
    let args: Vec<_> = std::env::args_os().collect();
    let lang = match cli::lang_arg(&args) {
        Some(code) => match Lang::parse(&code) {
            Some(lang) => lang,
            None => {
                eprintln!("fokus: {}", configured.fill(T::BadLang, &[("lang", &code)]));
                return ExitCode::from(2);
            }
        },
        None => configured,
    };
    let cli = match cli::parse(args, lang) {
        Ok(cli) => cli,
        Err(code) => return code,
    };
    let keymap_file = cli.keymap.clone().or_else(|| {
        config_dir
            .as_ref()
            .and_then(|d| commands::existing(d.join("keymap.toml")))
    });
    let setup = Setup {
        lang,
        db_dir: config::db_dir(cli.db.as_deref(), cli.demo),
        demo: cli.demo,
        window_days: config.reminder_days.unwrap_or(config::DEFAULT_WINDOW_DAYS),
        retention_months: config
            .retention_months
            .unwrap_or(fokus::domain::reminders::DEFAULT_RETENTION_MONTHS),
        exports: fokus::runner::Exports {
            dir: config::export_dir(config.export_dir.clone()),
            ics_full_names: config.ics_full_names.unwrap_or(false),
            document_initials: config.document_initials.unwrap_or(false),
        },
        keep_backups: config.backups_kept.unwrap_or(config::DEFAULT_BACKUPS_KEPT),
        keymap_file,
        config_error,
        user: config.user(&fokus::platform::login_name()),
        config_dir: config_dir.clone(),
        server: config.server.clone(),
        app_server: cli.server.clone(),
        local_only: cli.demo || cli.db.is_some(),
        lock_after: config.lock_after(),
    };
    // The application shows a broken config file over its first screen; a command says so
    // on stderr, so a login script's log shows why its settings were not used.
    if cli.command.is_some()
        && let Some(e) = &setup.config_error
    {
        eprintln!("fokus: {}: {e}", lang.t(T::ConfigErrorTitle));
    }
    match cli.command {
        Some(Command::Demo) => commands::demo(&setup),
        Some(Command::Remind { days, all }) => {
            commands::remind(&setup, days.unwrap_or(setup.window_days), all)
        }
        Some(Command::Check { repair, start_over }) => {
            let mode = match (repair, start_over) {
                (true, _) => CheckMode::Repair,
                (_, true) => CheckMode::StartOver,
                _ => CheckMode::Report,
            };
            commands::check(&setup, mode)
        }
        Some(Command::Backup { file }) => commands::backup(&setup, file.as_deref()),
        Some(Command::Restore { file }) => commands::restore(&setup, &file),
        Some(Command::Students) => commands::students(&setup),
        Some(Command::Addresses) => commands::addresses(&setup),
        Some(Command::Minutes { id, dir }) => commands::minutes(&setup, id, dir.as_deref()),
        Some(Command::Ics { from, to, file }) => {
            commands::ics(&setup, from.as_deref(), to.as_deref(), &file)
        }
        Some(Command::Stats {
            from,
            to,
            by,
            format,
            out,
            employer,
            workplace,
            school,
            programme,
            cohort,
        }) => commands::stats(
            &setup,
            &commands::StatsArgs {
                from,
                to,
                by,
                format,
                out,
                employer,
                workplace,
                school,
                programme,
                cohort,
            },
        ),
        Some(Command::Import { file, dry_run }) => commands::import(&setup, &file, dry_run),
        Some(Command::ExportStudent { id, dir }) => commands::export_student(&setup, id, &dir),
        Some(Command::EraseStudent { id, name }) => commands::erase_student(&setup, id, &name),
        Some(Command::Receipts) => commands::receipts(&setup),
        Some(Command::Key { action }) => commands::key(&setup, action),
        Some(Command::Team { server, action }) => {
            commands::team(&setup, server.as_deref(), &action)
        }
        None => commands::app(&setup),
    }
}
