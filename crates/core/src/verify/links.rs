//! Rules across records: links (`stretch_of`, `supersedes`, `restates`) resolve to another record of the same
//! metric, city and kind and form no cycle; a stretch figure goes beyond its firm one in the metric's better
//! direction; two firm targets for the same metric, city, scope and year are explained by a link.

// Fx hashing: these maps hold every record's id and are built on one thread after the parallel part of a load.
use rustc_hash::FxHashMap as HashMap;

#[cfg(test)]
use crate::dataset::Qualifiers;
use crate::dataset::{Indicator, Metric};
use crate::diagnostic::did_you_mean;
use crate::ids::{CityId, MetricId};
use crate::schema::{Better, Kind, Status};

use super::Problem;

/// The three links of a record, with their YAML keys.
fn links(ind: &Indicator) -> [(&'static str, Option<&str>); 3] {
    [("stretch_of", ind.stretch_of()), ("supersedes", ind.supersedes()), ("restates", ind.restates())]
}

/// Every problem with the links between `inds`, as (index of the record at fault, problem).
pub fn check_links(inds: &[&Indicator], metrics: &[Metric]) -> Vec<(usize, Problem)> {
    let by_id: HashMap<&str, usize> = inds.iter().enumerate().map(|(i, ind)| (ind.id.as_str(), i)).collect();
    let mut out = Vec::new();
    for (i, ind) in inds.iter().enumerate() {
        for (key, target) in links(ind) {
            let Some(target) = target else { continue };
            match by_id.get(target) {
                None => {
                    let mut p = Problem::new(key, format!("`{key}` names `{target}`, which is no indicator's id"));
                    if let Some(near) = did_you_mean(target, by_id.keys().copied()) {
                        p = p.hint(format!("did you mean `{near}`?"));
                    }
                    out.push((i, p));
                }
                Some(&j) => {
                    if let Err(p) = link_is_like_for_like(key, ind, inds[j], metrics) {
                        out.push((i, p));
                    } else if key == "stretch_of" {
                        if let Err(p) = stretch_goes_beyond(ind, inds[j], &metrics[ind.metric]) {
                            out.push((i, p));
                        }
                    }
                }
            }
        }
    }
    out.extend(cycles(inds, &by_id));
    out.extend(unexplained_duplicates(inds, &by_id, metrics));
    out
}

/// A link points to a record of the same metric, city and kind (and a stretch to one of the same year).
pub fn link_is_like_for_like(
    key: &'static str,
    from: &Indicator,
    to: &Indicator,
    metrics: &[Metric],
) -> Result<(), Problem> {
    let differ = |what: &str, a: &str, b: &str| {
        Err(Problem::new(key, format!("`{key}: {}` links across {what}s: `{a}` here, `{b}` there", to.id))
            .hint("a link joins two records of one metric, city and kind"))
    };
    if from.id == to.id {
        return Err(Problem::new(key, format!("`{key}` names the record itself")));
    }
    if from.metric != to.metric {
        return differ("metric", &metrics[from.metric].id, &metrics[to.metric].id);
    }
    if from.city != to.city {
        return Err(Problem::new(key, format!("`{key}: {}` links across cities", to.id))
            .hint("a link joins two records of one metric, city and kind"));
    }
    if from.kind != to.kind {
        return differ("kind", from.kind.as_str(), to.kind.as_str());
    }
    if key == "stretch_of" {
        if from.status != Status::Stretch {
            return Err(Problem::new("status", format!("`stretch_of: {}` needs `status: stretch`", to.id)));
        }
        if to.status == Status::Stretch {
            return Err(Problem::new(key, format!("`{}` is itself a stretch figure; link to the firm one", to.id)));
        }
        if from.year != to.year {
            return Err(Problem::new(
                key,
                format!("`{}` is for {}, this stretch figure for {}", to.id, to.year, from.year),
            ));
        }
    }
    Ok(())
}

/// A stretch figure lies beyond its firm figure in the direction the metric calls better.
pub fn stretch_goes_beyond(stretch: &Indicator, firm: &Indicator, metric: &Metric) -> Result<(), Problem> {
    let beyond = match metric.better {
        Better::Higher => stretch.base_value > firm.base_value,
        Better::Lower => stretch.base_value < firm.base_value,
    };
    if beyond {
        return Ok(());
    }
    let word = match metric.better {
        Better::Higher => "above",
        Better::Lower => "below",
    };
    Err(Problem::new(
        "value",
        format!(
            "stretch figure {} is not {word} its firm figure {} ({}), and metric `{}` is better {}",
            stretch.display_base_value(),
            firm.display_base_value(),
            firm.id,
            metric.id,
            metric.better.as_str()
        ),
    )
    .hint("a 力争 figure goes beyond the firm one; check the value or the link"))
}

/// Links that lead back to where they started.
fn cycles(inds: &[&Indicator], by_id: &HashMap<&str, usize>) -> Vec<(usize, Problem)> {
    let next = |i: usize| -> Vec<usize> {
        links(inds[i]).iter().filter_map(|(_, t)| t.and_then(|t| by_id.get(t).copied())).collect()
    };
    let mut out = Vec::new();
    // 0 unvisited, 1 on the current path, 2 done.
    let mut state = vec![0u8; inds.len()];
    for start in 0..inds.len() {
        if state[start] != 0 || links(inds[start]).iter().all(|(_, t)| t.is_none()) {
            continue;
        }
        let mut stack: Vec<(usize, Vec<usize>)> = vec![(start, next(start))];
        state[start] = 1;
        while let Some((node, rest)) = stack.last_mut() {
            let node = *node;
            match rest.pop() {
                Some(n) if state[n] == 1 => {
                    let path: Vec<&str> = stack.iter().map(|(k, _)| inds[*k].id.as_str()).collect();
                    let at = links(inds[node])
                        .iter()
                        .find(|(_, t)| *t == Some(inds[n].id.as_str()))
                        .map_or("supersedes", |(k, _)| *k);
                    out.push((
                        node,
                        Problem::new(at, format!("links form a cycle: {} → {}", path.join(" → "), inds[n].id))
                            .hint("a later record supersedes or restates an earlier one, never the reverse as well"),
                    ));
                }
                Some(n) if state[n] == 0 => {
                    state[n] = 1;
                    stack.push((n, next(n)));
                }
                Some(_) => {}
                None => {
                    state[node] = 2;
                    stack.pop();
                }
            }
        }
    }
    out
}

/// Two firm targets of one metric, city, scope and year that no chain of `supersedes`/`restates` links joins.
fn unexplained_duplicates(
    inds: &[&Indicator],
    by_id: &HashMap<&str, usize>,
    metrics: &[Metric],
) -> Vec<(usize, Problem)> {
    // Records joined by revision or restatement links, directly or through others, form one group.
    let mut group: Vec<usize> = (0..inds.len()).collect();
    fn root(group: &mut [usize], mut i: usize) -> usize {
        while group[i] != i {
            group[i] = group[group[i]];
            i = group[i];
        }
        i
    }
    for (i, ind) in inds.iter().enumerate() {
        for target in [ind.supersedes(), ind.restates()].into_iter().flatten() {
            if let Some(&j) = by_id.get(target) {
                let (ri, rj) = (root(&mut group, i), root(&mut group, j));
                group[ri] = rj;
            }
        }
    }
    let mut first: HashMap<(MetricId, CityId, Option<&str>, i32), usize> = HashMap::default();
    let mut out = Vec::new();
    for (i, ind) in inds.iter().enumerate() {
        if ind.kind != Kind::Target || ind.status != Status::Firm {
            continue;
        }
        let key = (ind.metric, ind.city, ind.scope(), ind.year);
        let Some(&j) = first.get(&key) else {
            first.insert(key, i);
            continue;
        };
        if root(&mut group, i) == root(&mut group, j) {
            continue;
        }
        let other = inds[j];
        out.push((
            i,
            Problem::new(
                "metric",
                format!(
                    "a second firm target of `{}` for the same city, scope and year as `{}`",
                    metrics[ind.metric].id, other.id
                ),
            )
            .hint(format!(
                "say how they relate: `supersedes: {0}` (a revision), `restates: {0}` (the same figure again), `status: stretch` with `stretch_of`, or a `scope`",
                other.id
            )),
        ));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ids::{DocId, ThemeId};
    use crate::quantity::Comparator;
    use crate::schema::Measure;

    fn record(id: &str, value: i64, status: Status) -> Indicator {
        Indicator {
            id: id.into(),
            doc: DocId::new(0),
            city: CityId::new(0),
            theme: ThemeId::new(0),
            metric: MetricId::new(0),
            name: "指标".into(),
            name_en: "metric".into(),
            kind: Kind::Target,
            comparator: Comparator::Equal,
            value: value.to_string().parse().expect("decimal"),
            value_max: None,
            unit: "位".into(),
            base_value: value.to_string().parse().expect("decimal"),
            base_value_max: None,
            base_unit: "位".into(),
            year: 2025,
            baseline_year: None,
            baseline_value: None,
            quote: Default::default(),
            paragraph: 1,
            span: 0..0,
            status,
            qualifiers: None,
            note: None,
        }
    }

    fn metric(better: Better) -> Metric {
        Metric {
            id: "m".into(),
            name: "排名".into(),
            name_en: "rank".into(),
            theme: ThemeId::new(0),
            measure: Measure::Rank,
            unit: "位".into(),
            aliases: Vec::new(),
            names: Vec::new(),
            better,
            description: None,
        }
    }

    #[test]
    fn a_stretch_goes_beyond_in_the_better_direction_whichever_it_is() {
        let firm = record("firm", 20, Status::Firm);
        let (top10, top30) = (record("s10", 10, Status::Stretch), record("s30", 30, Status::Stretch));
        assert!(stretch_goes_beyond(&top10, &firm, &metric(Better::Lower)).is_ok());
        assert!(stretch_goes_beyond(&top30, &firm, &metric(Better::Lower)).is_err());
        assert!(stretch_goes_beyond(&top30, &firm, &metric(Better::Higher)).is_ok());
        assert!(stretch_goes_beyond(&top10, &firm, &metric(Better::Higher)).is_err());
    }

    #[test]
    fn links_join_records_of_one_metric_city_and_kind() {
        let firm = record("firm", 20, Status::Firm);
        let mut actual = record("actual", 20, Status::Firm);
        actual.kind = Kind::Actual;
        assert!(link_is_like_for_like("restates", &actual, &firm, &[metric(Better::Lower)])
            .unwrap_err()
            .message
            .contains("across kinds"));
        let mut elsewhere = record("elsewhere", 20, Status::Firm);
        elsewhere.city = CityId::new(1);
        assert!(link_is_like_for_like("supersedes", &elsewhere, &firm, &[metric(Better::Lower)])
            .unwrap_err()
            .message
            .contains("across cities"));
        let unmarked = record("unmarked", 10, Status::Firm);
        assert_eq!(
            link_is_like_for_like("stretch_of", &unmarked, &firm, &[metric(Better::Lower)]).unwrap_err().key,
            "status"
        );
        assert!(link_is_like_for_like("restates", &record("again", 20, Status::Firm), &firm, &[metric(Better::Lower)])
            .is_ok());
    }

    #[test]
    fn a_revision_chain_is_no_cycle_but_a_loop_is() {
        let a = record("a", 20, Status::Firm);
        let mut b = record("b", 20, Status::Firm);
        b.qualifiers = Qualifiers { supersedes: Some("a".into()), ..Qualifiers::default() }.boxed();
        let mut c = record("c", 20, Status::Firm);
        c.qualifiers = Qualifiers { supersedes: Some("b".into()), ..Qualifiers::default() }.boxed();
        let metrics = [metric(Better::Lower)];
        assert!(check_links(&[&a, &b, &c], &metrics).is_empty());
        let mut a = a;
        a.qualifiers = Qualifiers { restates: Some("c".into()), ..Qualifiers::default() }.boxed();
        let problems = check_links(&[&a, &b, &c], &metrics);
        assert_eq!(problems.len(), 1, "{problems:?}");
        assert!(problems[0].1.message.starts_with("links form a cycle"), "{problems:?}");
    }
}
