//! Configuration: `handoff.toml` (or `.handoff.toml`), found upward from each
//! checked file, and the settings an editor sends.
//!
//! ```toml
//! markers = ["TODO", "FIXME"]      # replaces the default marker list
//! extra-markers = ["NOTE(agent)"]  # adds to it
//! exclude = ["vendor/**"]
//!
//! [rules]
//! hedge = "off"
//! too-long = { severity = "info", max-words = 80 }
//!
//! [rules.vague-verb]
//! extra-words = ["revamp"]
//! allow-words = ["handle"]
//! ```
//!
//! Unknown keys and rule names are errors that name the file and line.

use std::collections::BTreeMap;
use std::fmt;
use std::path::{Path, PathBuf};

use globset::{Glob, GlobSet, GlobSetBuilder};
use serde::Deserialize;
use serde::de::{self, MapAccess, Visitor};
use toml::Spanned;

use crate::document::LineIndex;
use crate::extract::markers::DEFAULT_MARKERS;
use crate::rules::{self, Severity};

/// The file names a configuration may have, in order of preference.
pub const CONFIG_FILE_NAMES: &[&str] = &["handoff.toml", ".handoff.toml"];

/// Files above this size are skipped unless configured otherwise.
pub const DEFAULT_MAX_FILE_SIZE: u64 = 2 * 1024 * 1024;

pub use crate::rules::{Level, RuleOptions};

/// The options every rule may be given, besides those a rule declares.
const COMMON_RULE_OPTIONS: &[&str] = &["severity"];

/// A configuration, resolved: what the engine reads.
#[derive(Debug, Clone)]
pub struct Config {
    /// The file it was read from; `None` for the defaults.
    pub path: Option<PathBuf>,
    pub markers: Vec<String>,
    include: Option<GlobSet>,
    exclude: GlobSet,
    pub max_file_size: u64,
    /// Whether test fixtures, vendored and generated files are skipped
    /// (`crate::scope`).
    pub default_exclude: bool,
    /// Whether the pedantic tier is on: its rules, and the roles the default
    /// rules judge only there.
    pub pedantic: bool,
    pub rules: BTreeMap<String, RuleOptions>,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            path: None,
            markers: DEFAULT_MARKERS
                .iter()
                .map(std::string::ToString::to_string)
                .collect(),
            include: None,
            exclude: GlobSet::empty(),
            max_file_size: DEFAULT_MAX_FILE_SIZE,
            default_exclude: true,
            pedantic: false,
            rules: BTreeMap::new(),
        }
    }
}

/// A configuration that could not be read, with the place it went wrong.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConfigError {
    pub path: PathBuf,
    /// 1-based line, when known.
    pub line: Option<usize>,
    pub message: String,
}

impl fmt::Display for ConfigError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.line {
            Some(line) => write!(f, "{}:{}: {}", self.path.display(), line, self.message),
            None => write!(f, "{}: {}", self.path.display(), self.message),
        }
    }
}

impl std::error::Error for ConfigError {}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct RawConfig {
    markers: Option<Vec<String>>,
    #[serde(default)]
    extra_markers: Vec<String>,
    include: Option<Vec<Spanned<String>>>,
    #[serde(default)]
    exclude: Vec<Spanned<String>>,
    max_file_size: Option<u64>,
    default_exclude: Option<bool>,
    pedantic: Option<bool>,
    #[serde(default)]
    rules: BTreeMap<Spanned<String>, Spanned<RawRule>>,
}

/// A rule's entry: a level string, or a table of options.
#[derive(Default)]
struct RawRule {
    severity: Option<String>,
    keys: Vec<String>,
    extra_words: Vec<String>,
    allow_words: Vec<String>,
    max_words: Option<usize>,
    min_words: Option<usize>,
}

impl<'de> Deserialize<'de> for RawRule {
    fn deserialize<D: de::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct RuleVisitor;
        const FIELDS: &[&str] = &[
            "severity",
            "extra-words",
            "allow-words",
            "max-words",
            "min-words",
        ];
        impl<'de> Visitor<'de> for RuleVisitor {
            type Value = RawRule;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a level (\"off\", \"hint\", \"info\", \"warning\", \"error\") or a table of options")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<RawRule, E> {
                Ok(RawRule {
                    severity: Some(v.to_string()),
                    ..RawRule::default()
                })
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<RawRule, A::Error> {
                let mut rule = RawRule::default();
                while let Some(key) = map.next_key::<String>()? {
                    match key.as_str() {
                        "severity" => rule.severity = Some(map.next_value()?),
                        "extra-words" => rule.extra_words = map.next_value()?,
                        "allow-words" => rule.allow_words = map.next_value()?,
                        "max-words" => rule.max_words = Some(map.next_value()?),
                        "min-words" => rule.min_words = Some(map.next_value()?),
                        other => return Err(de::Error::unknown_field(other, FIELDS)),
                    }
                    rule.keys.push(key);
                }
                Ok(rule)
            }
        }
        deserializer.deserialize_any(RuleVisitor)
    }
}

