//! Writes the seed corpus of the `record_codec` fuzz target: real records encoded from the
//! demo data, and cut, flipped and forged variants of them. Run it when the record format
//! changes: `cargo run --example write_fuzz_seeds` (see `fuzz/README.md`).

use chrono::NaiveDate;
use fokus::domain::StudentSummary;
use fokus::domain::reminders::{DueItem, Mark};
use fokus::store::codec::{CodecError, encode};

fn main() {
    use std::path::Path;

    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("fuzz/seeds/record_codec");
    std::fs::create_dir_all(&dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display()));
    let today = NaiveDate::from_ymd_opt(2026, 11, 23).unwrap_or_default();
    let mut ids = 0u64;
    let cases = fokus::demo::demo_cases(today, &mut ids)
        .unwrap_or_else(|e| panic!("the demo stories: {e}"));

    let mut seeds: Vec<(String, Vec<u8>)> = Vec::new();
    let mut add = |name: String, bytes: Result<Vec<u8>, CodecError>| {
        let bytes = bytes.unwrap_or_else(|e| panic!("{name}: {e}"));
        seeds.push((name, bytes));
    };
    // One demo student's whole case, and a few records of the others.
    let first = &cases[0].case;
    add("student".into(), encode(&first.student));
    add("summary".into(), encode(&StudentSummary::of(first)));
    for (i, c) in cases
        .iter()
        .flat_map(|d| &d.case.conversations)
        .enumerate()
        .take(6)
    {
        add(format!("conversation-{i}"), encode(c));
    }
    for (i, a) in cases
        .iter()
        .flat_map(|d| &d.case.agreements)
        .enumerate()
        .take(4)
    {
        add(format!("agreement-{i}"), encode(a));
    }
    let mut kinds = Vec::new();
    for e in cases.iter().flat_map(|d| &d.case.events) {
        let kind = format!("{:?}", e.kind);
        let kind = kind.split([' ', '{', '(']).next().unwrap_or("").to_string();
        if !kinds.contains(&kind) {
            add(format!("event-{kind}"), encode(e));
            kinds.push(kind);
        }
    }
    let due: Vec<DueItem> = cases
        .iter()
        .flat_map(|d| fokus::domain::reminders::due_items(&d.case))
        .collect();
    for (i, item) in due.iter().enumerate().take(4) {
        add(format!("due-{i}"), encode(item));
    }
    let due_keys: Vec<[u8; 21]> = due.iter().map(fokus::store::keys::due).collect();
    add("due-keys".into(), encode(&due_keys));
    add("mark-done".into(), encode(&Mark::Done));
    add("mark-snoozed".into(), encode(&Mark::SnoozedUntil(today)));
    add(
        "meta-version".into(),
        encode(&fokus::store::codec::FORMAT_VERSION),
    );

    // Damaged variants of the larger records.
    let mut damaged = Vec::new();
    for (name, bytes) in &seeds {
        if !(name.starts_with("conversation-0") || name == "student" || name == "due-keys") {
            continue;
        }
        damaged.push((
            format!("{name}-cut-half"),
            bytes[..bytes.len() / 2].to_vec(),
        ));
        damaged.push((format!("{name}-cut-one"), bytes[..bytes.len() - 1].to_vec()));
        let mut flipped = bytes.clone();
        let middle = flipped.len() / 2;
        flipped[middle] ^= 0x80;
        damaged.push((format!("{name}-flipped"), flipped));
        let mut trailing = bytes.clone();
        trailing.push(0);
        damaged.push((format!("{name}-trailing"), trailing));
        for version in [0u16, 1, 3, u16::MAX] {
            let mut other = bytes.clone();
            other[2..4].copy_from_slice(&version.to_le_bytes());
            damaged.push((format!("{name}-version-{version}"), other));
        }
    }
    let mut huge = b"FK".to_vec();
    huge.extend_from_slice(&fokus::store::codec::FORMAT_VERSION.to_le_bytes());
    huge.push(0xFD);
    huge.extend_from_slice(&(u64::MAX - 1).to_le_bytes());
    damaged.push(("huge-length".into(), huge));
    let header = [
        b"FK".as_slice(),
        &fokus::store::codec::FORMAT_VERSION.to_le_bytes(),
    ]
    .concat();
    damaged.push(("header-only".into(), header.clone()));
    damaged.push((
        "bad-magic".into(),
        [b"KF".as_slice(), &header[2..], &[0]].concat(),
    ));
    seeds.extend(damaged);

    for (name, bytes) in seeds {
        let path = dir.join(format!("{name}.bin"));
        std::fs::write(&path, bytes).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    }
    println!("seeds written to {}", dir.display());
}
