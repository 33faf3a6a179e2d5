//! The store conformance suite on the team's server: the same checks the sled store
//! passes, against a real PostgreSQL the tests start, as an education officer (who may
//! add, change and erase the authority's students).

#![cfg(unix)]

#[macro_use]
mod conformance;
mod pg;

use conformance::Subject;
use fokus::store::Store;
use fokus::team::store::PgStore;
use fokus::team::{self, TeamRole};
use pg::Server;

struct OnServer {
    // Dropped before the server it talks to.
    store: Option<PgStore>,
    server: Server,
}

impl Subject for OnServer {
    fn store(&self) -> &dyn Store {
        self.store.as_ref().expect("the store is open")
    }

    fn reopen(&mut self) {
        drop(self.store.take());
        self.store = Some(PgStore::open(&self.server.url("hanne")).expect("the store opens"));
    }
}

fn fresh() -> Box<dyn Subject> {
    let server = Server::start();
    let mut admin = server.connect("admin");
    team::init(&mut admin).expect("init");
    team::add_user(
        &mut admin,
        "hanne",
        "Hanne Krogh",
        TeamRole::Officer,
        "Esbjerg Kommune",
    )
    .expect("add user");
    let store = PgStore::open(&server.url("hanne")).expect("the store opens");
    Box::new(OnServer {
        store: Some(store),
        server,
    })
}

conformance_suite!(fresh);
