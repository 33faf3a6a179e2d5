//! Writing files safely and privately wherever Fokus writes them: the database folder,
//! exported documents, the configuration.

pub mod atomic;
pub mod fsperm;
pub mod shred;
