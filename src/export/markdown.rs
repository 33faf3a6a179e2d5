//! The agenda or minutes as GitHub-flavoured Markdown: readable as plain text, and rendered
//! with headings, lists and a table of the agreements where Markdown is shown.
//!
//! The text depends on the document's content only — not on when it was written — so
//! writing unchanged minutes again gives the same bytes, and [`super::names`] can tell an
//! unchanged document from a changed one.
//!
//! Text the user typed is escaped so that a `*` or `|` in the minutes stays a character
//! and never turns into emphasis or an extra table column; line breaks are kept.

use super::minutes::{Block, Field, ListItem, MinutesDoc, NetworkMap, Section, Table};

/// Writes `doc` as Markdown.
pub fn markdown(doc: &MinutesDoc) -> String {
    let mut out = String::new();
    // What a PDF says on every page, said once at the top.
    out.push_str(&format!("*{}*\n\n", inline(&doc.running)));
    out.push_str(&format!("# {}\n\n", inline(&doc.title)));
    out.push_str(&format!("**{}**\n\n", inline(&doc.level)));
    if let Some(mark) = &doc.mark {
        out.push_str(&format!("> **{}**\n\n", inline(mark)));
    }
    fields(&mut out, &doc.header);
    // Documents without participants (the cooperation tools) have no such heading.
    if !doc.participants.heading.is_empty() {
        out.push_str(&format!("## {}\n\n", inline(&doc.participants.heading)));
        for row in &doc.participants.rows {
            out.push_str(&format!("- {}\n", inline(&row.line)));
        }
        out.push('\n');
    }
    for item in &doc.items {
        section(&mut out, item);
    }
    if let Some(addenda) = &doc.addenda {
        section(&mut out, addenda);
    }
    if !doc.footer.is_empty() {
        out.push_str("---\n\n");
    }
    for line in &doc.footer {
        out.push_str(&format!("*{}*\n\n", inline(line)));
    }
    while out.ends_with("\n\n") {
        out.pop();
    }
    out
}

fn section(out: &mut String, section: &Section) {
    out.push_str(&format!("## {}\n\n", inline(&section.heading)));
    for block in &section.blocks {
        match block {
            Block::Label(label) => out.push_str(&format!("### {}\n\n", inline(label))),
            Block::Text(text) => paragraph(out, text),
            Block::Placeholder(text) => out.push_str(&format!("*{}*\n\n", inline(text))),
            Block::Fields(f) => fields(out, f),
            Block::Table(t) => table(out, t),
            Block::List(items) => list(out, items),
            Block::Map(map) => network_map(out, map),
        }
    }
}

/// The map as two lists, the close circle first.
fn network_map(out: &mut String, map: &NetworkMap) {
    out.push_str(&format!("**{}**\n\n", inline(&map.centre)));
    for (label, people) in [
        (&map.close_label, &map.close),
        (&map.wider_label, &map.wider),
    ] {
        let items: Vec<ListItem> = people
            .iter()
            .map(|p| ListItem {
                title: p.clone(),
                lines: Vec::new(),
            })
            .collect();
        out.push_str(&format!("### {}\n\n", inline(label)));
        list(out, &items);
    }
}

fn fields(out: &mut String, fields: &[Field]) {
    for f in fields {
        let value = continued(&f.value, "  ");
        let value = if f.placeholder {
            format!("*{value}*")
        } else {
            value
        };
        out.push_str(&format!("- **{}:** {value}\n", inline(&f.label)));
    }
    out.push('\n');
}

fn list(out: &mut String, items: &[ListItem]) {
    for item in items {
        out.push_str(&format!("- **{}**\n", inline(&item.title)));
        for line in &item.lines {
            out.push_str(&format!("  - {}\n", continued(line, "    ")));
        }
    }
    out.push('\n');
}

fn table(out: &mut String, t: &Table) {
    let row = |cells: &[String]| {
        let cells: Vec<String> = cells.iter().map(|c| cell(c)).collect();
        format!("| {} |\n", cells.join(" | "))
    };
    out.push_str(&row(&t.columns));
    out.push_str(&format!("|{}\n", " --- |".repeat(t.columns.len())));
    for r in &t.rows {
        // A short row would shift the columns; pad it.
        let mut cells = r.clone();
        cells.resize(t.columns.len().max(r.len()), String::new());
        out.push_str(&row(&cells));
    }
    out.push('\n');
}

/// A table cell: one line, with `|` escaped and line breaks as `<br>`.
fn cell(text: &str) -> String {
    let lines: Vec<String> = text.trim().lines().map(|l| inline(l.trim())).collect();
    let joined = lines.join("<br>");
    if joined.is_empty() {
        " ".into()
    } else {
        joined
    }
}

/// The user's text as paragraphs, keeping each line break.
fn paragraph(out: &mut String, text: &str) {
    let lines: Vec<&str> = text.lines().map(str::trim_end).collect();
    for (i, line) in lines.iter().enumerate() {
        out.push_str(&block_line(line));
        let next_has_text = lines.get(i + 1).is_some_and(|l| !l.trim().is_empty());
        if !line.trim().is_empty() && next_has_text {
            out.push_str("  ");
        }
        out.push('\n');
    }
    out.push('\n');
}

/// Text that may span lines inside a list item: later lines are indented to stay in it.
fn continued(text: &str, indent: &str) -> String {
    let lines: Vec<String> = text
        .trim()
        .lines()
        .map(|l| inline(l.trim()))
        .filter(|l| !l.is_empty())
        .collect();
    lines.join(&format!("  \n{indent}"))
}

/// One line of the user's text: inline characters escaped, and a start that would make
/// a heading, a quote or a horizontal rule escaped too. List markers are left alone, so
/// a list typed in the minutes stays a list.
fn block_line(line: &str) -> String {
    let escaped = inline(line);
    let trimmed = escaped.trim_start();
    let indent = &escaped[..escaped.len() - trimmed.len()];
    let rule_like = !trimmed.is_empty() && trimmed.chars().all(|c| matches!(c, '-' | '=' | ' '));
    if trimmed.starts_with('#') || trimmed.starts_with('>') || rule_like {
        format!("{indent}\\{trimmed}")
    } else {
        escaped
    }
}

/// Escapes the characters that mean something inside a Markdown line.
fn inline(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\\' | '*' | '_' | '`' | '[' | ']' | '<' | '>' | '|' | '~' => {
                out.push('\\');
                out.push(c);
            }
            '\n' | '\r' | '\t' => out.push(' '),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pipes_in_cells_are_escaped_and_line_breaks_become_br() {
        assert_eq!(cell("a | b\nc"), "a \\| b<br>c");
        assert_eq!(cell(""), " ");
    }

    #[test]
    fn emphasis_and_html_in_user_text_stay_characters() {
        assert_eq!(inline("*vigtigt* <b>"), "\\*vigtigt\\* \\<b\\>");
    }

    #[test]
    fn user_lines_keep_their_breaks_but_cannot_make_headings_or_rules() {
        let mut out = String::new();
        paragraph(&mut out, "# ikke en overskrift\nlinje to\n---\n- punkt");
        assert_eq!(
            out,
            "\\# ikke en overskrift  \nlinje to  \n\\---  \n- punkt\n\n"
        );
    }
}
