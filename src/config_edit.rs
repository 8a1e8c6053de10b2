//! Edits to `handoff.toml` that keep everything the user wrote.
//!
//! "Ignore this rule in handoff.toml" turns one rule off. The file is parsed
//! with `toml_edit`, which knows where every key, value and table header is
//! written; the edit is then one replacement at that place, written in the
//! file's own style (its line end, its indentation, dotted keys kept dotted,
//! inline tables kept inline). Nothing else in the file moves, so comments,
//! blank lines and the order of keys stay as they were, and undoing the edit
//! gives the original bytes back.
//!
//! Before an edit is returned it is checked: the edited text must parse, and
//! its values must be the original ones with only the rule's level changed.
//! A file this module cannot edit that way (not TOML, or `rules` written as
//! something other than a table) gets an error instead of an edit.

use std::fmt::{self, Write as _};

use toml_edit::{Document, InlineTable, Item, Table, Value};

use crate::fixes::{Edit, apply};

/// Why a configuration file was not edited.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConfigEditError(pub String);

impl fmt::Display for ConfigEditError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for ConfigEditError {}

/// The level that turns a rule off.
const OFF: &str = "\"off\"";

/// The edit that turns `rule` off in the configuration `text` (`None` for a
/// file that does not exist yet): a string level is replaced, a table or
/// inline table gets `severity = "off"` and keeps its other options, a rule
/// not mentioned is added to `[rules]` (written as the file writes it:
/// dotted keys, inline table or a table), and a file without rules gets a
/// `[rules]` table at its end.
pub fn turn_off_rule(text: Option<&str>, rule: &str) -> Result<Edit, ConfigEditError> {
    let Some(text) = text else {
        return Ok(Edit {
            range: 0..0,
            new_text: format!("[rules]\n{} = {OFF}\n", key(rule)),
        });
    };
    let doc = Document::parse(text).map_err(|e| {
        ConfigEditError(format!(
            "not valid TOML, so not edited: {}",
            e.message().trim()
        ))
    })?;
    let edit = Editor::new(text).turn_off(doc.as_table(), rule)?;
    check(text, &edit, rule)?;
    Ok(edit)
}

/// `name` as a TOML key: bare when it can be, quoted otherwise.
fn key(name: &str) -> String {
    toml_edit::Key::new(name).display_repr().into_owned()
}

/// Writes edits in the style of one file.
struct Editor<'a> {
    text: &'a str,
    /// The file's line end.
    le: &'static str,
}

impl<'a> Editor<'a> {
    fn new(text: &'a str) -> Self {
        Editor {
            text,
            le: crate::document::line_ending(text),
        }
    }

    fn turn_off(&self, root: &Table, rule: &str) -> Result<Edit, ConfigEditError> {
        let entry = format!("{} = {OFF}", key(rule));
        match root.get("rules") {
            None => Ok(self.append_table("rules", &entry)),
            Some(Item::Value(Value::InlineTable(rules))) => match rules.get(rule) {
                Some(value) => self.set_off(value),
                None => Ok(self.insert_inline(rules, &entry)),
            },
            Some(Item::Table(rules)) => match rules.get(rule) {
                Some(Item::Value(value)) => self.set_off(value),
                Some(Item::Table(own)) => self.set_severity(own, &[rule], "rules", root),
                Some(_) => Err(ConfigEditError(format!(
                    "`rules.{rule}` is an array of tables, not a rule's settings"
                ))),
                None if rules.is_dotted() => Ok(self.insert_line(rules, &format!("rules.{entry}"))),
                None if rules.is_implicit() => Ok(self.header_before_subtables(rules, &entry)),
                None => Ok(self.insert_line(rules, &entry)),
            },
            Some(_) => Err(ConfigEditError(
                "`rules` is not a table, so it was not edited".into(),
            )),
        }
    }

