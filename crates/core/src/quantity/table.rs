//! Indicator tables copied into text as lines of cells: a header row naming the indicator, its unit and year
//! (or 基期/目标) columns, then one line per indicator with as many cells. A cell holds a bare number and its unit is
//! another column, so the scanner of running text reads nothing there; this module reads each numeric cell as a
//! quantity with its row's unit, its row's name and its column's year.
//!
//! Cells are separated by tabs, by runs of two or more spaces, or by full-width spaces. A column whose header names
//! no year (`目标值` alone) still gives candidates, but with a note: a value put in the wrong year is worse than a
//! value not drafted.

use std::ops::Range;

use crate::decimal::Decimal;
use crate::quantity::{Comparator, Quantity};

/// The note on a cell whose column names no year: listed for a curator, never drafted or cited.
pub const NO_YEAR: &str = "a table cell whose column names no year";

/// One numeric cell of a recognised table.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cell {
    /// 1-based paragraph (line) of its row.
    pub paragraph: usize,
    /// The figure: span in its row's paragraph, value, the row's unit, the cell's comparator.
    pub quantity: Quantity,
    /// The year its column names, if any.
    pub year: Option<i32>,
    /// Its column is a baseline (`基期`, `现状`): what the year was, not a goal.
    pub baseline: bool,
    /// The row's indicator name.
    pub name: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Column {
    Name,
    Unit,
    /// A figure column: its year if the header names one, and whether it is a baseline.
    Figure(Option<i32>, bool),
    /// Anything else (属性, 备注, 序号): its cells are attributes, not values.
    Other,
}

/// The cells of a line and their byte ranges, or `None` when the line has fewer than three cells.
pub fn split_cells(line: &str) -> Option<Vec<Range<usize>>> {
    let mut out = Vec::new();
    let mut start = None;
    let mut spaces = 0usize; // ASCII spaces run so far, and where they started
    let mut space_at = 0usize;
    for (i, c) in line.char_indices() {
        let hard = c == '\t' || c == '\u{3000}';
        if c == ' ' {
            if spaces == 0 {
                space_at = i;
            }
            spaces += 1;
            continue;
        }
        if hard || spaces >= 2 {
            // A separator ends the current cell (a single space inside a cell is part of it).
            let end = if spaces >= 2 { space_at } else { i };
            if let Some(s) = start.take() {
                out.push(s..end.max(s));
            }
        }
        spaces = 0;
        if !hard && start.is_none() {
            start = Some(i);
        }
    }
    if let Some(s) = start {
        let end = if spaces > 0 { space_at } else { line.len() };
        out.push(s..end);
    }
    (out.len() >= 3).then_some(out)
}

/// The year a header cell names (`2020年`, `2025年目标`, `基期值（2020年）`), if one.
fn header_year(cell: &str) -> Option<i32> {
    let b = cell.as_bytes();
    (0..b.len().saturating_sub(3)).find_map(|i| {
        let four = &b[i..i + 4];
        let digits = four.iter().all(u8::is_ascii_digit);
        let alone = (i == 0 || !b[i - 1].is_ascii_digit()) && b.get(i + 4).is_none_or(|c| !c.is_ascii_digit());
        let y: i32 = std::str::from_utf8(four).ok()?.parse().ok()?;
        (digits && alone && (1949..=2100).contains(&y)).then_some(y)
    })
}

fn column_of(cell: &str) -> Column {
    let year = header_year(cell);
    let baseline = ["基期", "现状", "基准"].iter().any(|w| cell.contains(w));
    if cell.contains("单位") {
        Column::Unit
    } else if year.is_some() || baseline || cell.contains("目标") {
        Column::Figure(year, baseline)
    } else if cell.contains("指标") || cell.contains("名称") || cell.contains("项目") {
        Column::Name
    } else {
        Column::Other
    }
}

