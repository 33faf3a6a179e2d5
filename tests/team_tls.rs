//! TLS to the team's server: a real PostgreSQL server listening on 127.0.0.1 with a
//! certificate from a test CA the tests make themselves, and Fokus's one way in,
//! `team::connect`, refusing what it cannot verify.

// The tests' server runs as the package's user and keeps its key with Unix permissions.
#![cfg(unix)]

mod pg;

use std::path::{Path, PathBuf};

use fokus::team::{self, TeamError};
use pg::{Server, ServerTls};
use rcgen::{
    BasicConstraints, CertificateParams, CertifiedIssuer, DnType, ExtendedKeyUsagePurpose, IsCa,
    KeyPair, KeyUsagePurpose,
};

/// A certificate authority of the tests' own.
struct Ca {
    issuer: CertifiedIssuer<'static, KeyPair>,
}

impl Ca {
    fn new(name: &str) -> Ca {
        let mut params = CertificateParams::new(Vec::<String>::new()).unwrap();
        params.distinguished_name.push(DnType::CommonName, name);
        params.is_ca = IsCa::Ca(BasicConstraints::Unconstrained);
        params.key_usages = vec![KeyUsagePurpose::KeyCertSign, KeyUsagePurpose::CrlSign];
        let issuer = CertifiedIssuer::self_signed(params, KeyPair::generate().unwrap()).unwrap();
        Ca { issuer }
    }

    /// A server certificate for `names`, signed by this CA.
    fn issue(&self, names: &[&str]) -> ServerTls {
        let names: Vec<String> = names.iter().map(|n| n.to_string()).collect();
        let mut params = CertificateParams::new(names.clone()).unwrap();
        params
            .distinguished_name
            .push(DnType::CommonName, &names[0]);
        params.extended_key_usages = vec![ExtendedKeyUsagePurpose::ServerAuth];
        let key = KeyPair::generate().unwrap();
        let cert = params.signed_by(&key, &self.issuer).unwrap();
        ServerTls {
            cert_pem: cert.pem(),
            key_pem: key.serialize_pem(),
        }
    }

    /// The CA's certificate, written to `dir`.
    fn write(&self, dir: &Path, name: &str) -> PathBuf {
        let path = dir.join(name);
        std::fs::write(&path, self.issuer.pem()).unwrap();
        path
    }
}

/// Whether the session of `client` is encrypted, as the server sees it.
fn encrypted(client: &mut postgres::Client) -> bool {
    client
        .query_one(
            "SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()",
            &[],
        )
        .unwrap()
        .get(0)
}

fn refusal<T>(result: Result<T, TeamError>) -> TeamError {
    match result {
        Ok(_) => panic!("the connection was made"),
        Err(e) => e,
    }
}

#[test]
fn a_verified_connection_to_a_certificate_from_the_trusted_ca_is_encrypted() {
    let ca = Ca::new("Fokus test CA");
    let server = Server::start_tcp(Some(&ca.issue(&["localhost"])));
    let dir = tempfile::tempdir().unwrap();
    let ca_file = ca.write(dir.path(), "ca.pem");
    let port = server.port();

    let url = format!(
        "postgresql://admin@:{port}/postgres?sslmode=verify-full&sslrootcert={}&host=localhost",
        ca_file.display()
    );
    let mut client = team::connect(&url).unwrap_or_else(|e| panic!("{url}: {e}"));
    assert!(encrypted(&mut client));
    // Fokus's own work goes over it like any other connection.
    assert_eq!(team::init(&mut client).unwrap().to, team::latest_version());

    let pairs = format!(
        "host=localhost port={port} user=admin dbname=postgres sslmode=require sslrootcert='{}'",
        ca_file.display()
    );
    let mut client = team::connect(&pairs).unwrap_or_else(|e| panic!("{pairs}: {e}"));
    assert!(encrypted(&mut client));

    // This machine without TLS asked for stays plain, as does the socket.
    let plain = format!("host=localhost port={port} user=admin dbname=postgres");
    assert!(!encrypted(&mut team::connect(&plain).unwrap()));
    assert!(!encrypted(
        &mut team::connect(&server.url("admin")).unwrap()
    ));
}

#[test]
fn a_certificate_from_another_ca_or_for_another_name_is_refused() {
    let ca = Ca::new("Fokus test CA");
    let other = Ca::new("Someone else's CA");
    let server = Server::start_tcp(Some(&ca.issue(&["localhost"])));
    let dir = tempfile::tempdir().unwrap();
    let ca_file = ca.write(dir.path(), "ca.pem");
    let other_file = other.write(dir.path(), "other.pem");
    let port = server.port();
    let url = |host: &str, ca: &Path| {
        format!(
            "host={host} port={port} user=admin dbname=postgres sslmode=verify-full sslrootcert={}",
            ca.display()
        )
    };

    let untrusted = refusal(team::connect(&url("localhost", &other_file)));
    assert!(
        matches!(&untrusted, TeamError::CertNotTrusted(s) if s == "localhost"),
        "{untrusted:?}"
    );
    let text = fokus::i18n::team_error(fokus::i18n::Lang::Da, &untrusted);
    assert!(text.contains("ikke udstedt af en myndighed"), "{text}");

    // The certificate is for localhost only, not for the address 127.0.0.1.
    let misnamed = refusal(team::connect(&url("127.0.0.1", &ca_file)));
    assert!(
        matches!(&misnamed, TeamError::CertWrongName(s) if s == "127.0.0.1"),
        "{misnamed:?}"
    );
    let text = fokus::i18n::team_error(fokus::i18n::Lang::En, &misnamed);
    assert!(text.contains("made out to another name"), "{text}");
}

#[test]
fn a_certificate_made_for_another_server_is_refused() {
    let ca = Ca::new("Fokus test CA");
    let server = Server::start_tcp(Some(&ca.issue(&["db.example.org"])));
    let dir = tempfile::tempdir().unwrap();
    let ca_file = ca.write(dir.path(), "ca.pem");
    let url = format!(
        "postgresql://admin@localhost:{}/postgres?sslmode=verify-full&sslrootcert={}",
        server.port(),
        ca_file.display()
    );
    let refused = refusal(team::connect(&url));
    assert!(
        matches!(refused, TeamError::CertWrongName(_)),
        "{refused:?}"
    );
}

#[test]
fn a_server_without_tls_is_refused_when_tls_is_asked_for() {
    let server = Server::start_tcp(None);
    let ca = Ca::new("Fokus test CA");
    let dir = tempfile::tempdir().unwrap();
    let ca_file = ca.write(dir.path(), "ca.pem");
    let url = format!(
        "host=localhost port={} user=admin dbname=postgres sslmode=verify-full sslrootcert={}",
        server.port(),
        ca_file.display()
    );
    let refused = refusal(team::connect(&url));
    assert!(
        matches!(&refused, TeamError::NoTlsOffered(s) if s == "localhost"),
        "{refused:?}"
    );
}
