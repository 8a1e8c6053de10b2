//! Configuration as the server sees it: `handoff.toml` files found from each
//! document, with the client's settings (section `handoff`) laid over them.
//! A configuration file that fails to parse is reported and the last good
//! version of it stays in force.

use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use serde::Deserialize;
use serde_json::Value;

use crate::config::{Config, ConfigError, Level, RuleOptions};
use crate::lint::Linter;
use crate::project::Resolver;
use crate::rules;

use crate::live::LintContext;

/// The client's settings, section `handoff`.
#[derive(Debug, Clone, Default, Deserialize, PartialEq)]
#[serde(rename_all = "camelCase", default)]
pub struct Settings {
    pub enable: Option<bool>,
    /// Rule name to level (`off`, `hint`, `info`, `warning`, `error`).
    pub rules: BTreeMap<String, String>,
    /// Replaces the markers of the configuration file.
    pub markers: Option<Vec<String>>,
    pub check_workspace: bool,
    pub max_file_size: Option<u64>,
    /// Turns the pedantic tier on or off over the configuration file.
    pub pedantic: Option<bool>,
}

impl Settings {
    /// Reads settings sent as `{"handoff": {...}}` or as the section itself.
    /// Returns the settings and the problems found in them.
    pub fn from_value(value: &Value) -> (Settings, Vec<String>) {
        let section = value.get("handoff").unwrap_or(value);
        // Lua clients send an empty table as `[]`: no settings, not an error.
        let empty_list = section.as_array().is_some_and(Vec::is_empty);
        if section.is_null() || empty_list {
            return (Settings::default(), Vec::new());
        }
        match serde_json::from_value::<Settings>(section.clone()) {
            Ok(s) => {
                let problems = s.rule_options().1;
                (s, problems)
            }
            Err(e) => (
                Settings::default(),
                vec![format!("handoff settings ignored: {e}")],
            ),
        }
    }

    /// The rule levels as configuration, and the entries that are not valid.
    pub fn rule_options(&self) -> (BTreeMap<String, RuleOptions>, Vec<String>) {
        let mut out = BTreeMap::new();
        let mut problems = Vec::new();
        for (name, level) in &self.rules {
            if rules::by_name(name).is_none() {
                problems.push(format!("handoff.rules: unknown rule `{name}`"));
                continue;
            }
            match Level::parse(level) {
                Some(level) => {
                    out.insert(
                        name.clone(),
                        RuleOptions {
                            level: Some(level),
                            ..RuleOptions::default()
                        },
                    );
                }
                None => problems.push(format!(
                    "handoff.rules.{name}: `{level}` is not a level (off, hint, info, warning, error)"
                )),
            }
        }
        (out, problems)
    }
}

/// A configuration file as last read.
struct Slot {
    /// The last configuration that parsed.
    good: Option<Arc<Config>>,
    error: Option<ConfigError>,
    /// Cleared when the file changes.
    fresh: bool,
}

/// What a document is linted with.
pub struct Resolved {
    pub cx: LintContext,
    pub max_file_size: u64,
}

/// Configuration files, settings and workspaces, shared by all documents.
#[derive(Default)]
pub struct Configs {
    pub folders: Vec<PathBuf>,
    pub settings: Settings,
    slots: HashMap<PathBuf, Slot>,
    linters: HashMap<Option<PathBuf>, (Arc<Linter>, u64, bool)>,
    /// Which configuration file and project each document has: the same
    /// answer `handoff check` gets.
    resolver: Resolver,
}

impl Configs {
    /// New settings: every linter is built again.
    pub fn set_settings(&mut self, settings: Settings) {
        self.settings = settings;
        self.linters.clear();
    }

    /// Configuration files changed on disk (or in the editor), appeared or
    /// vanished: each is read again, and looked for again.
    pub fn invalidate(&mut self) {
        self.slots.values_mut().for_each(|s| s.fresh = false);
        self.resolver.forget();
        self.linters.clear();
    }

    /// Files appeared or vanished: configuration files and project roots
    /// are looked for again.
    pub fn forget_lookups(&mut self) {
        self.resolver.forget();
    }

    /// The configuration errors currently in force, by file.
    pub fn errors(&self) -> Vec<(PathBuf, Option<ConfigError>)> {
        self.slots
            .iter()
            .map(|(p, s)| (p.clone(), s.error.clone()))
            .collect()
    }

