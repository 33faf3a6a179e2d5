//! The agenda or minutes as an A4 PDF, drawn with krilla in the embedded DejaVu Sans.
//!
//! Three steps: the font's own metrics (read from its `cmap` and `hmtx` tables) measure
//! every character; a small layout engine wraps the text into lines and the lines into
//! pages, as plain drawing operations; and krilla draws those operations. Glyphs are
//! placed with exactly the advances the layout measured, so a line never runs past the
//! margin, whatever letters it holds. Because the pages are known before anything is drawn,
//! each page's footer can name the student and the conversation and say "Side 2 af 5", so
//! a page that comes loose from the rest still says what it belongs to.

use std::collections::HashMap;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::sync::OnceLock;

use krilla::Document;
use krilla::color::rgb;
use krilla::geom::{PathBuilder, Point, Rect};
use krilla::metadata::Metadata;
use krilla::num::NormalizedF32;
use krilla::page::PageSettings;
use krilla::paint::{Fill, FillRule, Stroke};
use krilla::text::{Font, GlyphId, KrillaGlyph};

use super::ExportError;
use super::minutes::{Block, Field, ListItem, MinutesDoc, NetworkMap, Section, Table};
use crate::i18n::{Lang, T};

static REGULAR: &[u8] = include_bytes!("../../assets/fonts/DejaVuSans.ttf");
static BOLD: &[u8] = include_bytes!("../../assets/fonts/DejaVuSans-Bold.ttf");

// A4 in points, with 20 mm margins.
pub(crate) const PAGE_W: f32 = 595.276;
pub(crate) const PAGE_H: f32 = 841.89;
pub(crate) const MARGIN_X: f32 = 56.7;
pub(crate) const TOP: f32 = 62.0;
pub(crate) const BOTTOM: f32 = PAGE_H - 62.0;
pub(crate) const CONTENT_W: f32 = PAGE_W - 2.0 * MARGIN_X;

const BODY: f32 = 10.0;
const LEADING: f32 = 1.38;
const SMALL: f32 = 8.5;
const CELL: f32 = 9.0;
const CELL_PAD: f32 = 3.5;

pub(crate) const BLACK: Rgb = Rgb(0, 0, 0);
pub(crate) const GREY: Rgb = Rgb(100, 100, 100);
pub(crate) const RULE: Rgb = Rgb(160, 160, 160);
const SHADE: Rgb = Rgb(234, 234, 234);
const RED: Rgb = Rgb(190, 0, 0);

/// Writes `doc` as a PDF.
pub fn pdf(doc: &MinutesDoc) -> Result<Vec<u8>, ExportError> {
    let fonts = Fonts::load()?;
    // krilla is third-party code; should it ever panic on some input, the user gets an
    // error message instead of losing the program (and its unsaved text) with it.
    catch_unwind(AssertUnwindSafe(|| {
        let pages = lay_out(doc, &fonts);
        render(doc, &fonts, pages)
    }))
    .unwrap_or_else(|_| Err(ExportError::Pdf("internal error in the PDF writer".into())))
}

// ---------------------------------------------------------------------------------------
// Font metrics

/// The horizontal metrics of one font: which glyph draws a character and how wide it is.
struct Metrics {
    units_per_em: f32,
    advances: Vec<u16>,
    glyphs: HashMap<u32, u16>,
}

impl Metrics {
    /// Reads the `head`, `hhea`, `hmtx` and `cmap` tables of a TrueType font.
    fn parse(data: &[u8]) -> Option<Metrics> {
        let table = |tag: &[u8; 4]| -> Option<&[u8]> {
            let count = read_u16(data, 4)? as usize;
            (0..count).find_map(|i| {
                let rec = 12 + 16 * i;
                if data.get(rec..rec + 4)? != tag {
                    return None;
                }
                let offset = read_u32(data, rec + 8)? as usize;
                let length = read_u32(data, rec + 12)? as usize;
                data.get(offset..offset.checked_add(length)?)
            })
        };
        let units_per_em = f32::from(read_u16(table(b"head")?, 18)?);
        let metric_count = read_u16(table(b"hhea")?, 34)? as usize;
        let hmtx = table(b"hmtx")?;
        let advances = (0..metric_count)
            .map(|i| read_u16(hmtx, 4 * i))
            .collect::<Option<Vec<u16>>>()?;
        if units_per_em <= 0.0 || advances.is_empty() {
            return None;
        }
        let glyphs = read_cmap(table(b"cmap")?)?;
        Some(Metrics {
            units_per_em,
            advances,
            glyphs,
        })
    }

    /// The glyph drawing `c`; 0 (the font's "missing" box) when it has none.
    fn glyph(&self, c: char) -> u16 {
        self.glyphs.get(&u32::from(c)).copied().unwrap_or(0)
    }

    /// A glyph's advance in em.
    fn advance(&self, glyph: u16) -> f32 {
        let i = usize::from(glyph).min(self.advances.len() - 1);
        f32::from(self.advances[i]) / self.units_per_em
    }

    /// The width of `text` at `size` points.
    fn width(&self, text: &str, size: f32) -> f32 {
        text.chars()
            .map(|c| self.advance(self.glyph(c)))
            .sum::<f32>()
            * size
    }
}

