//! Moving a local Fokus database into the team's server: every student with their case
//! (conversations, agreements and the timeline) under the ids they have, each student
//! under the employing authority their record names, in one transaction that compares
//! the counts on the server with those read before committing.

use postgres::Client;

use super::TeamError;
use super::store::{record, write_due};
use crate::domain::StudentSummary;
use crate::store::Store;

/// What an import moved, counted in the local database and again on the server.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Imported {
    pub students: i64,
    pub conversations: i64,
    pub agreements: i64,
    pub events: i64,
    /// Deletion receipts, kept with the first authority.
    pub receipts: i64,
    /// The employing authorities the students went to, by name.
    pub authorities: Vec<String>,
}

/// Reads every case of `store` and writes them to the server in one transaction. Refuses
/// a server that holds any of the students already, and a student whose record names no
/// employing authority; rolls back if the server's counts differ from those read.
pub fn import(client: &mut Client, store: &dyn Store) -> Result<Imported, TeamError> {
    let mut cases = Vec::new();
    for summary in store.summaries()? {
        cases.push(store.load_case(summary.id)?);
    }
    let ids: Vec<i64> = cases.iter().map(|c| c.id().0 as i64).collect();
    let mut tx = client.transaction()?;
    let there: i64 = tx
        .query_one(
            "SELECT count(*) FROM fokus.students WHERE id = ANY($1)",
            &[&ids],
        )?
        .get(0);
    if there > 0 {
        return Err(TeamError::AlreadyThere(there));
    }
    let mut read = Imported::default();
    for case in &cases {
        let authority = case.student.employer.trim();
        if authority.is_empty() {
            return Err(TeamError::NoAuthority(case.id().0 as i64));
        }
        let authority_id = super::authority_id(&mut tx, authority)?;
        if !read.authorities.iter().any(|a| a == authority) {
            read.authorities.push(authority.to_string());
        }
        let summary = serde_json::to_value(StudentSummary::of(case))
            .map_err(|e| TeamError::Local(crate::store::StoreError::Server(e.to_string())))?;
        tx.execute(
            "INSERT INTO fokus.students (id, authority_id, name, record, summary)
             VALUES ($1, $2, $3, $4, $5)",
            &[
                &(case.id().0 as i64),
                &authority_id,
                &case.student.name,
                &record(case)?,
                &summary,
            ],
        )?;
        write_due(&mut tx, case)?;
        read.students += 1;
        read.conversations += case.conversations.len() as i64;
        read.agreements += case.agreements.len() as i64;
        read.events += case.events.len() as i64;
    }
    // Ids made on the server from now on follow every id the local database handed out.
    if let Some(next) = store.reserve_ids(1)?.first() {
        tx.execute(
            "SELECT setval('fokus.ids', greatest((SELECT last_value FROM fokus.ids), $1))",
            &[&(*next as i64)],
        )?;
    }
    let receipts = store.receipts()?;
    if let Some(first) = read.authorities.first() {
        let authority_id = super::authority_id(&mut tx, first)?;
        for receipt in &receipts {
            let value = serde_json::to_value(receipt)
                .map_err(|e| TeamError::Local(crate::store::StoreError::Server(e.to_string())))?;
            tx.execute(
                "INSERT INTO fokus.receipts (id, authority_id, at, record)
                 VALUES ($1, $2, $3, $4) ON CONFLICT (id) DO NOTHING",
                &[&receipt.id, &authority_id, &receipt.at, &value],
            )?;
            read.receipts += 1;
        }
        // The address book goes with them, in place of the agreement's first one.
        for org in store.organisations()? {
            let value = serde_json::to_value(&org)
                .map_err(|e| TeamError::Local(crate::store::StoreError::Server(e.to_string())))?;
            tx.execute(
                "INSERT INTO fokus.organisations (id, authority_id, record)
                 VALUES ($1, $2, $3) ON CONFLICT (id) DO NOTHING",
                &[&(org.id.0 as i64), &authority_id, &value],
            )?;
        }
        tx.execute(
            "UPDATE fokus.authorities SET book_seeded = true WHERE id = $1",
            &[&authority_id],
        )?;
    }
    let row = tx.query_one(
        "SELECT count(*),
                coalesce(sum(jsonb_array_length(record->'conversations')), 0)::bigint,
                coalesce(sum(jsonb_array_length(record->'agreements')), 0)::bigint,
                coalesce(sum(jsonb_array_length(record->'events')), 0)::bigint
         FROM fokus.students WHERE id = ANY($1)",
        &[&ids],
    )?;
    let on_server = Imported {
        students: row.get(0),
        conversations: row.get(1),
        agreements: row.get(2),
        events: row.get(3),
        receipts: tx
            .query_one(
                "SELECT count(*) FROM fokus.receipts WHERE id = ANY($1)",
                &[&receipts.iter().map(|r| r.id.clone()).collect::<Vec<_>>()],
            )?
            .get(0),
        authorities: read.authorities.clone(),
    };
    if on_server != read {
        return Err(TeamError::CountsDiffer);
    }
    tx.commit()?;
    read.authorities.sort();
    Ok(read)
}
