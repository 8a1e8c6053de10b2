//! The lint pipeline: instructions in, findings with document ranges and
//! ready-to-apply fixes out. The CLI and the language server both call it.

use std::ops::Range;
use std::path::Path;
use std::sync::Arc;

use crate::config::Config;
use crate::extract::{self, ExtractOptions, Instruction, Prefilter, Role, SyntaxTree};
use crate::fixes::{self, Fix};
use crate::language::FileKind;
use crate::rules::{self, CheckContext, RawFinding, Rule, RuleMeta, Severity};
use crate::text::Analysis;
use crate::workspace::Workspace;

/// A finding placed in its document.
#[derive(Debug, Clone, PartialEq)]
pub struct Finding {
    pub rule: &'static RuleMeta,
    pub severity: Severity,
    pub message: String,
    /// Byte range in the document.
    pub range: Range<usize>,
    pub related: Vec<Related>,
    pub fixes: Vec<Fix>,
}

/// Another place a finding points at.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Related {
    pub range: Range<usize>,
    pub message: String,
}

/// A rule's finding on one instruction, in the instruction's own text: what
/// the language server caches, since it does not depend on where the
/// instruction sits in the document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InstructionFinding {
    pub rule: &'static RuleMeta,
    pub severity: Severity,
    pub raw: RawFinding,
}

/// A rule a configuration turns on: its severity, the roles of instruction
/// it judges there, and its checker.
struct Enabled {
    meta: &'static RuleMeta,
    severity: Severity,
    roles: Vec<Role>,
    rule: Box<dyn Rule>,
}

/// The rules a configuration turns on, built once.
pub struct Linter {
    config: Arc<Config>,
    rules: Vec<Enabled>,
    extract_options: ExtractOptions,
    prefilter: Prefilter,
}

impl Linter {
    pub fn new(config: Arc<Config>) -> Self {
        let rules = rules::ALL
            .iter()
            .filter_map(|meta| {
                let (severity, roles) = config.enablement(meta)?;
                Some(Enabled {
                    meta,
                    severity,
                    roles,
                    rule: (meta.build)(&config.rule(meta.name)),
                })
            })
            .collect();
        let extract_options = ExtractOptions {
            markers: config.markers.clone(),
        };
        Linter {
            config,
            rules,
            prefilter: Prefilter::new(&extract_options),
            extract_options,
        }
    }

    pub fn config(&self) -> &Arc<Config> {
        &self.config
    }

    pub fn extract_options(&self) -> &ExtractOptions {
        &self.extract_options
    }

    /// Whether `rule` judges instructions of `role` under this configuration.
    #[allow(
        clippy::similar_names,
        reason = "a rule and a role: the words of the domain"
    )]
    pub fn judges(&self, rule: &RuleMeta, role: Role) -> bool {
        self.rules
            .iter()
            .any(|e| e.meta.name == rule.name && e.roles.contains(&role))
    }

    /// Runs every rule on one instruction, suppressions applied.
    pub fn check_instruction(
        &self,
        instruction: &Instruction,
        path: &Path,
        workspace: &dyn Workspace,
    ) -> Vec<InstructionFinding> {
        let analysis = Analysis::new(&instruction.text, &instruction.verbatim)
            .with_labels(&instruction.labels);
        let cx = CheckContext {
            instruction,
            analysis: &analysis,
            path,
            workspace,
            pedantic: self.config.pedantic,
        };
        let role = instruction.role();
        let mut out = Vec::new();
        let mut raw = Vec::new();
        for enabled in &self.rules {
            if !enabled.roles.contains(&role) || !instruction.suppression.allows(enabled.meta.name)
            {
                continue;
            }
            enabled.rule.check(&cx, &mut raw);
            if let Some(raw) = one_per_problem(std::mem::take(&mut raw)) {
                out.push(InstructionFinding {
                    rule: enabled.meta,
                    severity: enabled.severity,
                    raw,
                });
            }
        }
        drop_restated(&mut out);
        out
    }

    /// Extracts and checks a whole document.
    pub fn check_text(
        &self,
        kind: FileKind,
        path: &Path,
        text: &str,
        workspace: &dyn Workspace,
    ) -> Vec<Finding> {
        if crate::document::is_binary(text.as_bytes())
            || !self.prefilter.may_hold_instructions(kind, text)
        {
            return Vec::new();
        }
        let tree = SyntaxTree::parse(kind.language, text, None);
        let instructions =
            extract::extract(kind, text, &tree, &self.extract_options, 0..text.len());
        let mut findings = Vec::new();
        for instruction in &instructions {
            for f in self.check_instruction(instruction, path, workspace) {
                findings.push(place(text, instruction, &f));
            }
        }
        sort_findings(&mut findings);
        findings
    }
}