fn read_u16(data: &[u8], at: usize) -> Option<u16> {
    Some(u16::from_be_bytes(data.get(at..at + 2)?.try_into().ok()?))
}

fn read_u32(data: &[u8], at: usize) -> Option<u32> {
    Some(u32::from_be_bytes(data.get(at..at + 4)?.try_into().ok()?))
}

/// Reads the Unicode character map: format 12 (all planes) when the font has it, else
/// format 4 (the Basic Multilingual Plane, where all Danish text lives).
fn read_cmap(cmap: &[u8]) -> Option<HashMap<u32, u16>> {
    let count = read_u16(cmap, 2)? as usize;
    let mut best: Option<(u8, usize)> = None;
    for i in 0..count {
        let rec = 4 + 8 * i;
        let platform = read_u16(cmap, rec)?;
        let encoding = read_u16(cmap, rec + 2)?;
        let offset = read_u32(cmap, rec + 4)? as usize;
        let Some(format) = read_u16(cmap, offset) else {
            continue;
        };
        let rank = match (platform, encoding, format) {
            (3, 10, 12) | (0, 4, 12) => 3,
            (3, 1, 4) | (0, 3, 4) => 2,
            (0, _, 4) => 1,
            _ => continue,
        };
        if best.is_none_or(|(r, _)| rank > r) {
            best = Some((rank, offset));
        }
    }
    let (_, offset) = best?;
    let sub = cmap.get(offset..)?;
    match read_u16(sub, 0)? {
        12 => read_cmap_12(sub),
        _ => read_cmap_4(sub),
    }
}

fn read_cmap_4(sub: &[u8]) -> Option<HashMap<u32, u16>> {
    let segs = read_u16(sub, 6)? as usize / 2;
    let ends = 14;
    let starts = ends + 2 * segs + 2;
    let deltas = starts + 2 * segs;
    let range_offsets = deltas + 2 * segs;
    let mut map = HashMap::new();
    for s in 0..segs {
        let end = read_u16(sub, ends + 2 * s)?;
        let start = read_u16(sub, starts + 2 * s)?;
        let delta = read_u16(sub, deltas + 2 * s)?;
        let range_offset = read_u16(sub, range_offsets + 2 * s)? as usize;
        if start == 0xFFFF || start > end {
            continue;
        }
        for c in start..=end {
            let glyph = if range_offset == 0 {
                c.wrapping_add(delta)
            } else {
                let at = range_offsets + 2 * s + range_offset + 2 * usize::from(c - start);
                match read_u16(sub, at) {
                    Some(0) | None => 0,
                    Some(g) => g.wrapping_add(delta),
                }
            };
            if glyph != 0 {
                map.insert(u32::from(c), glyph);
            }
        }
    }
    Some(map)
}

fn read_cmap_12(sub: &[u8]) -> Option<HashMap<u32, u16>> {
    let groups = read_u32(sub, 12)? as usize;
    let mut map = HashMap::new();
    for g in 0..groups {
        let at = 16 + 12 * g;
        let start = read_u32(sub, at)?;
        let end = read_u32(sub, at + 4)?;
        let first = read_u32(sub, at + 8)?;
        // A broken table must not make us allocate for all of Unicode.
        if end < start || end > 0x10FFFF || end - start > 0x10000 {
            continue;
        }
        for c in start..=end {
            if let Ok(glyph) = u16::try_from(first + (c - start))
                && glyph != 0
            {
                map.insert(c, glyph);
            }
        }
    }
    Some(map)
}

/// The two faces the minutes use, each with its metrics and the font krilla embeds.
pub(crate) struct Fonts {
    regular: (&'static Metrics, Font),
    bold: (&'static Metrics, Font),
}

impl Fonts {
    pub(crate) fn load() -> Result<Fonts, ExportError> {
        static METRICS: OnceLock<Option<(Metrics, Metrics)>> = OnceLock::new();
        let (regular, bold) = METRICS
            .get_or_init(|| Some((Metrics::parse(REGULAR)?, Metrics::parse(BOLD)?)))
            .as_ref()
            .ok_or(ExportError::Font)?;
        let font = |data: &'static [u8]| Font::new(data.into(), 0).ok_or(ExportError::Font);
        Ok(Fonts {
            regular: (regular, font(REGULAR)?),
            bold: (bold, font(BOLD)?),
        })
    }

    fn metrics(&self, bold: bool) -> &Metrics {
        if bold { self.bold.0 } else { self.regular.0 }
    }

    fn font(&self, bold: bool) -> &Font {
        if bold { &self.bold.1 } else { &self.regular.1 }
    }

    pub(crate) fn width(&self, style: Style, text: &str) -> f32 {
        self.metrics(style.bold).width(text, style.size)
    }
}

// ---------------------------------------------------------------------------------------
// Layout

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Rgb(pub u8, pub u8, pub u8);

#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) struct Style {
    pub bold: bool,
    pub size: f32,
    pub color: Rgb,
}

impl Style {
    pub(crate) const fn new(bold: bool, size: f32, color: Rgb) -> Style {
        Style { bold, size, color }
    }

    pub(crate) fn line_height(self) -> f32 {
        self.size * LEADING
    }

