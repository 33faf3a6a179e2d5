//! Where things live and the user's settings: database and config folders, config.toml.

use std::path::{Path, PathBuf};

use directories::ProjectDirs;
use serde::Deserialize;

use crate::domain::{Actor, Role};
use crate::i18n::Lang;

/// Environment variable naming the database folder.
pub const DB_ENV: &str = "FOKUS_DB";
/// Environment variable naming the config folder (keeps tests away from the user's own).
pub const CONFIG_ENV: &str = "FOKUS_CONFIG_DIR";
/// Days ahead reminders look by default.
pub const DEFAULT_WINDOW_DAYS: u32 = 7;
/// Daily backups kept by default.
pub const DEFAULT_BACKUPS_KEPT: usize = 7;
/// Minutes without a key press before the screen locks, by default.
pub const DEFAULT_LOCK_AFTER_MINUTES: f64 = 10.0;

fn project() -> Option<ProjectDirs> {
    ProjectDirs::from("dk", "Fokus", "fokus")
}

/// The default database folder, in the operating system's data directory.
pub fn default_db_dir() -> PathBuf {
    project().map_or_else(
        || PathBuf::from("fokus-data"),
        |p| p.data_dir().join("database"),
    )
}

/// The folder of the separate demo database used by `fokus --demo`.
pub fn demo_db_dir() -> PathBuf {
    project().map_or_else(
        || PathBuf::from("fokus-demo"),
        |p| p.data_dir().join("demo"),
    )
}

/// The folder of team mode's drafts on this PC, one folder per login (what is typed is
/// kept there until the server has it; nothing else of the team's is kept on the PC).
pub fn team_drafts_dir(login: &str) -> PathBuf {
    project()
        .map_or_else(
            || PathBuf::from("fokus-team"),
            |p| p.data_dir().join("team"),
        )
        .join(login)
}

/// Environment variable naming the export folder.
pub const EXPORT_ENV: &str = "FOKUS_EXPORT_DIR";

/// The default export folder: `FOKUS_EXPORT_DIR`, else `Fokus` in the user's documents
/// folder, else `eksport` in Fokus's data folder.
pub fn default_export_dir() -> PathBuf {
    export_dir(None)
}

/// The export folder: `FOKUS_EXPORT_DIR` when set (it overrides the config file for one
/// run), else `configured` (`export_dir` in `config.toml`), else the default.
pub fn export_dir(configured: Option<PathBuf>) -> PathBuf {
    if let Some(dir) = std::env::var_os(EXPORT_ENV).filter(|d| !d.is_empty()) {
        return PathBuf::from(dir);
    }
    if let Some(dir) = configured {
        return dir;
    }
    directories::UserDirs::new()
        .and_then(|u| u.document_dir().map(|d| d.join("Fokus")))
        .or_else(|| project().map(|p| p.data_dir().join("eksport")))
        .unwrap_or_else(|| PathBuf::from("fokus-eksport"))
}

/// The config folder: `FOKUS_CONFIG_DIR`, else the operating system's config directory.
pub fn config_dir() -> Option<PathBuf> {
    match std::env::var_os(CONFIG_ENV) {
        Some(dir) if !dir.is_empty() => Some(PathBuf::from(dir)),
        _ => project().map(|p| p.config_dir().to_path_buf()),
    }
}

/// The database folder to use: `--db`, else `FOKUS_DB`, else the demo or default folder.
pub fn db_dir(flag: Option<&Path>, demo: bool) -> PathBuf {
    if let Some(dir) = flag {
        return dir.to_path_buf();
    }
    if demo {
        return demo_db_dir();
    }
    match std::env::var_os(DB_ENV) {
        Some(dir) if !dir.is_empty() => PathBuf::from(dir),
        _ => default_db_dir(),
    }
}

