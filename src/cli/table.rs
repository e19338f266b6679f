//! Width-aware plain-text tables: Chinese characters take two columns, so padding counts display width.

use unicode_width::UnicodeWidthStr;

/// Display width of a string in terminal columns.
pub fn width(s: &str) -> usize {
    UnicodeWidthStr::width(s)
}

/// Cuts `s` to at most `max` columns, ending with `…` when cut; never splits a character.
pub fn truncate(s: &str, max: usize) -> String {
    if width(s) <= max {
        return s.to_string();
    }
    let mut out = String::new();
    let mut used = 0;
    for c in s.chars() {
        let w = unicode_width::UnicodeWidthChar::width(c).unwrap_or(0);
        if used + w + 1 > max {
            break;
        }
        out.push(c);
        used += w;
    }
    out.push('…');
    out
}

/// Renders rows as columns separated by two spaces, each padded to its widest cell; the last column is not
/// padded. On a terminal, cells wider than `max_col` columns are truncated with an ellipsis; piped, every value
/// is whole, so a script can use it.
pub fn render(header: &[&str], rows: &[Vec<String>], max_col: usize) -> String {
    let max_col = if super::output::style().terminal { max_col } else { usize::MAX };
    render_cut(header, rows, max_col)
}

/// [`render`] with cells cut at `max_col` columns wherever the output goes.
pub fn render_cut(header: &[&str], rows: &[Vec<String>], max_col: usize) -> String {
    let cells: Vec<Vec<String>> = std::iter::once(header.iter().map(|h| h.to_string()).collect())
        .chain(rows.iter().map(|r| r.iter().map(|c| truncate(c, max_col)).collect()))
        .collect();
    let ncols = header.len();
    let widths: Vec<usize> =
        (0..ncols).map(|c| cells.iter().map(|r| r.get(c).map_or(0, |s| width(s))).max().unwrap_or(0)).collect();
    let mut out = String::new();
    for row in &cells {
        let mut line = String::new();
        for (c, cell) in row.iter().enumerate() {
            line.push_str(cell);
            if c + 1 < ncols {
                line.push_str(&" ".repeat(widths[c] - width(cell) + 2));
            }
        }
        out.push_str(line.trim_end());
        out.push('\n');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_align_by_display_width() {
        let t = render_cut(
            &["id", "name", "year"],
            &[vec!["a".into(), "新建5G基站".into(), "2022".into()], vec!["bb".into(), "x".into(), "2020".into()]],
            40,
        );
        let lines: Vec<&str> = t.lines().collect();
        // The year column starts at the same display column on every line.
        // Where the last column starts: the width of everything before the line's last word.
        let col = |l: &str| width(l.trim_end_matches(|c: char| !c.is_whitespace()));
        assert_eq!(col(lines[0]), col(lines[1]));
        assert_eq!(col(lines[1]), col(lines[2]));
    }

    #[test]
    fn cells_are_cut_at_the_limit_only_when_asked() {
        let long = "xz2020-strategic-emerging-industry-growth-gap-over-industry".to_string();
        let rows = [vec![long.clone(), "2022".into()]];
        assert!(render_cut(&["id", "year"], &rows, 40)
            .lines()
            .nth(1)
            .unwrap()
            .starts_with("xz2020-strategic-emerging-industry-grow…"));
        assert!(render_cut(&["id", "year"], &rows, usize::MAX).contains(&long));
    }

    #[test]
    fn truncation_counts_columns_and_keeps_characters_whole() {
        assert_eq!(truncate("单位地区生产总值能源消耗", 7), "单位地…");
        assert_eq!(width(&truncate("单位地区生产总值能源消耗", 8)), 7);
        assert_eq!(truncate("abc", 3), "abc");
    }
}
