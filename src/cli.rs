//! The command line: `handoff check`, `rules`, `explain` and `server`.
//!
//! Exit status: 0 when nothing was found, 1 when there are findings, 2 for a
//! usage, I/O or configuration error (with a one-line message on stderr that
//! names the file).

use std::io::{IsTerminal, Read, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};

use crate::check::{Checker, Outcome};
use crate::config::Config;
use crate::output::{self, Format};
use crate::project::Resolver;
use crate::rules;

#[derive(Parser)]
#[command(
    name = "handoff",
    version,
    about = "Finds vague and oversized delegation instructions in task files and code comments."
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Check files and folders (default: the current folder).
    Check(CheckArgs),
    /// List the rules.
    Rules,
    /// Print a rule's documentation.
    Explain {
        /// The rule's name, as in `handoff rules`.
        rule: String,
    },
    /// Run the language server over stdio.
    Server {
        /// Accepted for clients that pass it; stdio is the only transport.
        #[arg(long)]
        stdio: bool,
    },
}

#[derive(clap::Args)]
struct CheckArgs {
    /// Files and folders to check; `-` reads one document from stdin.
    #[arg(default_value = ".")]
    paths: Vec<PathBuf>,
    /// How to print findings.
    #[arg(long, value_enum, default_value_t = Format::Human)]
    format: Format,
    /// Use this configuration file for every file, instead of the nearest
    /// `handoff.toml`.
    #[arg(long, value_name = "FILE")]
    config: Option<PathBuf>,
    /// The name of the document read from stdin, which decides its language
    /// and its configuration.
    #[arg(long, value_name = "NAME")]
    stdin_filename: Option<PathBuf>,
    /// When to colour the output.
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto)]
    color: ColorChoice,
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
enum ColorChoice {
    Auto,
    Always,
    Never,
}

/// Runs the command line and returns the process's exit status.
pub fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            let _ = e.print();
            return if e.use_stderr() {
                ExitCode::from(2)
            } else {
                ExitCode::SUCCESS
            };
        }
    };
    match cli.command {
        Command::Check(args) => check(args),
        Command::Rules => {
            let mut out = format!(
                "{:<24} {:<9} {:<8} {:<8} {:<28} {}\n",
                "rule", "tier", "category", "severity", "judges (pedantic adds)", "what it flags"
            );
            for r in rules::ALL {
                out.push_str(&format!(
                    "{:<24} {:<9} {:<8} {:<8} {:<28} {}\n",
                    r.name,
                    r.tier().as_str(),
                    r.category.as_str(),
                    r.default_severity.as_str(),
                    rules::docs::roles_summary(r),
                    r.summary
                ));
            }
            print(&out)
        }
        Command::Explain { rule } => match rules::by_name(&rule) {
            Some(r) => print(&format!("# {}\n\n{}", r.name, r.documentation())),
            None => fail(&format!(
                "unknown rule `{rule}`; `handoff rules` lists them"
            )),
        },
        Command::Server { stdio } => crate::server::run(stdio),
    }
}

#[allow(
    clippy::needless_pass_by_value,
    reason = "the parsed arguments are handed over whole, as clap made them"
)]
fn check(args: CheckArgs) -> ExitCode {
    let fixed = match &args.config {
        Some(path) => match Config::load(path) {
            Ok(config) => Some(config),
            Err(e) => return fail(&e.to_string()),
        },
        None => None,
    };
    let checker = Checker::new(Resolver::new(fixed));
    let from_stdin = args.paths.iter().any(|p| p.as_os_str() == "-");
    let outcome = if from_stdin {
        if args.paths.len() > 1 {
            return fail("`-` (stdin) cannot be combined with other paths");
        }
        let Some(name) = args.stdin_filename.clone() else {
            return fail("reading stdin needs --stdin-filename NAME to know the language");
        };
        let mut bytes = Vec::new();
        if let Err(e) = std::io::stdin().read_to_end(&mut bytes) {
            return fail(&format!("stdin: {e}"));
        }
        let (text, not_utf8) = crate::check::decode(bytes);
        let mut outcome = checker.check_text(&name, text);
        if not_utf8 {
            outcome.not_utf8.push(name);
        }
        outcome
    } else {
        checker.check_paths(&args.paths)
    };
    report(&args, &outcome)
}

fn report(args: &CheckArgs, outcome: &Outcome) -> ExitCode {
    let mut failed = false;
    for problem in &outcome.problems {
        eprintln!("handoff: {problem}");
        failed |= problem.is_error();
    }
    if let Some(note) = not_utf8_note(&outcome.not_utf8) {
        eprintln!("handoff: {note}");
    }
    let color = match args.color {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => {
            std::io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none()
        }
    };
    let status = print(&output::render(args.format, outcome, color));
    if failed {
        ExitCode::from(2)
    } else if status != ExitCode::SUCCESS {
        status
    } else if outcome.reports.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    }
}

/// One line for every file that was not valid UTF-8, however many there are.
fn not_utf8_note(paths: &[PathBuf]) -> Option<String> {
    const SHOWN: usize = 3;
    let count = match paths.len() {
        0 => return None,
        1 => "1 file is".to_string(),
        n => format!("{n} files are"),
    };
    let mut names: Vec<String> = paths
        .iter()
        .take(SHOWN)
        .map(|p| p.display().to_string())
        .collect();
    if paths.len() > SHOWN {
        names.push(format!("and {} more", paths.len() - SHOWN));
    }
    Some(format!(
        "note: {count} not valid UTF-8, checked with U+FFFD in place of the bad bytes: {}",
        names.join(", ")
    ))
}

/// Prints to stdout. A closed pipe (`handoff check | head`) is not an error
/// worth a panic.
fn print(text: &str) -> ExitCode {
    let mut stdout = std::io::stdout().lock();
    match stdout
        .write_all(text.as_bytes())
        .and_then(|()| stdout.flush())
    {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(e) => fail(&format!("stdout: {e}")),
    }
}

fn fail(message: &str) -> ExitCode {
    eprintln!("handoff: {message}");
    ExitCode::from(2)
}