/// The columns of a header line, if it is one: a name column, a unit column and at least one figure column.
fn header(line: &str) -> Option<(Vec<Range<usize>>, Vec<Column>)> {
    let cells = split_cells(line)?;
    let cols: Vec<Column> = cells.iter().map(|r| column_of(line[r.clone()].trim())).collect();
    let has = |f: fn(&Column) -> bool| cols.iter().filter(|c| f(c)).count();
    let ok = has(|c| *c == Column::Name) == 1
        && has(|c| *c == Column::Unit) == 1
        && has(|c| matches!(c, Column::Figure(..))) >= 1;
    ok.then_some((cells, cols))
}

/// Reads a value cell: an optional comparator sign or word, a number or a range, an optional `以上`/`以下`/`左右`.
/// `None` for anything else (`—`, `预期性`, text).
fn read_cell(cell: &str) -> Option<(Range<usize>, Decimal, Option<Decimal>, Comparator)> {
    const BEFORE: &[(&str, Comparator)] = &[
        ("≥", Comparator::AtLeast),
        (">=", Comparator::AtLeast),
        ("不低于", Comparator::AtLeast),
        ("不少于", Comparator::AtLeast),
        ("≤", Comparator::AtMost),
        ("<=", Comparator::AtMost),
        ("不高于", Comparator::AtMost),
        ("不超过", Comparator::AtMost),
        ("＞", Comparator::MoreThan),
        (">", Comparator::MoreThan),
        ("超过", Comparator::MoreThan),
        ("＜", Comparator::LessThan),
        ("<", Comparator::LessThan),
        ("约", Comparator::About),
    ];
    const AFTER: &[(&str, Comparator)] =
        &[("以上", Comparator::AtLeast), ("以下", Comparator::AtMost), ("左右", Comparator::About)];
    let mut comparator = Comparator::Equal;
    let mut start = 0;
    let mut end = cell.len();
    if let Some((w, c)) = BEFORE.iter().find(|(w, _)| cell.starts_with(w)) {
        comparator = *c;
        start = w.len();
    }
    if let Some((w, c)) = AFTER.iter().find(|(w, _)| cell[start..].ends_with(w)) {
        if comparator != Comparator::Equal {
            return None; // two comparators in one cell: ambiguous
        }
        comparator = *c;
        end -= w.len();
    }
    let body = cell[start..end].trim();
    let number = |s: &str| -> Option<Decimal> {
        let s = s.trim().trim_end_matches(['%', '％']);
        if s.is_empty() || !s.bytes().all(|b| b.is_ascii_digit() || b == b'.' || b == b'-') {
            return None;
        }
        s.parse().ok()
    };
    let (value, max) = match number(body) {
        Some(v) => (v, None),
        None => {
            let (a, b) = ['-', '～', '~', '—', '–', '至'].iter().find_map(|sep| body.split_once(*sep))?;
            let (a, b) = (number(a)?, number(b)?);
            if b <= a {
                return None;
            }
            (a, Some(b))
        }
    };
    Some((start..end, value, max, comparator))
}

/// The table row at `paragraphs[i]` with its header, if it is one: its cells, the header's columns.
fn row_of(paragraphs: &[&str], i: usize) -> Option<(Vec<Range<usize>>, Vec<Column>)> {
    let cells = split_cells(paragraphs.get(i)?)?;
    // Walk up the rows of the same width to the header (at most a table's length, so linear overall per row).
    let mut j = i;
    while j > 0 {
        j -= 1;
        let line = paragraphs[j];
        if let Some((h, cols)) = header(line) {
            return (h.len() == cells.len()).then_some((cells, cols));
        }
        if split_cells(line).is_none_or(|c| c.len() != cells.len()) {
            return None;
        }
    }
    None
}

