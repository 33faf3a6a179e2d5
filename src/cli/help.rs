//! The command line's help in the user's language. clap's own words (the headings,
//! "Print help", the help command, `[OPTIONS]`) are replaced too: each command's help
//! layout is written out with headings from the catalog, the help and version flags are
//! our own, and the usage lines are rendered once and given back with the placeholder
//! translated.

use clap::builder::Styles;
use clap::{Arg, ArgAction, Command, CommandFactory};

use super::Cli;
use crate::i18n::{Lang, T};

/// The name of the `help` command clap adds.
const HELP_COMMAND: &str = "help";

/// The whole command line, ready to parse, with every text in `lang`.
pub fn command(lang: Lang) -> Command {
    let mut cmd = localize(Cli::command(), lang, "")
        .disable_version_flag(true)
        .arg(
            Arg::new("version")
                .short('V')
                .long("version")
                .action(ArgAction::Version)
                .help(lang.t(T::CliVersionFlag))
                .display_order(LAST + 1),
        );
    // clap adds the `help` command, and copies the global options into every command,
    // while building; the help command is translated after that.
    cmd.build();
    let cmd = cmd.mut_subcommand(HELP_COMMAND, |help| {
        // Built in full, it holds a copy of every command (made from the translated ones)
        // and a `help` of its own.
        let help = help
            .about(lang.t(T::CliHelpCommand))
            .subcommand_value_name(lang.t(T::CliCommandName));
        let layout = template(lang, &help);
        help.help_template(layout)
            .mut_subcommand(HELP_COMMAND, |inner| {
                let inner = inner.about(lang.t(T::CliHelpCommand));
                let layout = template(lang, &inner);
                inner.help_template(layout)
            })
    });
    with_usage(cmd, lang)
}

/// Where the options every command takes are listed: after the command's own.
const GLOBAL: usize = 100;
/// Where the help and version flags are listed: last.
const LAST: usize = 1000;

/// `cmd` and its commands with about, arguments, layout and help flag from the catalog.
fn localize(cmd: Command, lang: Lang, parent: &str) -> Command {
    let name = cmd.get_name().to_string();
    let cmd = match about_in(parent, &name) {
        Some(key) => cmd.about(lang.t(key)),
        None => cmd,
    };
    let mut order = 0;
    let cmd = cmd
        .subcommand_value_name(lang.t(T::CliCommandName))
        .mut_args(|arg| {
            order += 1;
            let first = if arg.is_global_set() { GLOBAL } else { 0 };
            localize_arg(&name, arg, lang).display_order(first + order)
        })
        .disable_help_flag(true)
        .arg(
            Arg::new("help")
                .short('h')
                .long("help")
                .action(ArgAction::Help)
                .help(lang.t(T::CliHelpFlag))
                .display_order(LAST),
        )
        .mut_subcommands(|sub| localize(sub, lang, &name));
    let layout = template(lang, &cmd);
    cmd.help_template(layout)
}

fn localize_arg(command: &str, arg: Arg, lang: Lang) -> Arg {
    match arg_text(command, arg.get_id().as_str()) {
        Some((help, value)) => {
            let arg = arg.help(lang.t(help));
            match value {
                Some(value) => arg.value_name(lang.t(value)),
                None => arg,
            }
        }
        None => arg,
    }
}

/// The help layout clap uses, written out for `cmd` so that the headings are ours: the
/// usage, then the commands, the arguments and the options it has.
fn template(lang: Lang, cmd: &Command) -> String {
    let styles = Styles::default();
    let heading = |key: T, style: &clap::builder::styling::Style| {
        format!("{}{}:{}", style.render(), lang.t(key), style.render_reset())
    };
    let header = styles.get_header();
    let mut layout = format!(
        "{{before-help}}{{about-with-newline}}\n{} {{usage}}",
        heading(T::CliUsage, styles.get_usage())
    );
    if cmd.get_subcommands().next().is_some() {
        layout += &format!("\n\n{}\n{{subcommands}}", heading(T::CliCommands, header));
    }
    if cmd.get_positionals().next().is_some() {
        layout += &format!("\n\n{}\n{{positionals}}", heading(T::CliArguments, header));
    }
    if cmd.get_arguments().any(|a| !a.is_positional()) || !cmd.is_disable_help_flag_set() {
        layout += &format!("\n\n{}\n{{options}}", heading(T::CliOptions, header));
    }
    layout + "{after-help}"
}

