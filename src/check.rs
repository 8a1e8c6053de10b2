//! Checking files on disk: walk the paths, read each file, pick its
//! configuration and workspace, lint in parallel. The CLI's `check` command is
//! this plus output; it is kept apart so that tests and benchmarks can call it.

use std::collections::HashMap;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use crate::config::ConfigError;
use crate::language::FileKind;
use crate::lint::{Finding, Linter};
use crate::project::Resolver;

/// The findings of one file, with the text they point into.
#[derive(Debug)]
pub struct FileReport {
    /// The path as the user will read it (relative to where they asked).
    pub path: PathBuf,
    pub text: String,
    pub findings: Vec<Finding>,
    /// Whether the bytes on disk were not valid UTF-8.
    pub not_utf8: bool,
}

/// Something that stopped a file from being checked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Problem {
    /// A configuration file could not be read: the run's result is unsure.
    Config(ConfigError),
    /// A file could not be read.
    Io { path: PathBuf, message: String },
    /// A file was skipped on purpose (too large); reported, not fatal.
    Skipped { path: PathBuf, reason: String },
}

impl Problem {
    /// Whether the problem makes the run fail (exit status 2).
    pub fn is_error(&self) -> bool {
        !matches!(self, Problem::Skipped { .. })
    }
}

impl std::fmt::Display for Problem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Problem::Config(e) => write!(f, "{e}"),
            Problem::Io { path, message } => write!(f, "{}: {message}", path.display()),
            Problem::Skipped { path, reason } => write!(f, "{}: skipped: {reason}", path.display()),
        }
    }
}

/// What a run found.
#[derive(Debug, Default)]
pub struct Outcome {
    /// Reports of files with findings, sorted by path.
    pub reports: Vec<FileReport>,
    pub problems: Vec<Problem>,
    pub files_checked: usize,
    /// Files that are not valid UTF-8: checked with U+FFFD in place of the
    /// bad bytes, and said so once for the whole run.
    pub not_utf8: Vec<PathBuf>,
}

impl Outcome {
    fn record(&mut self, result: Result<Option<FileReport>, Problem>) {
        match result {
            Ok(None) => {}
            Ok(Some(report)) => {
                self.files_checked += 1;
                if report.not_utf8 {
                    self.not_utf8.push(report.path.clone());
                }
                if !report.findings.is_empty() {
                    self.reports.push(report);
                }
            }
            Err(problem) => self.problems.push(problem),
        }
    }
}

/// Checks files and folders the way `handoff check` does.
pub struct Checker {
    resolver: Resolver,
    linters: Mutex<HashMap<usize, Arc<Linter>>>,
}

impl Checker {
    /// `resolver` decides the configuration (a fixed `--config`, or the
    /// nearest `handoff.toml`) and the project of each file.
    pub fn new(resolver: Resolver) -> Self {
        Checker {
            resolver,
            linters: Mutex::default(),
        }
    }

    /// Walks `paths` (files or folders; `.gitignore` respected, hidden files
    /// such as `.cursorrules` included, `.git` skipped) and checks every file
    /// handoff has a grammar for, in parallel.
    pub fn check_paths(&self, paths: &[PathBuf]) -> Outcome {
        let outcome = Mutex::new(Outcome::default());
        // A path that cannot be looked at (missing, a symlink loop) is said
        // once, in the system's words, and not walked.
        let paths: Vec<&PathBuf> = paths
            .iter()
            .filter(|path| match std::fs::metadata(path) {
                Ok(_) => true,
                Err(e) => {
                    outcome.lock().unwrap().problems.push(Problem::Io {
                        path: (*path).clone(),
                        message: e.to_string(),
                    });
                    false
                }
            })
            .collect();
        let Some((first, rest)) = paths.split_first() else {
            return outcome.into_inner().unwrap();
        };
        let mut walk = crate::workspace::walker(first);
        for path in rest {
            walk.add(path);
        }
        walk.build_parallel().run(|| {
            let outcome = &outcome;
            Box::new(move |entry| {
                match entry {
                    Ok(entry) if entry.file_type().is_some_and(|t| t.is_file()) => {
                        if let Some(kind) = FileKind::from_path(entry.path()) {
                            // A file named on the command line is checked
                            // even where the defaults would skip it.
                            let named = entry.depth() == 0;
                            let result = self.lint_file(entry.path(), kind, named);
                            outcome.lock().unwrap().record(result);
                        }
                    }
                    Ok(_) => {}
                    Err(err) => outcome.lock().unwrap().problems.push(Problem::Io {
                        path: err_path(&err),
                        message: err.to_string(),
                    }),
                }
                ignore::WalkState::Continue
            })
        });
        let mut outcome = outcome.into_inner().unwrap();
        outcome.reports.sort_by(|a, b| a.path.cmp(&b.path));
        outcome
            .problems
            .sort_by_key(std::string::ToString::to_string);
        outcome.problems.dedup();
        outcome.not_utf8.sort();
        outcome
    }

    fn lint_file(
        &self,
        path: &Path,
        kind: FileKind,
        named: bool,
    ) -> Result<Option<FileReport>, Problem> {
        let config = self.resolver.config(path).map_err(Problem::Config)?;
        let absolute = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
        if !config.wants(&absolute) {
            return Ok(None);
        }
        let project = self.resolver.project(&absolute);
        let skip_foreign = config.default_exclude && !named;
        if skip_foreign && project.foreign_path(&absolute, path) {
            return Ok(None);
        }
        let Some(Source { text, not_utf8 }) = read_source(path, config.max_file_size)? else {
            return Ok(None);
        };
        let a_template = || {
            kind.language == crate::language::Language::Markdown
                && crate::scope::is_a_fill_in_template(&text)
        };
        let copied_docs = || {
            kind.language == crate::language::Language::Markdown
                && crate::scope::is_copied_documentation(&text, path, project.workspace.as_ref())
        };
        if skip_foreign
            && (crate::scope::is_generated(&text)
                || crate::scope::is_a_record(&text)
                || crate::scope::is_a_test_input(&text, project.relative(&absolute))
                || a_template()
                || copied_docs())
        {
            return Ok(None);
        }
        let linter = self.linter_for(&config);
        let findings = linter.check_text(kind, path, &text, project.workspace.as_ref());
        Ok(Some(FileReport {
            path: display_path(path),
            text,
            findings,
            not_utf8,
        }))
    }

