//! Three-way merging of a case saved by two people at once: what one changed since the
//! version both read is kept beside what the other changed, field by field. Only a field
//! both changed, to different values, is a clash for the user to decide.
//!
//! The case is merged as the JSON document the team's server keeps: objects field by field, lists of records (anything with an
//! `id`) record by record, so one person's new timeline note and the other's minutes
//! both stay. Any other value (a text, a date, a list of participants) is one field.

use serde_json::{Map, Value};

/// A field both changed, to different values.
#[derive(Clone, Debug, PartialEq)]
pub struct Clash {
    /// Where the field is: object keys, and `#id` for a record in a list.
    pub path: Vec<String>,
    /// Its value in the version both read (`Null` if it was not there).
    pub base: Value,
    pub theirs: Value,
    pub mine: Value,
}

/// Merges `mine` and `theirs`, both changed from `base`. Clashing fields take `mine` in
/// the result and are listed, so the user can choose per field ([`with_picks`]).
pub fn merge(base: &Value, mine: &Value, theirs: &Value) -> (Value, Vec<Clash>) {
    let mut clashes = Vec::new();
    let merged = merge_at(&mut Vec::new(), base, mine, theirs, &mut clashes);
    (merged, clashes)
}

fn merge_at(
    path: &mut Vec<String>,
    base: &Value,
    mine: &Value,
    theirs: &Value,
    clashes: &mut Vec<Clash>,
) -> Value {
    if mine == theirs || theirs == base {
        return mine.clone();
    }
    if mine == base {
        return theirs.clone();
    }
    match (base, mine, theirs) {
        (Value::Object(b), Value::Object(m), Value::Object(t)) => {
            Value::Object(merge_objects(path, b, m, t, clashes))
        }
        (Value::Null, Value::Object(m), Value::Object(t)) => {
            Value::Object(merge_objects(path, &Map::new(), m, t, clashes))
        }
        (_, Value::Array(m), Value::Array(t)) if is_records(m) && is_records(t) => {
            let empty = Vec::new();
            let b = match base {
                Value::Array(b) if is_records(b) => b,
                _ => &empty,
            };
            Value::Array(merge_records(path, b, m, t, clashes))
        }
        _ => {
            clashes.push(Clash {
                path: path.clone(),
                base: base.clone(),
                theirs: theirs.clone(),
                mine: mine.clone(),
            });
            mine.clone()
        }
    }
}

fn merge_objects(
    path: &mut Vec<String>,
    base: &Map<String, Value>,
    mine: &Map<String, Value>,
    theirs: &Map<String, Value>,
    clashes: &mut Vec<Clash>,
) -> Map<String, Value> {
    let mut keys: Vec<&String> = mine.keys().chain(theirs.keys()).collect();
    keys.sort();
    keys.dedup();
    let mut merged = Map::new();
    for key in keys {
        let get = |m: &Map<String, Value>| m.get(key).cloned().unwrap_or(Value::Null);
        path.push(key.clone());
        let value = merge_at(path, &get(base), &get(mine), &get(theirs), clashes);
        path.pop();
        if !value.is_null() || mine.contains_key(key) || theirs.contains_key(key) {
            merged.insert(key.clone(), value);
        }
    }
    merged
}

/// Whether every element is a record with an id (an empty list counts).
fn is_records(list: &[Value]) -> bool {
    list.iter()
        .all(|v| v.get("id").is_some_and(|id| !id.is_null()))
}

fn id_of(v: &Value) -> String {
    v.get("id").map(ToString::to_string).unwrap_or_default()
}

/// Merges lists of records by id: kept in `mine`'s order, with records only `theirs` has
/// added after. A record one removed and the other left as it was is removed; one removed
/// while the other changed it is a clash.
fn merge_records(
    path: &mut Vec<String>,
    base: &[Value],
    mine: &[Value],
    theirs: &[Value],
    clashes: &mut Vec<Clash>,
) -> Vec<Value> {
    let find = |list: &[Value], id: &str| list.iter().find(|v| id_of(v) == id).cloned();
    let mut ids: Vec<String> = mine.iter().map(id_of).collect();
    for t in theirs {
        let id = id_of(t);
        if !ids.contains(&id) {
            ids.push(id);
        }
    }
    for b in base {
        let id = id_of(b);
        if !ids.contains(&id) {
            ids.push(id);
        }
    }
    let mut merged = Vec::with_capacity(ids.len());
    for id in ids {
        let b = find(base, &id).unwrap_or(Value::Null);
        let m = find(mine, &id).unwrap_or(Value::Null);
        let t = find(theirs, &id).unwrap_or(Value::Null);
        path.push(format!("#{id}"));
        let value = merge_at(path, &b, &m, &t, clashes);
        path.pop();
        if !value.is_null() {
            merged.push(value);
        }
    }
    merged
}

/// `merged` with each clash's field set as the user chose: `true` keeps theirs.
pub fn with_picks(merged: &Value, clashes: &[Clash], keep_theirs: &[bool]) -> Value {
    let mut out = merged.clone();
    for (clash, theirs) in clashes.iter().zip(keep_theirs) {
        let value = if *theirs { &clash.theirs } else { &clash.mine };
        set(&mut out, &clash.path, value.clone());
    }
    out
}

