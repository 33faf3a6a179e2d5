//! Reading and writing dates and times the way Danish users type them.

use chrono::{Datelike, Duration, NaiveDate, NaiveTime};

/// Why a typed date or time was not understood.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DateError {
    /// Nothing was typed where a value is required.
    Empty,
    /// The text is not in a known format.
    Format,
    /// The format is right but the day does not exist (31.02.2026).
    NoSuchDay,
    /// The time is not a valid clock time (25:00).
    NoSuchTime,
}

/// Formats a date as Danish users write it: `23.11.2026`.
pub fn format_date(date: NaiveDate) -> String {
    date.format("%d.%m.%Y").to_string()
}

/// Formats a time as `09:30`.
pub fn format_time(time: NaiveTime) -> String {
    time.format("%H:%M").to_string()
}

/// Reads a date typed as `23.11.2026`, `23.11.26`, `23/11/2026`, `23-11-2026`,
/// `2026-11-23`, `23.11` (this year), relative to `today` as `+3` (days) or `+2u` /
/// `+2w` (weeks), or as a word: `i dag`, `i morgen`, `i går` (`today`, `tomorrow`,
/// `yesterday`), in any case. Surrounding spaces are ignored.
pub fn parse_date(input: &str, today: NaiveDate) -> Result<NaiveDate, DateError> {
    let s = input.trim();
    if s.is_empty() {
        return Err(DateError::Empty);
    }
    if let Some(days) = day_word(s) {
        return Ok(today + Duration::days(days));
    }
    if let Some(rest) = s.strip_prefix('+') {
        return parse_relative(rest.trim(), today);
    }
    let parts: Vec<&str> = s.split(['.', '/', '-']).map(str::trim).collect();
    if parts
        .iter()
        .any(|p| p.is_empty() || !p.chars().all(|c| c.is_ascii_digit()))
    {
        return Err(DateError::Format);
    }
    let num = |p: &str| p.parse::<u32>().map_err(|_| DateError::Format);
    let (year, month, day) = match parts.as_slice() {
        [y, m, d] if y.len() == 4 => (num(y)? as i32, num(m)?, num(d)?),
        [d, m, y] if y.len() == 4 => (num(y)? as i32, num(m)?, num(d)?),
        [d, m, y] if y.len() == 2 => (2000 + num(y)? as i32, num(m)?, num(d)?),
        [d, m] => (today.year(), num(m)?, num(d)?),
        _ => return Err(DateError::Format),
    };
    if !(1..=12).contains(&month) || !(1..=31).contains(&day) {
        return Err(DateError::NoSuchDay);
    }
    NaiveDate::from_ymd_opt(year, month, day).ok_or(DateError::NoSuchDay)
}

/// Days from today named by a word, in Danish or English; spaces inside do not matter
/// ("i dag", "idag").
fn day_word(s: &str) -> Option<i64> {
    let word: String = s
        .chars()
        .filter(|c| !c.is_whitespace())
        .flat_map(char::to_lowercase)
        .collect();
    match word.as_str() {
        "idag" | "today" => Some(0),
        "imorgen" | "tomorrow" => Some(1),
        "iovermorgen" => Some(2),
        "igår" | "igaar" | "yesterday" => Some(-1),
        _ => None,
    }
}

fn parse_relative(rest: &str, today: NaiveDate) -> Result<NaiveDate, DateError> {
    let (digits, weeks) = match rest.strip_suffix(['u', 'U', 'w', 'W']) {
        Some(d) => (d.trim(), true),
        None => (rest.strip_suffix(['d', 'D']).unwrap_or(rest).trim(), false),
    };
    let n: i64 = digits.parse().map_err(|_| DateError::Format)?;
    if !(0..=3650).contains(&n) {
        return Err(DateError::Format);
    }
    let days = if weeks { n * 7 } else { n };
    Ok(today + Duration::days(days))
}

