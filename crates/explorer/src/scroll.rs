//! Moving a selection through a list and scrolling the list so the selection shows: the arithmetic every pane
//! with a selection shares (the table, the groups, view 6's two lists, the picker).

/// `sel + delta`, kept within `0..len`.
pub(crate) fn step(sel: usize, delta: isize, len: usize) -> usize {
    (sel as isize + delta).clamp(0, len.saturating_sub(1) as isize) as usize
}

/// The first row to show so that `sel` is visible in `rows` rows of a list of `len`, scrolling as little as
/// possible from `top`.
pub fn scrolled(top: usize, sel: usize, rows: usize, len: usize) -> usize {
    let rows = rows.max(1);
    let top = if sel < top {
        sel
    } else if sel >= top + rows {
        sel + 1 - rows
    } else {
        top
    };
    top.min(len.saturating_sub(rows))
}