/// `cmd` and its commands with their usage line in `lang`: rendered by clap (which knows
/// the arguments), with `[OPTIONS]` translated.
fn with_usage(mut cmd: Command, lang: Lang) -> Command {
    let usage = usage_line(&mut cmd).replace("[OPTIONS]", lang.t(T::CliOptionsTag));
    cmd.override_usage(usage)
        .mut_subcommands(|sub| with_usage(sub, lang))
}

/// The usage line of `cmd` without clap's heading, such as `fokus remind [TILVALG]`.
pub(super) fn usage_line(cmd: &mut Command) -> String {
    let rendered = cmd.render_usage().to_string();
    match rendered.split_once(' ') {
        Some((_, line)) => line.trim().to_string(),
        None => rendered,
    }
}

/// What command `command` of `parent` is for: the team's commands may share a name with
/// one of Fokus's own.
fn about_in(parent: &str, command: &str) -> Option<T> {
    match (parent, command) {
        ("team", "import") => Some(T::CliTeamImportCommand),
        _ => about(command),
    }
}

/// What each command is for.
fn about(command: &str) -> Option<T> {
    Some(match command {
        "fokus" => T::CliAbout,
        "demo" => T::CliDemoCommand,
        "remind" => T::CliRemindCommand,
        "check" => T::CliCheckCommand,
        "backup" => T::CliBackupCommand,
        "restore" => T::CliRestoreCommand,
        "students" => T::CliStudentsCommand,
        "addresses" => T::CliAddressesCommand,
        "minutes" => T::CliMinutesCommand,
        "ics" => T::CliIcsCommand,
        "stats" => T::CliStatsCommand,
        "import" => T::CliImportCommand,
        "export-student" => T::CliExportStudentCommand,
        "erase-student" => T::CliEraseStudentCommand,
        "receipts" => T::CliReceiptsCommand,
        "team" => T::CliTeamCommand,
        "key" => T::CliKeyCommand,
        "change" => T::CliKeyChangeCommand,
        "recover" => T::CliKeyRecoverCommand,
        "remember" => T::CliKeyRememberCommand,
        "forget" => T::CliKeyForgetCommand,
        "init" => T::CliTeamInitCommand,
        "add-user" => T::CliTeamAddUserCommand,
        "assign" => T::CliTeamAssignCommand,
        "log" => T::CliTeamLogCommand,
        _ => return None,
    })
}