/// Rules whose finding restates another's on the same instruction: "Handle
/// errors gracefully" is vague in its "gracefully", and a second squiggle
/// for "Handle" says the same thing again; "refactor bridge as uv
/// dep-script ?" is an open question first. Judged on real repositories,
/// vague-verb beside one of these was wrong 6 times in 7.
const RESTATES: &[(&str, &[&str])] = &[("vague-verb", &["vague-qualifier", "missing-action"])];

/// Drops the findings that restate another finding on the same instruction
/// (see [`RESTATES`]): one problem, one diagnostic.
fn drop_restated(found: &mut Vec<InstructionFinding>) {
    if found.len() < 2 {
        return;
    }
    let names: Vec<&str> = found.iter().map(|f| f.rule.name).collect();
    found.retain(|f| {
        !RESTATES
            .iter()
            .any(|(rule, by)| *rule == f.rule.name && by.iter().any(|other| names.contains(other)))
    });
}

/// One rule's findings on one instruction, as one finding: the first place
/// is the finding's range, the others are related places with their own
/// messages, and the fixes that delete words are joined into one. A comment
/// with five hedges gets one squiggle that lists five places, not five.
fn one_per_problem(mut found: Vec<RawFinding>) -> Option<RawFinding> {
    if found.len() <= 1 {
        return found.pop();
    }
    found.sort_by_key(|f| (f.range.start, f.range.end));
    let mut rest = found.split_off(1);
    let mut first = found.pop()?;
    let count = rest.len() + 1;
    first.message = format!("{} ({count} places in this instruction)", first.message);
    let mut deletes: Vec<Range<usize>> = Vec::new();
    for fix in &first.fixes {
        if let rules::FixIntent::Delete { ranges, .. } = fix {
            deletes.extend(ranges.iter().cloned());
        }
    }
    let mut joined = !deletes.is_empty();
    for other in &mut rest {
        first
            .related
            .push((other.range.clone(), other.message.clone()));
        first.related.append(&mut other.related);
        let mut other_deletes = false;
        for fix in &other.fixes {
            if let rules::FixIntent::Delete { ranges, .. } = fix {
                deletes.extend(ranges.iter().cloned());
                other_deletes = true;
            }
        }
        joined &= other_deletes;
    }
    // Delete every place at once only when every place can be deleted;
    // otherwise the first place keeps its own fix.
    if joined {
        deletes.sort_by_key(|r| r.start);
        deletes.dedup();
        first
            .fixes
            .retain(|f| !matches!(f, rules::FixIntent::Delete { .. }));
        first.fixes.insert(
            0,
            rules::FixIntent::Delete {
                title: format!("Remove all {count}"),
                ranges: deletes,
            },
        );
    }
    Some(first)
}

/// Findings in document order: by range, then rule, as every output and
/// the language server list them.
pub fn sort_findings(findings: &mut [Finding]) {
    findings.sort_by(|a, b| {
        (a.range.start, a.range.end, a.rule.name).cmp(&(b.range.start, b.range.end, b.rule.name))
    });
}

/// Places an instruction's finding in the document: ranges mapped back, fixes
/// turned into edits.
pub fn place(doc: &str, instruction: &Instruction, finding: &InstructionFinding) -> Finding {
    let map = &instruction.map;
    Finding {
        rule: finding.rule,
        severity: finding.severity,
        message: finding.raw.message.clone(),
        // An instruction with no words (a bare `// FIXME`) has nothing to map
        // back: the finding covers the instruction itself.
        range: if instruction.text.is_empty() {
            instruction.range.clone()
        } else {
            map.range_to_doc(finding.raw.range.clone())
        },
        related: finding
            .raw
            .related
            .iter()
            .map(|(r, m)| Related {
                range: map.range_to_doc(r.clone()),
                message: m.clone(),
            })
            .collect(),
        fixes: finding
            .raw
            .fixes
            .iter()
            .filter_map(|intent| fixes::materialize(doc, instruction, intent))
            .collect(),
    }
}
