//! `handoff check` on the file trees that break linters: unreadable files,
//! symlink loops, files that vanish mid-walk, bad UTF-8, a 200 MB file,
//! 100,000 files. Each gets a clear message and the right exit status, and
//! nothing panics.

mod support;

use std::fs;
use std::process::{Command, Output, Stdio};

use support::{handoff, stderr, stdout};

/// Nothing panicked, and every line on stderr is one of handoff's messages.
fn assert_clean_stderr(o: &Output) {
    let err = stderr(o);
    assert!(!err.contains("panicked"), "{err}");
    for line in err.lines() {
        assert!(
            line.starts_with("handoff: "),
            "unexpected stderr line {line:?}"
        );
    }
}

/// A task (the files are task lists by name: `*.todo.md`) with a hedge.
const HEDGED: &str = "- [ ] Maybe cache the parsed config\n";

#[test]
fn an_unreadable_file_is_named_and_the_others_are_still_checked() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("ok.todo.md"), HEDGED).unwrap();
    // Reading /proc/self/mem from offset 0 fails with EIO, even for root.
    #[cfg(target_os = "linux")]
    {
        std::os::unix::fs::symlink("/proc/self/mem", dir.path().join("mem.todo.md")).unwrap();
        let out = handoff(dir.path(), &["check", "mem.todo.md", "ok.todo.md"]);
        assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
        assert!(
            stderr(&out).contains("handoff: mem.todo.md: Input/output error"),
            "{}",
            stderr(&out)
        );
        assert!(stdout(&out).contains("ok.todo.md:1:7"), "{}", stdout(&out));
        assert_clean_stderr(&out);
        fs::remove_file(dir.path().join("mem.todo.md")).unwrap();
    }
    // Without permission (root reads anyway, so there the file is checked).
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let locked = dir.path().join("locked.todo.md");
        fs::write(&locked, HEDGED).unwrap();
        fs::set_permissions(&locked, fs::Permissions::from_mode(0o000)).unwrap();
        let out = handoff(dir.path(), &["check", "."]);
        if fs::read(&locked).is_err() {
            assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
            assert!(
                stderr(&out).contains("locked.todo.md: Permission denied"),
                "{}",
                stderr(&out)
            );
        } else {
            assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
        }
        assert!(stdout(&out).contains("ok.todo.md:1:7"), "{}", stdout(&out));
        assert_clean_stderr(&out);
    }
}

#[cfg(unix)]
#[test]
fn symlink_loops_are_not_followed_and_a_loop_named_directly_is_an_error() {
    use std::os::unix::fs::symlink;
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    fs::write(root.join("a.todo.md"), HEDGED).unwrap();
    symlink("l2", root.join("l1")).unwrap();
    symlink("l1", root.join("l2")).unwrap();
    fs::create_dir(root.join("d")).unwrap();
    symlink("..", root.join("d/up")).unwrap();
    symlink(".", root.join("self")).unwrap();

    let out = handoff(root, &["check", "."]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert_eq!(
        stdout(&out).matches("a.todo.md:1:7").count(),
        1,
        "{}",
        stdout(&out)
    );
    assert_clean_stderr(&out);

    let out = handoff(root, &["check", "l1"]);
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(
        stderr(&out).trim(),
        "handoff: l1: Too many levels of symbolic links (os error 40)"
    );
}

#[test]
fn a_missing_path_is_said_once() {
    let dir = tempfile::tempdir().unwrap();
    let out = handoff(dir.path(), &["check", "nothere.md"]);
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(stderr(&out).lines().count(), 1, "{}", stderr(&out));
    assert!(stderr(&out).starts_with("handoff: nothere.md: No such file"));
}

#[test]
fn files_deleted_during_the_walk_are_skipped_not_errors() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().to_path_buf();
    let count = 4000;
    for i in 0..count {
        fs::write(root.join(format!("t{i}.todo.md")), HEDGED).unwrap();
    }
    let child = Command::new(env!("CARGO_BIN_EXE_handoff"))
        .args(["check", "--format", "json", "."])
        .current_dir(&root)
        .env("NO_COLOR", "1")
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    // Delete from the end while handoff walks from the start.
    for i in (0..count).rev() {
        let _ = fs::remove_file(root.join(format!("t{i}.todo.md")));
    }
    let out = child.wait_with_output().unwrap();
    // Whatever it saw: findings (1) or nothing left (0), never an error.
    assert!(matches!(out.status.code(), Some(0 | 1)), "{}", stderr(&out));
    assert_clean_stderr(&out);
    for line in stderr(&out).lines() {
        assert!(
            line.ends_with(": skipped: removed while being checked"),
            "{line}"
        );
    }
    let findings: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert!(findings.as_array().unwrap().len() <= count);
}