/// The numeric cells of a row whose header is `cols`.
fn cells_of_row(line: &str, paragraph: usize, cells: &[Range<usize>], cols: &[Column]) -> Vec<Cell> {
    let find = |want: Column| cols.iter().position(|c| *c == want).map(|k| line[cells[k].clone()].trim());
    let (Some(name), Some(unit)) = (find(Column::Name), find(Column::Unit)) else { return Vec::new() };
    // A name that reads as a number is no row of indicators.
    if name.is_empty() || read_cell(name).is_some() || unit.is_empty() || read_cell(unit).is_some() {
        return Vec::new();
    }
    let unit = unit.replace('％', "%");
    let mut out = Vec::new();
    for (r, col) in cells.iter().zip(cols) {
        let Column::Figure(year, baseline) = *col else { continue };
        let raw = &line[r.clone()];
        let lead = raw.len() - raw.trim_start().len();
        let cell = raw.trim();
        let Some((span, value, value_max, comparator)) = read_cell(cell) else { continue };
        let at = r.start + lead;
        out.push(Cell {
            paragraph,
            quantity: Quantity {
                span: at + span.start..at + span.end,
                value,
                value_max,
                unit: unit.clone(),
                comparator,
                reference: None,
                note: year.is_none().then(|| NO_YEAR.to_string()),
            },
            year,
            baseline,
            name: name.to_string(),
        });
    }
    out
}

/// Every numeric cell of every table in a document's paragraphs (paragraph `n` is `paragraphs[n - 1]`), in order.
/// Linear in the text: each header is found once and its rows read after it.
pub fn table_cells(paragraphs: &[&str]) -> Vec<Cell> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < paragraphs.len() {
        let Some((h, cols)) = header(paragraphs[i]) else {
            i += 1;
            continue;
        };
        i += 1;
        while let Some(cells) = paragraphs.get(i).and_then(|l| split_cells(l)).filter(|c| c.len() == h.len()) {
            if header(paragraphs[i]).is_some() {
                break;
            }
            out.extend(cells_of_row(paragraphs[i], i + 1, &cells, &cols));
            i += 1;
        }
    }
    out
}

