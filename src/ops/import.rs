//! Bringing a student list from Excel into the database: its dry run against the
//! students it could match, then writing the rows that create or update a student.

use std::path::Path;

use chrono::NaiveDate;

use super::OpError;
use crate::domain::{Ctx, StudentSummary};
use crate::import::{self, ImportPlan, Table};
use crate::store::{Store, StoreError};

/// A student list read, and what importing it would do.
#[derive(Debug)]
pub struct Planned {
    /// The list as read (encoding, delimiter, rows).
    pub table: Table,
    pub plan: ImportPlan,
}

/// Reads the student list at `path`.
pub fn read(path: &Path) -> Result<Table, OpError> {
    Ok(import::read_file(path)?)
}

/// The dry run of `table` on `today`, against the stored students it could match.
pub fn plan(store: &dyn Store, table: Table, today: NaiveDate) -> Result<Planned, OpError> {
    let existing = import::existing_for(store, &table)?;
    let plan = import::plan(&table, &existing, today);
    Ok(Planned { table, plan })
}

/// Reads the student list at `path` and makes its dry run ([`read`], then [`plan`]).
pub fn plan_file(store: &dyn Store, path: &Path, today: NaiveDate) -> Result<Planned, OpError> {
    plan(store, read(path)?, today)
}

/// What writing a plan did.
#[derive(Debug)]
pub struct Applied {
    /// The students created or updated, as they are now.
    pub written: Vec<StudentSummary>,
    /// How many students the plan was to create or update.
    pub total: usize,
    /// How many rows were left out as rejected.
    pub rejected: usize,
    /// Why it stopped part-way, if it did; the students written before stay.
    pub stopped: Option<StoreError>,
}

/// Writes `plan`, each update against the student as stored now; after every commit
/// `progress` hears how many of the students are written, and of how many.
pub fn apply(
    store: &dyn Store,
    plan: &ImportPlan,
    ctx: &Ctx,
    progress: &mut dyn FnMut(usize, usize),
) -> Applied {
    let counts = plan.counts();
    let (written, stopped) = match import::commit_plan(store, plan, ctx, progress) {
        Ok(written) => (written, None),
        Err(stopped) => (stopped.written, Some(stopped.error)),
    };
    Applied {
        written,
        total: counts.create + counts.update,
        rejected: counts.rejected,
        stopped,
    }
}
