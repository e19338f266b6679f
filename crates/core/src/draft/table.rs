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

#[cfg(test)]
mod tests {
    use crate::draft::{draft_document, DocContext};
    use crate::quantity::Comparator;
    use crate::schema::Kind;

    #[test]
    fn a_plan_s_table_is_drafted_cell_by_cell_with_its_column_s_year_and_kind() {
        let paragraphs = vec![
            "江城市生态环境保护规划（2024—2027年）",
            "表1 主要指标",
            "指标  单位  2020年(基期)  2023年  2024年  2027年  属性",
            "森林覆盖率  %  40.1  41  41.5  ≥43  约束性",
            "城市生活垃圾回收利用率  %  35  —  38  40-45  预期性",
            "基期值与目标值见下表：",
            "指标名称\t单位\t基期值\t目标值",
            "污水处理率\t%\t95\t98",
        ];
        let doc = DocContext { id: "jc", date: "2024-03-01", kind: "plan", paragraphs, ..Default::default() };
        let drafts = draft_document(&doc, &[]);
        let got: Vec<_> = drafts
            .iter()
            .map(|d| {
                (d.paragraph, d.value.to_string(), d.value_max.map(|m| m.to_string()), d.year, d.kind, d.comparator)
            })
            .collect();
        assert_eq!(
            got,
            vec![
                (4, "40.1".into(), None, 2020, Kind::Actual, Comparator::Equal),
                // The year before the plan's is what happened.
                (4, "41".into(), None, 2023, Kind::Actual, Comparator::Equal),
                (4, "41.5".into(), None, 2024, Kind::Target, Comparator::Equal),
                (4, "43".into(), None, 2027, Kind::Target, Comparator::AtLeast),
                (5, "35".into(), None, 2020, Kind::Actual, Comparator::Equal),
                (5, "38".into(), None, 2024, Kind::Target, Comparator::Equal),
                (5, "40".into(), Some("45".into()), 2027, Kind::Target, Comparator::Equal),
            ],
            "the yearless 基期值/目标值 table is not drafted"
        );
        assert!(drafts.iter().all(|d| d.unit == "%"));
        assert_eq!(drafts[0].quote, "森林覆盖率  %  40.1  41  41.5  ≥43  约束性");
        assert_eq!(drafts[0].name_hint, "森林覆盖率");
        assert!(drafts.iter().all(|d| d.unique));
    }
}
