//! TLS for team connections: when it is used, which certificates are trusted, and what a
//! failed handshake means to the user.
//!
//! The rule: a server on another machine is reached only over TLS with the certificate
//! fully checked, both that it chains to a trusted root and that it is made out to the
//! host name connected to. Whatever `sslmode` the address gives does not weaken that:
//! `disable`, which forbids TLS, is refused before anything is sent, and every other value
//! (`allow`, `prefer`, `require`, `verify-ca`) is taken as `verify-full`. A Unix socket or
//! this machine (`localhost`, `127.0.0.1`, `::1`) is reached in plain, as before, unless
//! the address asks for TLS with `require`, `verify-ca` or `verify-full`; then the
//! certificate is checked fully there too. Fokus never makes an unverified TLS connection.
//!
//! Trusted roots are the operating system's, plus the CA file PostgreSQL's own tools
//! would use: `sslrootcert` in the address, else `PGSSLROOTCERT`, else
//! `~/.postgresql/root.crt` (`%APPDATA%\postgresql\root.crt` on Windows) when it exists.
//! `sslrootcert=system` names no file, only the operating system's roots.
//!
//! The `postgres` crate does not know `verify-ca`, `verify-full`, `allow` or `sslrootcert`,
//! so [`split`] takes `sslmode` and `sslrootcert` out of the address before it is parsed.

use std::borrow::Cow;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use postgres::config::Host;
use rustls::pki_types::CertificateDer;
use rustls::pki_types::pem::PemObject;
use tokio_postgres_rustls::MakeRustlsConnect;

use super::TeamError;

/// PostgreSQL's `sslmode` values, as libpq knows them.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SslMode {
    Disable,
    Allow,
    Prefer,
    Require,
    VerifyCa,
    VerifyFull,
}

impl SslMode {
    fn parse(value: &str) -> Option<SslMode> {
        Some(match value {
            "disable" => SslMode::Disable,
            "allow" => SslMode::Allow,
            "prefer" => SslMode::Prefer,
            "require" => SslMode::Require,
            "verify-ca" => SslMode::VerifyCa,
            "verify-full" => SslMode::VerifyFull,
            _ => return None,
        })
    }

    /// Whether the address asks for TLS rather than merely allowing it.
    fn asks_for_tls(self) -> bool {
        matches!(
            self,
            SslMode::Require | SslMode::VerifyCa | SslMode::VerifyFull
        )
    }
}

/// The TLS settings an address gives, taken out of it.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Request {
    pub mode: Option<SslMode>,
    pub root_cert: Option<String>,
}

/// How a connection is made.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Plan {
    /// No TLS: a Unix socket or this machine, and TLS not asked for.
    Plain,
    /// TLS, the certificate checked against the trusted roots and the host name.
    Verified,
}

/// Splits `sslmode` and `sslrootcert` out of `url` (a URL or `key=value` pairs), giving
/// the rest for `postgres::Config` and the two settings. The error says what is wrong.
pub fn split(url: &str) -> Result<(String, Request), String> {
    let (rest, pairs) = match ["postgresql://", "postgres://"]
        .iter()
        .find(|p| url.starts_with(*p))
    {
        Some(_) => split_url(url)?,
        None => split_pairs(url)?,
    };
    let mut request = Request::default();
    for (key, value) in pairs {
        match key.as_str() {
            "sslmode" => {
                request.mode = Some(
                    SslMode::parse(&value)
                        .ok_or_else(|| format!("invalid value for option `sslmode`: {value:?}"))?,
                );
            }
            _ => request.root_cert = Some(value),
        }
    }
    Ok((rest, request))
}

fn ours(key: &str) -> bool {
    key == "sslmode" || key == "sslrootcert"
}

/// The URL form: the settings are query parameters, after the first `?` that follows the
/// user and password (which end at the first `@`, as the `postgres` crate reads them).
fn split_url(url: &str) -> Result<(String, Vec<(String, String)>), String> {
    let after_credentials = url.find('@').map_or(0, |at| at + 1);
    let Some(question) = url[after_credentials..].find('?') else {
        return Ok((url.to_string(), Vec::new()));
    };
    let query_start = after_credentials + question + 1;
    let mut kept = Vec::new();
    let mut taken = Vec::new();
    for piece in url[query_start..].split('&') {
        let (key, value) = piece.split_once('=').unwrap_or((piece, ""));
        let key = decode(key)?;
        if ours(&key) {
            taken.push((key.into_owned(), decode(value)?.into_owned()));
        } else {
            kept.push(piece);
        }
    }
    let mut rest = url[..query_start - 1].to_string();
    if !kept.is_empty() {
        rest.push('?');
        rest.push_str(&kept.join("&"));
    }
    Ok((rest, taken))
}

