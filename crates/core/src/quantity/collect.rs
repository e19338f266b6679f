//! The collector every scanner reports to: figures, bare list members and open lists, settled into quantities
//! with their comparators (a list's head word carries to its members; a margin over a reference is equal).

use std::ops::Range;

use super::chars::*;
use super::comparator::*;
use super::units::*;
use super::Quantity;
use crate::decimal::Decimal;

/// Words that join the members of a list of figures (`2880亿元、366亿元和270亿元`). The first match wins.
pub(super) const LIST_JOINERS: &[&str] = &["、", "以及", "和", "及", "与", "或"];

/// Where the next member of a list would start, if the figure ending at `end` is followed by `、`, `和` ….
pub(super) fn list_continuation(text: &str, end: usize) -> Option<usize> {
    let pos = skip_spaces(text, end);
    let joiner = LIST_JOINERS.iter().find(|j| starts_with_at(text, pos, j))?;
    Some(skip_spaces(text, pos + joiner.len()))
}

/// True if only spaces (at most a few) stand between the start of the text or line and `pos`.
pub(super) fn is_line_start(text: &str, pos: usize) -> bool {
    let p = skip_spaces_back(text, pos);
    p == 0 || matches!(char_before(text, p), Some('\n' | '\r'))
}

// ---------------------------------------------------------------------------------------------------------------
// Figures and lists.
// ---------------------------------------------------------------------------------------------------------------

/// What shape a figure has, which fixes its comparator for ranges and ranks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Shape {
    /// A number with a unit.
    Plain,
    /// `10-20亿`.
    Range,
    /// `第20位`, `20强`.
    Rank,
}

/// A figure found by a scanner, before its comparator is settled by the list it may be in.
pub(super) struct Figure {
    pub(super) span: Range<usize>,
    pub(super) value: Decimal,
    pub(super) value_max: Option<Decimal>,
    pub(super) unit: String,
    pub(super) shape: Shape,
    /// The comparator from a suffix word or `余`/`多`.
    pub(super) suffix: Option<Comparator>,
    /// The comparator from the words before the number.
    pub(super) prefix: Option<Comparator>,
    /// The reference of a margin (`全国` in `高于全国3个百分点`), if the words before name one.
    pub(super) reference: Option<String>,
    /// Why the reading is uncertain, if it is.
    pub(super) note: Option<String>,
}

impl Figure {
    /// A rank figure (`第20位`, `20强`).
    pub(super) fn rank(span: Range<usize>, value: Decimal, unit: &str) -> Figure {
        let (suffix, prefix, reference, note) = (None, None, None, None);
        Figure { span, value, value_max: None, unit: unit.into(), shape: Shape::Rank, suffix, prefix, reference, note }
    }

    /// A range of one unit (`10-20亿`, `10%-20%`): its comparator is `range`, so no word around it counts.
    pub(super) fn range(span: Range<usize>, min: Decimal, max: Decimal, unit: String) -> Figure {
        let (suffix, prefix, reference, note) = (None, None, None, None);
        Figure { span, value: min, value_max: Some(max), unit, shape: Shape::Range, suffix, prefix, reference, note }
    }
}

/// A number without a unit followed by `、` and another number (`13.1` in `13.1、8.6个百分点`).
pub(super) struct Bare {
    pub(super) span: Range<usize>,
    pub(super) value: Decimal,
    /// The comparator from the words before it.
    pub(super) prefix: Option<Comparator>,
    /// The reference of a margin, as for [`Figure::reference`].
    pub(super) reference: Option<String>,
    /// Where the next number starts.
    pub(super) next_start: usize,
}

/// A list of figures being read: where its next member would start and the comparator its first member took
/// from the words before it.
pub(super) struct OpenList {
    pub(super) next_start: usize,
    pub(super) head_prefix: Option<Comparator>,
    pub(super) head_reference: Option<String>,
}