    /// From the top of a line to its baseline (DejaVu's ascent is 0.93 em).
    pub(crate) fn ascent(self) -> f32 {
        self.size * 0.93 + (self.line_height() - self.size * 1.17) / 2.0
    }
}

const TEXT: Style = Style::new(false, BODY, BLACK);
const LABEL: Style = Style::new(true, BODY, BLACK);
const MUTED: Style = Style::new(false, BODY, GREY);

/// Something to draw, in points from the page's top-left corner.
#[derive(Clone, Debug, PartialEq)]
pub(crate) enum Op {
    /// Text on one line, starting at `x` on the baseline `y`.
    Text {
        x: f32,
        y: f32,
        style: Style,
        text: String,
    },
    /// A horizontal rule.
    Rule { x: f32, y: f32, w: f32, color: Rgb },
    /// A filled rectangle (the table header's shading).
    Shade { x: f32, y: f32, w: f32, h: f32 },
    /// A filled rectangle in `color` (a bar of a chart).
    Bar {
        x: f32,
        y: f32,
        w: f32,
        h: f32,
        color: Rgb,
    },
    /// A circle around (`x`, `y`): stroked in `color`, or filled with it.
    Circle {
        x: f32,
        y: f32,
        r: f32,
        color: Rgb,
        filled: bool,
    },
}

/// A laid-out line: runs of text, each in one style, that follow each other.
#[derive(Clone, Debug, Default, PartialEq)]
struct Line {
    runs: Vec<(Style, String)>,
    width: f32,
}

impl Line {
    fn push(&mut self, fonts: &Fonts, style: Style, text: &str) {
        self.width += fonts.width(style, text);
        match self.runs.last_mut() {
            Some((s, t)) if *s == style => t.push_str(text),
            _ => self.runs.push((style, text.to_string())),
        }
    }

    fn is_empty(&self) -> bool {
        self.runs.is_empty()
    }
}

/// Drops control characters (a tab becomes a space) so nothing unprintable reaches the
/// PDF; line breaks are kept.
fn clean(text: &str) -> String {
    text.chars()
        .filter_map(|c| match c {
            '\n' => Some('\n'),
            '\t' => Some(' '),
            c if c.is_control() => None,
            c => Some(c),
        })
        .collect()
}

/// Wraps runs of styled text into lines at most `width` wide. Spaces between words
/// collapse to one; a line break in the text starts a new line; a word wider than the line
/// is broken between characters.
fn wrap(fonts: &Fonts, runs: &[(Style, &str)], width: f32) -> Vec<Line> {
    let mut lines = Vec::new();
    let mut line = Line::default();
    let mut word: Vec<(Style, String)> = Vec::new();
    let mut space: Option<Style> = None;
    let flush = |lines: &mut Vec<Line>,
                 line: &mut Line,
                 word: &mut Vec<(Style, String)>,
                 space: &mut Option<Style>| {
        if word.is_empty() {
            return;
        }
        let word_w: f32 = word.iter().map(|(s, t)| fonts.width(*s, t)).sum();
        let space_w = space.map_or(0.0, |s| fonts.width(s, " "));
        if !line.is_empty() && line.width + space_w + word_w > width {
            lines.push(std::mem::take(line));
        } else if let (false, Some(s)) = (line.is_empty(), *space) {
            line.push(fonts, s, " ");
        }
        for (style, text) in word.drain(..) {
            if line.width + fonts.width(style, &text) <= width {
                line.push(fonts, style, &text);
                continue;
            }
            // Too long for any line: break it where it no longer fits.
            let mut chunk = String::new();
            let mut chunk_w = 0.0;
            for c in text.chars() {
                let w = fonts.width(style, c.encode_utf8(&mut [0; 4]));
                if line.width + chunk_w + w > width && !(line.is_empty() && chunk.is_empty()) {
                    if !chunk.is_empty() {
                        line.push(fonts, style, &chunk);
                    }
                    lines.push(std::mem::take(line));
                    chunk.clear();
                    chunk_w = 0.0;
                }
                chunk.push(c);
                chunk_w += w;
            }
            if !chunk.is_empty() {
                line.push(fonts, style, &chunk);
            }
        }
        *space = None;
    };
    for (style, text) in runs {
        for c in clean(text).chars() {
            if c == '\n' {
                flush(&mut lines, &mut line, &mut word, &mut space);
                lines.push(std::mem::take(&mut line));
                space = None;
            } else if c.is_whitespace() {
                flush(&mut lines, &mut line, &mut word, &mut space);
                if !line.is_empty() {
                    space = Some(*style);
                }
            } else {
                match word.last_mut() {
                    Some((s, t)) if s == style => t.push(c),
                    _ => word.push((*style, c.to_string())),
                }
            }
        }
    }
    flush(&mut lines, &mut line, &mut word, &mut space);
    if !line.is_empty() || lines.is_empty() {
        lines.push(line);
    }
    lines
}

/// Places text on pages, top to bottom, starting a new page when one is full.
struct Layout<'f> {
    fonts: &'f Fonts,
    pages: Vec<Vec<Op>>,
    /// The top of the next free line on the current page.
    y: f32,
}

