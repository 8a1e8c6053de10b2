//! `handoff check` throughput over a large tree of real code, against
//! ripgrep searching the same tree for the same markers.
//!
//! `cargo bench --bench check` builds the corpus once (see [`corpus`]), runs
//! criterion on the in-process checker (`Checker::check_paths`), then times
//! the command lines end to end: the `handoff` binary built for this bench
//! (`handoff check --format json DIR`) and, if `rg` is on the `PATH`,
//! `rg -c 'TODO|FIXME' DIR`. It prints medians in MiB/s and files/s (the
//! in-process one from criterion's ten samples; ten runs of each command,
//! fewer for handoff once a minute has passed, to keep the whole bench near
//! three minutes) and the ratio handoff / rg. Without `rg` the comparison is
//! skipped.
//!
//! The corpus: the sources cargo has downloaded (`$CARGO_HOME/registry/src`),
//! whole crates in name order until there are 48 MiB, copied to
//! `target/bench-corpus/tree`. Only the files handoff reads are copied (a
//! grammar for the name, at most `max-file-size`, not binary) and no hidden
//! files, so that handoff and rg read exactly the same bytes. When the
//! registry holds less, generated files fill the rest. Delete
//! `target/bench-corpus` to rebuild it; set `HANDOFF_BENCH_CORPUS=DIR` to
//! measure another tree as it is.
//!
//! Run without `--bench` (`cargo test --benches`), it checks a small
//! generated tree once, as a smoke test.

#![allow(
    clippy::cast_possible_truncation,
    clippy::cast_possible_wrap,
    clippy::cast_sign_loss,
    clippy::cast_precision_loss,
    reason = "sizes, counts, offsets and timings of a test run, far inside every type's range"
)]
#![allow(
    clippy::needless_pass_by_value,
    reason = "JSON values and test inputs are built at the call site and handed over"
)]
#![allow(
    clippy::format_push_string,
    clippy::similar_names,
    reason = "a bench's report, written line by line; `before`/`after` pairs"
)]

use std::fs;
use std::hint::black_box;
use std::io;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::time::{Duration, Instant};

use criterion::{Criterion, SamplingMode, Throughput};
use handoff::check::Checker;
use handoff::config::DEFAULT_MAX_FILE_SIZE;
use handoff::language::FileKind;
use handoff::project::Resolver;

/// How many bytes of source the corpus holds.
const BUDGET: u64 = 48 * 1024 * 1024;
/// How many bytes the smoke test's corpus holds.
const SMOKE_BUDGET: u64 = 512 * 1024;
/// Timed runs of each command for the medians.
const RUNS: usize = 10;
const HANDOFF: &str = env!("CARGO_BIN_EXE_handoff");

/// The tree measured: what handoff reads in it.
struct Corpus {
    root: PathBuf,
    files: u64,
    bytes: u64,
    /// Where the files came from, for the report.
    origin: String,
}

impl Corpus {
    fn measure(root: PathBuf, origin: String) -> Corpus {
        let (files, bytes) = count(&root).expect("read the corpus");
        assert!(files > 0, "no file handoff reads in {}", root.display());
        Corpus {
            root,
            files,
            bytes,
            origin,
        }
    }

    fn mib(&self) -> f64 {
        self.bytes as f64 / (1024.0 * 1024.0)
    }
}

/// The files (and their bytes) under `dir` that handoff reads.
fn count(dir: &Path) -> io::Result<(u64, u64)> {
    let (mut files, mut bytes) = (0, 0);
    for entry in fs::read_dir(dir)? {
        let entry = entry?;
        let ty = entry.file_type()?;
        let path = entry.path();
        if ty.is_dir() && entry.file_name() != ".git" {
            let (f, b) = count(&path)?;
            files += f;
            bytes += b;
        } else if ty.is_file() && FileKind::from_path(&path).is_some() {
            let len = entry.metadata()?.len();
            if len <= DEFAULT_MAX_FILE_SIZE {
                files += 1;
                bytes += len;
            }
        }
    }
    Ok((files, bytes))
}