fn decode(s: &str) -> Result<Cow<'_, str>, String> {
    if !s.contains('%') {
        return Ok(Cow::Borrowed(s));
    }
    let bytes = s.as_bytes();
    let hex = |b: u8| (b as char).to_digit(16);
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let escaped = match bytes.get(i..i + 3) {
            Some([b'%', high, low]) => hex(*high).zip(hex(*low)),
            _ => None,
        };
        match escaped {
            Some((high, low)) => {
                out.push((high * 16 + low) as u8);
                i += 3;
            }
            // A `%` not followed by two hex digits stays, as the `postgres` crate leaves it.
            None => {
                out.push(bytes[i]);
                i += 1;
            }
        }
    }
    String::from_utf8(out)
        .map(Cow::Owned)
        .map_err(|_| format!("{s:?} is not UTF-8 once decoded"))
}

/// The `key=value` form: pairs split by white space, a value quoted in `'…'` when it holds
/// white space, `\` escaping the next character. The pairs that are ours are cut out of
/// the text; the others stay as written.
fn split_pairs(text: &str) -> Result<(String, Vec<(String, String)>), String> {
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let at = |i: usize| chars.get(i).map(|&(_, c)| c);
    let offset = |i: usize| chars.get(i).map_or(text.len(), |&(o, _)| o);
    let mut rest = String::new();
    let mut taken = Vec::new();
    let mut copied_to = 0;
    let mut i = 0;
    loop {
        while at(i).is_some_and(char::is_whitespace) {
            i += 1;
        }
        let start = i;
        while at(i).is_some_and(|c| !c.is_whitespace() && c != '=') {
            i += 1;
        }
        if i == start {
            if at(i).is_some() {
                return Err(format!("a setting without a name at byte {}", offset(i)));
            }
            break;
        }
        let key = &text[offset(start)..offset(i)];
        while at(i).is_some_and(char::is_whitespace) {
            i += 1;
        }
        if at(i) != Some('=') {
            return Err(format!("`{key}` has no `=`"));
        }
        i += 1;
        while at(i).is_some_and(char::is_whitespace) {
            i += 1;
        }
        let mut value = String::new();
        let quoted = at(i) == Some('\'');
        if quoted {
            i += 1;
        }
        loop {
            match at(i) {
                None if quoted => return Err(format!("the value of `{key}` has no closing '")),
                None => break,
                Some('\'') if quoted => {
                    i += 1;
                    break;
                }
                Some(c) if !quoted && c.is_whitespace() => break,
                Some('\\') => {
                    if let Some(next) = at(i + 1) {
                        value.push(next);
                    }
                    i += 2;
                }
                Some(c) => {
                    value.push(c);
                    i += 1;
                }
            }
        }
        if ours(key) {
            rest.push_str(&text[copied_to..offset(start)]);
            copied_to = offset(i);
            taken.push((key.to_string(), value));
        }
    }
    rest.push_str(&text[copied_to.min(text.len())..]);
    Ok((rest, taken))
}

/// Whether `host` is this machine.
fn local(host: &Host) -> bool {
    match host {
        #[cfg(unix)]
        Host::Unix(_) => true,
        Host::Tcp(name) => matches!(name.as_str(), "localhost" | "127.0.0.1" | "::1"),
    }
}

/// The servers of `config`, as a person reads them.
pub fn servers(config: &postgres::Config) -> String {
    let names: Vec<String> = config
        .get_hosts()
        .iter()
        .map(|host| match host {
            #[cfg(unix)]
            Host::Unix(path) => path.display().to_string(),
            Host::Tcp(name) => name.clone(),
        })
        .chain(config.get_hostaddrs().iter().map(|a| a.to_string()))
        .collect();
    names.join(", ")
}

/// How to connect to the servers of `config` given the `sslmode` asked for: TLS unless
/// every server is on this machine (an address given by `hostaddr` too) and TLS is not
/// asked for; a server elsewhere with `sslmode=disable` is refused.
pub fn plan(config: &postgres::Config, mode: Option<SslMode>) -> Result<Plan, TeamError> {
    let elsewhere = config.get_hosts().iter().any(|h| !local(h))
        || config.get_hostaddrs().iter().any(|a| !a.is_loopback());
    match mode {
        Some(SslMode::Disable) if elsewhere => Err(TeamError::NeedsTls(servers(config))),
        _ if elsewhere => Ok(Plan::Verified),
        Some(mode) if mode.asks_for_tls() => Ok(Plan::Verified),
        _ => Ok(Plan::Plain),
    }
}

