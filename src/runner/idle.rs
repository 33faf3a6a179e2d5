//! The idle lock: after a while without a key press the screen is put behind the lock
//! screen ([`crate::app::lock`]) until the passphrase is typed.
//!
//! Time without a key press is measured on the wall clock, not a monotonic one: a laptop
//! suspended for an hour has been idle for an hour, and the screen locks as soon as it
//! wakes (the event loop's tick runs before the first key is read).

use std::time::{Duration, SystemTime};

use crate::app::lock::LockScreen;

/// What locks the screen, given to the runner when there is a passphrase to unlock it
/// with (not in team mode, where the server's login guards the data).
pub struct IdleLock {
    /// How long without a key press before the screen locks.
    pub after: Duration,
    /// Whether a typed passphrase is the right one. It may take a moment (a key
    /// derivation); the screen says "checking …" while it runs.
    pub verify: Box<dyn Fn(&str) -> bool + Send>,
}

impl IdleLock {
    /// The lock for `after` (`Setup::lock_after`, from `lock_after_minutes` in
    /// `config.toml`) checked by `verify`; none when the configuration turns it off.
    pub fn after(
        after: Option<Duration>,
        verify: Box<dyn Fn(&str) -> bool + Send>,
    ) -> Option<IdleLock> {
        Some(IdleLock {
            after: after?,
            verify,
        })
    }
}

/// The wall clock, as the runner reads it (replaced in tests).
pub type WallClock = Box<dyn Fn() -> SystemTime + Send>;

/// When the last key was pressed, and whether the screen is due to lock.
#[derive(Clone, Copy, Debug)]
pub struct IdleTimer {
    after: Duration,
    last: SystemTime,
}

impl IdleTimer {
    /// A timer that locks `after` without a key press, counted from `now`.
    pub fn new(after: Duration, now: SystemTime) -> IdleTimer {
        IdleTimer { after, last: now }
    }

    /// A key was pressed at `now`.
    pub fn touch(&mut self, now: SystemTime) {
        self.last = now;
    }

    /// Whether the screen is due to lock at `now`. A clock set back (before the last key)
    /// does not lock: the wait starts again from `now`, so it is never longer than
    /// `after` from the moment the clock was noticed to have gone back.
    pub fn due(&mut self, now: SystemTime) -> bool {
        match now.duration_since(self.last) {
            Ok(idle) => idle >= self.after,
            Err(_) => {
                self.last = now;
                false
            }
        }
    }

    /// How long until the screen is due to lock, at `now`.
    pub fn left(&self, now: SystemTime) -> Duration {
        now.duration_since(self.last)
            .map_or(self.after, |idle| self.after.saturating_sub(idle))
    }
}

/// The idle lock at work in the runner.
pub(super) struct Guard {
    pub lock: IdleLock,
    pub timer: IdleTimer,
    pub clock: WallClock,
    /// The lock screen, while the screen is locked.
    pub screen: Option<LockScreen>,
    /// The user quit from the lock screen.
    pub quit: bool,
}

impl Guard {
    pub fn new(lock: IdleLock, clock: WallClock) -> Guard {
        let timer = IdleTimer::new(lock.after, clock());
        Guard {
            lock,
            timer,
            clock,
            screen: None,
            quit: false,
        }
    }

    pub fn now(&self) -> SystemTime {
        (self.clock)()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const TEN_MINUTES: Duration = Duration::from_secs(600);

    fn at(secs: u64) -> SystemTime {
        SystemTime::UNIX_EPOCH + Duration::from_secs(1_800_000_000 + secs)
    }

    #[test]
    fn it_locks_at_the_threshold_and_not_a_second_before() {
        let mut timer = IdleTimer::new(TEN_MINUTES, at(0));
        assert!(!timer.due(at(599)));
        assert_eq!(timer.left(at(599)), Duration::from_secs(1));
        assert!(timer.due(at(600)));
        assert_eq!(timer.left(at(600)), Duration::ZERO);
    }

    #[test]
    fn a_key_starts_the_wait_again() {
        let mut timer = IdleTimer::new(TEN_MINUTES, at(0));
        timer.touch(at(500));
        assert!(!timer.due(at(600)));
        assert!(!timer.due(at(1099)));
        assert!(timer.due(at(1100)));
    }

    #[test]
    fn a_clock_jump_forward_locks_at_once() {
        // A laptop suspended for an hour: the next tick sees the hour.
        let mut timer = IdleTimer::new(TEN_MINUTES, at(0));
        assert!(!timer.due(at(60)));
        assert!(timer.due(at(60 + 3600)));
    }

    #[test]
    fn a_clock_going_backwards_does_not_lock() {
        let mut timer = IdleTimer::new(TEN_MINUTES, at(3600));
        assert!(!timer.due(at(0)), "an hour back is no idle time");
        // The wait starts again from the time the clock went back to.
        assert!(!timer.due(at(599)));
        assert!(timer.due(at(600)));
    }
}