    /// Sets `severity` in a rule's table (`[rules.x]`, `x.max-words = 1`
    /// under `[rules]`, or `rules.x.max-words = 1` at the top).
    fn set_severity(
        &self,
        own: &Table,
        path: &[&str],
        parent: &str,
        root: &Table,
    ) -> Result<Edit, ConfigEditError> {
        match own.get("severity") {
            Some(Item::Value(value)) => self.set_off(value),
            Some(_) => Err(ConfigEditError(format!(
                "`{parent}.{}.severity` is a table, not a level",
                path.join(".")
            ))),
            None if own.is_dotted() => {
                // Dotted all the way up to a table with a header, or to the
                // top of the file: write the same keys.
                let rules_dotted = root
                    .get("rules")
                    .and_then(Item::as_table)
                    .is_some_and(Table::is_dotted);
                let prefix = if rules_dotted {
                    format!("rules.{}", key(path[0]))
                } else {
                    key(path[0])
                };
                Ok(self.insert_line(own, &format!("{prefix}.severity = {OFF}")))
            }
            None if own.is_implicit() => {
                Ok(self.append_table(&format!("rules.{}", key(path[0])), "severity = \"off\""))
            }
            None => Ok(self.insert_line(own, &format!("severity = {OFF}"))),
        }
    }

    /// Replaces a level (or whatever value stands where a level should).
    fn set_off(&self, value: &Value) -> Result<Edit, ConfigEditError> {
        match value {
            Value::InlineTable(t) => match t.get("severity") {
                Some(v) => Self::replace(v),
                None => Ok(self.insert_inline(t, &format!("severity = {OFF}"))),
            },
            v => Self::replace(v),
        }
    }

    fn replace(value: &Value) -> Result<Edit, ConfigEditError> {
        let range = value
            .span()
            .ok_or_else(|| ConfigEditError("a value without a place in the file".into()))?;
        Ok(Edit {
            range,
            new_text: OFF.into(),
        })
    }

    /// `entry` as the first key of an inline table.
    fn insert_inline(&self, table: &InlineTable, entry: &str) -> Edit {
        let first = table
            .iter()
            .filter_map(|(k, _)| table.key(k)?.span())
            .map(|s| s.start)
            .min();
        if let Some(at) = first {
            Edit {
                range: at..at,
                new_text: format!("{entry}, "),
            }
        } else {
            // `{}` (perhaps with spaces or comments inside): written anew.
            let span = table.span().unwrap_or(0..0);
            let inside = &self.text[span.clone()];
            if inside.contains('#') {
                let at = span.start + 1;
                Edit {
                    range: at..at,
                    new_text: format!(" {entry},"),
                }
            } else {
                Edit {
                    range: span,
                    new_text: format!("{{ {entry} }}"),
                }
            }
        }
    }

    /// A line holding `entry` after the last key of `table` (or after its
    /// header when it has none), indented like that key.
    fn insert_line(&self, table: &Table, entry: &str) -> Edit {
        let after = last_value_end(table).or_else(|| table.span().map(|s| s.end));
        let Some(after) = after else {
            return self.append_table("rules", entry);
        };
        let indent = self.indent_of(after);
        if let Some(nl) = self.text[after..].find('\n') {
            let at = after + nl + 1;
            Edit {
                range: at..at,
                new_text: format!("{indent}{entry}{}", self.le),
            }
        } else {
            let at = self.text.len();
            Edit {
                range: at..at,
                new_text: format!("{}{indent}{entry}", self.le),
            }
        }
    }

