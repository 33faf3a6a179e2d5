//! The store conformance suite on the sled store, in a temporary folder.

#[macro_use]
mod conformance;

use conformance::Subject;
use fokus::store::{SledStore, Store};

struct Sled {
    // Dropped before the folder it lives in.
    store: Option<SledStore>,
    dir: tempfile::TempDir,
}

impl Subject for Sled {
    fn store(&self) -> &dyn Store {
        self.store.as_ref().expect("the store is open")
    }

    fn reopen(&mut self) {
        drop(self.store.take());
        self.store = Some(SledStore::open(self.dir.path()).expect("the store opens again"));
    }
}

fn fresh() -> Box<dyn Subject> {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let store = SledStore::open(dir.path()).expect("a new store opens");
    Box::new(Sled {
        store: Some(store),
        dir,
    })
}

conformance_suite!(fresh);
