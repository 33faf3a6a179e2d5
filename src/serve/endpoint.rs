//! Where the application listens for read requests, per platform.
//!
//! On Unix a domain socket, `fokus.sock` in the database folder, readable and writable by
//! its owner only (the folder itself is owner-only too), so only the same user can ask.
//! Elsewhere (Windows) a TCP port on the loopback address, which any local user could
//! reach: the port and a random token are written to `fokus.port`, an owner-only file in
//! the database folder, and a connection that does not start with the token is dropped.
//! The TCP variant is also built for the tests on Unix, so both are tested everywhere.

#[cfg(unix)]
pub use unix::{FILE, Listener, connect};

#[cfg(not(unix))]
pub use tcp::{FILE, Listener, connect};

#[cfg(all(test, unix))]
pub use unix::tests;

#[cfg(all(test, not(unix)))]
pub use tcp::tests;

#[cfg(unix)]
mod unix {
    use std::io;
    use std::os::unix::fs::PermissionsExt;
    use std::os::unix::net::{UnixListener, UnixStream};
    use std::path::{Path, PathBuf};
    use std::time::Duration;

    use super::super::PEER_TIMEOUT;

    /// The socket's name in the database folder.
    pub const FILE: &str = "fokus.sock";

    /// The listening socket.
    pub struct Listener {
        socket: UnixListener,
        path: PathBuf,
    }

    impl Listener {
        /// Listens on the socket in `dir`, replacing one left behind.
        pub fn bind(dir: &Path) -> io::Result<Listener> {
            let path = dir.join(FILE);
            // Left by a process that was killed; the caller holds the lock, so it is nobody's.
            match std::fs::remove_file(&path) {
                Err(e) if e.kind() != io::ErrorKind::NotFound => return Err(e),
                _ => {}
            }
            let socket = UnixListener::bind(&path)?;
            std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o600))?;
            socket.set_nonblocking(true)?;
            Ok(Listener { socket, path })
        }

        /// Whether `accept` waits for a connection (or says at once that none is waiting).
        pub fn set_blocking(&self, blocking: bool) -> io::Result<()> {
            self.socket.set_nonblocking(!blocking)
        }

        /// The next connection, or `None` when nobody is waiting.
        pub fn accept(&self) -> io::Result<Option<UnixStream>> {
            match self.socket.accept() {
                Ok((stream, _)) => {
                    // Some systems pass the listener's non-blocking mode on.
                    stream.set_nonblocking(false)?;
                    stream.set_read_timeout(Some(PEER_TIMEOUT))?;
                    stream.set_write_timeout(Some(PEER_TIMEOUT))?;
                    Ok(Some(stream))
                }
                Err(e) if e.kind() == io::ErrorKind::WouldBlock => Ok(None),
                Err(e) => Err(e),
            }
        }

        /// Stops listening and removes the socket.
        pub fn close(self) {
            drop(self.socket);
            let _ = std::fs::remove_file(&self.path);
        }
    }

    /// Connects to the socket in `dir`; the reply must come within `timeout`.
    pub fn connect(dir: &Path, timeout: Duration) -> io::Result<UnixStream> {
        let stream = UnixStream::connect(dir.join(FILE))?;
        stream.set_read_timeout(Some(timeout))?;
        stream.set_write_timeout(Some(timeout))?;
        Ok(stream)
    }

    #[cfg(test)]
    pub mod tests {
        use super::*;

        /// The socket of a process that was killed: the file without anyone listening.
        pub fn left_behind(dir: &Path) {
            drop(UnixListener::bind(dir.join(FILE)).unwrap());
        }

        /// A client connected to a listener that never accepts, waiting one second for the
        /// reply; keep the first value alive while using the second.
        pub fn silent_peer(dir: &Path) -> (UnixListener, UnixStream) {
            let listener = UnixListener::bind(dir.join(FILE)).unwrap();
            let stream = connect(dir, Duration::from_secs(1)).unwrap();
            (listener, stream)
        }

        #[test]
        fn the_socket_is_for_its_owner_only() {
            let dir = tempfile::tempdir().unwrap();
            let listener = Listener::bind(dir.path()).unwrap();
            let mode = std::fs::metadata(dir.path().join(FILE))
                .unwrap()
                .permissions()
                .mode();
            assert_eq!(mode & 0o777, 0o600);
            listener.close();
            assert!(!dir.path().join(FILE).exists());
        }
    }
}