/// The CA file to trust besides the operating system's roots, and whether it must exist
/// (it must when named; the default place is used only when something is there).
fn root_cert_file(named: Option<&str>) -> Option<(PathBuf, bool)> {
    let named = named
        .map(str::to_string)
        .or_else(|| std::env::var("PGSSLROOTCERT").ok());
    match named.as_deref() {
        Some("system") => None,
        Some(path) => Some((PathBuf::from(path), true)),
        None => default_root_cert().map(|path| (path, false)),
    }
}

fn default_root_cert() -> Option<PathBuf> {
    #[cfg(windows)]
    {
        std::env::var_os("APPDATA").map(|d| PathBuf::from(d).join("postgresql").join("root.crt"))
    }
    #[cfg(not(windows))]
    {
        std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".postgresql").join("root.crt"))
    }
}

/// The certificates in the PEM file at `path`.
fn read_cas(path: &Path) -> Result<Vec<CertificateDer<'static>>, TeamError> {
    let fail = |why: String| TeamError::RootCert(path.to_path_buf(), why);
    let bytes = std::fs::read(path).map_err(|e| fail(e.to_string()))?;
    let certs = CertificateDer::pem_slice_iter(&bytes)
        .collect::<Result<Vec<_>, _>>()
        .map_err(|e| fail(e.to_string()))?;
    if certs.is_empty() {
        return Err(fail("no certificate in it".to_string()));
    }
    Ok(certs)
}

/// A TLS connector that trusts the operating system's roots and the CA file named by
/// `root_cert` (or PostgreSQL's defaults), and checks the host name.
pub fn connector(root_cert: Option<&str>) -> Result<MakeRustlsConnect, TeamError> {
    let mut roots = rustls::RootCertStore::empty();
    // Certificates the system store holds but cannot parse are skipped, as are stores
    // that cannot be read: the CA file may be all there is.
    roots.add_parsable_certificates(rustls_native_certs::load_native_certs().certs);
    if let Some((path, required)) = root_cert_file(root_cert)
        && (required || path.exists())
    {
        for cert in read_cas(&path)? {
            roots
                .add(cert)
                .map_err(|e| TeamError::RootCert(path.clone(), e.to_string()))?;
        }
    }
    if roots.is_empty() {
        return Err(TeamError::NoTrustedRoots);
    }
    let provider = Arc::new(rustls::crypto::ring::default_provider());
    let mut config = rustls::ClientConfig::builder_with_provider(provider)
        .with_safe_default_protocol_versions()
        .map_err(|e| TeamError::Tls(e.to_string()))?
        .with_root_certificates(roots)
        .with_no_client_auth();
    // PostgreSQL 17 and later check it on direct TLS (sslnegotiation=direct); older
    // servers ignore it.
    config.alpn_protocols = vec![b"postgresql".to_vec()];
    Ok(MakeRustlsConnect::new(config))
}

