//! Arbitrary bytes as a user's keymap file, and each of its lines as a written key.
//!
//! Whatever a user's file holds, loading it must never crash Fokus: the result is a
//! keymap and a list of errors, and any error leaves the built-in keymap in force. Text
//! that is not UTF-8 goes through the real file loader, which must refuse it as
//! unreadable rather than panic.

#![no_main]

use std::path::PathBuf;
use std::sync::OnceLock;

use fokus::app::Action;
use fokus::i18n::{Lang, keymap_error};
use fokus::keymap::{
    Context, KeyPress, Keymap, KeymapError, display_sequence, parse_sequence, sequence_notation,
};
use libfuzzer_sys::fuzz_target;

const FILE: &str = "fuzz/keymap.toml";

fn builtin() -> &'static Keymap {
    static BUILTIN: OnceLock<Keymap> = OnceLock::new();
    BUILTIN.get_or_init(|| Keymap::builtin().0)
}

/// One scratch file per fuzzing process, for inputs that must go through the file loader.
fn scratch() -> &'static PathBuf {
    static PATH: OnceLock<PathBuf> = OnceLock::new();
    PATH.get_or_init(|| {
        std::env::temp_dir().join(format!("fokus-fuzz-keymap-{}.toml", std::process::id()))
    })
}

/// Words every error in both languages, as the app does when it shows them.
fn word(errors: &[KeymapError]) {
    for e in errors {
        let _ = e.to_string();
        let _ = keymap_error(Lang::Da, e);
        let _ = keymap_error(Lang::En, e);
    }
}

/// Looks up everything a loaded keymap can be asked, as the help screen and `update` do.
fn exercise(keymap: &Keymap, keys: &[KeyPress]) {
    for context in Context::ALL {
        for (sequence, _) in keymap.bindings(context) {
            let _ = display_sequence(&sequence);
            let _ = sequence_notation(&sequence);
        }
        for (action, _) in Action::ALL {
            let _ = keymap.keys_for(context, action);
        }
        for typing in [false, true] {
            for (i, key) in keys.iter().enumerate() {
                let _ = keymap.resolve(context, &keys[..i.min(2)], *key, typing);
            }
        }
    }
}

fn utf8(text: &str) {
    let mut keys = Vec::new();
    for line in text.lines() {
        if let Ok(key) = line.parse::<KeyPress>() {
            let written = key.notation();
            assert_eq!(
                written.parse::<KeyPress>(),
                Ok(key),
                "{line:?} reads as {key:?}, whose notation {written:?} reads back differently"
            );
            let _ = key.to_string();
            keys.push(key);
        }
        if let Ok(sequence) = parse_sequence(line.split_whitespace()) {
            let _ = sequence_notation(&sequence);
            let _ = display_sequence(&sequence);
        }
    }

    // A file with errors yields the empty or the built-in keymap, which there is no
    // point in looking up again for every input; a file without errors is used as is.
    let (own, errors) = Keymap::from_str(text, FILE);
    word(&errors);
    if errors.is_empty() {
        exercise(&own, &keys);
    } else {
        assert_eq!(
            own,
            Keymap::empty(),
            "a keymap with errors still bound keys"
        );
    }

    let (merged, errors) = Keymap::load_str(text, FILE);
    word(&errors);
    if errors.is_empty() {
        exercise(&merged, &keys);
    } else {
        assert_eq!(
            &merged,
            builtin(),
            "a user file with errors changed the built-in keymap"
        );
    }
}

fn not_utf8(data: &[u8]) {
    let path = scratch();
    if std::fs::write(path, data).is_err() {
        return;
    }
    let (keymap, errors) = Keymap::load(Some(path));
    assert!(
        !errors.is_empty(),
        "a keymap file that is not UTF-8 was accepted"
    );
    assert_eq!(
        &keymap,
        builtin(),
        "an unreadable keymap file changed the built-in keymap"
    );
    word(&errors);
    // What a user would see after an editor replaced the bad bytes.
    utf8(&String::from_utf8_lossy(data));
}

fuzz_target!(|data: &[u8]| {
    match std::str::from_utf8(data) {
        Ok(text) => utf8(text),
        Err(_) => not_utf8(data),
    }
});