    /// The whitespace that starts the line holding `offset`, when that line
    /// is a key's (not a header's).
    fn indent_of(&self, offset: usize) -> &'a str {
        let start = self.text[..offset].rfind('\n').map_or(0, |i| i + 1);
        let line = &self.text[start..];
        let indent = &line[..line.len() - line.trim_start_matches([' ', '\t']).len()];
        if line[indent.len()..].starts_with('[') {
            ""
        } else {
            indent
        }
    }

    /// `[rules]` with `entry`, before the first `[rules.x]` table (and the
    /// comment lines right above it), for a file whose `rules` has no header
    /// of its own.
    fn header_before_subtables(&self, rules: &Table, entry: &str) -> Edit {
        let Some(first) = first_header(rules) else {
            return self.append_table("rules", entry);
        };
        let mut at = self.text[..first].rfind('\n').map_or(0, |i| i + 1);
        // Comment lines directly above the header belong to it.
        while at > 0 {
            let prev = self.text[..at - 1].rfind('\n').map_or(0, |i| i + 1);
            if self.text[prev..at].trim_start().starts_with('#') {
                at = prev;
            } else {
                break;
            }
        }
        let le = self.le;
        Edit {
            range: at..at,
            new_text: format!("[rules]{le}{entry}{le}{le}"),
        }
    }

    /// A new table `[name]` holding `entry`, at the end of the file after a
    /// blank line.
    fn append_table(&self, name: &str, entry: &str) -> Edit {
        let le = self.le;
        let at = self.text.len();
        let mut new_text = String::new();
        if !self.text.trim().is_empty() {
            if !self.text.ends_with('\n') {
                new_text.push_str(le);
            }
            if !self.text.ends_with(&format!("{le}{le}")) {
                new_text.push_str(le);
            }
        }
        let _ = write!(new_text, "[{name}]{le}{entry}{le}");
        Edit {
            range: at..at,
            new_text,
        }
    }
}

/// Where the last value written in `table` ends, its dotted keys included
/// (`a.b = 1` under a header belongs to it; `[table.sub]` does not).
fn last_value_end(table: &Table) -> Option<usize> {
    table
        .iter()
        .filter_map(|(_, item)| match item {
            Item::Value(v) => v.span().map(|s| s.end),
            Item::Table(t) if t.is_dotted() => last_value_end(t),
            _ => None,
        })
        .max()
}

/// Where the first header of a table under `table` starts.
fn first_header(table: &Table) -> Option<usize> {
    table
        .iter()
        .filter_map(|(_, item)| match item {
            Item::Table(t) if !t.is_implicit() && !t.is_dotted() => t.span().map(|s| s.start),
            Item::Table(t) => first_header(t),
            Item::ArrayOfTables(a) => a
                .iter()
                .filter_map(toml_edit::Table::span)
                .map(|s| s.start)
                .min(),
            _ => None,
        })
        .min()
}

/// The edit must give a file that parses to the same values, with only
/// `rule`'s level off.
fn check(text: &str, edit: &Edit, rule: &str) -> Result<(), ConfigEditError> {
    let before: toml::Table = toml::from_str(text)
        .map_err(|e| ConfigEditError(format!("not valid TOML: {}", e.message())))?;
    let after_text = apply(text, std::slice::from_ref(edit));
    let after: toml::Table = toml::from_str(&after_text).map_err(|e| {
        ConfigEditError(format!(
            "turning `{rule}` off here would break the file ({}), so it was not edited",
            e.message()
        ))
    })?;
    if after != with_rule_off(before, rule) {
        return Err(ConfigEditError(format!(
            "turning `{rule}` off here would change other settings, so it was not edited"
        )));
    }
    Ok(())
}