#[cfg(any(not(unix), test))]
mod tcp {
    use std::io::{self, Read, Write};
    use std::net::{Ipv4Addr, SocketAddr, TcpListener, TcpStream};
    use std::path::{Path, PathBuf};
    use std::time::Duration;

    use super::super::PEER_TIMEOUT;

    /// The file in the database folder that holds the port and the token.
    pub const FILE: &str = "fokus.port";

    /// The token's length: 32 hexadecimal digits.
    const TOKEN_LEN: usize = 32;

    /// The listening port and the token a client must send first.
    pub struct Listener {
        socket: TcpListener,
        path: PathBuf,
        token: String,
    }

    impl Listener {
        /// Listens on a free loopback port and writes it, with a new token, to the file in
        /// `dir` (replacing one left behind).
        pub fn bind(dir: &Path) -> io::Result<Listener> {
            let socket = TcpListener::bind((Ipv4Addr::LOCALHOST, 0))?;
            let port = socket.local_addr()?.port();
            let token = crate::privacy::random_id();
            debug_assert_eq!(token.len(), TOKEN_LEN);
            let path = dir.join(FILE);
            crate::files::atomic::write(&path, format!("{port} {token}\n").as_bytes())?;
            socket.set_nonblocking(true)?;
            Ok(Listener {
                socket,
                path,
                token,
            })
        }

        /// Whether `accept` waits for a connection (or says at once that none is waiting).
        // The server uses it on Windows; on Unix this variant is built for its tests only.
        #[cfg_attr(unix, allow(dead_code))]
        pub fn set_blocking(&self, blocking: bool) -> io::Result<()> {
            self.socket.set_nonblocking(!blocking)
        }

        /// The next connection that knows the token, or `None` when nobody is waiting or
        /// the one waiting does not know it.
        pub fn accept(&self) -> io::Result<Option<TcpStream>> {
            let mut stream = match self.socket.accept() {
                Ok((stream, _)) => stream,
                Err(e) if e.kind() == io::ErrorKind::WouldBlock => return Ok(None),
                Err(e) => return Err(e),
            };
            stream.set_nonblocking(false)?;
            stream.set_read_timeout(Some(PEER_TIMEOUT))?;
            stream.set_write_timeout(Some(PEER_TIMEOUT))?;
            let mut sent = [0u8; TOKEN_LEN + 1];
            if stream.read_exact(&mut sent).is_err() {
                return Ok(None);
            }
            let expected = format!("{}\n", self.token);
            // Compared in full whatever differs, so the time taken says nothing about it.
            let differs = sent
                .iter()
                .zip(expected.as_bytes())
                .fold(0u8, |acc, (a, b)| acc | (a ^ b));
            Ok((differs == 0).then_some(stream))
        }

        /// Stops listening and removes the file.
        pub fn close(self) {
            drop(self.socket);
            let _ = std::fs::remove_file(&self.path);
        }
    }

    /// Connects to the port named in `dir` and sends the token; the reply must come
    /// within `timeout`.
    pub fn connect(dir: &Path, timeout: Duration) -> io::Result<TcpStream> {
        let text = std::fs::read_to_string(dir.join(FILE))?;
        let invalid = || io::Error::new(io::ErrorKind::InvalidData, "unreadable port file");
        let (port, token) = text.trim().split_once(' ').ok_or_else(invalid)?;
        let port: u16 = port.parse().map_err(|_| invalid())?;
        if token.len() != TOKEN_LEN {
            return Err(invalid());
        }
        let address = SocketAddr::from((Ipv4Addr::LOCALHOST, port));
        let mut stream = TcpStream::connect_timeout(&address, timeout)?;
        stream.set_read_timeout(Some(timeout))?;
        stream.set_write_timeout(Some(timeout))?;
        stream.write_all(format!("{token}\n").as_bytes())?;
        Ok(stream)
    }

    #[cfg(test)]
    pub mod tests {
        use super::*;