/// The settings in `config.toml`.
#[derive(Clone, Debug, Default, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Config {
    /// `da` or `en`.
    pub lang: Option<String>,
    /// How many days ahead reminders look.
    pub reminder_days: Option<u32>,
    /// How many daily backups to keep.
    pub backups_kept: Option<usize>,
    /// Months after a student finished before their data comes up for review.
    pub retention_months: Option<u32>,
    /// Where minutes, calendars and student exports are written.
    pub export_dir: Option<PathBuf>,
    /// Whether calendar files name students in full instead of by initials.
    pub ics_full_names: Option<bool>,
    /// The user's name, as documents and timelines show it.
    pub user_name: Option<String>,
    /// The user's role: `supervisor`, `education_officer`, `employing_authority`,
    /// `school_counsellor` or `workplace_manager`.
    pub user_role: Option<String>,
    /// Whether the line on every page of an agenda or minutes names the student by
    /// initials instead of in full.
    pub document_initials: Option<bool>,
    /// The team's PostgreSQL server (team mode), as a connection string or URL; never
    /// with a password in it (those come from PostgreSQL's password file).
    pub server: Option<String>,
    /// Minutes without a key press before the screen locks (`0.5` is half a minute);
    /// 0 never locks.
    pub lock_after_minutes: Option<Minutes>,
}

/// A number of minutes as `config.toml` gives it: whole (`10`) or with a fraction (`0.5`).
#[derive(Clone, Copy, Debug, Deserialize)]
#[serde(transparent)]
pub struct Minutes(pub f64);

// Compared bit for bit, so a config can be compared as a whole (NaN included).
impl PartialEq for Minutes {
    fn eq(&self, other: &Minutes) -> bool {
        self.0.to_bits() == other.0.to_bits()
    }
}

impl Eq for Minutes {}

/// The most days ahead reminders may look (ten years).
pub const MAX_WINDOW_DAYS: u32 = 3650;
/// The longest retention period in months (a hundred years).
pub const MAX_RETENTION_MONTHS: u32 = 1200;
/// The most daily backups kept.
pub const MAX_BACKUPS_KEPT: usize = 1000;
/// The longest time before the screen locks, in minutes (a day).
pub const MAX_LOCK_AFTER_MINUTES: u32 = 1440;

impl Config {
    /// The first number outside what Fokus can work with, as "name = value (from–to)".
    fn out_of_range(&self) -> Option<String> {
        let check = |name: &str, value: Option<u64>, from: u64, to: u64| {
            value
                .filter(|v| !(from..=to).contains(v))
                .map(|v| format!("{name} = {v} ({from}–{to})"))
        };
        check(
            "reminder_days",
            self.reminder_days.map(u64::from),
            0,
            u64::from(MAX_WINDOW_DAYS),
        )
        .or_else(|| {
            check(
                "retention_months",
                self.retention_months.map(u64::from),
                0,
                u64::from(MAX_RETENTION_MONTHS),
            )
        })
        .or_else(|| {
            check(
                "backups_kept",
                self.backups_kept.map(|n| n as u64),
                1,
                MAX_BACKUPS_KEPT as u64,
            )
        })
        .or_else(|| {
            let most = f64::from(MAX_LOCK_AFTER_MINUTES);
            self.lock_after_minutes
                .filter(|m| !(m.0.is_finite() && (0.0..=most).contains(&m.0)))
                .map(|m| format!("lock_after_minutes = {} (0–{most})", m.0))
        })
    }

    /// How long without a key press before the screen locks; `None` when it never does.
    pub fn lock_after(&self) -> Option<std::time::Duration> {
        let minutes = self
            .lock_after_minutes
            .map_or(DEFAULT_LOCK_AFTER_MINUTES, |m| m.0);
        (minutes > 0.0).then(|| std::time::Duration::from_secs_f64(minutes * 60.0))
    }

    /// The person using Fokus, as they told it, working under the operating-system
    /// `login`; `None` until both name and role are known.
    pub fn user(&self, login: &str) -> Option<Actor> {
        let name = self
            .user_name
            .as_deref()
            .map(str::trim)
            .filter(|n| !n.is_empty())?;
        let role = Role::from_user_code(self.user_role.as_deref()?)?;
        Some(Actor::new(name, role, login))
    }
}