/// The folder the bench keeps its corpus in: the target folder the
/// `handoff` binary was built in.
fn target_dir() -> PathBuf {
    let exe = Path::new(HANDOFF);
    exe.parent().and_then(Path::parent).map_or_else(
        || Path::new(env!("CARGO_MANIFEST_DIR")).join("target"),
        Path::to_path_buf,
    )
}

/// The benchmark's tree, built on first use and kept.
fn corpus() -> Corpus {
    if let Some(dir) = std::env::var_os("HANDOFF_BENCH_CORPUS") {
        let dir = PathBuf::from(dir);
        let origin = format!("HANDOFF_BENCH_CORPUS={}", dir.display());
        return Corpus::measure(dir, origin);
    }
    let base = target_dir().join("bench-corpus");
    let root = base.join("tree");
    let manifest = base.join("manifest.txt");
    if !manifest.is_file() {
        eprintln!("building the corpus in {} (once)...", root.display());
        let _ = fs::remove_dir_all(&base);
        let partial = base.join(format!("partial.{}", std::process::id()));
        let text = build(&partial, BUDGET).expect("build the corpus");
        fs::rename(&partial, &root).expect("move the corpus in place");
        fs::write(&manifest, text).expect("write the corpus manifest");
    }
    let manifest = fs::read_to_string(&manifest).expect("read the corpus manifest");
    let origin = manifest.lines().next().unwrap_or_default().to_string();
    Corpus::measure(root, origin)
}

/// Fills `dir` with `budget` bytes of source: registry crates first, then
/// generated files. Returns the manifest: a one-line summary, then the crates.
fn build(dir: &Path, budget: u64) -> io::Result<String> {
    fs::create_dir_all(dir)?;
    let mut total = 0;
    let mut copied = Vec::new();
    for (name, path) in registry_crates() {
        if total >= budget {
            break;
        }
        let bytes = copy_sources(&path, &dir.join(&name))?;
        if bytes > 0 {
            total += bytes;
            copied.push(name);
        }
    }
    let generated = if total < budget {
        generate(&dir.join("generated"), budget - total)?
    } else {
        0
    };
    let mut summary = format!(
        "{} crates from the cargo registry ({})",
        copied.len(),
        match (copied.first(), copied.last()) {
            (Some(a), Some(b)) => format!("{a} .. {b}"),
            _ => "none".into(),
        }
    );
    if generated > 0 {
        summary.push_str(&format!(" + {generated} generated files"));
    }
    Ok(format!("{summary}\n{}\n", copied.join("\n")))
}

/// The unpacked crates under `$CARGO_HOME/registry/src/*/`, by name.
fn registry_crates() -> Vec<(String, PathBuf)> {
    let home = std::env::var_os("CARGO_HOME")
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|h| Path::new(&h).join(".cargo")));
    let Some(home) = home else {
        return Vec::new();
    };
    let mut crates = Vec::new();
    for index in fs::read_dir(home.join("registry/src"))
        .into_iter()
        .flatten()
    {
        let Ok(index) = index else { continue };
        for krate in fs::read_dir(index.path()).into_iter().flatten() {
            let Ok(krate) = krate else { continue };
            if krate.file_type().is_ok_and(|t| t.is_dir()) {
                crates.push((
                    krate.file_name().to_string_lossy().into_owned(),
                    krate.path(),
                ));
            }
        }
    }
    crates.sort();
    crates.dedup_by(|a, b| a.0 == b.0);
    crates
}

/// Copies the files handoff reads from `from` to `to`, hidden files and
/// folders left out. Returns the bytes copied.
fn copy_sources(from: &Path, to: &Path) -> io::Result<u64> {
    let mut bytes = 0;
    let mut entries: Vec<_> = fs::read_dir(from)?.collect::<Result<_, _>>()?;
    entries.sort_by_key(std::fs::DirEntry::file_name);
    for entry in entries {
        let name = entry.file_name();
        if name.to_string_lossy().starts_with('.') {
            continue;
        }
        let path = entry.path();
        let ty = entry.file_type()?;
        if ty.is_dir() {
            bytes += copy_sources(&path, &to.join(&name))?;
        } else if ty.is_file() && FileKind::from_path(&path).is_some() {
            if entry.metadata()?.len() > DEFAULT_MAX_FILE_SIZE {
                continue;
            }
            let data = fs::read(&path)?;
            if data[..data.len().min(8192)].contains(&0) {
                continue;
            }
            fs::create_dir_all(to)?;
            fs::write(to.join(&name), &data)?;
            bytes += data.len() as u64;
        }
    }
    Ok(bytes)
}

