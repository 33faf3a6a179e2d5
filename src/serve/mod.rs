//! While the application has the database open, other Fokus processes cannot open it (one
//! writer per database). The read-only commands ask the application instead: it answers
//! over a local endpoint in the database folder, served by a thread of its own.
//!
//! One request and one reply per connection. The request is one line of bytes, the reply
//! everything up to the end of the connection; their meaning is the caller's. The endpoint
//! itself (a Unix domain socket, or elsewhere a loopback port guarded by a token) is in
//! [`endpoint`], the only platform-specific part.

mod endpoint;

use std::io::{self, BufRead, BufReader, Read, Write};
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::Path;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::thread::JoinHandle;
use std::time::Duration;

pub use endpoint::FILE;

/// The longest request the server reads.
const MAX_REQUEST: u64 = 64 * 1024;
/// The longest reply a client reads (a calendar of many students is a few megabytes).
const MAX_REPLY: u64 = 256 * 1024 * 1024;
/// How long a client waits for the reply: a request waits while the application commits,
/// and an erasure rewrites the whole database.
pub const REPLY_TIMEOUT: Duration = Duration::from_secs(20);
/// How long the server waits for a client to send its request or take the reply.
const PEER_TIMEOUT: Duration = Duration::from_secs(5);
/// How long the server waits before accepting again after accepting failed (out of file
/// handles, say).
const RETRY: Duration = Duration::from_millis(100);
/// How long dropping the server waits for the connection that wakes its thread.
const WAKE_TIMEOUT: Duration = Duration::from_millis(500);

/// Answers requests until dropped. Dropping it stops the thread and removes the endpoint.
/// The thread sleeps in `accept` until someone connects, so an idle Fokus does no work for
/// it; dropping connects once to wake it.
pub struct Server {
    stop: Arc<AtomicBool>,
    thread: Option<JoinHandle<()>>,
    dir: std::path::PathBuf,
}

impl Server {
    /// Starts answering on the endpoint in `dir`, replacing one a killed process left
    /// behind. Only the holder of the database lock may call this: the lock is what says
    /// that nobody else answers there.
    pub fn start(
        dir: &Path,
        answer: impl Fn(&[u8]) -> Vec<u8> + Send + 'static,
    ) -> io::Result<Server> {
        let listener = endpoint::Listener::bind(dir)?;
        listener.set_blocking(true)?;
        let stop = Arc::new(AtomicBool::new(false));
        let stopping = Arc::clone(&stop);
        let thread = std::thread::Builder::new()
            .name("fokus-answer".into())
            .spawn(move || {
                loop {
                    let accepted = listener.accept();
                    // The connection that wakes a server being dropped is not served.
                    if stopping.load(Ordering::SeqCst) {
                        break;
                    }
                    match accepted {
                        // A client that goes away or sends nonsense, or a request that
                        // fails, loses only its own reply; the next one is answered.
                        Ok(Some(stream)) => {
                            let _ = catch_unwind(AssertUnwindSafe(|| serve_one(stream, &answer)));
                        }
                        // A connection without the token was dropped.
                        Ok(None) => {}
                        // Accepting failed (out of file handles): try again in a moment.
                        Err(_) => std::thread::sleep(RETRY),
                    }
                }
                listener.close();
            })?;
        Ok(Server {
            stop,
            thread: Some(thread),
            dir: dir.to_path_buf(),
        })
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::SeqCst);
        // Wakes the thread from `accept`. Should that fail, the thread is left to end with
        // the process rather than waited for; the next start replaces the endpoint.
        let woken = endpoint::connect(&self.dir, WAKE_TIMEOUT).is_ok();
        if let Some(thread) = self.thread.take()
            && woken
        {
            let _ = thread.join();
        }
    }
}

/// Reads one request from `stream` and writes the reply.
fn serve_one<S: Read + Write>(mut stream: S, answer: &impl Fn(&[u8]) -> Vec<u8>) -> io::Result<()> {
    let mut request = Vec::new();
    BufReader::new((&mut stream).take(MAX_REQUEST)).read_until(b'\n', &mut request)?;
    if request.pop() != Some(b'\n') {
        return Err(io::Error::new(
            io::ErrorKind::InvalidData,
            "the request ended early or is too long",
        ));
    }
    stream.write_all(&answer(&request))?;
    stream.flush()
}