impl<'f> Layout<'f> {
    fn new(fonts: &'f Fonts) -> Layout<'f> {
        Layout {
            fonts,
            pages: vec![Vec::new()],
            y: TOP,
        }
    }

    fn new_page(&mut self) {
        self.pages.push(Vec::new());
        self.y = TOP;
    }

    /// Makes room for `height` points, on a new page if this one has too little left.
    fn ensure(&mut self, height: f32) {
        if self.y + height > BOTTOM && self.y > TOP {
            self.new_page();
        }
    }

    fn op(&mut self, op: Op) {
        if let Some(page) = self.pages.last_mut() {
            page.push(op);
        }
    }

    fn gap(&mut self, points: f32) {
        if self.y > TOP {
            self.y += points;
        }
    }

    /// Draws one line with its top at the current position.
    fn draw_line(&mut self, line: &Line, x: f32, line_height: f32) {
        let mut x = x;
        for (style, text) in &line.runs {
            let baseline = self.y + style.ascent() + (line_height - style.line_height()) / 2.0;
            self.op(Op::Text {
                x,
                y: baseline,
                style: *style,
                text: text.clone(),
            });
            x += self.fonts.width(*style, text);
        }
    }

    /// Styled text wrapped to `width`, starting at `x`, across pages as needed.
    fn paragraph(&mut self, runs: &[(Style, &str)], x: f32, width: f32) {
        let height = runs
            .iter()
            .map(|(s, _)| s.line_height())
            .fold(0.0, f32::max);
        for line in wrap(self.fonts, runs, width) {
            self.ensure(height);
            self.draw_line(&line, x, height);
            self.y += height;
        }
    }

    /// A heading, kept on the same page as at least two lines of what follows it.
    fn heading(&mut self, text: &str, size: f32, before: f32) {
        let style = Style::new(true, size, BLACK);
        let lines = wrap(self.fonts, &[(style, text)], CONTENT_W);
        self.gap(before);
        self.ensure(style.line_height() * lines.len() as f32 + 2.0 * TEXT.line_height());
        for line in &lines {
            self.draw_line(line, MARGIN_X, style.line_height());
            self.y += style.line_height();
        }
        self.y += 2.0;
    }

    /// Labels in a column on the left, their values wrapped beside them.
    fn fields(&mut self, fields: &[Field]) {
        let widest = fields
            .iter()
            .map(|f| self.fonts.width(LABEL, &format!("{}:", f.label)))
            .fold(0.0, f32::max);
        let label_w = (widest + 12.0).min(CONTENT_W * 0.38);
        for f in fields {
            let label = format!("{}:", f.label);
            let labels = wrap(self.fonts, &[(LABEL, &label)], label_w - 8.0);
            let style = if f.placeholder { MUTED } else { TEXT };
            let values = wrap(self.fonts, &[(style, &f.value)], CONTENT_W - label_w);
            let h = TEXT.line_height();
            self.ensure(h * labels.len().max(values.len()).min(3) as f32);
            for i in 0..labels.len().max(values.len()) {
                self.ensure(h);
                if let Some(l) = labels.get(i) {
                    self.draw_line(l, MARGIN_X, h);
                }
                if let Some(v) = values.get(i) {
                    self.draw_line(v, MARGIN_X + label_w, h);
                }
                self.y += h;
            }
        }
    }

    /// Bulleted items: a bold title with lines of detail under it.
    fn list(&mut self, items: &[ListItem]) {
        let indent = 14.0;
        let width = CONTENT_W - indent;
        for item in items {
            self.ensure(TEXT.line_height() * (1 + item.lines.len().min(1)) as f32);
            let bullet = Line {
                runs: vec![(LABEL, "•".into())],
                width: 0.0,
            };
            self.draw_line(&bullet, MARGIN_X + 3.0, TEXT.line_height());
            self.paragraph(&[(LABEL, &item.title)], MARGIN_X + indent, width);
            for line in &item.lines {
                self.paragraph(&[(TEXT, line)], MARGIN_X + indent, width);
            }
            self.y += 2.0;
        }
    }

    /// A table with a shaded header row repeated on every page it spans, wrapped cells and
    /// a rule under each row. A row taller than a page is split between lines.
    fn table(&mut self, columns: &[String], rows: &[Vec<String>]) {
        if columns.is_empty() {
            return;
        }
        let widths = self.column_widths(columns, rows);
        let head_style = Style::new(true, CELL, BLACK);
        let cell_style = Style::new(false, CELL, BLACK);
        let lh = cell_style.line_height();
        let fonts = self.fonts;
        let wrap_cells = |cells: &[String], style: Style| -> Vec<Vec<Line>> {
            widths
                .iter()
                .enumerate()
                .map(|(i, w)| {
                    let text = cells.get(i).map_or("", String::as_str);
                    wrap(fonts, &[(style, text)], (w - 2.0 * CELL_PAD).max(1.0))
                })
                .collect()
        };
        let header = wrap_cells(columns, head_style);
        let header_h = tallest(&header) as f32 * lh + 2.0 * CELL_PAD;
        self.ensure(header_h + lh + 2.0 * CELL_PAD);
        self.table_header(&widths, &header, header_h);
        for row in rows {
            let cells = wrap_cells(row, cell_style);
            let count = tallest(&cells);
            let row_h = count as f32 * lh + 2.0 * CELL_PAD;
            let fits_on_a_page = row_h + header_h <= BOTTOM - TOP;
            if self.y + row_h > BOTTOM && (fits_on_a_page || self.y + lh + CELL_PAD > BOTTOM) {
                self.new_page();
                self.table_header(&widths, &header, header_h);
            }
            self.y += CELL_PAD;
            for i in 0..count {
                if self.y + lh > BOTTOM {
                    self.new_page();
                    self.table_header(&widths, &header, header_h);
                }
                let mut x = MARGIN_X;
                for (col, w) in cells.iter().zip(&widths) {
                    if let Some(line) = col.get(i) {
                        self.draw_line(line, x + CELL_PAD, lh);
                    }
                    x += w;
                }
                self.y += lh;
            }
            self.y += CELL_PAD;
            self.rule(RULE);
        }
    }

    fn table_header(&mut self, widths: &[f32], header: &[Vec<Line>], height: f32) {
        let lh = CELL * LEADING;
        self.op(Op::Shade {
            x: MARGIN_X,
            y: self.y,
            w: CONTENT_W,
            h: height,
        });
        self.rule(BLACK);
        let top = self.y;
        let mut x = MARGIN_X;
        for (col, w) in header.iter().zip(widths) {
            self.y = top + CELL_PAD;
            for line in col {
                self.draw_line(line, x + CELL_PAD, lh);
                self.y += lh;
            }
            x += w;
        }
        self.y = top + height;
        self.rule(BLACK);
    }

    fn rule(&mut self, color: Rgb) {
        self.op(Op::Rule {
            x: MARGIN_X,
            y: self.y,
            w: CONTENT_W,
            color,
        });
    }

    /// Column widths filling the text width: each column as wide as its longest line if
    /// they all fit; otherwise narrow columns keep their width and the wide ones share the
    /// rest in proportion.
    fn column_widths(&self, columns: &[String], rows: &[Vec<String>]) -> Vec<f32> {
        let style = Style::new(false, CELL, BLACK);
        let head = Style::new(true, CELL, BLACK);
        let natural: Vec<f32> = (0..columns.len())
            .map(|i| {
                let longest = |s: Style, text: &str| {
                    text.lines()
                        .map(|l| self.fonts.width(s, l))
                        .fold(0.0, f32::max)
                };
                let body = rows
                    .iter()
                    .filter_map(|r| r.get(i))
                    .map(|t| longest(style, t))
                    .fold(0.0, f32::max);
                body.max(longest(head, &columns[i])).max(12.0) + 2.0 * CELL_PAD
            })
            .collect();
        let total: f32 = natural.iter().sum();
        if total <= CONTENT_W {
            return natural.iter().map(|w| w * CONTENT_W / total).collect();
        }
        // A column no wider than its fair share of what is left keeps its natural width.
        let mut fixed = vec![false; natural.len()];
        loop {
            let fixed_w: f32 = (0..natural.len())
                .filter(|&i| fixed[i])
                .map(|i| natural[i])
                .sum();
            let flex: Vec<usize> = (0..natural.len()).filter(|&i| !fixed[i]).collect();
            let room = (CONTENT_W - fixed_w).max(0.0);
            let fair = room / flex.len().max(1) as f32;
            let narrow: Vec<usize> = flex
                .iter()
                .copied()
                .filter(|&i| natural[i] <= fair)
                .collect();
            if narrow.is_empty() || narrow.len() == flex.len() {
                let flex_total: f32 = flex.iter().map(|&i| natural[i]).sum();
                if flex.is_empty() || flex_total <= 0.0 {
                    return natural.iter().map(|w| w * CONTENT_W / total).collect();
                }
                return (0..natural.len())
                    .map(|i| {
                        if fixed[i] {
                            natural[i]
                        } else {
                            room * natural[i] / flex_total
                        }
                    })
                    .collect();
            }
            for i in narrow {
                fixed[i] = true;
            }
        }
    }

    fn section(&mut self, section: &Section) {
        self.heading(&section.heading, 12.0, 12.0);
        for block in &section.blocks {
            match block {
                Block::Label(text) => {
                    // A label stays on the page of the first line it introduces.
                    let lines = wrap(self.fonts, &[(LABEL, text)], CONTENT_W).len();
                    self.gap(4.0);
                    self.ensure((lines + 1) as f32 * TEXT.line_height());
                    self.paragraph(&[(LABEL, text)], MARGIN_X, CONTENT_W);
                }
                Block::Text(text) => {
                    self.paragraph(&[(TEXT, text)], MARGIN_X, CONTENT_W);
                    self.y += 3.0;
                }
                Block::Placeholder(text) => {
                    self.paragraph(&[(MUTED, text)], MARGIN_X, CONTENT_W);
                    self.y += 3.0;
                }
                Block::Fields(fields) => self.fields(fields),
                Block::Table(Table { columns, rows }) => {
                    self.gap(2.0);
                    self.table(columns, rows);
                    self.y += 4.0;
                }
                Block::List(items) => self.list(items),
                Block::Map(map) => self.map(map),
            }
        }
    }
}

// ---------------------------------------------------------------------------------------
// The network map

const MAP_H: f32 = 300.0;
const MAP_INNER: f32 = 72.0;
const MAP_OUTER: f32 = 128.0;
const MAP_CENTRE: f32 = 26.0;
const MAP_LABEL: Style = Style::new(false, SMALL, BLACK);
const MAP_CIRCLE_LABEL: Style = Style::new(true, SMALL, GREY);

impl Layout<'_> {
    /// The network map, drawn: the student in a shaded circle in the middle, the close
    /// network on the inner ring and the wider network on the outer one, each person a dot
    /// with their name beside it, facing away from the middle.
    fn map(&mut self, map: &NetworkMap) {
        self.gap(6.0);
        self.ensure(MAP_H);
        let cx = MARGIN_X + CONTENT_W / 2.0;
        let cy = self.y + MAP_H / 2.0;
        for (r, color) in [(MAP_OUTER, RULE), (MAP_INNER, GREY)] {
            self.op(Op::Circle {
                x: cx,
                y: cy,
                r,
                color,
                filled: false,
            });
        }
        self.op(Op::Circle {
            x: cx,
            y: cy,
            r: MAP_CENTRE,
            color: SHADE,
            filled: true,
        });
        let centre = fit(self.fonts, LABEL, &map.centre, 2.0 * MAP_CENTRE + 60.0);
        let w = self.fonts.width(LABEL, &centre);
        self.op(Op::Text {
            x: cx - w / 2.0,
            y: cy + LABEL.size * 0.35,
            style: LABEL,
            text: centre,
        });
        for (label, r) in [(&map.close_label, MAP_INNER), (&map.wider_label, MAP_OUTER)] {
            let w = self.fonts.width(MAP_CIRCLE_LABEL, label);
            self.op(Op::Text {
                x: cx - w / 2.0,
                y: cy - r - 3.0,
                style: MAP_CIRCLE_LABEL,
                text: label.clone(),
            });
        }
        self.ring(cx, cy, MAP_INNER, &map.close);
        self.ring(cx, cy, MAP_OUTER, &map.wider);
        self.y += MAP_H + 6.0;
    }