const TODOS: &[&str] = &[
    "maybe fix this properly",
    "rewrite auth, add tests and update the docs",
    "rename `run` to `serve` in src/main.rs",
    "clean up the error handling somehow",
    "handle the edge cases",
    "cache the parsed config; done when the second load reads no file",
    "refactor the whole module",
    "make it faster",
];

/// Writes about `budget` bytes of Rust, C and Markdown with a TODO every
/// few dozen lines. Returns the number of files.
fn generate(dir: &Path, budget: u64) -> io::Result<u64> {
    let mut written = 0;
    let mut files = 0;
    while written < budget {
        let sub = dir.join(format!("m{:03}", files / 100));
        fs::create_dir_all(&sub)?;
        let (name, text) = match files % 3 {
            0 => (format!("f{files}.rs"), rust_file(files as usize)),
            1 => (format!("f{files}.c"), c_file(files as usize)),
            _ => (format!("f{files}.md"), markdown_file(files as usize)),
        };
        fs::write(sub.join(name), &text)?;
        written += text.len() as u64;
        files += 1;
    }
    Ok(files)
}

fn rust_file(seed: usize) -> String {
    let mut s = String::from("//! A generated module.\n\nuse std::collections::HashMap;\n\n");
    for i in 0..200 {
        if i % 4 == 0 {
            s.push_str(&format!("// TODO: {}\n", TODOS[(seed + i) % TODOS.len()]));
        }
        s.push_str(&format!(
            "/// Adds up the table.\npub fn f{i}(m: &HashMap<u32, u32>) -> u32 {{\n    \
             let mut t = {seed};\n    for (k, v) in m {{\n        \
             t = t.wrapping_add(k ^ v); // mix\n    }}\n    t\n}}\n\n"
        ));
    }
    s
}

fn c_file(seed: usize) -> String {
    let mut s = String::from("#include <stdint.h>\n\n");
    for i in 0..200 {
        if i % 4 == 1 {
            s.push_str(&format!(
                "/* FIXME: {} */\n",
                TODOS[(seed + i) % TODOS.len()]
            ));
        }
        s.push_str(&format!(
            "static uint32_t f{i}(const uint32_t *v, int n) {{\n    uint32_t t = {seed};\n    \
             for (int j = 0; j < n; j++) {{\n        t ^= v[j] * {i}u; // mix\n    }}\n    \
             return t;\n}}\n\n"
        ));
    }
    s
}

fn markdown_file(seed: usize) -> String {
    let mut s = format!("# Notes {seed}\n\n");
    for i in 0..150 {
        if i % 10 == 0 {
            s.push_str(&format!(
                "\n## Part {i}\n\nSome prose about part {i}, with `code` and a [link](x.md).\n\n"
            ));
        }
        let todo = TODOS[(seed + i) % TODOS.len()];
        let mark = if i % 3 == 0 { "x" } else { " " };
        s.push_str(&format!("- [{mark}] {todo}\n"));
    }
    s
}

/// Whether `rg` can be run.
fn have_rg() -> bool {
    Command::new("rg")
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success())
}

fn handoff_cli(dir: &Path) -> Output {
    let out = Command::new(HANDOFF)
        .args(["check", "--format", "json"])
        .arg(dir)
        .output()
        .expect("run handoff");
    // 0: no findings, 1: findings, 2: an error.
    assert!(
        matches!(out.status.code(), Some(0 | 1)),
        "handoff check failed: {}\n{}",
        out.status,
        String::from_utf8_lossy(&out.stderr)
    );
    out
}