/// The help of argument `arg` of `command` and the name of its value, if it takes one.
fn arg_text(command: &str, arg: &str) -> Option<(T, Option<T>)> {
    Some(match (command, arg) {
        ("fokus", "db") => (T::CliDb, Some(T::CliValueDir)),
        ("fokus", "demo") => (T::CliDemo, None),
        ("fokus", "lang") => (T::CliLang, Some(T::CliValueLang)),
        ("fokus", "keymap") => (T::CliKeymap, Some(T::CliValueFile)),
        ("fokus", "server") => (T::CliServer, Some(T::CliValueServer)),
        ("remind", "days") => (T::CliRemindDays, Some(T::CliValueN)),
        ("remind", "all") => (T::CliRemindAll, None),
        ("check", "repair") => (T::CliCheckRepair, None),
        ("check", "start_over") => (T::CliCheckStartOver, None),
        ("backup", "file") => (T::CliBackupFile, Some(T::CliValueFile)),
        ("restore", "file") => (T::CliRestoreFile, Some(T::CliValueFile)),
        ("minutes" | "export-student" | "erase-student", "id") => {
            (T::CliStudentId, Some(T::CliValueId))
        }
        ("minutes", "dir") => (T::CliMinutesDir, Some(T::CliValueDir)),
        ("ics", "from") => (T::CliIcsFrom, Some(T::CliValueDate)),
        ("ics", "to") => (T::CliIcsTo, Some(T::CliValueDate)),
        ("ics", "file") => (T::CliIcsFile, Some(T::CliValueFile)),
        ("stats", "from") => (T::CliStatsFrom, Some(T::CliValueDate)),
        ("stats", "to") => (T::CliStatsTo, Some(T::CliValueDate)),
        ("stats", "by") => (T::CliStatsBy, Some(T::CliValueGrouping)),
        ("stats", "format") => (T::CliStatsFormat, Some(T::CliValueFormat)),
        ("stats", "out") => (T::CliStatsOut, Some(T::CliValueFile)),
        ("stats", "employer") => (T::CliStatsEmployer, Some(T::CliValueName)),
        ("stats", "workplace") => (T::CliStatsWorkplace, Some(T::CliValueName)),
        ("stats", "school") => (T::CliStatsSchool, Some(T::CliValueName)),
        ("stats", "programme") => (T::CliStatsProgramme, Some(T::CliValueProgramme)),
        ("stats", "cohort") => (T::CliStatsCohort, Some(T::CliValueMonth)),
        ("import", "file") => (T::CliImportFile, Some(T::CliValueFile)),
        ("import", "dry_run") => (T::CliImportDryRun, None),
        ("export-student", "dir") => (T::CliExportStudentDir, Some(T::CliValueDir)),
        ("erase-student", "name") => (T::CliEraseName, Some(T::CliValueFullName)),
        ("team", "server") => (T::CliTeamServer, Some(T::CliValueServer)),
        ("add-user" | "assign", "login") => (T::CliTeamLogin, Some(T::CliValueLogin)),
        ("add-user", "name") => (T::CliTeamName, Some(T::CliValueName)),
        ("add-user", "role") => (T::CliTeamRole, Some(T::CliValueRole)),
        ("add-user", "authority") => (T::CliTeamAuthority, Some(T::CliValueName)),
        ("assign" | "log", "student") => (T::CliStudentId, Some(T::CliValueId)),
        ("import", "from") => (T::CliTeamImportFrom, Some(T::CliValueDir)),
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_command_and_argument_has_words_in_the_catalog() {
        let cli = Cli::command();
        let mut missing = Vec::new();
        let mut commands = vec![&cli];
        commands.extend(cli.get_subcommands());
        for cmd in commands {
            let name = cmd.get_name();
            if about(name).is_none() {
                missing.push(format!("about {name}"));
            }
            for arg in cmd.get_arguments() {
                let id = arg.get_id().as_str();
                match arg_text(name, id) {
                    None => missing.push(format!("{name} {id}")),
                    Some((_, value)) => {
                        if arg.get_action().takes_values() && value.is_none() {
                            missing.push(format!("{name} {id}: the value's name"));
                        }
                    }
                }
            }
        }
        assert!(missing.is_empty(), "not in the catalog: {missing:?}");
    }

    /// Every line of the help of `path` (a command and its subcommand, if any).
    fn help(lang: Lang, path: &[&str]) -> String {
        let mut cmd = command(lang);
        let mut at = &mut cmd;
        for name in path {
            at = at.find_subcommand_mut(name).unwrap();
        }
        at.render_help().to_string()
    }

    #[test]
    fn no_word_of_clap_s_own_english_is_left_in_the_danish_help() {
        let cli = command(Lang::Da);
        let mut paths: Vec<Vec<&str>> = vec![vec![]];
        paths.extend(cli.get_subcommands().map(|s| vec![s.get_name()]));
        let english = [
            "Usage",
            "Options",
            "Arguments",
            "Commands",
            "Print",
            "OPTIONS",
            "COMMAND",
            "<FILE>",
            "<DIR>",
            "<DATE>",
            "subcommand",
            "the ",
        ];
        for path in paths {
            let text = help(Lang::Da, &path);
            for word in english {
                assert!(
                    !text.contains(word),
                    "{word:?} in the help of {path:?}:\n{text}"
                );
            }
            assert!(text.contains("Brug: fokus"), "{path:?}:\n{text}");
            // The help command takes no options; every other command does.
            if path != [HELP_COMMAND] {
                assert!(text.contains("Tilvalg:"), "{path:?}:\n{text}");
                assert!(text.contains("-h, --help  "), "{path:?}:\n{text}");
                assert!(text.contains("Vis hjælpen"), "{path:?}:\n{text}");
            }
        }
        let root = help(Lang::Da, &[]);
        for words in ["Kommandoer:", "[KOMMANDO]", "Vis versionen", "--db <MAPPE>"] {
            assert!(root.contains(words), "{words:?} missing:\n{root}");
        }
        let ics = help(Lang::Da, &["ics"]);
        assert!(
            ics.contains("Argumenter:") && ics.contains("<FIL>"),
            "{ics}"
        );
    }

    #[test]
    fn the_english_help_is_clap_s_own_layout_with_our_words() {
        let root = help(Lang::En, &[]);
        for words in [
            "Usage: fokus [OPTIONS] [COMMAND]",
            "Commands:",
            "Options:",
            "Print help",
            "Print version",
            "--db <DIR>",
        ] {
            assert!(root.contains(words), "{words:?} missing:\n{root}");
        }
        let remind = help(Lang::En, &["remind"]);
        assert!(remind.contains("Usage: fokus remind [OPTIONS]"), "{remind}");
        assert!(remind.contains("--days <N>"), "{remind}");
        assert!(!remind.contains("Brug"), "{remind}");
    }
}