/// Sets the field at `path` in `doc` (a record gone from its list is put back).
fn set(doc: &mut Value, path: &[String], value: Value) {
    let Some((first, rest)) = path.split_first() else {
        *doc = value;
        return;
    };
    if let Some(id) = first.strip_prefix('#') {
        let Value::Array(list) = doc else { return };
        match list.iter().position(|v| id_of(v) == id) {
            Some(i) if rest.is_empty() && value.is_null() => {
                list.remove(i);
            }
            Some(i) => set(&mut list[i], rest, value),
            None if rest.is_empty() && !value.is_null() => list.push(value),
            None => {}
        }
        return;
    }
    if let Value::Object(map) = doc {
        let slot = map.entry(first.clone()).or_insert(Value::Null);
        set(slot, rest, value);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn base() -> Value {
        json!({
            "student": {"name": "Amira", "school": "SOSU Esbjerg"},
            "conversations": [
                {"id": 1, "minutes": {"welcome": "", "learning_needs": "Fagsprog"}}
            ],
            "events": [{"id": 10, "text": "oprettet"}],
        })
    }

    #[test]
    fn changes_to_different_fields_are_both_kept_without_a_clash() {
        let mut mine = base();
        mine["conversations"][0]["minutes"]["welcome"] = json!("Velkommen");
        mine["events"]
            .as_array_mut()
            .unwrap()
            .push(json!({"id": 11, "text": "mit notat"}));
        let mut theirs = base();
        theirs["student"]["school"] = json!("SOSU Syd");
        theirs["conversations"][0]["minutes"]["learning_needs"] = json!("Fagsprog og ro");
        theirs["events"]
            .as_array_mut()
            .unwrap()
            .push(json!({"id": 12, "text": "deres"}));
        let (merged, clashes) = merge(&base(), &mine, &theirs);
        assert!(clashes.is_empty(), "{clashes:?}");
        assert_eq!(merged["student"]["school"], "SOSU Syd");
        assert_eq!(
            merged["conversations"][0]["minutes"]["welcome"],
            "Velkommen"
        );
        assert_eq!(
            merged["conversations"][0]["minutes"]["learning_needs"],
            "Fagsprog og ro"
        );
        let events: Vec<i64> = merged["events"]
            .as_array()
            .unwrap()
            .iter()
            .map(|e| e["id"].as_i64().unwrap())
            .collect();
        assert_eq!(events, [10, 11, 12]);
    }

    #[test]
    fn the_same_field_changed_twice_is_a_clash_holding_both_texts() {
        let mut mine = base();
        mine["conversations"][0]["minutes"]["learning_needs"] = json!("Min tekst");
        let mut theirs = base();
        theirs["conversations"][0]["minutes"]["learning_needs"] = json!("Deres tekst");
        let (merged, clashes) = merge(&base(), &mine, &theirs);
        assert_eq!(clashes.len(), 1);
        let clash = &clashes[0];
        assert_eq!(
            clash.path,
            ["conversations", "#1", "minutes", "learning_needs"]
        );
        assert_eq!(clash.mine, "Min tekst");
        assert_eq!(clash.theirs, "Deres tekst");
        assert_eq!(clash.base, "Fagsprog");
        // Until the user chooses, the result holds mine; choosing theirs puts theirs in.
        assert_eq!(
            merged["conversations"][0]["minutes"]["learning_needs"],
            "Min tekst"
        );
        let picked = with_picks(&merged, &clashes, &[true]);
        assert_eq!(
            picked["conversations"][0]["minutes"]["learning_needs"],
            "Deres tekst"
        );
    }

    #[test]
    fn a_record_removed_by_one_and_left_by_the_other_is_removed() {
        let mut with_two = base();
        with_two["agreements"] = json!([{"id": 5, "text": "a"}, {"id": 6, "text": "b"}]);
        let mut mine = with_two.clone();
        mine["agreements"] = json!([{"id": 6, "text": "b"}]);
        let theirs = with_two.clone();
        let (merged, clashes) = merge(&with_two, &mine, &theirs);
        assert!(clashes.is_empty());
        assert_eq!(merged["agreements"], json!([{"id": 6, "text": "b"}]));
    }

    #[test]
    fn a_record_removed_by_one_and_changed_by_the_other_is_a_clash() {
        let mut with_one = base();
        with_one["agreements"] = json!([{"id": 5, "text": "a"}]);
        let mut mine = with_one.clone();
        mine["agreements"] = json!([]);
        let mut theirs = with_one.clone();
        theirs["agreements"] = json!([{"id": 5, "text": "ændret"}]);
        let (merged, clashes) = merge(&with_one, &mine, &theirs);
        assert_eq!(clashes.len(), 1);
        assert_eq!(clashes[0].path, ["agreements", "#5"]);
        assert_eq!(merged["agreements"], json!([]));
        let kept = with_picks(&merged, &clashes, &[true]);
        assert_eq!(kept["agreements"], json!([{"id": 5, "text": "ændret"}]));
    }
}
