//! A PostgreSQL server of the tests' own: `initdb` in a temporary folder, listening only
//! on a Unix socket in that folder, stopped and removed when dropped. It comes from the
//! Debian `postgresql` package (`.ci/run` installs it); without it the tests fail and say
//! so, they never pass by skipping.
//!
//! [`Server::start_tcp`] starts one that also listens on 127.0.0.1, on a free port, with
//! TLS when given a certificate and key.
//!
//! PostgreSQL will not run as root: when the tests do, the server runs as the package's
//! `postgres` user, in a folder given to that user.

#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::time::{Duration, Instant};

use tempfile::TempDir;

/// A running server; stopped when dropped.
pub struct Server {
    dir: TempDir,
    bin: PathBuf,
    /// The user the server runs as, when the tests run as root.
    run_as: Option<String>,
    /// Its port: on 127.0.0.1 when it listens there, and in its socket's name.
    port: u16,
    /// Its settings on its command line, to start it again as it was.
    options: String,
}

/// A server's certificate (its chain, leaf first) and private key, in PEM.
pub struct ServerTls {
    pub cert_pem: String,
    pub key_pem: String,
}

/// A port on 127.0.0.1 that was free a moment ago.
fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .expect("a free port on 127.0.0.1")
        .port()
}

/// Where `initdb`, `pg_ctl` and `postgres` are: the Debian package keeps them under
/// /usr/lib/postgresql/<version>/bin, out of PATH.
fn bin_dir() -> PathBuf {
    let mut versions: Vec<PathBuf> = std::fs::read_dir("/usr/lib/postgresql")
        .map(|dir| {
            dir.flatten()
                .map(|e| e.path().join("bin"))
                .filter(|p| p.join("initdb").exists())
                .collect()
        })
        .unwrap_or_default();
    versions.sort();
    if let Some(newest) = versions.pop() {
        return newest;
    }
    let on_path = std::env::var_os("PATH").and_then(|path| {
        std::env::split_paths(&path)
            .find(|p| p.join("initdb").exists() && p.join("pg_ctl").exists())
    });
    on_path.unwrap_or_else(|| {
        panic!(
            "PostgreSQL is not installed: team mode's tests need a real server from the \
             Debian package `postgresql` (apt-get install postgresql; .ci/run installs it)"
        )
    })
}

fn is_root() -> bool {
    // SAFETY: geteuid has no preconditions and cannot fail.
    unsafe { libc::geteuid() == 0 }
}

/// How the server lets logins in over its socket.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Auth {
    /// Everyone without a password.
    Trust,
    /// `admin` without a password, every other login with its password (SCRAM).
    Passwords,
}

impl Server {
    /// Starts a fresh server, with a superuser `admin` that connects over the socket
    /// without a password, as does every login made later.
    pub fn start() -> Server {
        Server::start_with(Auth::Trust)
    }

    /// Starts a fresh server letting logins in as `auth` says.
    pub fn start_with(auth: Auth) -> Server {
        Server::start_full(auth, None)
    }

    /// Starts a fresh server that also listens on 127.0.0.1 (see [`Server::port`]),
    /// letting everyone in without a password there too; with `tls` it has `ssl = on`
    /// with that certificate and key, without it no TLS.
    pub fn start_tcp(tls: Option<&ServerTls>) -> Server {
        Server::start_full(Auth::Trust, Some(tls))
    }

    fn start_full(auth: Auth, tcp: Option<Option<&ServerTls>>) -> Server {
        let bin = bin_dir();
        let dir = tempfile::Builder::new()
            .prefix("fokus-pg")
            .tempdir()
            .expect("a temporary folder for the server");
        let run_as = is_root().then(|| "postgres".to_string());
        if let Some(user) = &run_as {
            let status = Command::new("chown")
                .arg("-R")
                .arg(format!("{user}:"))
                .arg(dir.path())
                .status()
                .expect("chown");
            assert!(
                status.success(),
                "the server's folder could not be given to {user}"
            );
        }
        let port = if tcp.is_some() { free_port() } else { 5432 };
        let mut server = Server {
            dir,
            bin,
            run_as,
            port,
            options: String::new(),
        };
        let data = server.data();
        let out = server.run(
            "initdb",
            &[
                "-D",
                &data.display().to_string(),
                "-U",
                "admin",
                "--auth=trust",
                "--encoding=UTF8",
                "--locale=C.UTF-8",
                "--no-sync",
            ],
        );
        assert!(out.status.success(), "initdb failed: {}", text(&out));
        if auth == Auth::Passwords {
            std::fs::write(
                data.join("pg_hba.conf"),
                "local all admin trust\nlocal all all scram-sha-256\n",
            )
            .expect("pg_hba.conf");
        }
        let mut options = format!(
            "-c unix_socket_directories='{}' -c fsync=off -c timezone=Europe/Copenhagen -c \
             port={port}",
            server.socket_dir().display()
        );
        match tcp {
            None => options.push_str(" -c listen_addresses=''"),
            // initdb's pg_hba.conf lets everyone in from 127.0.0.1 without a password.
            Some(tls) => {
                options.push_str(" -c listen_addresses='127.0.0.1'");
                if let Some(tls) = tls {
                    server.install_tls(tls);
                    options.push_str(
                        " -c ssl=on -c ssl_cert_file=server.crt -c ssl_key_file=server.key",
                    );
                }
            }
        }
        server.options = options.clone();
        let log = server.dir.path().join("server.log");
        let out = server.run(
            "pg_ctl",
            &[
                "-D",
                &data.display().to_string(),
                "-l",
                &log.display().to_string(),
                "-o",
                &options,
                "-w",
                "-t",
                "30",
                "start",
            ],
        );
        assert!(
            out.status.success(),
            "the server did not start: {}\n{}",
            text(&out),
            std::fs::read_to_string(&log).unwrap_or_default()
        );
        server.wait_ready();
        server
    }