#[test]
fn invalid_utf8_is_checked_with_replacement_characters_and_said_once() {
    let dir = tempfile::tempdir().unwrap();
    for name in ["a.todo.md", "b.todo.md", "c.todo.md", "d.todo.md"] {
        fs::write(
            dir.path().join(name),
            b"- [ ] Maybe cache the \xff\xfe config\n",
        )
        .unwrap();
    }
    let out = handoff(dir.path(), &["check", "."]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert_eq!(
        stderr(&out).trim(),
        "handoff: note: 4 files are not valid UTF-8, checked with U+FFFD in place of the bad bytes: a.todo.md, b.todo.md, c.todo.md, and 1 more"
    );
    assert_eq!(stdout(&out).matches("\u{fffd}\u{fffd} config").count(), 4);
}

#[test]
fn a_200_mb_file_is_skipped_with_a_note() {
    let dir = tempfile::tempdir().unwrap();
    let big = dir.path().join("big.todo.md");
    let line = HEDGED.as_bytes();
    let mut file = std::io::BufWriter::new(fs::File::create(&big).unwrap());
    let size = 200 * 1024 * 1024;
    for _ in 0..=(size / line.len()) {
        std::io::Write::write_all(&mut file, line).unwrap();
    }
    drop(file);
    fs::write(dir.path().join("small.todo.md"), HEDGED).unwrap();
    let out = handoff(dir.path(), &["check", "."]);
    // Skipping is a note, not an error: the exit status is the findings'.
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let err = stderr(&out);
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(
        err.starts_with("handoff: big.todo.md: skipped: ") && err.contains("over max-file-size"),
        "{err}"
    );
    assert!(stdout(&out).contains("small.todo.md:1:7"));
}

#[test]
fn a_hundred_thousand_small_files() {
    let dir = tempfile::tempdir().unwrap();
    for d in 0..100 {
        let folder = dir.path().join(format!("d{d}"));
        fs::create_dir(&folder).unwrap();
        for f in 0..1000 {
            let text = if f == 0 {
                HEDGED
            } else {
                "- [x] Cache the parsed config\n"
            };
            fs::write(folder.join(format!("f{f}.todo.md")), text).unwrap();
        }
    }
    let out = handoff(dir.path(), &["check", "."]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert_clean_stderr(&out);
    assert!(
        stdout(&out).contains("in 100 files (100000 checked)"),
        "{}",
        stdout(&out).lines().last().unwrap_or("")
    );
}

#[test]
fn a_folder_as_stdin_filename_is_a_clear_error() {
    let dir = tempfile::tempdir().unwrap();
    fs::create_dir(dir.path().join("notes.md")).unwrap();
    let mut child = Command::new(env!("CARGO_BIN_EXE_handoff"))
        .args(["check", "-", "--stdin-filename", "notes.md"])
        .current_dir(dir.path())
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    std::io::Write::write_all(&mut child.stdin.take().unwrap(), HEDGED.as_bytes()).unwrap();
    let out = child.wait_with_output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(
        stderr(&out).trim(),
        "handoff: notes.md: is a folder: give the name of the file the text is from"
    );
}
