//! Fuzzes the dataset loader: arbitrary bytes as an indicator file and as a source text beside valid tables.
//! No panic; an invalid dataset always says why.
#![no_main]

use libfuzzer_sys::fuzz_target;
use zhibiao_core::{load, LoadError, Root};

const CITIES: &str = "- id: xuzhou\n  name: 徐州\n  name_en: Xuzhou\n  province: 江苏\n  province_en: Jiangsu\n";
const THEMES: &str = "- id: transport\n  name: 交通\n  name_en: Transport\n  description: d\n";
const DOCUMENTS: &str = "- id: d\n  source: seeds/d.txt\n  city: xuzhou\n  title: t\n  title_en: t\n  issuer: i\n  issuer_en: i\n  date: 2020-01-01\n  kind: k\n";

fuzz_target!(|input: (&[u8], &[u8])| {
    let (yaml, source) = input;
    let root = Root::Memory(vec![
        ("data/cities.yaml".into(), CITIES.into()),
        ("data/themes.yaml".into(), THEMES.into()),
        ("data/documents.yaml".into(), DOCUMENTS.into()),
        ("data/indicators/d.yaml".into(), yaml.to_vec()),
        ("seeds/d.txt".into(), source.to_vec()),
    ]);
    if let Err(LoadError::Invalid(diags)) = load(&root) {
        assert!(!diags.is_empty());
    }
});
