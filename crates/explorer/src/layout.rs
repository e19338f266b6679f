//! Where each pane goes for a terminal size. One function shared by the update (to page, scroll into view and
//! map mouse clicks) and the view (to draw), so both always agree.

use ratatui::layout::Rect;
use zhibiao_core::ids::IndicatorId;

use crate::text;
use crate::vocab::ViewKind;

/// Content widths of the table's columns for the group shown, measured when the group changes.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ColumnWidths {
    /// Chinese name.
    pub name: usize,
    /// English name.
    pub name_en: usize,
    /// Value as a reader writes it.
    pub value: usize,
    /// City name.
    pub city: usize,
    /// Progress (`behind 92%`, `→ 1 target`); 0 when no row has any.
    pub progress: usize,
    /// Normalised value with its direction, when that column is on.
    pub base: usize,
}

/// Display widths of each indicator's name, English name and value, measured on first use (the rows of the group
/// shown) or ahead of time while nobody types, so that sizing the columns of a large group costs a lookup per row
/// and the first frame measures only its own group.
#[derive(Debug, Clone, Default)]
pub struct CellWidths {
    widths: Vec<[u16; 3]>,
    /// Every indicator before this one is measured.
    ahead: usize,
}

/// Not measured yet (a real cell is narrower: widths stop at `u16::MAX - 1`).
const UNMEASURED: [u16; 3] = [u16::MAX; 3];

impl CellWidths {
    /// Room for the indicators of `ds`, none measured.
    pub fn new(ds: &zhibiao_core::Dataset) -> CellWidths {
        CellWidths { widths: vec![UNMEASURED; ds.indicators().len()], ahead: 0 }
    }

    /// The widths of indicator `i` of `ds`: name, English name, value.
    pub fn get(&mut self, ds: &zhibiao_core::Dataset, i: IndicatorId) -> [usize; 3] {
        let Some(w) = self.widths.get_mut(i.index()) else { return [0; 3] };
        if *w == UNMEASURED {
            let ind = ds.indicator_at(i);
            let width = |s: &str| u16::try_from(text::width(s)).unwrap_or(u16::MAX).min(u16::MAX - 1);
            *w = [width(&ind.name), width(&ind.name_en), width(&ind.display_value())];
        }
        w.map(usize::from)
    }

    /// Measures up to `rows` more indicators of `ds`; true while some are left.
    pub fn work_ahead(&mut self, ds: &zhibiao_core::Dataset, rows: usize) -> bool {
        let end = self.ahead.saturating_add(rows).min(self.widths.len());
        // `widths` has a slot per indicator, so its positions are the indicators'.
        for i in self.ahead..end {
            self.get(ds, IndicatorId::new(i));
        }
        self.ahead = end;
        self.ahead < self.widths.len()
    }

    /// True when every indicator is measured.
    pub fn is_complete(&self) -> bool {
        self.ahead >= self.widths.len()
    }

    /// The widths after the dataset was spliced as `moves` says: the records that stayed keep theirs, the new
    /// ones are measured on first use.
    pub fn splice(&mut self, moves: &zhibiao_core::dataset::Moves) {
        let changed: Vec<_> = moves.changed().collect();
        // The last part first: the old positions of the earlier ones hold meanwhile.
        for (before, now) in changed.into_iter().rev() {
            self.ahead = self.ahead.min(before.start);
            let end = before.end.min(self.widths.len());
            self.widths.splice(before.start.min(end)..end, std::iter::repeat_n(UNMEASURED, now.len()));
        }
    }
}

/// Smallest terminal the explorer draws in; below it, it says how large the terminal must be.
pub const MIN_WIDTH: u16 = 50;
/// See [`MIN_WIDTH`].
pub const MIN_HEIGHT: u16 = 14;

/// The brand shown left of the view tabs, shorter on a narrow terminal.
pub fn brand(width: u16) -> &'static str {
    if width >= 100 {
        " 指标 zhibiao "
    } else {
        " 指标 "
    }
}

/// The rectangles of every pane for one terminal size.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Areas {
    /// The whole terminal.
    pub full: Rect,
    /// Top line: brand, view tabs, label language.
    pub tabs: Rect,
    /// Left pane of the browse screen: the groups.
    pub groups: Rect,
    /// Right top: the indicator table.
    pub table: Rect,
    /// Right bottom: details of the selected indicator.
    pub detail: Rect,
    /// The source screen's document pane (the whole body).
    pub source: Rect,
    /// Bottom two lines: counts and chips, then hints, messages or the filter input.
    pub status: Rect,
}