    /// `people` spread evenly round a ring of radius `r`, clear of the ring's name at the
    /// top.
    fn ring(&mut self, cx: f32, cy: f32, r: f32, people: &[String]) {
        let n = people.len().max(1) as f32;
        let room = CONTENT_W / 2.0 - r - 10.0 + if r < MAP_OUTER { 40.0 } else { 0.0 };
        for (i, person) in people.iter().enumerate() {
            let angle = -std::f32::consts::FRAC_PI_2 + (i as f32 + 0.5) * std::f32::consts::TAU / n;
            let (px, py) = (cx + r * angle.cos(), cy + r * angle.sin());
            self.op(Op::Circle {
                x: px,
                y: py,
                r: 3.5,
                color: BLACK,
                filled: true,
            });
            let text = fit(self.fonts, MAP_LABEL, person, room.max(40.0));
            let w = self.fonts.width(MAP_LABEL, &text);
            let x = if angle.cos() >= -0.01 {
                px + 6.0
            } else {
                px - 6.0 - w
            };
            self.op(Op::Text {
                x,
                y: py + MAP_LABEL.size * 0.35,
                style: MAP_LABEL,
                text,
            });
        }
    }
}

/// A circle as four cubic Bézier arcs.
fn circle_path(x: f32, y: f32, r: f32) -> Option<krilla::geom::Path> {
    const K: f32 = 0.552_284_8;
    let k = K * r;
    let mut p = PathBuilder::new();
    p.move_to(x + r, y);
    p.cubic_to(x + r, y + k, x + k, y + r, x, y + r);
    p.cubic_to(x - k, y + r, x - r, y + k, x - r, y);
    p.cubic_to(x - r, y - k, x - k, y - r, x, y - r);
    p.cubic_to(x + k, y - r, x + r, y - k, x + r, y);
    p.close();
    p.finish()
}

