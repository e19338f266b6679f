//! Drafting the cells of an indicator table (see [`crate::quantity::table`]): the row's name and unit, the
//! column's year, and the kind the column gives — a baseline column (`基期`) or a year before the document's is
//! what happened, a later year a goal. The quote is the whole row line: `check` then reads the cell of the record's
//! year in it, so one quote identifies each cell of the row.

use crate::quantity::table::Cell;
use crate::schema::Kind;

use super::{metric, DocContext, Draft, MetricEntry, Status};

/// The drafted record of table cell `cell`, or `None` when its column names no year (it stays a candidate).
pub fn draft_cell(doc: &DocContext<'_>, cell: &Cell, metrics: &[MetricEntry]) -> Option<Draft> {
    let year = cell.year?;
    let row = doc.paragraphs.get(cell.paragraph.wrapping_sub(1))?;
    let doc_year: i32 = doc.date.get(..4).and_then(|y| y.parse().ok()).unwrap_or(i32::MAX);
    let kind = if cell.baseline || year < doc_year { Kind::Actual } else { Kind::Target };
    let q = &cell.quantity;
    Some(Draft {
        paragraph: cell.paragraph,
        span: q.span.clone(),
        quote: row.trim().to_string(),
        unique: true,
        value: q.value,
        value_max: q.value_max,
        unit: q.unit.clone(),
        comparator: q.comparator,
        year,
        kind,
        as_of: None,
        period: None,
        status: Status::Firm,
        metric: metric::choose_in(metrics, &cell.name, &cell.name, &q.unit),
        name_hint: cell.name.clone(),
        reference: None,
        baseline_year: None,
        year_on_year: false,
    })
}