/// Reads a time typed as `9:30`, `09.30`, `0930` or `9`.
pub fn parse_time(input: &str) -> Result<NaiveTime, DateError> {
    let s = input.trim();
    if s.is_empty() {
        return Err(DateError::Empty);
    }
    let (h, m) = if let Some((h, m)) = s.split_once([':', '.']) {
        (h.trim(), m.trim())
    } else if s.len() == 4 {
        s.split_at(2)
    } else {
        (s, "0")
    };
    if h.is_empty() || m.is_empty() || !(h.chars().chain(m.chars())).all(|c| c.is_ascii_digit()) {
        return Err(DateError::Format);
    }
    let hour: u32 = h.parse().map_err(|_| DateError::Format)?;
    let minute: u32 = m.parse().map_err(|_| DateError::Format)?;
    NaiveTime::from_hms_opt(hour, minute, 0).ok_or(DateError::NoSuchTime)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, 23).unwrap()
    }

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn danish_and_iso_dates_are_understood() {
        for (text, want) in [
            ("24.12.2026", d(2026, 12, 24)),
            ("1.2.2027", d(2027, 2, 1)),
            ("01/02/2027", d(2027, 2, 1)),
            ("01-02-27", d(2027, 2, 1)),
            ("2027-02-01", d(2027, 2, 1)),
            (" 5.1 ", d(2026, 1, 5)),
        ] {
            assert_eq!(parse_date(text, today()), Ok(want), "{text}");
        }
    }

    #[test]
    fn relative_dates_count_days_or_weeks_from_today() {
        assert_eq!(parse_date("+0", today()), Ok(today()));
        assert_eq!(parse_date("+3", today()), Ok(d(2026, 11, 26)));
        assert_eq!(parse_date("+2u", today()), Ok(d(2026, 12, 7)));
        assert_eq!(parse_date("+1w", today()), Ok(d(2026, 11, 30)));
        assert_eq!(parse_date("+x", today()), Err(DateError::Format));
        assert_eq!(parse_date("+99999", today()), Err(DateError::Format));
    }

    #[test]
    fn today_and_tomorrow_may_be_written_as_words_in_either_language() {
        for (text, want) in [
            ("i dag", today()),
            ("I DAG", today()),
            ("idag", today()),
            ("today", today()),
            (" i morgen ", d(2026, 11, 24)),
            ("Tomorrow", d(2026, 11, 24)),
            ("i overmorgen", d(2026, 11, 25)),
            ("i går", d(2026, 11, 22)),
            ("yesterday", d(2026, 11, 22)),
        ] {
            assert_eq!(parse_date(text, today()), Ok(want), "{text}");
        }
        assert_eq!(
            parse_date("i morgen tidlig", today()),
            Err(DateError::Format)
        );
    }

    #[test]
    fn impossible_days_are_told_apart_from_bad_formats() {
        assert_eq!(parse_date("31.02.2027", today()), Err(DateError::NoSuchDay));
        assert_eq!(parse_date("12.13.2026", today()), Err(DateError::NoSuchDay));
        assert_eq!(parse_date("tirsdag", today()), Err(DateError::Format));
        assert_eq!(parse_date("1..2026", today()), Err(DateError::Format));
        assert_eq!(parse_date("1.2.202", today()), Err(DateError::Format));
        assert_eq!(parse_date("", today()), Err(DateError::Empty));
        assert_eq!(
            parse_date("99999999999.1.2026", today()),
            Err(DateError::Format)
        );
    }

    #[test]
    fn dates_are_written_day_first_with_dots() {
        assert_eq!(format_date(d(2026, 3, 5)), "05.03.2026");
        assert_eq!(
            parse_date(&format_date(d(2026, 3, 5)), today()),
            Ok(d(2026, 3, 5))
        );
    }

    #[test]
    fn times_accept_colon_dot_and_compact_forms() {
        let t = |h, m| NaiveTime::from_hms_opt(h, m, 0).unwrap();
        assert_eq!(parse_time("9:30"), Ok(t(9, 30)));
        assert_eq!(parse_time("09.30"), Ok(t(9, 30)));
        assert_eq!(parse_time("0930"), Ok(t(9, 30)));
        assert_eq!(parse_time("14"), Ok(t(14, 0)));
        assert_eq!(parse_time("25:00"), Err(DateError::NoSuchTime));
        assert_eq!(parse_time("kl. 9"), Err(DateError::Format));
        assert_eq!(parse_time(""), Err(DateError::Empty));
        assert_eq!(format_time(t(9, 5)), "09:05");
    }
}
