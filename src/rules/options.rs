//! What configuration can say about one rule: its level and its options.
//! Kept with the rules (not in `config`) so that rules depend on nothing
//! that depends on them; `config` reads these from `handoff.toml`.

use super::Severity;

/// A rule's configured level.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Level {
    Off,
    On(Severity),
}

impl Level {
    pub fn parse(s: &str) -> Option<Level> {
        Some(match s {
            "off" => Level::Off,
            "hint" => Level::On(Severity::Hint),
            "info" | "information" => Level::On(Severity::Info),
            "warning" | "warn" => Level::On(Severity::Warning),
            "error" => Level::On(Severity::Error),
            _ => return None,
        })
    }
}

/// One rule's settings.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RuleOptions {
    pub level: Option<Level>,
    /// Words or phrases added to the rule's list.
    pub extra_words: Vec<String>,
    /// Words or phrases removed from the rule's list.
    pub allow_words: Vec<String>,
    /// `too-long`: the most words an instruction may have.
    pub max_words: Option<usize>,
    /// `missing-done-criteria`: the fewest words that make a task big enough
    /// to need done criteria.
    pub min_words: Option<usize>,
}
