//! Synthetic cities: their names, provinces and scale factors, from a small deterministic generator.

use super::*;

/// First characters of synthetic city names, with their romanisation. None is a numeral, a measure word or a
/// comparator word, so a name can never change how a figure next to it is read.
#[rustfmt::skip]
pub(super) const FIRST: &[(&str, &str)] = &[
    ("华", "Hua"), ("青", "Qing"), ("临", "Lin"), ("安", "An"), ("宁", "Ning"), ("昌", "Chang"), ("平", "Ping"),
    ("丰", "Feng"), ("兴", "Xing"), ("泰", "Tai"), ("嘉", "Jia"), ("永", "Yong"), ("德", "De"), ("武", "Wu"),
    ("江", "Jiang"), ("海", "Hai"), ("河", "He"), ("东", "Dong"), ("金", "Jin"), ("云", "Yun"), ("龙", "Long"),
    ("福", "Fu"), ("广", "Guang"), ("汉", "Han"), ("蓉", "Rong"), ("柳", "Liu"), ("荆", "Jing"), ("岳", "Yue"),
    ("襄", "Xiang"), ("洛", "Luo"), ("汾", "Fen"), ("沧", "Cang"), ("淮", "Huai"), ("桐", "Tong"), ("松", "Song"),
    ("梅", "Mei"), ("榆", "Yu"), ("碧", "Bi"), ("瑞", "Rui"), ("明", "Ming"), ("滕", "Teng"), ("邵", "Shao"),
    ("潍", "Wei"), ("莱", "Lai"), ("郴", "Chen"), ("赣", "Gan"), ("黔", "Qian"), ("彭", "Peng"),
];

/// Second characters of synthetic city names, with their romanisation.
#[rustfmt::skip]
pub(super) const SECOND: &[(&str, &str)] = &[
    ("阳", "yang"), ("川", "chuan"), ("州", "zhou"), ("山", "shan"), ("源", "yuan"), ("城", "cheng"), ("宁", "ning"),
    ("安", "an"), ("平", "ping"), ("昌", "chang"), ("泉", "quan"), ("溪", "xi"), ("林", "lin"), ("陵", "ling"),
    ("浦", "pu"), ("塘", "tang"), ("湖", "hu"), ("峰", "feng"), ("丘", "qiu"), ("沙", "sha"), ("津", "jin"),
    ("口", "kou"), ("关", "guan"), ("亭", "ting"), ("谷", "gu"), ("港", "gang"), ("桥", "qiao"), ("庄", "zhuang"),
    ("滨", "bin"), ("渡", "du"), ("潭", "tan"), ("兴", "xing"), ("化", "hua"), ("定", "ding"), ("宣", "xuan"),
    ("泽", "ze"), ("江", "jiang"), ("河", "he"), ("堰", "yan"), ("坝", "ba"), ("营", "ying"), ("田", "tian"),
    ("乡", "xiang"), ("集", "ji"), ("南", "nan"), ("东", "dong"), ("旺", "wang"), ("寿", "shou"), ("德", "de"),
    ("海", "hai"),
];

/// Provinces synthetic cities are placed in.
#[rustfmt::skip]
pub(super) const PROVINCES: &[(&str, &str)] = &[
    ("河北", "Hebei"), ("山西", "Shanxi"), ("辽宁", "Liaoning"), ("吉林", "Jilin"), ("黑龙江", "Heilongjiang"),
    ("江苏", "Jiangsu"), ("浙江", "Zhejiang"), ("安徽", "Anhui"), ("福建", "Fujian"), ("江西", "Jiangxi"),
    ("山东", "Shandong"), ("河南", "Henan"), ("湖北", "Hubei"), ("湖南", "Hunan"), ("广东", "Guangdong"),
    ("海南", "Hainan"), ("四川", "Sichuan"), ("贵州", "Guizhou"), ("云南", "Yunnan"), ("陕西", "Shaanxi"),
    ("甘肃", "Gansu"), ("青海", "Qinghai"),
];

/// A tiny deterministic generator (splitmix64): no dependency, same numbers on every machine.
#[derive(Debug, Clone)]
pub(super) struct SplitMix(pub(super) u64);

impl SplitMix {
    /// The generator for city `k` of a dataset of `n` cities.
    pub(super) fn for_city(n: usize, k: usize) -> SplitMix {
        SplitMix(
            (n as u64).wrapping_mul(0xA076_1D64_78BD_642F)
                ^ (k as u64).wrapping_mul(0xE703_7ED1_A0B4_28DB)
                ^ 0x7A68_6962_6961_6F21,
        )
    }

    pub(super) fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number in `0..bound`.
    pub(super) fn below(&mut self, bound: u64) -> u64 {
        self.next() % bound.max(1)
    }
}

/// Every usable synthetic name as (Chinese, English), in a fixed scrambled order: two different characters (then
/// three, past those), no romanisation used twice.
pub(super) fn names() -> &'static [(String, String)] {
    static NAMES: std::sync::OnceLock<Vec<(String, String)>> = std::sync::OnceLock::new();
    NAMES.get_or_init(|| {
        let total = FIRST.len() * SECOND.len();
        // A stride coprime with the number of pairs visits every pair once, in an order that mixes both lists.
        let mut stride = 1307;
        while gcd(stride, total) != 1 {
            stride += 2;
        }
        let mut out: Vec<(String, String)> = Vec::with_capacity(total);
        for i in 0..total {
            let j = (i * stride + 101) % total;
            let (a, a_en) = FIRST[j / SECOND.len()];
            let (b, b_en) = SECOND[j % SECOND.len()];
            if a == b {
                continue;
            }
            let name = format!("{a}{b}");
            let en = format!("{a_en}{b_en}");
            if out.iter().any(|(n, e)| *n == name || *e == en) {
                continue;
            }
            out.push((name, en));
        }
        // Past the two-character names (a national-scale dataset has five times as many cities): each of them
        // again with a third character from the second list, round by round, names and romanisations unique.
        let two = out.len();
        let mut seen: std::collections::HashSet<String> =
            out.iter().flat_map(|(n, e)| [n.clone(), e.to_lowercase()]).collect();
        for (c, c_en) in SECOND {
            for k in 0..two {
                let (base, base_en) = (&out[k].0, &out[k].1);
                if base.ends_with(c) {
                    continue;
                }
                let (name, en) = (format!("{base}{c}"), format!("{base_en}{c_en}"));
                if seen.contains(&name) || seen.contains(&en.to_lowercase()) {
                    continue;
                }
                seen.insert(name.clone());
                seen.insert(en.to_lowercase());
                out.push((name, en));
            }
        }
        out
    })
}

pub(super) fn gcd(a: usize, b: usize) -> usize {
    if b == 0 {
        a
    } else {
        gcd(b, a % b)
    }
}

/// The largest number of cities a synthetic dataset can have (every name is unique).
pub fn max_cities() -> usize {
    names().len()
}

/// City `k` (0-based) of a synthetic dataset of `n` cities. Names depend on `k` only; province and factor on
/// `n` and `k`. `None` when `k` is beyond [`max_cities`].
pub fn city(n: usize, k: usize) -> Option<SynthCity> {
    let (name, name_en) = names().get(k)?.clone();
    let mut rng = SplitMix::for_city(n, k);
    let factor = Decimal::new(600 + i128::from(rng.below(1001) as u16), 3)?;
    let (province, province_en) = PROVINCES[rng.below(PROVINCES.len() as u64) as usize];
    Some(SynthCity {
        id: format!("c{:04}", k + 1),
        name,
        name_en,
        province: province.to_string(),
        province_en: province_en.to_string(),
        factor,
    })
}