/// `config` with `rule` turned off: what the edited file must say.
pub fn with_rule_off(mut config: toml::Table, rule: &str) -> toml::Table {
    let rules = config
        .entry("rules")
        .or_insert_with(|| toml::Value::Table(toml::Table::new()));
    if let toml::Value::Table(rules) = rules {
        let off = toml::Value::String("off".into());
        match rules.get_mut(rule) {
            Some(toml::Value::Table(own)) => {
                own.insert("severity".into(), off);
            }
            Some(other) => *other = off,
            None => {
                rules.insert(rule.into(), off);
            }
        }
    }
    config
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::Config;
    use crate::fixes::inverse;
    use std::path::Path;

    /// Turns `rule` off, checks that the file still parses as a handoff
    /// configuration and that undoing the edit gives `text` back.
    fn off(text: &str, rule: &str) -> String {
        let edit = turn_off_rule(Some(text), rule).unwrap_or_else(|e| panic!("{e}: {text}"));
        let out = apply(text, std::slice::from_ref(&edit));
        let path = Path::new("/p/handoff.toml");
        if Config::parse(text, path).is_ok() {
            Config::parse(&out, path).unwrap_or_else(|e| panic!("{e}\n{out}"));
        }
        assert_eq!(apply(&out, &inverse(text, &[edit])), text);
        out
    }

    /// The configuration README shows.
    const README: &str = r#"markers = ["TODO", "FIXME"]      # replaces the default marker list
extra-markers = ["NOTE(agent)"]  # adds to it
include = ["docs/**", "src/**"]  # only these (default: everything)
exclude = ["vendor/**"]
max-file-size = 2097152          # bytes; larger files are skipped

[rules]
hedge = "off"                                     # off | hint | info | warning | error
too-long = { severity = "info", max-words = 80 }

[rules.vague-verb]
extra-words = ["revamp"]   # more words for this rule
allow-words = ["handle"]   # words this rule must not flag here
"#;

    /// The same, written with dotted keys.
    const DOTTED: &str = r#"markers = ["TODO", "FIXME"]  # replaces the default list
rules.hedge = "off"          # off | hint | info | warning | error
rules.too-long = { severity = "info", max-words = 80 }
rules.vague-verb.extra-words = ["revamp"]
rules.vague-verb.allow-words = ["handle"]

[other]
"#;

    #[test]
    fn the_readme_configuration_changes_only_where_it_must() {
        assert_eq!(
            off(README, "too-long"),
            README.replace(
                r#"too-long = { severity = "info","#,
                r#"too-long = { severity = "off","#
            )
        );
        assert_eq!(
            off(README, "vague-verb"),
            README.replace(
                "# words this rule must not flag here\n",
                "# words this rule must not flag here\nseverity = \"off\"\n"
            )
        );
        assert_eq!(
            off(README, "missing-action"),
            README.replace(
                "max-words = 80 }\n",
                "max-words = 80 }\nmissing-action = \"off\"\n"
            )
        );
        assert_eq!(off(README, "hedge"), README);
    }

    #[test]
    fn dotted_keys_stay_dotted() {
        assert_eq!(
            off(DOTTED, "too-long"),
            DOTTED.replace(r#"{ severity = "info","#, r#"{ severity = "off","#)
        );
        assert_eq!(
            off(DOTTED, "vague-verb"),
            DOTTED.replace(
                "allow-words = [\"handle\"]\n",
                "allow-words = [\"handle\"]\nrules.vague-verb.severity = \"off\"\n"
            )
        );
        assert_eq!(
            off(DOTTED, "broad-scope"),
            DOTTED.replace(
                "allow-words = [\"handle\"]\n",
                "allow-words = [\"handle\"]\nrules.broad-scope = \"off\"\n"
            )
        );
        let under_rules = "[rules]\n  too-long.max-words = 9\n";
        assert_eq!(
            off(under_rules, "too-long"),
            "[rules]\n  too-long.max-words = 9\n  too-long.severity = \"off\"\n"
        );
    }

    #[test]
    fn inline_tables_keep_their_other_options() {
        assert_eq!(
            off(
                "[rules]\ntoo-long = { max-words = 80 } # long\n",
                "too-long"
            ),
            "[rules]\ntoo-long = { severity = \"off\", max-words = 80 } # long\n"
        );
        assert_eq!(
            off("[rules]\ntoo-long = {}\n", "too-long"),
            "[rules]\ntoo-long = { severity = \"off\" }\n"
        );
        assert_eq!(
            off("rules = { hedge = \"info\" }\n", "too-long"),
            "rules = { too-long = \"off\", hedge = \"info\" }\n"
        );
        assert_eq!(
            off("rules = { hedge = \"info\" }\n", "hedge"),
            "rules = { hedge = \"off\" }\n"
        );
        assert_eq!(off("rules = {}", "hedge"), "rules = { hedge = \"off\" }");
    }

    #[test]
    fn levels_are_replaced_in_place() {
        assert_eq!(
            off("[rules]\r\nhedge = 'error'  # loud\r\n", "hedge"),
            "[rules]\r\nhedge = \"off\"  # loud\r\n"
        );
        assert_eq!(
            off(
                "[rules.too-long]\nmax-words = 9\nseverity = \"info\"\n",
                "too-long"
            ),
            "[rules.too-long]\nmax-words = 9\nseverity = \"off\"\n"
        );
        assert_eq!(
            off("[rules]\n\"hedge\" = \"info\"", "hedge"),
            "[rules]\n\"hedge\" = \"off\""
        );
    }

    #[test]
    fn new_keys_follow_the_table_they_join() {
        assert_eq!(
            off("[rules.too-long]\nmax-words = 9\n", "too-long"),
            "[rules.too-long]\nmax-words = 9\nseverity = \"off\"\n"
        );
        assert_eq!(
            off("[rules]\r\nvague-verb = \"info\"\r\n", "hedge"),
            "[rules]\r\nvague-verb = \"info\"\r\nhedge = \"off\"\r\n"
        );
        assert_eq!(
            off("[rules]\nvague-verb = \"info\"", "hedge"),
            "[rules]\nvague-verb = \"info\"\nhedge = \"off\""
        );
        assert_eq!(
            off("[rules]\n\n[other]\n", "hedge"),
            "[rules]\nhedge = \"off\"\n\n[other]\n"
        );
        assert_eq!(off("[rules]", "hedge"), "[rules]\nhedge = \"off\"");
        assert_eq!(
            off(
                "[rules]\nvague-verb.extra-words = [\n  \"revamp\",\n] # more\n[rules.too-long]\nmax-words = 3\n",
                "hedge"
            ),
            "[rules]\nvague-verb.extra-words = [\n  \"revamp\",\n] # more\nhedge = \"off\"\n[rules.too-long]\nmax-words = 3\n"
        );
    }

    #[test]
    fn rules_are_added_where_there_are_none() {
        assert_eq!(
            turn_off_rule(None, "hedge").unwrap().new_text,
            "[rules]\nhedge = \"off\"\n"
        );
        assert_eq!(off("", "hedge"), "[rules]\nhedge = \"off\"\n");
        assert_eq!(
            off("markers = [\"TODO\"]", "hedge"),
            "markers = [\"TODO\"]\n\n[rules]\nhedge = \"off\"\n"
        );
        assert_eq!(
            off("markers = [\"TODO\"]\r\n\r\n", "hedge"),
            "markers = [\"TODO\"]\r\n\r\n[rules]\r\nhedge = \"off\"\r\n"
        );
        // Only `[rules.x]` tables: `[rules]` goes before them and the
        // comments that lead them.
        assert_eq!(
            off(
                "markers = []\n\n# verbs\n[rules.vague-verb]\nextra-words = [\"x\"]\n",
                "hedge"
            ),
            "markers = []\n\n[rules]\nhedge = \"off\"\n\n# verbs\n[rules.vague-verb]\nextra-words = [\"x\"]\n"
        );
    }

    #[test]
    fn what_cannot_be_edited_safely_is_refused() {
        for text in [
            "[rules\nhedge = 1",
            "rules = 3\n",
            "rules = [\"hedge\"]\n",
            "[[rules.hedge]]\n",
        ] {
            assert!(turn_off_rule(Some(text), "hedge").is_err(), "{text}");
        }
    }
}
