//! Shell completion scripts that complete the dataset's names, not file names: `--city <TAB>` offers the
//! bundled cities (id and Chinese name), `--theme` the themes, `--metric` and `compare` the metric ids, `--doc`
//! and `source` the document ids.
//!
//! clap_complete 4.6 has two ways: a static script, and dynamic completion that calls the binary on every TAB
//! (behind its `unstable-dynamic` feature, registered through an environment variable rather than a script
//! file). The static script is kept — it installs as one file and works with every shell clap_complete knows —
//! and the names are written into it as each argument's possible values when the script is generated. They
//! are the bundled dataset's; a --data dataset's own names are typed (or pasted) by hand.

use clap::builder::{PossibleValue, PossibleValuesParser};
use clap::Command;
use zhibiao_core::schema::{CityEntry, DocumentEntry, MetricEntry, ThemeEntry};
use zhibiao_core::Root;

/// The names an argument completes to: (value, description).
type Values = Vec<(String, String)>;

/// The names of the bundled dataset, by kind.
struct Names {
    cities: Values,
    themes: Values,
    metrics: Values,
    docs: Values,
}

fn read<T: serde::de::DeserializeOwned>(rel: &str) -> Vec<T> {
    Root::Embedded
        .read(rel)
        .ok()
        .and_then(|bytes| serde_yaml::from_slice::<Option<Vec<T>>>(&bytes).ok().flatten())
        .unwrap_or_default()
}

impl Names {
    fn bundled() -> Names {
        let mut cities = Values::new();
        for c in read::<CityEntry>("data/cities.yaml") {
            cities.push((c.id.clone(), format!("{} {}", c.name, c.name_en)));
            cities.push((c.name.clone(), format!("{} {}", c.id, c.name_en)));
        }
        Names {
            cities,
            themes: read::<ThemeEntry>("data/themes.yaml").into_iter().map(|t| (t.id, t.name)).collect(),
            metrics: read::<MetricEntry>("data/metrics.yaml").into_iter().map(|m| (m.id, m.name)).collect(),
            docs: read::<DocumentEntry>("data/documents.yaml").into_iter().map(|d| (d.id, d.title)).collect(),
        }
    }
}

/// `cmd` with the bundled names as the possible values of every argument that takes one, for generating a
/// completion script (never for parsing: a --data dataset has names of its own).
pub fn with_names(cmd: Command) -> Command {
    let names = Names::bundled();
    let values = |v: &Values| {
        PossibleValuesParser::new(v.iter().map(|(name, help)| PossibleValue::new(name.clone()).help(help.clone())))
    };
    let args: [(&str, &Values); 5] = [
        ("city", &names.cities),
        ("theme", &names.themes),
        ("metric", &names.metrics),
        ("doc", &names.docs),
        ("status", &Vec::new()),
    ];
    let subs: Vec<String> = cmd.get_subcommands().map(|s| s.get_name().to_string()).collect();
    let mut cmd = cmd;
    for sub in subs {
        cmd = cmd.mut_subcommand(&sub, |mut s| {
            for (id, v) in &args {
                if v.is_empty() || s.get_arguments().all(|a| a.get_id() != *id) {
                    continue;
                }
                let parser = values(v);
                s = s.mut_arg(*id, |a| a.value_parser(parser));
            }
            s
        });
    }
    cmd
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    #[test]
    fn the_names_of_the_bundled_dataset_are_the_values_of_their_arguments() {
        let cmd = with_names(crate::cli::Cli::command());
        let values = |sub: &str, arg: &str| -> Vec<String> {
            let s = cmd.find_subcommand(sub).unwrap_or_else(|| panic!("{sub}"));
            let a = s.get_arguments().find(|a| a.get_id() == arg).unwrap_or_else(|| panic!("{sub} {arg}"));
            a.get_possible_values().iter().map(|v| v.get_name().to_string()).collect()
        };
        for sub in ["list", "progress", "add-doc"] {
            let cities = values(sub, "city");
            assert!(cities.contains(&"shenyang".to_string()) && cities.contains(&"沈阳".to_string()), "{cities:?}");
        }
        assert!(values("list", "metric").contains(&"5g_base_stations_new".to_string()));
        assert!(values("compare", "metric").contains(&"5g_base_stations".to_string()));
        assert!(values("list", "theme").contains(&"digital-infrastructure".to_string()));
        assert!(values("source", "doc").contains(&"xuzhou-2020-new-infrastructure-opinions".to_string()));
    }
}