fn tallest(cells: &[Vec<Line>]) -> usize {
    cells.iter().map(Vec::len).max().unwrap_or(0).max(1)
}

/// Lays the whole document out, then adds what every page carries: the draft mark at the
/// top and "Side n af N" at the bottom.
fn lay_out(doc: &MinutesDoc, fonts: &Fonts) -> Vec<Vec<Op>> {
    let mut l = Layout::new(fonts);
    l.heading(&doc.title, 16.0, 0.0);
    l.paragraph(
        &[(Style::new(true, 12.0, BLACK), &doc.level)],
        MARGIN_X,
        CONTENT_W,
    );
    l.y += 8.0;
    l.fields(&doc.header);
    let p = &doc.participants;
    // Documents without participants (the cooperation tools) have no such heading.
    if !p.heading.is_empty() {
        l.heading(&p.heading, 12.0, 12.0);
        let rows: Vec<Vec<String>> = p.rows.iter().map(|r| r.cells.clone()).collect();
        l.table(&p.columns, &rows);
    }
    for item in &doc.items {
        l.section(item);
    }
    if let Some(addenda) = &doc.addenda {
        l.section(addenda);
    }
    l.gap(16.0);
    let closing: Vec<&String> = doc.footer.iter().chain([&doc.generated]).collect();
    l.ensure(SMALL * LEADING * closing.len() as f32 + 6.0);
    l.rule(RULE);
    l.y += 4.0;
    for line in closing {
        l.paragraph(
            &[(Style::new(false, SMALL, GREY), line)],
            MARGIN_X,
            CONTENT_W,
        );
    }

    let count = l.pages.len();
    let mark = doc.mark.as_deref().map(|m| {
        let style = Style::new(true, 11.0, RED);
        (style, m, fonts.width(style, m))
    });
    let number_style = Style::new(false, SMALL, GREY);
    let mut pages = l.pages;
    for (i, page) in pages.iter_mut().enumerate() {
        if let Some((style, text, width)) = mark {
            page.push(Op::Text {
                x: PAGE_W - MARGIN_X - width,
                y: 38.0,
                style,
                text: text.to_string(),
            });
        }
        let number = doc.lang.fill(
            T::DocPageOf,
            &[
                ("page", &(i + 1).to_string()),
                ("pages", &count.to_string()),
            ],
        );
        let number_w = fonts.width(number_style, &number);
        page.push(Op::Text {
            x: PAGE_W - MARGIN_X - number_w,
            y: PAGE_H - 34.0,
            style: number_style,
            text: number,
        });
        page.push(Op::Text {
            x: MARGIN_X,
            y: PAGE_H - 34.0,
            style: number_style,
            text: fit(
                fonts,
                number_style,
                &doc.running,
                CONTENT_W - number_w - 18.0,
            ),
        });
    }
    pages
}

