//! Filling an empty database with the fictional demo students.

use chrono::NaiveDate;

use crate::demo::{demo_cases, done_marks};
use crate::domain::reminders::Mark;
use crate::store::{Mode, Store, StoreError};

/// Fills an empty database with the demo cases dated from `today`, in one commit; returns
/// how many students were added. A database holding students is refused.
pub fn fill(store: &dyn Store, today: NaiveDate) -> Result<usize, StoreError> {
    if !store.is_empty()? {
        return Err(StoreError::NotEmpty);
    }
    let mut ids = store.ids();
    let cases = demo_cases(today, &mut *ids).map_err(StoreError::DemoRefused)?;
    ids.finish()?;
    let all: Vec<_> = cases.iter().map(|d| (&d.change, &d.case)).collect();
    store.commit_many(&all)?;
    let all: Vec<_> = cases.iter().map(|d| d.case.clone()).collect();
    for key in done_marks(&all, today) {
        store.set_mark(&key, Mark::Done)?;
    }
    Ok(cases.len())
}

/// Fills the demo database on its first use: only when it is empty and can be written (a
/// demo database whose records are gone is not filled anew).
pub fn fill_on_first_use(store: &dyn Store, today: NaiveDate) -> Result<(), StoreError> {
    if store.is_empty()? && !matches!(store.mode(), Mode::ReadOnly(_)) {
        fill(store, today)?;
    }
    Ok(())
}
