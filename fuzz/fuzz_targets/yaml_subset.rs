//! Fuzzes the YAML subset reader against yaml_serde: whatever text the subset reader accepts as an indicator file
//! or a table, yaml_serde must read to the same value.
#![no_main]

use libfuzzer_sys::fuzz_target;
use zhibiao_core::schema::{CityEntry, DocumentEntry, IndicatorFile, MetricEntry};
use zhibiao_core::yamlfile::subset;

fn agrees<T: serde::de::DeserializeOwned + std::fmt::Debug>(text: &str) {
    if let Some(fast) = subset::from_str::<T>(text) {
        let slow = serde_yaml::from_str::<T>(text).map(|v| format!("{v:?}")).map_err(|e| e.to_string());
        assert_eq!(Ok(format!("{fast:?}")), slow, "{text:?}");
    }
}

fuzz_target!(|text: &str| {
    agrees::<IndicatorFile>(text);
    agrees::<Vec<CityEntry>>(text);
    agrees::<Vec<DocumentEntry>>(text);
    agrees::<Vec<MetricEntry>>(text);
});