/// `text` on one line at most `width` wide: cut at a word and ended with "…" if it is too
/// long (a student with very many names), cut between characters if one word is.
pub(crate) fn fit(fonts: &Fonts, style: Style, text: &str, width: f32) -> String {
    let text = clean(text).replace('\n', " ");
    if fonts.width(style, &text) <= width {
        return text;
    }
    let room = width - fonts.width(style, "…");
    let mut end = 0;
    let mut used = 0.0;
    let mut word_end = None;
    for (at, c) in text.char_indices() {
        used += fonts.width(style, c.encode_utf8(&mut [0; 4]));
        if used > room {
            break;
        }
        if c.is_whitespace() {
            word_end = Some(at);
        }
        end = at + c.len_utf8();
    }
    let cut = word_end.filter(|&w| w > 0).unwrap_or(end);
    format!("{}…", text[..cut].trim_end())
}

// ---------------------------------------------------------------------------------------
// Drawing

fn render(doc: &MinutesDoc, fonts: &Fonts, pages: Vec<Vec<Op>>) -> Result<Vec<u8>, ExportError> {
    draw(fonts, pages, &doc.title, doc.lang)
}

/// Draws pages of operations as a PDF titled `title` in `lang`. krilla is third-party
/// code: should it panic on some input, the caller gets an error instead.
pub(crate) fn draw_pages(
    fonts: &Fonts,
    pages: Vec<Vec<Op>>,
    title: &str,
    lang: Lang,
) -> Result<Vec<u8>, ExportError> {
    catch_unwind(AssertUnwindSafe(|| draw(fonts, pages, title, lang)))
        .unwrap_or_else(|_| Err(ExportError::Pdf("internal error in the PDF writer".into())))
}