    /// Reads `file` if it changed; `overrides` gives text for files open in
    /// the editor. Returns whether its error changed.
    fn load(&mut self, file: &Path, overrides: &dyn Fn(&Path) -> Option<String>) -> bool {
        let slot = self.slots.entry(file.to_path_buf()).or_insert(Slot {
            good: None,
            error: None,
            fresh: false,
        });
        if slot.fresh {
            return false;
        }
        slot.fresh = true;
        let result = match overrides(file) {
            Some(text) => Config::parse(&text, file),
            None => Config::load(file),
        };
        let before = slot.error.clone();
        match result {
            Ok(c) => {
                slot.good = Some(Arc::new(c));
                slot.error = None;
            }
            Err(e) => slot.error = Some(e),
        }
        before != slot.error
    }

    /// The linter, workspace and size limit for the document at `path`.
    /// `reported` is set when a configuration error appeared or went away.
    pub fn resolve(
        &mut self,
        path: &Path,
        overrides: &dyn Fn(&Path) -> Option<String>,
        reported: &mut bool,
    ) -> Resolved {
        let config_file = self.resolver.config_file(path);
        if let Some(f) = &config_file {
            *reported |= self.load(f, overrides);
        }
        let (linter, max_file_size, wanted) = if let Some(l) = self.linters.get(&config_file) {
            l.clone()
        } else {
            let base = config_file
                .as_ref()
                .and_then(|f| self.slots.get(f))
                .and_then(|s| s.good.clone());
            let mut config = match base {
                Some(c) => (*c).clone(),
                None => Config::default(),
            };
            config.overlay_rules(&self.settings.rule_options().0);
            if let Some(m) = &self.settings.markers {
                config.markers.clone_from(m);
            }
            if let Some(s) = self.settings.max_file_size {
                config.max_file_size = s;
            }
            if let Some(p) = self.settings.pedantic {
                config.pedantic = p;
            }
            let wanted = self.settings.enable != Some(false);
            let max = config.max_file_size;
            let entry = (Arc::new(Linter::new(Arc::new(config))), max, wanted);
            self.linters.insert(config_file.clone(), entry.clone());
            entry
        };
        let config = linter.config();
        let enabled =
            wanted && config.wants(path) && !(config.default_exclude && self.is_foreign(path));
        Resolved {
            cx: LintContext {
                linter,
                workspace: self.resolver.project(path).workspace,
                enabled,
            },
            max_file_size,
        }
    }

    /// Whether the document at `path` is a test fixture, vendored or
    /// generated by its place in its project, as `handoff check` judges.
    fn is_foreign(&self, path: &Path) -> bool {
        let project = self.resolver.project(path);
        project.root.is_some() && project.foreign_path(path, path)
    }

    /// Where "ignore in handoff.toml" writes for the document at `path`: the
    /// configuration file that applies, or a new `handoff.toml` at its
    /// project root (outside a project: its workspace folder, or its own
    /// folder).
    pub fn config_target(&self, path: &Path) -> Option<PathBuf> {
        if let Some(f) = self.resolver.config_file(path) {
            return Some(f);
        }
        let root = self
            .resolver
            .project(path)
            .root
            .or_else(|| {
                self.folders
                    .iter()
                    .filter(|f| path.starts_with(f))
                    .max_by_key(|f| f.as_os_str().len())
                    .cloned()
            })
            .or_else(|| path.parent().map(Path::to_path_buf))?;
        Some(root.join(crate::config::CONFIG_FILE_NAMES[0]))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn empty_lua_tables_are_no_settings() {
        for v in [
            serde_json::json!([]),
            serde_json::json!({"handoff": []}),
            Value::Null,
        ] {
            let (settings, problems) = Settings::from_value(&v);
            assert_eq!(settings, Settings::default());
            assert!(problems.is_empty(), "{v}: {problems:?}");
        }
    }

    #[test]
    fn settings_accept_the_section_or_its_parent() {
        let (s, p) = Settings::from_value(&serde_json::json!({
            "handoff": {"rules": {"hedge": "off", "nope": "off", "too-long": "loud"}, "checkWorkspace": true}
        }));
        assert!(s.check_workspace);
        assert_eq!(p.len(), 2, "{p:?}");
        let (rules, _) = s.rule_options();
        assert_eq!(rules["hedge"].level, Some(Level::Off));
    }
}