/// Collects figures in order, lending units to bare numbers and comparators across lists.
pub(super) struct Collector<'a> {
    pub(super) text: &'a str,
    pub(super) found: Vec<Quantity>,
    /// Bare numbers waiting for the unit of the next figure.
    pub(super) pending: Vec<Bare>,
    /// The list the last figure belongs to, if it continues.
    pub(super) list: Option<OpenList>,
}

impl<'a> Collector<'a> {
    pub(super) fn new(text: &'a str) -> Collector<'a> {
        Collector { text, found: Vec::new(), pending: Vec::new(), list: None }
    }

    /// Keeps a bare number until the next figure says whether it lends it a unit.
    pub(super) fn push_bare(&mut self, bare: Bare) {
        if self.pending.last().is_some_and(|b| b.next_start != bare.span.start) {
            self.pending.clear();
        }
        self.pending.push(bare);
    }

    /// Records a figure, and the bare numbers right before it that borrow its unit.
    pub(super) fn push_figure(&mut self, figure: Figure) {
        let pending = std::mem::take(&mut self.pending);
        let lends_unit =
            figure.shape == Shape::Plain && pending.last().is_some_and(|b| b.next_start == figure.span.start);
        let first_start = match pending.first() {
            Some(b) if lends_unit => b.span.start,
            _ => figure.span.start,
        };
        let continued = self.list.take().filter(|l| l.next_start == first_start);
        let (head_prefix, head_reference) = match (continued, pending.first()) {
            (Some(list), _) => (list.head_prefix, list.head_reference),
            (None, Some(b)) if lends_unit => (b.prefix, b.reference.clone()),
            (None, _) => (figure.prefix, figure.reference.clone()),
        };
        let head = (head_prefix, head_reference.clone());
        if lends_unit {
            for b in pending {
                let (comparator, reference) = settle(figure.suffix, (b.prefix, b.reference), &head, &figure.unit);
                self.found.push(Quantity {
                    span: b.span,
                    value: b.value,
                    value_max: None,
                    unit: figure.unit.clone(),
                    comparator,
                    reference,
                    note: None,
                });
            }
        }
        let (comparator, reference) = match figure.shape {
            Shape::Range => (Comparator::Range, None),
            Shape::Rank => (Comparator::Rank, None),
            Shape::Plain => settle(figure.suffix, (figure.prefix, figure.reference), &head, &figure.unit),
        };
        if figure.shape == Shape::Plain {
            self.list = list_continuation(self.text, figure.span.end).map(|next_start| OpenList {
                next_start,
                head_prefix,
                head_reference,
            });
        }
        self.found.push(Quantity {
            span: figure.span,
            value: figure.value,
            value_max: figure.value_max,
            unit: figure.unit,
            comparator,
            reference,
            note: figure.note,
        });
    }

    pub(super) fn finish(self) -> Vec<Quantity> {
        self.found
    }
}

/// The comparator of a plain figure: its suffix word, else its own prefix, else the head of its list (`head`,
/// which is its own prefix when it is not in a list). A comparative naming a reference before a number of
/// percentage points is a margin of exactly that many points (`高于全国13.1个百分点`): equal, with the reference;
/// its `不` form bounds the margin (`不高于全国2个百分点`: at most, with the reference).
fn settle(
    suffix: Option<Comparator>,
    own: (Option<Comparator>, Option<String>),
    head: &(Option<Comparator>, Option<String>),
    unit: &str,
) -> (Comparator, Option<String>) {
    let (comparator, reference) = match (suffix, own) {
        (Some(s), _) => (s, None),
        (None, (Some(p), r)) => (p, r),
        (None, (None, _)) => (head.0.unwrap_or(Comparator::Equal), head.1.clone()),
    };
    let points = normalize_unit(unit).base == "百分点" && reference.is_some();
    match comparator {
        Comparator::MoreThan | Comparator::LessThan if points => (Comparator::Equal, reference),
        // `不高于全国2个百分点`: a bound on the margin over the reference, which stays named.
        Comparator::AtLeast | Comparator::AtMost if points => (comparator, reference),
        _ => (comparator, None),
    }
}