/// Why a request got no reply.
#[derive(Debug)]
pub enum NoAnswer {
    /// Nothing listens: there is no endpoint, or the process that made it is gone.
    Absent,
    /// Something listens but did not reply within [`REPLY_TIMEOUT`].
    Silent,
    /// The connection broke before the whole reply came, or the reply is too long.
    Broken(io::Error),
}

/// Sends `request` (one line, without its newline) to whoever answers in `dir` and returns
/// the reply.
pub fn ask(dir: &Path, request: &[u8]) -> Result<Vec<u8>, NoAnswer> {
    let stream = endpoint::connect(dir, REPLY_TIMEOUT).map_err(|_| NoAnswer::Absent)?;
    exchange(stream, request).map_err(|e| match e.kind() {
        io::ErrorKind::TimedOut | io::ErrorKind::WouldBlock => NoAnswer::Silent,
        _ => NoAnswer::Broken(e),
    })
}

/// The client's half of a connection: the request out, the reply in.
fn exchange<S: Read + Write>(mut stream: S, request: &[u8]) -> io::Result<Vec<u8>> {
    let mut line = Vec::with_capacity(request.len() + 1);
    line.extend_from_slice(request);
    line.push(b'\n');
    stream.write_all(&line)?;
    stream.flush()?;
    let mut reply = Vec::new();
    stream.take(MAX_REPLY + 1).read_to_end(&mut reply)?;
    if reply.len() as u64 > MAX_REPLY {
        return Err(io::Error::new(
            io::ErrorKind::InvalidData,
            "the reply is too long",
        ));
    }
    Ok(reply)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn echo_upper(request: &[u8]) -> Vec<u8> {
        request.to_ascii_uppercase()
    }

    #[test]
    fn a_request_gets_its_reply_and_the_endpoint_goes_with_the_server() {
        let dir = tempfile::tempdir().unwrap();
        let server = Server::start(dir.path(), echo_upper).unwrap();
        assert!(dir.path().join(FILE).exists());
        for _ in 0..3 {
            assert_eq!(ask(dir.path(), b"hej med dig").unwrap(), b"HEJ MED DIG");
        }
        drop(server);
        assert!(
            !dir.path().join(FILE).exists(),
            "the endpoint is left behind"
        );
        assert!(matches!(ask(dir.path(), b"hej"), Err(NoAnswer::Absent)));
    }

    #[test]
    fn an_endpoint_left_behind_answers_nothing_and_is_replaced_at_the_next_start() {
        let dir = tempfile::tempdir().unwrap();
        endpoint::tests::left_behind(dir.path());
        assert!(dir.path().join(FILE).exists());
        assert!(matches!(ask(dir.path(), b"hej"), Err(NoAnswer::Absent)));
        let _server = Server::start(dir.path(), echo_upper).unwrap();
        assert_eq!(ask(dir.path(), b"igen").unwrap(), b"IGEN");
    }

    #[test]
    fn a_server_that_does_not_reply_in_time_is_reported_as_silent() {
        let dir = tempfile::tempdir().unwrap();
        let (_listening, stream) = endpoint::tests::silent_peer(dir.path());
        let started = std::time::Instant::now();
        let got = exchange(stream, b"hej");
        assert!(
            matches!(&got, Err(e) if matches!(e.kind(), io::ErrorKind::TimedOut | io::ErrorKind::WouldBlock)),
            "{got:?}"
        );
        assert!(started.elapsed() < Duration::from_secs(10));
    }

    #[test]
    fn a_request_without_its_end_or_too_long_gets_no_answer() {
        let answered = std::cell::Cell::new(false);
        let answer = |_: &[u8]| {
            answered.set(true);
            Vec::new()
        };
        let mut cut = io::Cursor::new(b"no newline".to_vec());
        assert!(serve_one(&mut cut, &answer).is_err());
        let mut long = vec![b'x'; MAX_REQUEST as usize + 10];
        long.push(b'\n');
        assert!(serve_one(&mut io::Cursor::new(long), &answer).is_err());
        assert!(!answered.get());
    }
}