impl Config {
    /// Reads the configuration file at `path`.
    pub fn load(path: &Path) -> Result<Config, ConfigError> {
        let bytes = std::fs::read(path).map_err(|e| ConfigError {
            path: path.to_path_buf(),
            line: None,
            message: format!("cannot read: {e}"),
        })?;
        Config::from_bytes(&bytes, path)
    }

    /// Parses configuration bytes as read from `path`: text that is not
    /// UTF-8 is an error at the line of its first bad byte.
    pub fn from_bytes(bytes: &[u8], path: &Path) -> Result<Config, ConfigError> {
        match std::str::from_utf8(bytes) {
            Ok(text) => Config::parse(text, path),
            Err(e) => {
                let good = std::str::from_utf8(&bytes[..e.valid_up_to()]).unwrap_or_default();
                Err(ConfigError {
                    path: path.to_path_buf(),
                    line: Some(LineIndex::new(good).line_count()),
                    message: "not valid UTF-8".into(),
                })
            }
        }
    }

    /// Parses configuration text; `path` names it in errors and anchors its
    /// globs.
    pub fn parse(text: &str, path: &Path) -> Result<Config, ConfigError> {
        let lines = LineIndex::new(text);
        let error_at = |offset: Option<usize>, message: String| ConfigError {
            path: path.to_path_buf(),
            line: offset.map(|o| lines.line_of(o) + 1),
            message,
        };
        let raw: RawConfig = toml::from_str(text)
            .map_err(|e| error_at(e.span().map(|s| s.start), e.message().trim().to_string()))?;

        let mut config = Config {
            path: Some(path.to_path_buf()),
            ..Config::default()
        };
        if let Some(markers) = raw.markers {
            config.markers = markers;
        }
        config.markers.extend(raw.extra_markers);
        config.markers.retain(|m| !m.trim().is_empty());
        if let Some(size) = raw.max_file_size {
            config.max_file_size = size;
        }
        if let Some(skip) = raw.default_exclude {
            config.default_exclude = skip;
        }
        if let Some(pedantic) = raw.pedantic {
            config.pedantic = pedantic;
        }
        let globs = |patterns: &[Spanned<String>]| -> Result<GlobSet, ConfigError> {
            let mut builder = GlobSetBuilder::new();
            for p in patterns {
                let glob = Glob::new(p.get_ref()).map_err(|e| {
                    error_at(
                        Some(p.span().start),
                        format!("bad glob {:?}: {e}", p.get_ref()),
                    )
                })?;
                builder.add(glob);
            }
            // Building fails only when the globs together are too large:
            // blame the first.
            let first = patterns.first().map(|p| p.span().start);
            builder
                .build()
                .map_err(|e| error_at(first, format!("bad glob: {e}")))
        };
        config.exclude = globs(&raw.exclude)?;
        config.include = raw.include.as_deref().map(globs).transpose()?;

        for (name, rule) in raw.rules {
            let meta = rules::by_name(name.get_ref()).ok_or_else(|| {
                error_at(
                    Some(name.span().start),
                    format!("unknown rule `{}` (see `handoff rules`)", name.get_ref()),
                )
            })?;
            let span = rule.span();
            let rule = rule.into_inner();
            for key in &rule.keys {
                if !COMMON_RULE_OPTIONS.contains(&key.as_str())
                    && !meta.options.contains(&key.as_str())
                {
                    return Err(error_at(
                        Some(span.start),
                        format!("rule `{}` has no option `{key}`", meta.name),
                    ));
                }
            }
            let level = match &rule.severity {
                Some(s) => Some(Level::parse(s).ok_or_else(|| {
                    error_at(
                        Some(span.start),
                        format!("`{s}` is not a level: use off, hint, info, warning or error"),
                    )
                })?),
                None => None,
            };
            config.rules.insert(
                meta.name.to_string(),
                RuleOptions {
                    level,
                    extra_words: rule.extra_words,
                    allow_words: rule.allow_words,
                    max_words: rule.max_words,
                    min_words: rule.min_words,
                },
            );
        }
        Ok(config)
    }

    /// The options for `rule` (defaults when unconfigured).
    pub fn rule(&self, rule: &str) -> RuleOptions {
        self.rules.get(rule).cloned().unwrap_or_default()
    }

    /// The severity `rule` reports with, or `None` when it is off.
    pub fn severity(&self, rule: &rules::RuleMeta) -> Option<Severity> {
        self.enablement(rule).map(|(severity, _)| severity)
    }

