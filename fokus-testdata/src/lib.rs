//! Large fictional databases for Fokus's tests and benchmarks. Not part of the shipped
//! program: only tests, benchmarks and examples depend on this crate.
//!
//! Every student is built with the same domain operations a user performs (register,
//! plan, hold, finalize, escalate, notes), through the case builder the demo uses, so the
//! timelines, agreements and due items are the kind a real database holds: some overdue,
//! some upcoming, many with nothing due. A step the domain refuses is a bug in the
//! generator and is returned, never dropped. All randomness comes from a small SplitMix64
//! generator seeded by the caller, so a seed always gives the same students in the same
//! order. Student `i` depends only on the seed and `i`, not on how many students are
//! generated; only the record ids come from outside.

mod pools;
mod rng;
mod story;

use chrono::NaiveDate;
use fokus::demo::builder::{BuiltCase, Refusal};
use fokus::domain::IdSource;
use fokus::store::{Store, StoreError};

use crate::pools::LONG_SENTENCES;
use crate::rng::Rng;
use crate::story::generated_case;

/// Why a database could not be filled with generated students.
#[derive(Debug, thiserror::Error)]
pub enum FillError {
    #[error(transparent)]
    Store(#[from] StoreError),
    /// The generator told a story the domain refused.
    #[error(transparent)]
    Refused(#[from] Refusal),
}

/// Builds `n` fictional students' cases dated relative to `today`, with ids from `ids`.
/// The same `seed` (and `today`) always gives the same students.
pub fn generated_cases(
    n: usize,
    today: NaiveDate,
    seed: u64,
    ids: &mut dyn IdSource,
) -> Result<Vec<BuiltCase>, Refusal> {
    (0..n)
        .map(|index| generated_case(index, today, seed, ids))
        .collect()
}

/// Fills an empty database with `n` generated students and returns how many were added.
/// The cases are built a batch at a time, so memory stays small however many students
/// are asked for.
pub fn fill_generated(
    store: &dyn Store,
    n: usize,
    today: NaiveDate,
    seed: u64,
) -> Result<usize, FillError> {
    if !store.is_empty()? {
        return Err(StoreError::NotEmpty.into());
    }
    // Commits in batches: one commit per case would spend most of the time syncing.
    const BATCH: usize = 250;
    let mut start = 0;
    while start < n {
        let end = (start + BATCH).min(n);
        let mut ids = store.ids();
        let batch = (start..end)
            .map(|index| generated_case(index, today, seed, &mut *ids))
            .collect::<Result<Vec<_>, _>>()?;
        ids.finish()?;
        drop(ids);
        let all: Vec<_> = batch.iter().map(|d| (&d.change, &d.case)).collect();
        store.commit_many(&all)?;
        start = end;
    }
    Ok(n)
}

/// Fictional minutes of about `words` words in paragraphs of 60–150 words separated by
/// a blank line, the way a long draft is typed. The same seed gives the same text.
pub fn minutes_text(words: usize, seed: u64) -> String {
    let mut rng = Rng::new(seed);
    let mut out = String::new();
    let mut written = 0;
    while written < words {
        if !out.is_empty() {
            out.push_str("\n\n");
        }
        let paragraph = rng.range(60, 150) as usize;
        let mut in_paragraph = 0;
        while in_paragraph < paragraph && written < words {
            if in_paragraph > 0 {
                out.push(' ');
            }
            let sentence = rng.pick(LONG_SENTENCES);
            out.push_str(sentence);
            let n = sentence.split_whitespace().count();
            in_paragraph += n;
            written += n;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::Duration;
    use fokus::domain::reminders::{self, DueKind, Urgency};
    use fokus::domain::{Case, ConversationState, Level};

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, 23).unwrap()
    }

    #[test]
    fn the_same_seed_gives_the_same_students() {
        let a = generated_cases(60, today(), 7, &mut 0u64).unwrap();
        let b = generated_cases(60, today(), 7, &mut 0u64).unwrap();
        assert_eq!(a.len(), 60);
        for (x, y) in a.iter().zip(&b) {
            assert_eq!(x.case, y.case);
            assert_eq!(x.change, y.change);
        }
        let other = generated_cases(60, today(), 8, &mut 0u64).unwrap();
        assert!(a.iter().zip(&other).any(|(x, y)| x.case != y.case));
    }

    #[test]
    fn a_student_does_not_depend_on_how_many_are_generated() {
        let few = generated_cases(5, today(), 3, &mut 0u64).unwrap();
        let many = generated_cases(50, today(), 3, &mut 0u64).unwrap();
        for (x, y) in few.iter().zip(&many) {
            assert_eq!(x.case, y.case);
        }
    }

    #[test]
    fn five_hundred_students_are_built_without_a_refusal_whatever_the_day() {
        let days = [
            (2026, 11, 23), // a Monday
            (2026, 11, 28), // a Saturday
            (2026, 11, 29), // a Sunday
            (2026, 11, 30), // the end of a month
            (2026, 12, 31),
            (2027, 1, 1),
            (2028, 2, 29),
        ];
        for seed in [7, 2026] {
            for (y, m, d) in days {
                let today = NaiveDate::from_ymd_opt(y, m, d).unwrap();
                let cases = generated_cases(500, today, seed, &mut 0u64);
                assert!(cases.is_ok(), "seed {seed}, {today}: {:?}", cases.err());
            }
        }
    }

    #[test]
    fn every_generated_case_has_events_and_the_change_recreates_it() {
        let mut ids = 0u64;
        for index in 0..300 {
            let demo = generated_case(index, today(), 11, &mut ids).unwrap();
            assert!(!demo.case.events.is_empty());
            let mut rebuilt = Case::new(demo.change.student.clone().unwrap());
            rebuilt.apply(&demo.change);
            assert_eq!(rebuilt, demo.case);
            let mut times: Vec<_> = demo.case.events.iter().map(|e| e.at).collect();
            let in_order = times.windows(2).all(|w| w[0] <= w[1]);
            assert!(in_order, "{}: events out of order", demo.case.student.name);
            times.sort();
            assert!(times.last().unwrap().date() <= today());
        }
    }

    #[test]
    fn names_are_danish_with_aeoeaa_and_conversations_span_all_types() {
        let cases = generated_cases(200, today(), 1, &mut 0u64).unwrap();
        assert!(
            cases
                .iter()
                .any(|c| c.case.student.name.contains(['æ', 'ø', 'å', 'Æ', 'Ø', 'Å']))
        );
        let convs: Vec<_> = cases.iter().flat_map(|c| &c.case.conversations).collect();
        for level in Level::ALL {
            assert!(convs.iter().any(|c| c.level == level), "{level:?}");
        }
        assert!(
            convs
                .iter()
                .any(|c| matches!(c.state, ConversationState::Finalized { .. }))
        );
        let per_student: Vec<usize> = cases.iter().map(|c| c.case.conversations.len()).collect();
        assert!(per_student.contains(&0));
        assert!(per_student.iter().all(|&n| n <= 7));
        assert!(per_student.iter().any(|&n| n >= 5));
        let oldest = convs.iter().map(|c| c.planned_at.date()).min().unwrap();
        assert!(oldest >= today() - Duration::days(366));
    }

    #[test]
    fn two_hundred_students_give_reminders_of_several_kinds() {
        let cases = generated_cases(200, today(), 42, &mut 0u64).unwrap();
        let items: Vec<_> = cases
            .iter()
            .flat_map(|c| reminders::due_items(&c.case))
            .collect();
        let shown = reminders::reminders(&items, |_| None, today(), 7);
        let kinds: std::collections::HashSet<DueKind> = shown.iter().map(|r| r.item.kind).collect();
        assert!(kinds.len() >= 4, "only {kinds:?}");
        assert!(shown.iter().any(|r| r.urgency == Urgency::Overdue));
        assert!(shown.iter().any(|r| r.urgency == Urgency::Upcoming));
        let quiet = cases
            .iter()
            .filter(|c| {
                let due = reminders::due_items(&c.case);
                due.iter()
                    .all(|i| reminders::urgency(i, today(), 7).is_none())
            })
            .count();
        assert!(quiet > 10, "every student has a reminder");
    }

    #[test]
    fn long_minutes_have_about_the_words_asked_for_in_paragraphs() {
        let text = minutes_text(5_000, 1);
        let words = text.split_whitespace().count();
        assert!((5_000..5_020).contains(&words), "{words}");
        assert!(text.lines().count() > 40);
        assert_eq!(text, minutes_text(5_000, 1));
    }

    #[test]
    fn filling_a_database_commits_every_student() {
        let dir = tempfile::tempdir().unwrap();
        let store = fokus::store::SledStore::open(dir.path()).unwrap();
        assert_eq!(fill_generated(&store, 25, today(), 5).unwrap(), 25);
        assert_eq!(store.summaries().unwrap().len(), 25);
        let expected = generated_cases(25, today(), 5, &mut 0u64).unwrap();
        let stored = store.load_case(store.summaries().unwrap()[3].id).unwrap();
        assert!(
            expected
                .iter()
                .any(|c| c.case.student.name == stored.student.name
                    && c.case.events.len() == stored.events.len())
        );
        assert!(matches!(
            fill_generated(&store, 1, today(), 5),
            Err(FillError::Store(StoreError::NotEmpty))
        ));
    }
}
