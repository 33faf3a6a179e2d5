//! Arbitrary bytes as a stored record, read as every record type the store keeps.
//!
//! A damaged or forged database must never crash Fokus: decoding either fails with a
//! `CodecError` or yields a value. A value that decodes must survive being written and
//! read again unchanged, and writing it must be deterministic, or a record could change
//! meaning the next time it is saved.

#![no_main]

use fokus::domain::reminders::{DueItem, Mark};
use fokus::domain::{Agreement, Conversation, Event, Student, StudentSummary};
use fokus::store::codec::{decode, encode};
use libfuzzer_sys::fuzz_target;

/// Checks one record type. A macro rather than a generic function, so the target does
/// not depend on which traits the codec asks of a stored type.
macro_rules! check {
    ($t:ty, $data:expr) => {
        if let Ok(value) = decode::<$t>($data) {
            let name = stringify!($t);
            let bytes = match encode(&value) {
                Ok(bytes) => bytes,
                Err(e) => panic!("a decoded {name} does not encode: {e}"),
            };
            match decode::<$t>(&bytes) {
                Ok(again) => assert_eq!(again, value, "a {name} changed on re-encoding"),
                Err(e) => panic!("a re-encoded {name} does not decode: {e}"),
            }
            assert_eq!(
                encode(&value).ok(),
                Some(bytes),
                "encoding a {name} twice gave different bytes"
            );
        }
    };
}

fuzz_target!(|data: &[u8]| {
    check!(Student, data);
    check!(Conversation, data);
    check!(Agreement, data);
    check!(Event, data);
    check!(StudentSummary, data);
    check!(DueItem, data);
    check!(Mark, data);
    check!(u16, data);
    check!(Vec<[u8; 21]>, data);
});
