//! Waiting for the terminal: for a key, for the window to change size, or for a time to
//! pass, without spending anything while nothing happens.
//!
//! On Unix the terminal is watched directly (`poll` on standard input) together with a
//! pipe that SIGWINCH and the stop signals write to, so a resized window or a `kill`
//! wakes the wait whichever thread the signal was delivered to, and a closed terminal is
//! seen as such instead of being handed to crossterm, which would spin reading the end of
//! a hung-up terminal. Elsewhere
//! crossterm's own wait is used; the Windows console reports a resize as an event.

use std::io;
use std::time::Duration;

/// What waiting found.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Input {
    /// Something can be read: a key, a paste, a resize.
    Ready,
    /// Nothing arrived in time (or a signal ended the wait).
    Idle,
    /// The terminal is gone (the window was closed).
    Gone,
}

/// The terminal and what else may wake a wait for it.
pub struct InputWatch {
    /// The read end of the pipe the signals write to.
    #[cfg(unix)]
    woken: Option<std::os::unix::net::UnixStream>,
}

impl InputWatch {
    /// Starts watching; a failure to watch for resizes only makes them wait for the next
    /// wake-up, so it is not an error.
    pub fn new() -> InputWatch {
        #[cfg(unix)]
        {
            use signal_hook::consts::{SIGHUP, SIGINT, SIGTERM, SIGWINCH};
            let woken = std::os::unix::net::UnixStream::pair()
                .and_then(|(read, write)| {
                    read.set_nonblocking(true)?;
                    for signal in [SIGWINCH, SIGTERM, SIGINT, SIGHUP] {
                        signal_hook::low_level::pipe::register(signal, write.try_clone()?)?;
                    }
                    Ok(read)
                })
                .ok();
            InputWatch { woken }
        }
        #[cfg(not(unix))]
        InputWatch {}
    }

    /// Waits up to `timeout` for input on the terminal, a change of its size or a signal.
    pub fn wait(&self, timeout: Duration) -> io::Result<Input> {
        #[cfg(unix)]
        {
            // SAFETY: isatty only inspects the descriptor.
            if unsafe { libc::isatty(0) } == 1 {
                return self.poll_unix(timeout);
            }
        }
        Ok(if crossterm::event::poll(timeout)? {
            Input::Ready
        } else {
            Input::Idle
        })
    }

    #[cfg(unix)]
    fn poll_unix(&self, timeout: Duration) -> io::Result<Input> {
        use std::os::fd::AsRawFd;
        let pollfd = |fd| libc::pollfd {
            fd,
            events: libc::POLLIN,
            revents: 0,
        };
        let woken_fd = self.woken.as_ref().map_or(-1, |s| s.as_raw_fd());
        // A negative descriptor is ignored by poll.
        let mut fds = [pollfd(0), pollfd(woken_fd)];
        let ms = timeout.as_millis().min(i32::MAX as u128) as i32;
        // SAFETY: two valid pollfds, with their count.
        let rc = unsafe { libc::poll(fds.as_mut_ptr(), fds.len() as libc::nfds_t, ms) };
        if rc < 0 {
            let e = io::Error::last_os_error();
            return if e.kind() == io::ErrorKind::Interrupted {
                Ok(Input::Idle)
            } else {
                Err(e)
            };
        }
        if rc == 0 {
            return Ok(Input::Idle);
        }
        if fds[1].revents & libc::POLLIN != 0 {
            // Emptied, so the next wait sleeps again; crossterm reports a new size, the
            // signal flags say what else happened.
            if let Some(mut pipe) = self.woken.as_ref() {
                let mut sink = [0u8; 64];
                while matches!(std::io::Read::read(&mut pipe, &mut sink), Ok(n) if n > 0) {}
            }
            return Ok(Input::Ready);
        }
        if fds[0].revents & (libc::POLLHUP | libc::POLLERR | libc::POLLNVAL) != 0 {
            return Ok(Input::Gone);
        }
        // Readable with nothing to read is the end of the terminal.
        let mut waiting: libc::c_int = 0;
        // SAFETY: FIONREAD writes one int.
        let ok = unsafe { libc::ioctl(0, libc::FIONREAD, &mut waiting) } == 0;
        if ok && waiting == 0 {
            return Ok(Input::Gone);
        }
        Ok(Input::Ready)
    }
}

impl Default for InputWatch {
    fn default() -> InputWatch {
        InputWatch::new()
    }
}
