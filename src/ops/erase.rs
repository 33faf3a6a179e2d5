//! Erasing a student everywhere, with a deletion receipt naming who did it and when.

use chrono::NaiveDateTime;

use crate::domain::{Actor, Case};
use crate::i18n::Lang;
use crate::privacy::{self, erase};
use crate::store::{Store, StoreError};

/// Erases the student of `case` from the store, the register's files, the draft journals
/// and backups found in `places`, as `by` at `now`; the receipt's reasons for files left
/// are worded in `lang`.
pub fn erase(
    store: &dyn Store,
    case: &Case,
    by: &Actor,
    now: NaiveDateTime,
    places: erase::Places,
    lang: Lang,
) -> Result<erase::Erasure, StoreError> {
    let receipt = privacy::receipt(now, by);
    erase::erase(store, case, receipt, places, lang)
}