/// The numeric cells of the row at 1-based `paragraph`, if it is a row of a recognised table (what `check` reads
/// when a record's quote is a whole row).
pub fn row_cells(paragraphs: &[&str], paragraph: usize) -> Vec<Cell> {
    let i = paragraph.wrapping_sub(1);
    match row_of(paragraphs, i) {
        Some((cells, cols)) => cells_of_row(paragraphs[i], paragraph, &cells, &cols),
        None => Vec::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Decimal {
        s.parse().expect("decimal")
    }

    /// (row paragraph, name, value, max, unit, comparator, year, baseline) of every cell.
    type Seen = (usize, String, Decimal, Option<Decimal>, String, Comparator, Option<i32>, bool);

    fn seen(lines: &[&str]) -> Vec<Seen> {
        table_cells(lines)
            .into_iter()
            .map(|c| {
                let q = c.quantity;
                (c.paragraph, c.name, q.value, q.value_max, q.unit, q.comparator, c.year, c.baseline)
            })
            .collect()
    }

    #[test]
    fn a_tab_separated_table_gives_each_cell_its_row_s_unit_and_its_column_s_year() {
        let lines = [
            "主要指标如下：",
            "指标名称\t单位\t2020年(基期)\t2023年\t2025年",
            "公共充电桩数量\t万个\t0.32\t1.5\t2.5",
            "光纤入户率\t%\t88\t93.5\t≥95",
            "二、重点任务",
        ];
        let cells = table_cells(&lines);
        assert_eq!(cells.len(), 6);
        let s = seen(&lines);
        assert_eq!(
            s[0],
            (3, "公共充电桩数量".into(), d("0.32"), None, "万个".into(), Comparator::Equal, Some(2020), true)
        );
        assert_eq!(
            s[2],
            (3, "公共充电桩数量".into(), d("2.5"), None, "万个".into(), Comparator::Equal, Some(2025), false)
        );
        assert_eq!(s[5], (4, "光纤入户率".into(), d("95"), None, "%".into(), Comparator::AtLeast, Some(2025), false));
        // The span is the number in its row, the sign left out.
        assert_eq!(cells[5].quantity.text(lines[3]), "95");
        assert_eq!(cells[1].quantity.text(lines[2]), "1.5");
    }

    #[test]
    fn runs_of_spaces_and_full_width_spaces_separate_cells_but_a_single_space_does_not() {
        let lines = [
            "序号  指标  单位  基期值（2021年）  目标值（2025年）  属性",
            "1  城市轨道交通运营里程  公里  96  180以上  预期性",
            "2\u{3000}每万人拥有 5G 基站数\u{3000}个\u{3000}12\u{3000}26\u{3000}约束性",
        ];
        let s = seen(&lines);
        assert_eq!(
            s,
            vec![
                (2, "城市轨道交通运营里程".into(), d("96"), None, "公里".into(), Comparator::Equal, Some(2021), true),
                (
                    2,
                    "城市轨道交通运营里程".into(),
                    d("180"),
                    None,
                    "公里".into(),
                    Comparator::AtLeast,
                    Some(2025),
                    false
                ),
                (3, "每万人拥有 5G 基站数".into(), d("12"), None, "个".into(), Comparator::Equal, Some(2021), true),
                (3, "每万人拥有 5G 基站数".into(), d("26"), None, "个".into(), Comparator::Equal, Some(2025), false),
            ],
            "the 序号 and 属性 columns are no figures"
        );
    }

    #[test]
    fn ranges_and_comparators_in_a_cell_are_read_and_text_cells_skipped() {
        let lines = [
            "指标\t单位\t2022年\t2025年",
            "研发经费投入强度\t%\t2.1\t2.5-3",
            "新增城镇就业\t万人\t—\t>12",
            "高新技术企业\t家\t约800\t1000左右",
        ];
        let s = seen(&lines);
        assert_eq!(s.len(), 5);
        assert_eq!((s[1].2, s[1].3, s[1].5), (d("2.5"), Some(d("3")), Comparator::Equal));
        assert_eq!((s[2].2, s[2].5, s[2].6), (d("12"), Comparator::MoreThan, Some(2025)));
        assert_eq!((s[3].2, s[3].5), (d("800"), Comparator::About));
        assert_eq!((s[4].2, s[4].5), (d("1000"), Comparator::About));
    }

    #[test]
    fn a_column_without_a_year_gives_candidates_with_a_note() {
        let lines = ["指标名称\t单位\t基期值\t目标值", "森林覆盖率\t%\t41.2\t42"];
        let cells = table_cells(&lines);
        assert_eq!(cells.len(), 2);
        assert!(cells.iter().all(|c| c.year.is_none() && c.quantity.note.as_deref() == Some(NO_YEAR)));
        assert!(cells[0].baseline && !cells[1].baseline);
    }

    #[test]
    fn no_header_no_table_and_a_row_of_another_width_ends_it() {
        // Lines of cells without a header naming the indicator, its unit and a year: not read.
        assert!(table_cells(&["地区\t人口\t面积", "江城\t500\t300"]).is_empty());
        // A header without a unit column: the unit of a cell would be a guess.
        assert!(table_cells(&["指标名称\t2020年\t2025年", "森林覆盖率\t41\t42"]).is_empty());
        let lines = ["指标\t单位\t2020年\t2025年", "粮食产量\t万吨\t120\t125", "注：数据\t为\t统计", "x\ty\t1\t2"];
        let s = seen(&lines);
        assert_eq!(s.len(), 2, "{s:?}");
    }

    #[test]
    fn the_row_of_a_paragraph_is_found_by_walking_up_to_its_header() {
        let lines = ["说明", "指标\t单位\t2020年\t2025年", "粮食产量\t万吨\t120\t125", "蔬菜产量\t万吨\t80\t90"];
        let row = row_cells(&lines, 4);
        assert_eq!(
            row.iter().map(|c| (c.quantity.value, c.year)).collect::<Vec<_>>(),
            vec![(d("80"), Some(2020)), (d("90"), Some(2025))]
        );
        assert!(row_cells(&lines, 1).is_empty());
        assert!(row_cells(&lines, 2).is_empty(), "the header is no row");
        assert!(row_cells(&lines, 9).is_empty());
        assert_eq!(table_cells(&lines).len(), 4);
    }
}