        /// The file of a process that was killed: a port nobody listens on.
        pub fn left_behind(dir: &Path) {
            let port = TcpListener::bind((Ipv4Addr::LOCALHOST, 0))
                .and_then(|l| l.local_addr())
                .unwrap()
                .port();
            let token = crate::privacy::random_id();
            std::fs::write(dir.join(FILE), format!("{port} {token}\n")).unwrap();
        }

        /// A client connected to a listener that never accepts, waiting one second for the
        /// reply; keep the first value alive while using the second.
        pub fn silent_peer(dir: &Path) -> (TcpListener, TcpStream) {
            let listener = TcpListener::bind((Ipv4Addr::LOCALHOST, 0)).unwrap();
            let port = listener.local_addr().unwrap().port();
            let token = crate::privacy::random_id();
            std::fs::write(dir.join(FILE), format!("{port} {token}\n")).unwrap();
            let stream = connect(dir, Duration::from_secs(1)).unwrap();
            (listener, stream)
        }
    }

    #[cfg(test)]
    mod checks {
        use super::*;

        /// Accepts one connection on `listener`, waiting a while for it to arrive.
        fn accept_one(listener: &Listener) -> Option<TcpStream> {
            for _ in 0..250 {
                if let Some(stream) = listener.accept().unwrap() {
                    return Some(stream);
                }
                std::thread::sleep(Duration::from_millis(20));
            }
            None
        }

        #[test]
        fn a_client_with_the_token_is_served() {
            let dir = tempfile::tempdir().unwrap();
            let listener = Listener::bind(dir.path()).unwrap();
            let mut client = connect(dir.path(), Duration::from_secs(5)).unwrap();
            client.write_all(b"hej\n").unwrap();
            let mut served = accept_one(&listener).expect("the client is served");
            let mut got = [0u8; 4];
            served.read_exact(&mut got).unwrap();
            assert_eq!(&got, b"hej\n");
            listener.close();
            assert!(!dir.path().join(FILE).exists());
        }

        #[test]
        fn a_client_without_the_token_is_dropped() {
            let dir = tempfile::tempdir().unwrap();
            let listener = Listener::bind(dir.path()).unwrap();
            let text = std::fs::read_to_string(dir.path().join(FILE)).unwrap();
            let port: u16 = text.split_whitespace().next().unwrap().parse().unwrap();
            let mut stranger = TcpStream::connect((Ipv4Addr::LOCALHOST, port)).unwrap();
            stranger
                .write_all(format!("{}\n", "0".repeat(TOKEN_LEN)).as_bytes())
                .unwrap();
            let mut waited = 0;
            let dropped = loop {
                match listener.accept().unwrap() {
                    Some(_) => break false,
                    None if waited >= 50 => break true,
                    None => {
                        waited += 1;
                        std::thread::sleep(Duration::from_millis(20));
                    }
                }
            };
            assert!(dropped, "a connection without the token was served");
            // The stranger's connection is closed: reading gives the end, not a reply.
            stranger
                .set_read_timeout(Some(Duration::from_secs(5)))
                .unwrap();
            let mut rest = Vec::new();
            assert!(
                stranger
                    .read_to_end(&mut rest)
                    .is_ok_and(|_| rest.is_empty())
            );
        }

        #[test]
        fn a_port_file_left_behind_refuses_and_a_silent_port_times_out() {
            let dir = tempfile::tempdir().unwrap();
            tests::left_behind(dir.path());
            assert!(connect(dir.path(), Duration::from_secs(1)).is_err());
            let (_listening, stream) = tests::silent_peer(dir.path());
            let got = super::super::super::exchange(stream, b"hej");
            assert!(
                matches!(&got, Err(e) if matches!(e.kind(), io::ErrorKind::TimedOut | io::ErrorKind::WouldBlock)),
                "{got:?}"
            );
        }

        #[test]
        fn the_port_file_is_for_its_owner_only_and_names_a_loopback_port() {
            let dir = tempfile::tempdir().unwrap();
            let listener = Listener::bind(dir.path()).unwrap();
            assert!(listener.socket.local_addr().unwrap().ip().is_loopback());
            #[cfg(unix)]
            {
                use std::os::unix::fs::PermissionsExt;
                let mode = std::fs::metadata(dir.path().join(FILE))
                    .unwrap()
                    .permissions()
                    .mode();
                assert_eq!(mode & 0o777, 0o600);
            }
            listener.close();
        }
    }
}