fn rg(dir: &Path) -> Output {
    // Like handoff's, rg's output goes to a pipe that the bench reads.
    let out = Command::new("rg")
        .args(["-c", "TODO|FIXME"])
        .arg(dir)
        .output()
        .expect("run rg");
    // 0: matches, 1: none, 2: an error.
    assert!(
        matches!(out.status.code(), Some(0 | 1)),
        "rg failed: {}\n{}",
        out.status,
        String::from_utf8_lossy(&out.stderr)
    );
    out
}

fn check_in_process(dir: &Path) -> handoff::check::Outcome {
    let checker = Checker::new(Resolver::new(None));
    checker.check_paths(&[dir.to_path_buf()])
}

/// What the in-process runs measured: the time of one check per sample,
/// and what the last check found.
#[derive(Default)]
struct InProcess {
    samples: Vec<Duration>,
    cpu: Vec<Duration>,
    files_checked: usize,
    findings: usize,
    files_with_findings: usize,
    problems: usize,
}

fn bench(c: &mut Criterion, corpus: &Corpus) -> InProcess {
    let mut measured = InProcess::default();
    let mut group = c.benchmark_group("check");
    group
        .sample_size(10)
        .sampling_mode(SamplingMode::Flat)
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(10))
        .throughput(Throughput::ElementsAndBytes {
            elements: corpus.files,
            bytes: corpus.bytes,
        });
    group.bench_function("in_process", |b| {
        b.iter_custom(|iters| {
            let cpu = cpu_time();
            let start = Instant::now();
            for _ in 1..iters {
                black_box(check_in_process(&corpus.root));
            }
            let outcome = black_box(check_in_process(&corpus.root));
            let elapsed = start.elapsed();
            measured.samples.push(elapsed / iters as u32);
            if let (Some(before), Some(after)) = (cpu, cpu_time()) {
                measured
                    .cpu
                    .push(after.0.checked_sub(before.0).unwrap() / iters as u32);
            }
            measured.files_checked = outcome.files_checked;
            measured.findings = outcome.reports.iter().map(|r| r.findings.len()).sum();
            measured.files_with_findings = outcome.reports.len();
            measured.problems = outcome.problems.len();
            elapsed
        });
    });
    group.finish();
    measured
}

fn median_of(mut times: Vec<Duration>) -> Option<Duration> {
    times.sort();
    times.get(times.len() / 2).copied()
}

/// The CPU time (user and system) this process has used, and that its
/// finished children have used, from `/proc/self/stat` (Linux).
fn cpu_time() -> Option<(Duration, Duration)> {
    let stat = fs::read_to_string("/proc/self/stat").ok()?;
    // The fields after the command name, which is in parentheses.
    let fields: Vec<u64> = stat
        .rsplit_once(')')?
        .1
        .split_whitespace()
        .skip(11)
        .take(4)
        .map(|f| f.parse().ok())
        .collect::<Option<_>>()?;
    // utime, stime, cutime, cstime, in clock ticks (USER_HZ, 100 on Linux).
    let ticks = |t: u64| Duration::from_millis(t * 10);
    Some((ticks(fields[0] + fields[1]), ticks(fields[2] + fields[3])))
}

/// The median wall time and median CPU time of at most `runs` runs of a
/// child process by `f`: after `budget` has passed, no new run starts once
/// three are done.
fn median(
    runs: usize,
    budget: Duration,
    mut f: impl FnMut(),
) -> (Duration, Option<Duration>, usize) {
    let start = Instant::now();
    let mut times = Vec::new();
    let mut cpu = Vec::new();
    while times.len() < runs && (times.len() < 3 || start.elapsed() < budget) {
        let before = cpu_time();
        let run = Instant::now();
        f();
        times.push(run.elapsed());
        if let (Some(before), Some(after)) = (before, cpu_time()) {
            cpu.push(after.1.checked_sub(before.1).unwrap());
        }
    }
    let n = times.len();
    (median_of(times).unwrap(), median_of(cpu), n)
}