    /// Checks a document that is not on disk (stdin), as if it were at
    /// `path`.
    pub fn check_text(&self, path: &Path, text: String) -> Outcome {
        let mut outcome = Outcome::default();
        if path.is_dir() {
            outcome.problems.push(Problem::Io {
                path: path.to_path_buf(),
                message: "is a folder: give the name of the file the text is from".into(),
            });
            return outcome;
        }
        let Some(kind) = FileKind::from_path(path) else {
            outcome.problems.push(Problem::Io {
                path: path.to_path_buf(),
                message: "handoff has no grammar for this kind of file".into(),
            });
            return outcome;
        };
        let config = match self.resolver.config(path) {
            Ok(c) => c,
            Err(e) => {
                outcome.problems.push(Problem::Config(e));
                return outcome;
            }
        };
        let absolute = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
        let linter = self.linter_for(&config);
        let workspace = self.resolver.project(&absolute).workspace;
        let findings = linter.check_text(kind, path, &text, workspace.as_ref());
        outcome.files_checked = 1;
        if !findings.is_empty() {
            outcome.reports.push(FileReport {
                path: path.to_path_buf(),
                text,
                findings,
                not_utf8: false,
            });
        }
        outcome
    }

    /// One linter per configuration, built once: building compiles the
    /// rules' word lists.
    fn linter_for(&self, config: &Arc<crate::config::Config>) -> Arc<Linter> {
        let key = Arc::as_ptr(config) as usize;
        self.linters
            .lock()
            .unwrap()
            .entry(key)
            .or_insert_with(|| Arc::new(Linter::new(config.clone())))
            .clone()
    }
}

/// A file's text as handoff reads it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Source {
    pub text: String,
    /// Whether the bytes were not valid UTF-8 (they are read with U+FFFD in
    /// place of the bad ones).
    pub not_utf8: bool,
}

/// Reads the file at `path` the way `handoff check` does, here and in the
/// language server's workspace check: `None` for a binary file (a NUL
/// byte); a file over `max_file_size` bytes, or one removed since it was
/// listed, is skipped with a reason; invalid UTF-8 is replaced, not
/// refused.
pub fn read_source(path: &Path, max_file_size: u64) -> Result<Option<Source>, Problem> {
    let io = |e: std::io::Error| Problem::Io {
        path: display_path(path),
        message: e.to_string(),
    };
    let file = match std::fs::File::open(path) {
        Ok(file) => file,
        // Listed by the walk, gone by now: another process removed it.
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            return Err(Problem::Skipped {
                path: display_path(path),
                reason: "removed while being checked".into(),
            });
        }
        Err(e) => return Err(io(e)),
    };
    let size = file.metadata().map_err(io)?.len();
    if size > max_file_size {
        return Err(Problem::Skipped {
            path: display_path(path),
            reason: format!("{size} bytes is over max-file-size ({max_file_size} bytes)"),
        });
    }
    let mut bytes = Vec::with_capacity(size as usize);
    file.take(max_file_size + 1)
        .read_to_end(&mut bytes)
        .map_err(io)?;
    if crate::document::is_binary(&bytes) {
        return Ok(None);
    }
    let (text, not_utf8) = decode(bytes);
    Ok(Some(Source { text, not_utf8 }))
}

/// The file's text, and whether it had to be repaired: invalid UTF-8
/// sequences become U+FFFD, so one bad byte does not hide the rest of the
/// file.
pub fn decode(bytes: Vec<u8>) -> (String, bool) {
    match String::from_utf8(bytes) {
        Ok(text) => (text, false),
        Err(e) => (String::from_utf8_lossy(e.as_bytes()).into_owned(), true),
    }
}

/// `./a/b.md` reads as `a/b.md`.
fn display_path(path: &Path) -> PathBuf {
    path.strip_prefix("./").unwrap_or(path).to_path_buf()
}

fn err_path(err: &ignore::Error) -> PathBuf {
    match err {
        ignore::Error::WithPath { path, .. } => path.clone(),
        ignore::Error::WithDepth { err, .. } | ignore::Error::WithLineNumber { err, .. } => {
            err_path(err)
        }
        _ => PathBuf::from("."),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn binary_files_are_those_with_nul_bytes() {
        use crate::document::is_binary;
        assert!(is_binary(b"abc\0def"));
        let mut late = vec![b'a'; 100_000];
        late.push(0);
        assert!(is_binary(&late));
        assert!(!is_binary("- [ ] fix it ✓".as_bytes()));
    }

    #[test]
    fn invalid_utf8_is_replaced_not_rejected() {
        let text = decode(b"// TODO fix \xff it".to_vec());
        assert_eq!(text, ("// TODO fix \u{fffd} it".to_string(), true));
        assert_eq!(decode(b"ok".to_vec()), ("ok".to_string(), false));
    }

    #[test]
    fn display_paths_drop_the_leading_dot() {
        assert_eq!(display_path(Path::new("./a/b.md")), PathBuf::from("a/b.md"));
        assert_eq!(display_path(Path::new("a.md")), PathBuf::from("a.md"));
    }
}
