//! Tests of the synthetic dataset generator.

use super::*;

fn d(s: &str) -> Decimal {
    Decimal::parse(s).unwrap()
}

#[test]
fn names_are_unique_and_avoid_figure_words() {
    let all = names();
    assert!(all.len() >= 2000, "{}", all.len());
    let mut zh: Vec<&String> = all.iter().map(|(z, _)| z).collect();
    zh.sort();
    zh.dedup();
    assert_eq!(zh.len(), all.len());
    let mut en: Vec<String> = all.iter().map(|(_, e)| e.to_lowercase()).collect();
    en.sort();
    en.dedup();
    assert_eq!(en.len(), all.len(), "romanisations are unique too");
    // Two characters first, then three: enough for a national-scale dataset of 12,000 cities.
    assert!(all.len() >= 12_000, "{}", all.len());
    let two = all.iter().take_while(|(z, _)| z.chars().count() == 2).count();
    assert!(two >= 2000 && all[two..].iter().all(|(z, _)| z.chars().count() == 3), "{two}");
    for (z, _) in all.iter().take(12_000) {
        // A name beside a number must not change how the number reads.
        let probe = format!("900万{z}人和{z}3个");
        let q = find_quantities(&probe);
        assert_eq!(q.len(), 2, "{z}: {q:?}");
    }
    assert_eq!(city(10, 0).unwrap().id, "c0001");
    assert_eq!(city(10, 3), city(10, 3));
    assert_ne!(city(10, 3).unwrap().factor, city(11, 3).unwrap().factor);
}

#[test]
fn numbers_keep_their_format() {
    let text = "达到87.50%和１２３个与1,500亿元";
    let slots = number_slots(text, 0..text.len());
    assert_eq!(slots.len(), 3);
    assert_eq!(write_like(&slots[0], d("91.2")), "91.20");
    assert_eq!(write_like(&slots[1], d("45")), "４５");
    assert_eq!(write_like(&slots[2], d("2300")), "2,300");
    assert_eq!(fixed(d("3"), 2), "3.00");
}

#[test]
fn positions_map_across_replacements() {
    // "ab12cd" → "abXYZcd": 12 (2..4) replaced by XYZ (2..5).
    let edits = [Mapped { old: 2..4, new: 2..5 }];
    assert_eq!(map_pos(&edits, 0, false), 0);
    assert_eq!(map_pos(&edits, 2, false), 2);
    assert_eq!(map_pos(&edits, 3, false), 2);
    assert_eq!(map_pos(&edits, 3, true), 5);
    assert_eq!(map_pos(&edits, 4, true), 5);
    assert_eq!(map_pos(&edits, 6, true), 7);
}

#[test]
fn scaling_rules() {
    let slot = |v: &str, dec: u32| Slot {
        at: 0..1,
        value: d(v),
        decimals: dec,
        full_width: false,
        full_width_point: false,
        grouped: false,
    };
    let mut rng = SplitMix(1);
    let pct = Figure { slots: vec![slot("90", 0)], rule: Rule::Scale { cap: true } };
    assert_eq!(new_values(&pct, d("1.5"), &mut rng), vec![d("100")]);
    let small = Figure { slots: vec![slot("1", 0)], rule: Rule::Scale { cap: false } };
    assert_eq!(new_values(&small, d("0.6"), &mut rng), vec![d("1")]);
    let range = Figure { slots: vec![slot("2", 0), slot("3", 0)], rule: Rule::Scale { cap: false } };
    let r = new_values(&range, d("0.6"), &mut rng);
    assert!(r[1] > r[0], "{r:?}");
    let rank = Figure { slots: vec![slot("20", 0)], rule: Rule::Rank };
    let v = new_values(&rank, d("1"), &mut rng)[0];
    assert!(v >= d("18") && v <= d("22"));
}

#[test]
fn the_bundled_dataset_makes_a_verified_copy() {
    let plan = Plan::new(&Root::Embedded).unwrap();
    let root = plan.in_memory(2).unwrap();
    let ds = zhibiao_core::load(&root).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(ds.cities().len(), 2);
    assert_eq!(ds.indicators().len(), 2 * plan.indicators_per_city());
    assert!(ds.documents().iter().all(|d| !d.text.text.contains("沈阳") || d.id.contains("xuzhou")));
}
