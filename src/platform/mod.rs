//! What differs between operating systems, in one place: the login name, and the signals
//! that ask Fokus to stop. (File permissions live in `store::fsperm` and the local socket
//! in `serve::endpoint`, each behind `cfg` the same way.)

mod login;
mod signals;

pub use login::login_name;
pub use signals::{Signals, watch as watch_signals};
