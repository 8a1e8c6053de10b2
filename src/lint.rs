//! The lint pipeline: instructions in, findings with document ranges and
//! ready-to-apply fixes out. The CLI and the language server both call it.

use std::ops::Range;
use std::path::Path;
use std::sync::Arc;

use crate::config::Config;
use crate::extract::{self, ExtractOptions, Instruction, Prefilter, SyntaxTree};
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

/// The rules a configuration turns on, built once.
pub struct Linter {
    config: Arc<Config>,
    rules: Vec<(&'static RuleMeta, Severity, Box<dyn Rule>)>,
    extract_options: ExtractOptions,
    prefilter: Prefilter,
}

impl Linter {
    pub fn new(config: Arc<Config>) -> Self {
        let rules = rules::ALL
            .iter()
            .filter_map(|meta| {
                let severity = config.severity(meta)?;
                Some((*meta, severity, (meta.build)(&config.rule(meta.name))))
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

    /// Runs every rule on one instruction, suppressions applied.
    pub fn check_instruction(
        &self,
        instruction: &Instruction,
        path: &Path,
        workspace: &dyn Workspace,
    ) -> Vec<InstructionFinding> {
        let analysis = Analysis::new(&instruction.text, &instruction.verbatim);
        let cx = CheckContext {
            instruction,
            analysis: &analysis,
            path,
            workspace,
        };
        let mut out = Vec::new();
        let mut raw = Vec::new();
        for (meta, severity, rule) in &self.rules {
            if !meta.applies_to.contains(&instruction.kind)
                || !instruction.suppression.allows(meta.name)
            {
                continue;
            }
            rule.check(&cx, &mut raw);
            out.extend(raw.drain(..).map(|raw| InstructionFinding {
                rule: meta,
                severity: *severity,
                raw,
            }));
        }
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
        findings.sort_by(|a, b| {
            (a.range.start, a.range.end, a.rule.name).cmp(&(
                b.range.start,
                b.range.end,
                b.rule.name,
            ))
        });
        findings
    }
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