/// Writes the user's name and role into `config.toml` in `dir`, keeping every other
/// setting and comment in the file as it was.
pub fn save_user(dir: &Path, name: &str, role: Role) -> Result<PathBuf, String> {
    let path = dir.join("config.toml");
    let text = match std::fs::read_to_string(&path) {
        Ok(text) => text,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => String::new(),
        Err(e) => return Err(format!("{}: {e}", path.display())),
    };
    let mut doc = text
        .parse::<toml_edit::DocumentMut>()
        .map_err(|e| format!("{}: {e}", path.display()))?;
    doc["user_name"] = toml_edit::value(name.trim());
    doc["user_role"] = toml_edit::value(role.code());
    std::fs::create_dir_all(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    crate::files::atomic::write(&path, doc.to_string().as_bytes())
        .map_err(|e| format!("{}: {e}", path.display()))?;
    Ok(path)
}

/// Reads `config.toml` from `dir`. A missing file is no error; a broken one is reported
/// (with the file name) and the defaults are used.
pub fn load(dir: Option<&Path>) -> (Config, Option<String>) {
    let Some(path) = dir.map(|d| d.join("config.toml")) else {
        return (Config::default(), None);
    };
    let text = match std::fs::read_to_string(&path) {
        Ok(text) => text,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return (Config::default(), None),
        Err(e) => return (Config::default(), Some(format!("{}: {e}", path.display()))),
    };
    match toml::from_str::<Config>(&text) {
        Ok(config) => {
            if let Some(code) = &config.lang
                && Lang::parse(code).is_none()
            {
                let msg = format!("{}: lang = \"{code}\" (da, en)", path.display());
                return (Config::default(), Some(msg));
            }
            if let Some(code) = &config.user_role
                && Role::from_user_code(code).is_none()
            {
                let codes: Vec<&str> = crate::domain::actor::USER_ROLES
                    .iter()
                    .map(|r| r.code())
                    .collect();
                let msg = format!(
                    "{}: user_role = \"{code}\" ({})",
                    path.display(),
                    codes.join(", ")
                );
                return (Config::default(), Some(msg));
            }
            if let Some(what) = config.out_of_range() {
                return (
                    Config::default(),
                    Some(format!("{}: {what}", path.display())),
                );
            }
            (config, None)
        }
        Err(e) => (Config::default(), Some(format!("{}: {e}", path.display()))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_missing_config_file_is_fine_and_a_broken_one_is_reported() {
        let dir = tempfile::tempdir().unwrap();
        assert_eq!(load(Some(dir.path())), (Config::default(), None));
        std::fs::write(
            dir.path().join("config.toml"),
            "lang = \"en\"\nreminder_days = 14\nretention_months = 24\n\
             export_dir = \"/srv/fokus\"\nics_full_names = true\ndocument_initials = true\n",
        )
        .unwrap();
        let (config, err) = load(Some(dir.path()));
        assert_eq!(err, None);
        assert_eq!(config.reminder_days, Some(14));
        assert_eq!(config.retention_months, Some(24));
        assert_eq!(config.export_dir, Some(PathBuf::from("/srv/fokus")));
        assert_eq!(config.ics_full_names, Some(true));
        assert_eq!(config.document_initials, Some(true));
        std::fs::write(dir.path().join("config.toml"), "lang = \"fr\"\n").unwrap();
        let (config, err) = load(Some(dir.path()));
        assert_eq!(config, Config::default());
        assert!(err.unwrap().contains("config.toml"));
        std::fs::write(dir.path().join("config.toml"), "reminderdays = 3\n").unwrap();
        assert!(load(Some(dir.path())).1.unwrap().contains("reminderdays"));
    }

    #[test]
    fn the_user_is_known_once_name_and_role_are_both_given() {
        let mut config = Config {
            user_name: Some("  Hanne Krogh ".into()),
            ..Config::default()
        };
        assert_eq!(config.user("hkr"), None);
        config.user_role = Some("education_officer".into());
        assert_eq!(
            config.user("hkr"),
            Some(Actor::new("Hanne Krogh", Role::EducationOfficer, "hkr"))
        );
        config.user_role = Some("student".into());
        assert_eq!(config.user("hkr"), None);
    }

    #[test]
    fn saving_the_user_keeps_the_other_settings_and_comments() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(
            dir.path().join("config.toml"),
            "# mine\nlang = \"en\"\nuser_name = \"Old\"\n",
        )
        .unwrap();
        save_user(dir.path(), "Bente Lund", Role::Supervisor).unwrap();
        let text = std::fs::read_to_string(dir.path().join("config.toml")).unwrap();
        assert!(text.contains("# mine"), "{text}");
        let (config, err) = load(Some(dir.path()));
        assert_eq!(err, None);
        assert_eq!(config.lang.as_deref(), Some("en"));
        assert_eq!(
            config.user("x"),
            Some(Actor::new("Bente Lund", Role::Supervisor, "x"))
        );
        let fresh = tempfile::tempdir().unwrap();
        let folder = fresh.path().join("new");
        save_user(&folder, "Ny", Role::EmployingAuthority).unwrap();
        assert_eq!(
            load(Some(&folder)).0.user_role.as_deref(),
            Some("employing_authority")
        );
    }

    #[test]
    fn numbers_fokus_cannot_work_with_are_reported_and_the_defaults_used() {
        let dir = tempfile::tempdir().unwrap();
        for (text, named) in [
            (
                "reminder_days = 4294967295\n",
                "reminder_days = 4294967295 (0–3650)",
            ),
            ("retention_months = 99999\n", "retention_months = 99999"),
            ("backups_kept = 0\n", "backups_kept = 0"),
        ] {
            std::fs::write(dir.path().join("config.toml"), text).unwrap();
            let (config, err) = load(Some(dir.path()));
            assert_eq!(config, Config::default(), "{text}");
            assert!(err.unwrap().contains(named), "{text}");
        }
        std::fs::write(dir.path().join("config.toml"), "reminder_days = 3650\n").unwrap();
        assert_eq!(load(Some(dir.path())).0.reminder_days, Some(3650));
    }

    #[test]
    fn the_lock_time_takes_whole_minutes_or_fractions_and_zero_turns_it_off() {
        let dir = tempfile::tempdir().unwrap();
        let minutes = |text: &str| {
            std::fs::write(dir.path().join("config.toml"), text).unwrap();
            let (config, err) = load(Some(dir.path()));
            (config.lock_after(), err)
        };
        let ten = Some(std::time::Duration::from_secs(600));
        assert_eq!(minutes(""), (ten, None));
        assert_eq!(
            minutes("lock_after_minutes = 3\n"),
            (Some(std::time::Duration::from_secs(180)), None)
        );
        assert_eq!(
            minutes("lock_after_minutes = 0.5\n"),
            (Some(std::time::Duration::from_secs(30)), None)
        );
        assert_eq!(minutes("lock_after_minutes = 0\n"), (None, None));
        for (text, named) in [
            (
                "lock_after_minutes = -1\n",
                "lock_after_minutes = -1 (0–1440)",
            ),
            ("lock_after_minutes = 1441\n", "lock_after_minutes = 1441"),
            ("lock_after_minutes = nan\n", "lock_after_minutes = NaN"),
            ("lock_after_minutes = inf\n", "lock_after_minutes = inf"),
            ("lock_after_minutes = \"ti\"\n", "lock_after_minutes"),
        ] {
            let (after, err) = minutes(text);
            assert_eq!(after, ten, "{text}");
            assert!(
                err.as_deref().is_some_and(|e| e.contains(named)),
                "{text}: {err:?}"
            );
        }
    }

    proptest::proptest! {
        /// Whatever a config file holds, loading it never panics, and what it accepts is
        /// within what Fokus works with.
        #[test]
        fn any_config_file_loads_without_panicking(
            text in "[a-z_ =\"0-9\n.\\[\\]-]{0,120}",
            days in proptest::num::u64::ANY,
            kept in proptest::num::u64::ANY,
        ) {
            let dir = tempfile::tempdir().unwrap();
            for body in [
                text.clone(),
                format!("reminder_days = {days}\nbackups_kept = {kept}\n"),
                format!("retention_months = {days}\n{text}"),
            ] {
                std::fs::write(dir.path().join("config.toml"), &body).unwrap();
                let (config, _) = load(Some(dir.path()));
                proptest::prop_assert!(config.reminder_days.is_none_or(|d| d <= MAX_WINDOW_DAYS));
                proptest::prop_assert!(
                    config.retention_months.is_none_or(|m| m <= MAX_RETENTION_MONTHS)
                );
                proptest::prop_assert!(
                    config.backups_kept.is_none_or(|k| (1..=MAX_BACKUPS_KEPT).contains(&k))
                );
            }
        }
    }

    #[test]
    fn the_db_flag_wins_over_everything() {
        let flag = Path::new("/tmp/x");
        assert_eq!(db_dir(Some(flag), true), PathBuf::from("/tmp/x"));
    }
}
