//! What differs between operating systems, in one place: the login name, the signals
//! that ask Fokus to stop, waiting for the terminal, and returning freed memory. (File
//! permissions live in `files::fsperm` and the local socket in `serve::endpoint`, each
//! behind `cfg` the same way.)

mod login;
mod memory;
mod signals;
mod terminal;

pub use login::login_name;
pub use memory::return_freed;
pub use signals::{Signals, watch as watch_signals};
pub use terminal::{Input, InputWatch};
