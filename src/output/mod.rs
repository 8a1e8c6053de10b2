//! Output formats for `handoff check`: one module per format, all reading the
//! same [`Outcome`]. Positions are printed 1-based, columns in characters, so
//! that they agree with what an editor shows whatever the file's encoding.

mod github;
mod human;
mod json;
mod sarif;

use std::ops::Range;

use crate::check::Outcome;
use crate::document::{LineIndex, PositionEncoding};

/// How findings are printed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// <file:line:col>, rule and message, with a code frame.
    Human,
    /// One JSON array of findings.
    Json,
    /// SARIF 2.1.0, for GitHub code scanning and other SARIF viewers.
    Sarif,
    /// GitHub Actions workflow annotations.
    Github,
}

/// Renders a run's findings. `color` adds ANSI colours (human format only).
pub fn render(format: Format, outcome: &Outcome, color: bool) -> String {
    match format {
        Format::Human => human::render(outcome, color),
        Format::Json => json::render(outcome),
        Format::Sarif => sarif::render(outcome),
        Format::Github => github::render(outcome),
    }
}

/// A 1-based line and character column.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
pub struct LineColumn {
    pub line: u32,
    pub column: u32,
}

/// Converts byte ranges of one file into 1-based lines and character columns.
pub struct Locator<'a> {
    text: &'a str,
    index: LineIndex,
}

impl<'a> Locator<'a> {
    pub fn new(text: &'a str) -> Self {
        Locator {
            text,
            index: LineIndex::new(text),
        }
    }

    pub fn locate(&self, range: &Range<usize>) -> (LineColumn, LineColumn) {
        let (start, end) = self
            .index
            .range(self.text, range.clone(), PositionEncoding::Utf32);
        let one_based = |p: crate::document::Position| LineColumn {
            line: p.line + 1,
            column: p.column + 1,
        };
        (one_based(start), one_based(end))
    }

    pub fn index(&self) -> &LineIndex {
        &self.index
    }
}

/// A path as written in reports: forward slashes on every platform.
fn path_string(path: &std::path::Path) -> String {
    path.to_string_lossy().replace('\\', "/")
}
