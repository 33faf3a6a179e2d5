//! The signals that ask Fokus to stop: a closed window (SIGHUP, Unix only), `kill`
//! (SIGTERM) and Ctrl-C from outside (SIGINT). Each sets a flag the event loop watches.
//! A second SIGTERM or SIGINT while the first is being handled ends the process at once
//! (someone insists); a closed window may send SIGHUP twice (to the session and to its
//! foreground group), so a second SIGHUP is no reason to skip the journal.

use std::io;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

/// Which stop was asked for, as flags set from the signal handlers.
#[derive(Clone, Debug)]
pub struct Signals {
    any: Arc<AtomicBool>,
    hung_up: Arc<AtomicBool>,
    /// Read end of a pipe each stop signal writes to (after setting the flags), so that
    /// [`Signals::wait`] sleeps until one comes.
    #[cfg(unix)]
    woken: Arc<std::os::unix::net::UnixStream>,
}

impl Signals {
    /// Whether any stop was asked for.
    pub fn raised(&self) -> bool {
        self.any.load(Ordering::Relaxed)
    }

    /// Whether the window was closed (as opposed to being asked to stop).
    pub fn hung_up(&self) -> bool {
        self.hung_up.load(Ordering::Relaxed)
    }

    /// Returns once a stop was asked for; until then the thread sleeps (on Unix without
    /// waking at all, elsewhere looking every tenth of a second).
    pub fn wait(&self) {
        while !self.raised() {
            #[cfg(unix)]
            {
                use std::io::Read;
                let mut bytes = [0u8; 16];
                if (&*self.woken).read(&mut bytes).is_err() {
                    std::thread::sleep(std::time::Duration::from_millis(100));
                }
            }
            #[cfg(not(unix))]
            std::thread::sleep(std::time::Duration::from_millis(100));
        }
    }
}

/// Starts watching for the signals.
pub fn watch() -> io::Result<Signals> {
    #[cfg(unix)]
    let (woken, wake) = std::os::unix::net::UnixStream::pair()?;
    let signals = Signals {
        any: Arc::new(AtomicBool::new(false)),
        hung_up: Arc::new(AtomicBool::new(false)),
        #[cfg(unix)]
        woken: Arc::new(woken),
    };
    for signal in [signal_hook::consts::SIGTERM, signal_hook::consts::SIGINT] {
        signal_hook::flag::register_conditional_shutdown(
            signal,
            128 + signal,
            Arc::clone(&signals.any),
        )?;
        signal_hook::flag::register(signal, Arc::clone(&signals.any))?;
    }
    watch_hangup(&signals)?;
    // Registered after the flags, so a waiter woken by the pipe finds its flag set.
    #[cfg(unix)]
    for signal in [
        signal_hook::consts::SIGTERM,
        signal_hook::consts::SIGINT,
        signal_hook::consts::SIGHUP,
    ] {
        signal_hook::low_level::pipe::register(signal, wake.try_clone()?)?;
    }
    Ok(signals)
}

#[cfg(unix)]
fn watch_hangup(signals: &Signals) -> io::Result<()> {
    signal_hook::flag::register(signal_hook::consts::SIGHUP, Arc::clone(&signals.hung_up))?;
    signal_hook::flag::register(signal_hook::consts::SIGHUP, Arc::clone(&signals.any))?;
    Ok(())
}

/// Windows has no SIGHUP: a closed console window is seen as the terminal going away.
#[cfg(not(unix))]
fn watch_hangup(_: &Signals) -> io::Result<()> {
    Ok(())
}