    /// Whether `rule` runs, with which severity and on which roles. A rule of
    /// the pedantic tier runs when `pedantic` is on or it is given a
    /// severity; a rule given a severity judges its pedantic roles too when
    /// it is a pedantic rule.
    pub fn enablement(
        &self,
        rule: &rules::RuleMeta,
    ) -> Option<(Severity, Vec<crate::extract::Role>)> {
        let configured = self.rules.get(rule.name).and_then(|r| r.level);
        let severity = match configured {
            Some(Level::Off) => return None,
            Some(Level::On(s)) => s,
            None if rule.tier() == rules::Tier::Pedantic && !self.pedantic => return None,
            None => rule.default_severity,
        };
        let pedantic = self.pedantic || rule.tier() == rules::Tier::Pedantic;
        Some((severity, rule.roles(pedantic)))
    }

    /// Whether `path` is to be checked under this configuration's include and
    /// exclude globs, which are relative to the configuration file's folder.
    pub fn wants(&self, path: &Path) -> bool {
        let base = self.path.as_deref().and_then(Path::parent);
        let rel = match base {
            Some(base) => path.strip_prefix(base).unwrap_or(path),
            None => path,
        };
        let rel = rel.strip_prefix("./").unwrap_or(rel);
        if self.exclude.is_match(rel) {
            return false;
        }
        self.include.as_ref().is_none_or(|g| g.is_match(rel))
    }

    /// This configuration with `other`'s rule settings laid over it (editor
    /// settings over the file).
    pub fn overlay_rules(&mut self, other: &BTreeMap<String, RuleOptions>) {
        for (name, options) in other {
            let entry = self.rules.entry(name.clone()).or_default();
            if options.level.is_some() {
                entry.level = options.level;
            }
            entry
                .extra_words
                .extend(options.extra_words.iter().cloned());
            entry
                .allow_words
                .extend(options.allow_words.iter().cloned());
            entry.max_words = options.max_words.or(entry.max_words);
            entry.min_words = options.min_words.or(entry.min_words);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> Result<Config, ConfigError> {
        Config::parse(text, Path::new("/p/handoff.toml"))
    }

    #[test]
    fn levels_and_options() {
        let c = parse(
            "[rules]\nhedge = \"off\"\ntoo-long = { severity = \"info\", max-words = 80 }\n[rules.vague-verb]\nextra-words = [\"revamp\"]\n",
        )
        .unwrap();
        assert_eq!(c.severity(rules::by_name("hedge").unwrap()), None);
        assert_eq!(
            c.severity(rules::by_name("too-long").unwrap()),
            Some(Severity::Info)
        );
        assert_eq!(c.rule("too-long").max_words, Some(80));
        assert_eq!(c.rule("vague-verb").extra_words, vec!["revamp"]);
    }

    #[test]
    fn an_unknown_rule_names_its_line() {
        let e = parse("\n[rules]\nno-such-rule = \"off\"\n").unwrap_err();
        assert_eq!(e.line, Some(3));
        assert!(e.message.contains("no-such-rule"), "{}", e.message);
    }

    #[test]
    fn bad_bytes_and_bad_globs_name_their_line() {
        let path = Path::new("/p/handoff.toml");
        let e = Config::from_bytes(b"markers = [\"TODO\"]\n\n# caf\xe9\n", path).unwrap_err();
        assert_eq!(e.to_string(), "/p/handoff.toml:3: not valid UTF-8");
        // An escaped glob is not the text of the file, but its line is known.
        let e = parse("include = [\"*.md\"]\nexclude = [\n  \"\\u0061[\",\n]\n").unwrap_err();
        assert_eq!(e.line, Some(3), "{e}");
        assert!(e.message.starts_with("bad glob"), "{e}");
    }

    #[test]
    fn an_unknown_key_names_its_line() {
        let e = parse("markers = []\ncolour = true\n").unwrap_err();
        assert_eq!(e.line, Some(2));
        assert!(e.message.contains("colour"), "{}", e.message);
        let e = parse("[rules.hedge]\nmax-words = 3\n").unwrap_err();
        assert!(e.message.contains("max-words"), "{}", e.message);
        let e = parse("[rules]\nhedge = \"loud\"\n").unwrap_err();
        assert_eq!(e.line, Some(2));
    }

    #[test]
    fn markers_replace_and_extend() {
        let c = parse("markers = [\"TODO\"]\nextra-markers = [\"NOTE\"]\n").unwrap();
        assert_eq!(c.markers, vec!["TODO", "NOTE"]);
    }

    #[test]
    fn include_and_exclude_are_relative_to_the_file() {
        let c = parse("exclude = [\"vendor/**\"]\n").unwrap();
        assert!(!c.wants(Path::new("/p/vendor/x.rs")));
        assert!(c.wants(Path::new("/p/src/x.rs")));
        let c = parse("include = [\"**/*.md\"]\n").unwrap();
        assert!(!c.wants(Path::new("/p/src/x.rs")));
        assert!(c.wants(Path::new("/p/docs/a.md")));
    }
}