    /// Stops the server (fast: sessions are cut off), as a server that goes away does.
    pub fn stop(&mut self) {
        let data = self.data().display().to_string();
        let out = self.run("pg_ctl", &["-D", &data, "-m", "fast", "-w", "stop"]);
        assert!(
            out.status.success(),
            "the server did not stop: {}",
            text(&out)
        );
    }

    /// Starts the stopped server again, as it was.
    pub fn start_again(&mut self) {
        let data = self.data().display().to_string();
        let log = self.dir.path().join("server.log").display().to_string();
        let options = self.options.clone();
        let out = self.run(
            "pg_ctl",
            &[
                "-D", &data, "-l", &log, "-o", &options, "-w", "-t", "30", "start",
            ],
        );
        assert!(
            out.status.success(),
            "the server did not start again: {}",
            text(&out)
        );
        self.wait_ready();
    }

    /// Writes the certificate and key into the data folder, the key readable by the
    /// server's user alone, as PostgreSQL demands.
    fn install_tls(&self, tls: &ServerTls) {
        use std::os::unix::fs::PermissionsExt;
        let data = self.data();
        std::fs::write(data.join("server.crt"), &tls.cert_pem).expect("server.crt");
        let key = data.join("server.key");
        std::fs::write(&key, &tls.key_pem).expect("server.key");
        std::fs::set_permissions(&key, std::fs::Permissions::from_mode(0o600)).expect("chmod");
        if let Some(user) = &self.run_as {
            let status = Command::new("chown")
                .arg(format!("{user}:"))
                .arg(data.join("server.crt"))
                .arg(&key)
                .status()
                .expect("chown");
            assert!(status.success(), "the key could not be given to {user}");
        }
    }

    /// The port the server listens on (on 127.0.0.1 for a server from `start_tcp`).
    pub fn port(&self) -> u16 {
        self.port
    }

    fn data(&self) -> PathBuf {
        self.dir.path().join("data")
    }

    /// The folder of the server's Unix socket.
    pub fn socket_dir(&self) -> &Path {
        self.dir.path()
    }

    /// A connection string for `user` on database `postgres`.
    pub fn url(&self, user: &str) -> String {
        format!(
            "host={} port={} user={user} dbname=postgres",
            self.socket_dir().display(),
            self.port
        )
    }

    /// A connection as `user`.
    pub fn connect(&self, user: &str) -> postgres::Client {
        postgres::Client::connect(&self.url(user), postgres::NoTls)
            .unwrap_or_else(|e| panic!("connecting as {user}: {e}"))
    }

    fn run(&self, program: &str, args: &[&str]) -> Output {
        let path = self.bin.join(program);
        let mut cmd = match &self.run_as {
            Some(user) => {
                let mut c = Command::new("runuser");
                c.arg("-u").arg(user).arg("--").arg(&path);
                c
            }
            None => Command::new(&path),
        };
        cmd.args(args)
            .env("LC_ALL", "C.UTF-8")
            .current_dir(self.dir.path());
        cmd.output()
            .unwrap_or_else(|e| panic!("{} could not run: {e}", path.display()))
    }

    fn wait_ready(&self) {
        let until = Instant::now() + Duration::from_secs(30);
        loop {
            match postgres::Client::connect(&self.url("admin"), postgres::NoTls) {
                Ok(_) => return,
                Err(e) if Instant::now() > until => panic!("the server never answered: {e}"),
                Err(_) => std::thread::sleep(Duration::from_millis(50)),
            }
        }
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let data = self.data().display().to_string();
        let _ = self.run("pg_ctl", &["-D", &data, "-m", "immediate", "-w", "stop"]);
    }
}

fn text(out: &Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    )
}