impl Areas {
    /// Lays out a terminal of `size`.
    pub fn of(size: Rect) -> Areas {
        let tabs = Rect { height: size.height.min(1), ..size };
        let status_h = 2.min(size.height.saturating_sub(1));
        let status = Rect { y: size.bottom().saturating_sub(status_h), height: status_h, ..size };
        let body = Rect { y: tabs.bottom(), height: status.y.saturating_sub(tabs.bottom()), ..size };
        // The left pane grows with the terminal (its names are cut less on a wide one), the table keeps the most.
        let groups_w = (size.width * 28 / 100).clamp(16, 56).min(body.width);
        let groups = Rect { width: groups_w, ..body };
        let right = Rect { x: body.x + groups_w, width: body.width - groups_w, ..body };
        let table_h = (right.height * 45 / 100).max(5).min(right.height);
        let table = Rect { height: table_h, ..right };
        let detail = Rect { y: right.y + table_h, height: right.height - table_h, ..right };
        Areas { full: size, tabs, groups, table, detail, source: body, status }
    }

    /// True when the terminal is below the minimum size.
    pub fn too_small(&self) -> bool {
        self.full.width < MIN_WIDTH || self.full.height < MIN_HEIGHT
    }

    /// Rows of groups the left pane shows (inside its border).
    pub fn group_rows(&self) -> usize {
        usize::from(self.groups.height.saturating_sub(2))
    }

    /// Rows of indicators the table shows (inside its border, below its header).
    pub fn table_rows(&self) -> usize {
        usize::from(self.table.height.saturating_sub(3))
    }

    /// Lines of text the source pane shows (inside its border).
    pub fn source_rows(&self) -> usize {
        usize::from(self.source.height.saturating_sub(2))
    }

    /// Columns available for the document's text in the source pane, once the paragraph-number gutter of a
    /// document with `paragraphs` paragraphs is taken off.
    pub fn source_text_width(&self, paragraphs: usize) -> usize {
        usize::from(self.source.width.saturating_sub(2)).saturating_sub(gutter_width(paragraphs)).max(4)
    }

    /// The columns each view tab takes on the top line.
    pub fn tab_ranges(&self) -> Vec<(ViewKind, std::ops::Range<u16>)> {
        let compact = self.compact_tabs();
        let mut x = self.tabs.x + text::width(brand(self.full.width)) as u16;
        ViewKind::ALL
            .iter()
            .map(|&v| {
                let w = text::width(&tab_label(v, compact)) as u16;
                let r = x..x + w;
                x += w + 1;
                (v, r)
            })
            .collect()
    }

    /// True when the brand and the tabs' full titles do not fit the top line: the tabs then shorten their
    /// titles to three letters (` 1 Cit `), so every view keeps a tab a click can reach. (The language label,
    /// last on the line, is the first thing to go when room is short.)
    pub fn compact_tabs(&self) -> bool {
        let tabs: usize = ViewKind::ALL.iter().map(|&v| text::width(&tab_label(v, false)) + 1).sum();
        text::width(brand(self.full.width)) + tabs > usize::from(self.full.width)
    }
}

/// The label of a view tab: ` 1 Cities `, or ` 1 Cit ` when the tabs are compact.
pub fn tab_label(v: ViewKind, compact: bool) -> String {
    let title = v.title();
    if compact {
        format!(" {} {} ", v.index() + 1, title.chars().take(3).collect::<String>())
    } else {
        format!(" {} {title} ", v.index() + 1)
    }
}

/// Width of the paragraph-number gutter: the widest number, then two spaces.
pub fn gutter_width(paragraphs: usize) -> usize {
    paragraphs.max(1).to_string().len() + 2
}

/// True when `(col, row)` is inside `r`.
pub fn contains(r: Rect, col: u16, row: u16) -> bool {
    col >= r.x && col < r.right() && row >= r.y && row < r.bottom()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn panes_tile_the_terminal_at_both_test_sizes() {
        for (w, h) in [(120, 40), (60, 20), (50, 14)] {
            let a = Areas::of(Rect::new(0, 0, w, h));
            assert!(!a.too_small());
            assert_eq!(a.tabs.height + a.source.height + a.status.height, h);
            assert_eq!(a.groups.width + a.table.width, w);
            assert_eq!(a.table.height + a.detail.height, a.source.height);
            assert!(a.table_rows() >= 2, "{w}x{h}");
        }
        assert!(Areas::of(Rect::new(0, 0, 49, 30)).too_small());
    }
}
