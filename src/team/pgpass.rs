//! Passwords from PostgreSQL's own password file, as its tools read it: `PGPASSFILE`, or
//! `.pgpass` in the home folder (`%APPDATA%\postgresql\pgpass.conf` on Windows). Lines are
//! `host:port:database:user:password`; `*` matches anything in the first four fields, and
//! `\:` and `\\` stand for `:` and `\`. As PostgreSQL does, a file others may read is
//! ignored on Unix. A password never sits in Fokus's own `config.toml`.

use std::path::{Path, PathBuf};

/// What a connection is for: the fields a line of the file is matched against.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Target<'a> {
    pub host: &'a str,
    pub port: u16,
    pub database: &'a str,
    pub user: &'a str,
}

/// Why the password file was not used.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Skipped {
    /// Others may read or write it (Unix): PostgreSQL ignores such a file too.
    Open(PathBuf),
}

/// The file to read: `PGPASSFILE`, else the platform's default place.
pub fn file() -> Option<PathBuf> {
    if let Some(path) = std::env::var_os("PGPASSFILE") {
        return Some(PathBuf::from(path));
    }
    #[cfg(windows)]
    {
        std::env::var_os("APPDATA").map(|d| PathBuf::from(d).join("postgresql").join("pgpass.conf"))
    }
    #[cfg(not(windows))]
    {
        std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".pgpass"))
    }
}

/// The password the file at `path` holds for `target`, if any.
pub fn password(path: &Path, target: &Target<'_>) -> Result<Option<String>, Skipped> {
    let Ok(text) = std::fs::read_to_string(path) else {
        return Ok(None);
    };
    if !private(path) {
        return Err(Skipped::Open(path.to_path_buf()));
    }
    Ok(lookup(&text, target))
}

#[cfg(unix)]
fn private(path: &Path) -> bool {
    use std::os::unix::fs::PermissionsExt;
    std::fs::metadata(path).is_ok_and(|m| m.permissions().mode() & 0o077 == 0)
}

#[cfg(not(unix))]
fn private(_path: &Path) -> bool {
    // The file sits in the user's own profile folder, as PostgreSQL expects there.
    true
}

/// The password of the first line in `text` that matches `target`.
pub fn lookup(text: &str, target: &Target<'_>) -> Option<String> {
    let port = target.port.to_string();
    let wanted = [target.host, port.as_str(), target.database, target.user];
    text.lines()
        .filter(|line| !line.trim_start().starts_with('#'))
        .filter_map(fields)
        .find(|f| {
            f[..4]
                .iter()
                .zip(wanted)
                .all(|(field, want)| field == "*" || field == want)
        })
        .map(|f| f[4].clone())
}

/// The five fields of a line, with `\:` and `\\` read as `:` and `\`.
fn fields(line: &str) -> Option<Vec<String>> {
    let mut out = vec![String::new()];
    let mut chars = line.chars();
    while let Some(c) = chars.next() {
        match c {
            '\\' => out.last_mut()?.push(chars.next().unwrap_or('\\')),
            ':' if out.len() < 5 => out.push(String::new()),
            c => out.last_mut()?.push(c),
        }
    }
    (out.len() == 5).then_some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn target<'a>(host: &'a str, user: &'a str) -> Target<'a> {
        Target {
            host,
            port: 5432,
            database: "fokus",
            user,
        }
    }

    #[test]
    fn the_first_matching_line_gives_the_password_and_stars_match_anything() {
        let text = "# the team's server\n\
                    db.kommune.dk:5432:fokus:hanne:first\n\
                    *:*:fokus:hanne:second\n\
                    *:*:*:*:fallback\n";
        assert_eq!(
            lookup(text, &target("db.kommune.dk", "hanne")),
            Some("first".into())
        );
        assert_eq!(
            lookup(text, &target("/run/postgresql", "hanne")),
            Some("second".into())
        );
        assert_eq!(lookup(text, &target("x", "bente")), Some("fallback".into()));
        assert_eq!(lookup("a:1:b:c:d\n", &target("x", "bente")), None);
    }

    #[test]
    fn escaped_colons_and_backslashes_are_part_of_a_field() {
        let text = r"*:*:fokus:hanne:pa\:ss\\word";
        assert_eq!(
            lookup(text, &target("h", "hanne")),
            Some(r"pa:ss\word".into())
        );
        // A colon in the password needs no escape after the fourth field.
        assert_eq!(
            lookup("*:*:*:hanne:a:b", &target("h", "hanne")),
            Some("a:b".into())
        );
        assert_eq!(lookup("too:few:fields", &target("h", "hanne")), None);
    }

    #[cfg(unix)]
    #[test]
    fn a_file_others_may_read_is_not_used() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("pgpass");
        std::fs::write(&path, "*:*:*:*:secret\n").unwrap();
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o644)).unwrap();
        assert_eq!(
            password(&path, &target("h", "u")),
            Err(Skipped::Open(path.clone()))
        );
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o600)).unwrap();
        assert_eq!(
            password(&path, &target("h", "u")),
            Ok(Some("secret".into()))
        );
        assert_eq!(
            password(&dir.path().join("none"), &target("h", "u")),
            Ok(None)
        );
    }
}
