//! Turning what a rule found ([`Problem`], [`QuoteProblem`], [`FigureProblem`]) into the located,
//! compiler-style [`Diagnostic`] a curator reads, with the details and the hint that help fix it.

use crate::decimal::Decimal;
use crate::diagnostic::Diagnostic;
use crate::schema::IndicatorEntry;

use super::{FigureProblem, Problem, QuoteProblem};

/// The diagnostic for a rule's [`Problem`] at `at`.
pub fn problem_diagnostic(shown: impl Into<String>, at: (usize, usize), problem: Problem) -> Diagnostic {
    let d = Diagnostic::error(shown, at, problem.message);
    match problem.hint {
        Some(h) => d.hint(h),
        None => d,
    }
}

/// The diagnostic for a baseline value the quote does not hold.
pub fn baseline_diagnostic(
    shown: &str,
    at: (usize, usize),
    e: &IndicatorEntry,
    baseline: Decimal,
    problem: FigureProblem,
) -> Diagnostic {
    let mut d = Diagnostic::error(shown, at, format!("baseline value {baseline} is not a figure of the quote"))
        .detail("quote", &e.quote);
    if let FigureProblem::ValueNotInQuote { found } = problem {
        d = d.detail("found", found.join(", "));
    }
    d.hint("lengthen the quote to take in the baseline (由60%提高到75%), or drop baseline_value")
}

/// The diagnostic for a quote that could not be placed in document `doc_id`.
pub fn quote_diagnostic(
    shown: &str,
    at: (usize, usize),
    quote: &str,
    doc_id: &str,
    problem: QuoteProblem,
) -> Diagnostic {
    match problem {
        QuoteProblem::Empty => Diagnostic::error(shown, at, "the quote is empty"),
        QuoteProblem::NotFound { closest, hint } => {
            let mut d =
                Diagnostic::error(shown, at, format!("quote not found in document {doc_id}")).detail("quote", quote);
            if let Some((n, excerpt)) = closest {
                d = d.detail("closest", format!("paragraph {n}: {excerpt}"));
            }
            match hint {
                Some(h) => d.hint(h),
                None => d.hint("copy the quote from the source text exactly; it must lie within one paragraph"),
            }
        }
        QuoteProblem::Ambiguous { paragraphs } => {
            let list: Vec<String> = paragraphs.iter().map(usize::to_string).collect();
            Diagnostic::error(
                shown,
                at,
                format!("quote occurs more than once in document {doc_id} (paragraphs {})", list.join(", ")),
            )
            .detail("quote", quote)
            .hint("lengthen the quote until it is unique, or add `paragraph: N`")
        }
        QuoteProblem::NotInParagraph { paragraph, found_in } => {
            let list: Vec<String> = found_in.iter().map(usize::to_string).collect();
            Diagnostic::error(shown, at, format!("quote is not in paragraph {paragraph} of document {doc_id}"))
                .detail("quote", quote)
                .hint(format!("it is in paragraph {}", list.join(", ")))
        }
    }
}

/// The diagnostic for a figure that does not match its quote.
pub fn figure_diagnostic(
    shown: &str,
    at: impl Fn(&str) -> (usize, usize),
    e: &IndicatorEntry,
    problem: FigureProblem,
) -> Diagnostic {
    let written = match e.value_max {
        Some(m) => format!("{}-{} {}", e.value, m, e.unit),
        None => format!("{} {}", e.value, e.unit),
    };
    match problem {
        FigureProblem::NoQuantity => Diagnostic::error(shown, at("quote"), "the parser finds no quantity in the quote")
            .detail("quote", &e.quote)
            .hint("the quote must contain the number with its unit, e.g. 新建5G基站1万座"),
        FigureProblem::ValueNotInQuote { found } => {
            Diagnostic::error(shown, at("value"), format!("value {} is not a figure of the quote", e.value))
                .detail("quote", &e.quote)
                .detail("found", found.join(", "))
        }
        FigureProblem::UnitMismatch { found } => Diagnostic::error(
            shown,
            at("unit"),
            format!("unit `{}` does not match the quote, which has `{found}`", e.unit),
        )
        .detail("quote", &e.quote)
        .hint(format!("write the unit as the source does, multiplier included: unit: {found}")),
        FigureProblem::RangeMismatch { found } => {
            let said = match found {
                Some(m) => format!("a range up to {m}"),
                None => "no range".to_string(),
            };
            Diagnostic::error(shown, at("value_max"), format!("{written} does not match the quote, which has {said}"))
                .detail("quote", &e.quote)
        }
        FigureProblem::ComparatorMismatch { found } => Diagnostic::error(
            shown,
            at("comparator"),
            format!("comparator `{}` does not match the quote's wording, which reads as `{found}`", e.comparator),
        )
        .detail("quote", &e.quote)
        .hint(format!("comparator: {found} (see README, \"Comparators\")")),
        FigureProblem::ReferenceMismatch { found } => Diagnostic::error(
            shown,
            at("quote"),
            format!("the quote states a margin over {found}, but the record does not name that reference"),
        )
        .detail("quote", &e.quote)
        .hint(format!("reference: {found}")),
    }
}
