//! Copying one source document for a synthetic city: its text rewritten, its records and quotes moved along.

use super::*;

impl DocPlan {
    /// `s` with the original city's Chinese and English names replaced by the synthetic city's.
    pub(super) fn rename(&self, s: &str, c: &SynthCity) -> String {
        let mut out = s.replace(&self.city_name, &c.name);
        if !self.city_name_en.is_empty() {
            out = out.replace(&self.city_name_en, &c.name_en);
        }
        out
    }

    /// This document's copy for city `c`: the new text and its indicator files as (stem, file).
    pub(super) fn copy_for(
        &self,
        c: &SynthCity,
        rng: &mut SplitMix,
    ) -> Result<(String, Vec<(String, FileOut)>), SynthError> {
        let values: Vec<Vec<Decimal>> = self.figures.iter().map(|f| new_values(f, c.factor, rng)).collect();
        let mut frozen = vec![false; self.figures.len()];
        let abbrev: String = c.name.chars().next().map(String::from).unwrap_or_default();
        for _attempt in 0..=self.figures.len() + 1 {
            // Every replacement, in text order: names, then numbers (they never overlap: names are Han, numbers digits).
            let mut edits: Vec<(Range<usize>, String)> = self
                .names
                .iter()
                .map(|(r, full)| (r.clone(), if *full { c.name.clone() } else { abbrev.clone() }))
                .collect();
            let mut new_value: Vec<Vec<Decimal>> = Vec::with_capacity(self.figures.len());
            for (f, fig) in self.figures.iter().enumerate() {
                let vals = if frozen[f] { fig.slots.iter().map(|s| s.value).collect() } else { values[f].clone() };
                for (slot, v) in fig.slots.iter().zip(&vals) {
                    if *v != slot.value {
                        edits.push((slot.at.clone(), write_like(slot, *v)));
                    }
                }
                new_value.push(vals);
            }
            edits.sort_by_key(|(r, _)| r.start);
            edits.dedup_by(|b, a| a.0 == b.0);
            let mut text = String::with_capacity(self.text.len() + 64);
            let mut mapped = Vec::with_capacity(edits.len());
            let mut from = 0;
            for (r, with) in &edits {
                if r.start < from {
                    return Err(SynthError::Broken(format!(
                        "{}: overlapping rewrites at byte {}",
                        self.entry.id, r.start
                    )));
                }
                text.push_str(&self.text[from..r.start]);
                let start = text.len();
                text.push_str(with);
                mapped.push(Mapped { old: r.clone(), new: start..text.len() });
                from = r.end;
            }
            text.push_str(&self.text[from..]);
            let map = |r: &Range<usize>| map_pos(&mapped, r.start, false)..map_pos(&mapped, r.end, true);

            let verified = Text::from_string(text);
            let mut failed: Option<Option<usize>> = None;
            let mut files = Vec::with_capacity(self.files.len());
            for fp in &self.files {
                let mut indicators = Vec::with_capacity(fp.indicators.len());
                for ip in &fp.indicators {
                    let e = &ip.entry;
                    let span = map(&ip.span);
                    let quote = verified.text.get(span.clone()).unwrap_or_default().to_string();
                    let vals = &new_value[ip.figure];
                    let value = vals.first().copied().unwrap_or(e.value);
                    let value_max = e.value_max.map(|m| vals.get(1).copied().unwrap_or(m));
                    let claim = Claim { value, value_max, ..Claim::of(e) };
                    let placed = verify::locate_quote(&verified, &quote, e.paragraph).is_ok_and(|l| l.span == span);
                    if !placed || verify::match_figure(&quote, &claim).is_err() {
                        failed.get_or_insert(Some(ip.figure));
                    }
                    let changed = value != e.value;
                    indicators.push(IndicatorEntry {
                        id: format!("{}-{}", c.id, e.id),
                        name: self.rename(&e.name, c),
                        name_en: self.rename(&e.name_en, c),
                        value,
                        value_max,
                        baseline_value: e.baseline_value.map(|b| {
                            if changed {
                                b.mul_rounded(c.factor, b.scale()).unwrap_or(b)
                            } else {
                                b
                            }
                        }),
                        quote,
                        stretch_of: e.stretch_of.as_ref().map(|l| format!("{}-{l}", c.id)),
                        supersedes: e.supersedes.as_ref().map(|l| format!("{}-{l}", c.id)),
                        restates: e.restates.as_ref().map(|l| format!("{}-{l}", c.id)),
                        note: e.note.as_ref().map(|s| self.rename(s, c)),
                        ..e.clone()
                    });
                }
                let mut ignored = Vec::with_capacity(fp.ignored.len());
                for ig in &fp.ignored {
                    let span = map(&ig.span);
                    let quote = verified.text.get(span.clone()).unwrap_or_default().to_string();
                    let placed =
                        verify::locate_quote(&verified, &quote, ig.entry.paragraph).is_ok_and(|l| l.span == span);
                    if !placed || find_quantities(&quote).is_empty() {
                        failed.get_or_insert(None);
                    }
                    ignored.push(IgnoredOut {
                        quote,
                        reason: self.rename(&ig.entry.reason, c),
                        paragraph: ig.entry.paragraph,
                    });
                }
                files.push((
                    fp.stem.clone(),
                    FileOut { document: format!("{}-{}", c.id, self.entry.id), indicators, ignored },
                ));
            }
            match failed {
                None => return Ok((verified.text.into_string(), files)),
                // Keep the offending figure as written and try again; an ignored passage that broke freezes all.
                Some(Some(f)) if !frozen[f] => frozen[f] = true,
                Some(_) if frozen.iter().any(|f| !f) => frozen.iter_mut().for_each(|f| *f = true),
                Some(_) => break,
            }
        }
        Err(SynthError::Broken(format!(
            "{}: the copy for {} does not verify even with every figure unchanged (the city name collides with the text)",
            self.entry.id, c.name
        )))
    }
}