/// What a failed connection over TLS means: an untrusted or misnamed certificate, a
/// server without TLS, or else what the server or network said.
pub fn explain(error: postgres::Error, servers: &str) -> TeamError {
    let mut cause: Option<&(dyn std::error::Error + 'static)> = Some(&error);
    while let Some(e) = cause {
        let rustls_error = e.downcast_ref::<rustls::Error>().or_else(|| {
            e.downcast_ref::<std::io::Error>()
                .and_then(|io| io.get_ref())
                .and_then(|inner| inner.downcast_ref::<rustls::Error>())
        });
        if let Some(rustls::Error::InvalidCertificate(why)) = rustls_error {
            use rustls::CertificateError as C;
            return match why {
                C::UnknownIssuer => TeamError::CertNotTrusted(servers.to_string()),
                C::NotValidForName | C::NotValidForNameContext { .. } => {
                    TeamError::CertWrongName(servers.to_string())
                }
                other => TeamError::CertInvalid(servers.to_string(), format!("{other:?}")),
            };
        }
        // tokio-postgres's own words when the server answers the TLS request with no.
        if e.to_string() == "server does not support TLS" {
            return TeamError::NoTlsOffered(servers.to_string());
        }
        cause = e.source();
    }
    TeamError::Server(error)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::str::FromStr;

    fn config(text: &str) -> postgres::Config {
        postgres::Config::from_str(text).unwrap()
    }

    #[test]
    fn the_settings_come_out_of_a_url_and_the_rest_stays_as_written() {
        let (rest, request) = split(
            "postgresql://bente:p%3Fw@db.example.org:5433/fokus?sslmode=verify-full&application_name=x&sslrootcert=%2Fetc%2Fca.pem",
        )
        .unwrap();
        assert_eq!(
            rest,
            "postgresql://bente:p%3Fw@db.example.org:5433/fokus?application_name=x"
        );
        assert_eq!(request.mode, Some(SslMode::VerifyFull));
        assert_eq!(request.root_cert.as_deref(), Some("/etc/ca.pem"));

        let (rest, request) = split("postgres://db.example.org/fokus?sslmode=require").unwrap();
        assert_eq!(rest, "postgres://db.example.org/fokus");
        assert_eq!(request.mode, Some(SslMode::Require));

        let (rest, request) = split("postgres://db.example.org/fokus").unwrap();
        assert_eq!(rest, "postgres://db.example.org/fokus");
        assert_eq!(request, Request::default());
    }

    #[test]
    fn the_settings_come_out_of_key_value_pairs_quoted_or_not() {
        let (rest, request) = split(
            "host=db.example.org sslmode = verify-ca user=bente sslrootcert='/my cas/ca\\'s.pem' dbname=fokus",
        )
        .unwrap();
        assert_eq!(rest, "host=db.example.org  user=bente  dbname=fokus");
        assert_eq!(request.mode, Some(SslMode::VerifyCa));
        assert_eq!(request.root_cert.as_deref(), Some("/my cas/ca's.pem"));
        assert_eq!(config(&rest).get_dbname(), Some("fokus"));

        let (rest, request) = split("host=/run/postgresql user=bente").unwrap();
        assert_eq!(rest, "host=/run/postgresql user=bente");
        assert_eq!(request, Request::default());
    }

    #[test]
    fn an_unknown_sslmode_or_broken_pairs_are_refused() {
        assert!(split("host=localhost sslmode=sometimes").is_err());
        assert!(split("postgresql://localhost/?sslmode=verify_full").is_err());
        assert!(split("host=localhost sslrootcert='/unclosed").is_err());
        assert!(split("host=localhost sslmode").is_err());
    }

    #[test]
    fn a_server_elsewhere_is_always_verified_and_never_plain() {
        for mode in [
            None,
            Some(SslMode::Allow),
            Some(SslMode::Prefer),
            Some(SslMode::Require),
            Some(SslMode::VerifyCa),
            Some(SslMode::VerifyFull),
        ] {
            for text in [
                "host=db.example.org",
                "host=10.0.0.5",
                "host=localhost,db.example.org",
                "host=localhost hostaddr=192.0.2.7",
            ] {
                assert_eq!(
                    plan(&config(text), mode).unwrap(),
                    Plan::Verified,
                    "{text} {mode:?}"
                );
            }
        }
        assert!(matches!(
            plan(&config("host=db.example.org"), Some(SslMode::Disable)),
            Err(TeamError::NeedsTls(_))
        ));
    }

    #[test]
    fn this_machine_is_plain_unless_tls_is_asked_for() {
        for text in [
            "host=localhost",
            "host=127.0.0.1",
            "host=::1",
            "host=localhost hostaddr=127.0.0.1",
        ] {
            for mode in [
                None,
                Some(SslMode::Disable),
                Some(SslMode::Allow),
                Some(SslMode::Prefer),
            ] {
                assert_eq!(
                    plan(&config(text), mode).unwrap(),
                    Plan::Plain,
                    "{text} {mode:?}"
                );
            }
            for mode in [SslMode::Require, SslMode::VerifyCa, SslMode::VerifyFull] {
                assert_eq!(
                    plan(&config(text), Some(mode)).unwrap(),
                    Plan::Verified,
                    "{text} {mode:?}"
                );
            }
        }
    }

    #[cfg(unix)]
    #[test]
    fn a_unix_socket_is_plain_unless_tls_is_asked_for() {
        assert_eq!(
            plan(&config("host=/run/postgresql"), None).unwrap(),
            Plan::Plain
        );
        assert_eq!(
            plan(&config("host=/run/postgresql"), Some(SslMode::VerifyFull)).unwrap(),
            Plan::Verified
        );
    }

    #[test]
    fn a_named_ca_file_must_exist_and_hold_a_certificate() {
        let dir = tempfile::tempdir().unwrap();
        let missing = dir.path().join("missing.pem");
        assert!(matches!(
            connector(Some(missing.to_str().unwrap())),
            Err(TeamError::RootCert(path, _)) if path == missing
        ));
        let empty = dir.path().join("empty.pem");
        std::fs::write(&empty, "not a certificate\n").unwrap();
        assert!(matches!(
            connector(Some(empty.to_str().unwrap())),
            Err(TeamError::RootCert(path, _)) if path == empty
        ));
    }
}