/// The 1-minute load average (Linux), to tell a busy machine's figures.
fn load() -> String {
    fs::read_to_string("/proc/loadavg")
        .ok()
        .and_then(|l| l.split_whitespace().next().map(str::to_string))
        .unwrap_or_else(|| "unknown".into())
}

/// Prints the in-process figures, times the command lines and prints the
/// comparison.
fn compare(corpus: &Corpus, in_process: InProcess, runs: usize) {
    println!(
        "\ncorpus: {} ({} files, {:.1} MiB; {})",
        corpus.root.display(),
        corpus.files,
        corpus.mib(),
        corpus.origin
    );
    println!(
        "{} cores, load average {} (other work on the machine skews the figures)",
        std::thread::available_parallelism().map_or(0, std::num::NonZero::get),
        load()
    );
    let line = |name: &str, t: Duration, cpu: Option<Duration>, n: usize| {
        let s = t.as_secs_f64();
        let cpu = cpu.map_or("?".into(), |c| format!("{:.2} s", c.as_secs_f64()));
        println!(
            "  {:<38} {:>8.3} s {:>8.1} MiB/s {:>8.0} files/s {cpu:>8}",
            format!("{name} ({n})"),
            s,
            corpus.mib() / s,
            corpus.files as f64 / s
        );
    };
    // The last ten samples: those criterion measured after its warm-up.
    let last = |v: &[Duration]| median_of(v[v.len().saturating_sub(10)..].to_vec());
    if !in_process.samples.is_empty() {
        println!(
            "handoff checked {} files: {} findings in {} files, {} problems",
            in_process.files_checked,
            in_process.findings,
            in_process.files_with_findings,
            in_process.problems
        );
    }
    println!(
        "  {:<38} {:>10} {:>14} {:>16} {:>8}",
        "median of (runs)", "wall", "MiB/s", "files/s", "CPU"
    );
    if let Some(t) = last(&in_process.samples) {
        let n = in_process.samples.len().min(10);
        line("handoff, in process", t, last(&in_process.cpu), n);
    }
    // The corpus is in the page cache by now: no warm-up run.
    let (cli, cli_cpu, n) = median(runs, Duration::from_mins(1), || {
        black_box(handoff_cli(&corpus.root));
    });
    line("handoff check --format json DIR", cli, cli_cpu, n);
    if !have_rg() {
        println!("  rg is not installed: no comparison (cargo install ripgrep)");
        return;
    }
    let matches: u64 = String::from_utf8_lossy(&rg(&corpus.root).stdout)
        .lines()
        .filter_map(|l| l.rsplit_once(':')?.1.parse::<u64>().ok())
        .sum();
    let (rg_time, rg_cpu, n) = median(runs, Duration::from_secs(30), || {
        black_box(rg(&corpus.root));
    });
    line("rg -c 'TODO|FIXME' DIR", rg_time, rg_cpu, n);
    let cpu_ratio = match (cli_cpu, rg_cpu) {
        (Some(h), Some(r)) if !r.is_zero() => {
            format!(", {:.0}x CPU time", h.as_secs_f64() / r.as_secs_f64())
        }
        _ => String::new(),
    };
    println!(
        "rg matched {matches} lines. handoff / rg: {:.1}x wall time{cpu_ratio} (goal: at most 3x)",
        cli.as_secs_f64() / rg_time.as_secs_f64(),
    );
}

fn main() {
    let benchmarking = std::env::args().any(|a| a == "--bench");
    let mut c = Criterion::default().configure_from_args();
    if benchmarking {
        let corpus = corpus();
        let in_process = bench(&mut c, &corpus);
        c.final_summary();
        compare(&corpus, in_process, RUNS);
    } else {
        let dir = tempfile::tempdir().expect("a temporary folder");
        let files = generate(dir.path(), SMOKE_BUDGET).expect("generate the corpus");
        let corpus = Corpus::measure(dir.path().to_path_buf(), format!("{files} generated files"));
        let in_process = bench(&mut c, &corpus);
        c.final_summary();
        compare(&corpus, in_process, 1);
    }
}