fn draw(
    fonts: &Fonts,
    pages: Vec<Vec<Op>>,
    title: &str,
    lang: Lang,
) -> Result<Vec<u8>, ExportError> {
    let settings = PageSettings::from_wh(PAGE_W, PAGE_H)
        .ok_or_else(|| ExportError::Pdf("invalid page size".into()))?;
    let mut document = Document::new();
    for ops in pages {
        let mut page = document.start_page_with(settings.clone());
        let mut surface = page.surface();
        for op in ops {
            match op {
                Op::Text { x, y, style, text } => {
                    let metrics = fonts.metrics(style.bold);
                    let glyphs: Vec<KrillaGlyph> = text
                        .char_indices()
                        .map(|(at, c)| {
                            let glyph = metrics.glyph(c);
                            KrillaGlyph::new(
                                GlyphId::new(u32::from(glyph)),
                                metrics.advance(glyph),
                                0.0,
                                0.0,
                                0.0,
                                at..at + c.len_utf8(),
                                None,
                            )
                        })
                        .collect();
                    if glyphs.is_empty() {
                        continue;
                    }
                    surface.set_stroke(None);
                    surface.set_fill(Some(fill(style.color)));
                    surface.draw_glyphs(
                        Point::from_xy(x, y),
                        &glyphs,
                        fonts.font(style.bold).clone(),
                        &text,
                        style.size,
                        false,
                    );
                }
                Op::Rule { x, y, w, color } => {
                    let mut path = PathBuilder::new();
                    path.move_to(x, y);
                    path.line_to(x + w, y);
                    if let Some(path) = path.finish() {
                        surface.set_fill(None);
                        surface.set_stroke(Some(Stroke {
                            paint: rgb::Color::new(color.0, color.1, color.2).into(),
                            width: 0.6,
                            ..Stroke::default()
                        }));
                        surface.draw_path(&path);
                        surface.set_stroke(None);
                    }
                }
                Op::Circle {
                    x,
                    y,
                    r,
                    color,
                    filled,
                } => {
                    if let Some(path) = circle_path(x, y, r) {
                        if filled {
                            surface.set_stroke(None);
                            surface.set_fill(Some(fill(color)));
                        } else {
                            surface.set_fill(None);
                            surface.set_stroke(Some(Stroke {
                                paint: rgb::Color::new(color.0, color.1, color.2).into(),
                                width: 0.9,
                                ..Stroke::default()
                            }));
                        }
                        surface.draw_path(&path);
                        surface.set_stroke(None);
                    }
                }
                Op::Shade { x, y, w, h } => {
                    let mut path = PathBuilder::new();
                    if let Some(rect) = Rect::from_xywh(x, y, w, h) {
                        path.push_rect(rect);
                    }
                    if let Some(path) = path.finish() {
                        surface.set_stroke(None);
                        surface.set_fill(Some(fill(SHADE)));
                        surface.draw_path(&path);
                    }
                }
                Op::Bar { x, y, w, h, color } => {
                    let mut path = PathBuilder::new();
                    if let Some(rect) = Rect::from_xywh(x, y, w, h) {
                        path.push_rect(rect);
                    }
                    if let Some(path) = path.finish() {
                        surface.set_stroke(None);
                        surface.set_fill(Some(fill(color)));
                        surface.draw_path(&path);
                    }
                }
            }
        }
        surface.finish();
        page.finish();
    }
    let language = match lang {
        Lang::Da => "da",
        Lang::En => "en",
    };
    document.set_metadata(
        Metadata::new()
            .title(title.to_string())
            .language(language.into())
            .creator("Fokus".into()),
    );
    document
        .finish()
        .map_err(|e| ExportError::Pdf(e.to_string()))
}

fn fill(color: Rgb) -> Fill {
    Fill {
        paint: rgb::Color::new(color.0, color.1, color.2).into(),
        opacity: NormalizedF32::ONE,
        rule: FillRule::NonZero,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fonts() -> Fonts {
        Fonts::load().unwrap()
    }

    #[test]
    fn the_embedded_fonts_have_danish_letters_with_real_widths() {
        let f = fonts();
        for bold in [false, true] {
            let m = f.metrics(bold);
            for c in "æøåÆØÅéü–•".chars() {
                assert_ne!(m.glyph(c), 0, "{c} missing");
            }
            assert!(m.width("Å", 10.0) > m.width("i", 10.0));
            assert!(m.width("mmmm", 10.0) > 20.0 && m.width("mmmm", 10.0) < 45.0);
        }
        assert!(f.width(LABEL, "Ærø") > f.width(TEXT, "Ærø"));
    }

    #[test]
    fn no_wrapped_line_is_wider_than_asked() {
        let f = fonts();
        let text = "Æblegrød og rødgrødmedfløde ".repeat(40)
            + &"ø".repeat(300)
            + "\n\nNy linje  med   mellemrum";
        for width in [40.0, 120.0, CONTENT_W] {
            let lines = wrap(&f, &[(TEXT, &text)], width);
            assert!(lines.len() > 3);
            for l in &lines {
                assert!(l.width <= width + 0.01, "{} > {width}", l.width);
            }
        }
        let lines = wrap(&f, &[(TEXT, "a\n\nb")], 100.0);
        assert_eq!(lines.len(), 3);
        assert!(lines[1].is_empty());
    }

    #[test]
    fn words_keep_their_letters_and_spaces_collapse() {
        let f = fonts();
        let lines = wrap(&f, &[(LABEL, "Elev:"), (TEXT, "  Åse\tØrum ")], CONTENT_W);
        assert_eq!(lines.len(), 1);
        let text: String = lines[0].runs.iter().map(|(_, t)| t.as_str()).collect();
        assert_eq!(text, "Elev: Åse Ørum");
    }

    #[test]
    fn columns_share_the_width_and_narrow_ones_keep_theirs() {
        let f = fonts();
        let l = Layout::new(&f);
        let cols: Vec<String> = ["Aftale", "Ansvarlig", "Frist", "Status"]
            .map(String::from)
            .to_vec();
        let rows = vec![vec![
            "lang tekst ".repeat(100),
            "Eleven".into(),
            "01.12.2026".into(),
            "Åben".into(),
        ]];
        let w = l.column_widths(&cols, &rows);
        assert!((w.iter().sum::<f32>() - CONTENT_W).abs() < 0.5);
        assert!(w[0] > w[1] + w[2] + w[3]);
        assert!(w[2] >= f.width(Style::new(false, CELL, BLACK), "01.12.2026"));
    }

    #[test]
    fn a_broken_font_is_an_error_not_a_panic() {
        assert!(Metrics::parse(b"").is_none());
        assert!(Metrics::parse(&REGULAR[..2000]).is_none());
        let mut damaged = REGULAR.to_vec();
        for b in damaged.iter_mut().skip(12).step_by(7).take(5000) {
            *b = 0xFF;
        }
        let _ = Metrics::parse(&damaged);
    }
}
