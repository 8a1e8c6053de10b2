//! What the engine may know about the files around an instruction: whether a
//! path it names exists. Only `broken-reference` asks.

use std::path::{Component, Path, PathBuf};
use std::sync::OnceLock;

/// Answers whether a path named in an instruction exists.
pub trait Workspace: Sync {
    /// Whether `reference`, a relative path written in `file`, names a file or
    /// folder of the project; `None` when that cannot be known (no project
    /// root, or the path would lead outside it).
    fn reference_exists(&self, file: &Path, reference: &str) -> Option<bool>;

    /// Where in the project a file or folder whose path ends with `suffix`
    /// is (relative to the root), as a reader would find a bare `run.py` or
    /// `agents/run.py` that lives in `src/agents/`. `None` when there is none
    /// or nothing can be known.
    fn find_suffix(&self, suffix: &str) -> Option<PathBuf> {
        let _ = suffix;
        None
    }
}

/// Knows nothing: every reference is unknown.
pub struct NoWorkspace;

impl Workspace for NoWorkspace {
    fn reference_exists(&self, _: &Path, _: &str) -> Option<bool> {
        None
    }
}

/// The files on disk under a project root. A reference resolves against the
/// folder of the file it is written in, then against the root; it must stay
/// inside the root, symlinks resolved, or it is unknown.
pub struct DiskWorkspace {
    root: PathBuf,
    /// Every file and folder under the root, as `handoff check` walks it
    /// (`.gitignore` respected), relative to the root: read on the first
    /// question that needs it.
    index: OnceLock<Vec<PathBuf>>,
}

impl DiskWorkspace {
    /// A workspace rooted at `root` (made absolute and canonical).
    pub fn new(root: &Path) -> Option<Self> {
        Some(DiskWorkspace {
            root: root.canonicalize().ok()?,
            index: OnceLock::new(),
        })
    }

    fn index(&self) -> &[PathBuf] {
        self.index.get_or_init(|| {
            walker(&self.root)
                .build()
                .flatten()
                .filter_map(|e| {
                    e.path()
                        .strip_prefix(&self.root)
                        .ok()
                        .map(Path::to_path_buf)
                })
                .filter(|p| !p.as_os_str().is_empty())
                .collect()
        })
    }

    /// Whether `candidate` (an absolute path under the root) exists, looked
    /// up one component at a time so that nothing outside the root is ever
    /// touched: a symlink's target is read without following it, and
    /// followed only when it lies inside the root. `None` when the path
    /// leads out of the root.
    fn lookup(&self, candidate: &Path) -> Option<bool> {
        /// Links followed before giving up (a loop, or a very long chain).
        const MAX_LINKS: usize = 40;
        let rel = candidate.strip_prefix(&self.root).ok()?;
        // The components still to walk, the next one last.
        let mut rest = Vec::new();
        push_components(&mut rest, rel)?;
        let mut links = 0;
        let mut at = self.root.clone();
        while let Some(name) = rest.pop() {
            if name == ".." {
                if at == self.root {
                    return None;
                }
                at.pop();
                continue;
            }
            let mut next = at.join(&name);
            let meta = match std::fs::symlink_metadata(&next) {
                Ok(meta) => meta,
                // `PULL_REQUEST_TEMPLATE.md` for `pull_request_template.md`:
                // found on macOS and Windows file systems, and by GitHub;
                // a reader does not call it broken.
                Err(_) => match name_ignoring_case(&at, &name) {
                    Some(found) => {
                        next = at.join(found);
                        std::fs::symlink_metadata(&next).ok()?
                    }
                    None => return Some(false),
                },
            };
            if !meta.file_type().is_symlink() {
                at = next;
                continue;
            }
            links += 1;
            if links > MAX_LINKS {
                return None;
            }
            let target = std::fs::read_link(&next).ok()?;
            if target.is_absolute() {
                // Only a target written under the root is followed.
                at.clone_from(&self.root);
                push_components(&mut rest, target.strip_prefix(&self.root).ok()?)?;
            } else {
                push_components(&mut rest, &target)?;
            }
        }
        Some(true)
    }
}

/// The entry of `dir` whose name is `name` but for ASCII case.
fn name_ignoring_case(dir: &Path, name: &std::ffi::OsStr) -> Option<std::ffi::OsString> {
    let name = name.to_str()?;
    std::fs::read_dir(dir)
        .ok()?
        .flatten()
        .map(|e| e.file_name())
        .find(|n| n.to_str().is_some_and(|n| n.eq_ignore_ascii_case(name)))
}

/// Pushes the names of a relative path's components onto a stack, the first
/// on top; `.` is dropped. `None` for a path that is not relative.
fn push_components(stack: &mut Vec<std::ffi::OsString>, path: &Path) -> Option<()> {
    let mut names = Vec::new();
    for c in path.components() {
        match c {
            Component::CurDir => {}
            Component::ParentDir => names.push("..".into()),
            Component::Normal(name) => names.push(name.to_os_string()),
            Component::RootDir | Component::Prefix(_) => return None,
        }
    }
    stack.extend(names.into_iter().rev());
    Some(())
}

impl Workspace for DiskWorkspace {
    fn reference_exists(&self, file: &Path, reference: &str) -> Option<bool> {
        let reference = Path::new(reference);
        if reference.is_absolute() {
            return None;
        }
        let file = std::path::absolute(file).ok()?;
        let dir = file.parent()?;
        let mut answer = None;
        for base in [dir, self.root.as_path()] {
            if !base.starts_with(&self.root) {
                continue;
            }
            match self.lookup(&base.join(reference)) {
                Some(true) => return Some(true),
                Some(false) => answer = Some(false),
                None => {}
            }
        }
        answer
    }

    fn find_suffix(&self, suffix: &str) -> Option<PathBuf> {
        let suffix = Path::new(suffix.trim_start_matches("./"));
        if suffix.is_absolute() || suffix.components().any(|c| c == Component::ParentDir) {
            return None;
        }
        self.index().iter().find(|p| p.ends_with(suffix)).cloned()
    }
}

/// How handoff walks a folder, in `handoff check`, the language server's
/// workspace check and a workspace's file index: `.gitignore` respected (in
/// a git repository or not), hidden files such as `.cursorrules` and
/// `.github/` included, version-control folders skipped, symlinks not
/// followed.
pub fn walker(root: &Path) -> ignore::WalkBuilder {
    let mut walk = ignore::WalkBuilder::new(root);
    walk.hidden(false)
        .require_git(false)
        .filter_entry(|e| !matches!(e.file_name().to_str(), Some(".git" | ".hg" | ".svn")));
    walk
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn resolves_inside_and_refuses_outside() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().join("proj");
        std::fs::create_dir_all(root.join("src")).unwrap();
        std::fs::write(root.join("src/lib.rs"), "").unwrap();
        std::fs::write(dir.path().join("secret"), "").unwrap();
        let ws = DiskWorkspace::new(&root).unwrap();
        let file = root.join("TODO.md");
        assert_eq!(ws.reference_exists(&file, "src/lib.rs"), Some(true));
        assert_eq!(ws.reference_exists(&file, "src/main.rs"), Some(false));
        // Case aside, as macOS, Windows and GitHub find it.
        assert_eq!(ws.reference_exists(&file, "SRC/LIB.rs"), Some(true));
        assert_eq!(ws.reference_exists(&file, "../secret"), None);
        assert_eq!(ws.reference_exists(&file, "/etc/passwd"), None);
        // A reader finds a bare name, or the end of a path, where it lives.
        assert_eq!(ws.find_suffix("lib.rs"), Some(PathBuf::from("src/lib.rs")));
        assert_eq!(
            ws.find_suffix("src/lib.rs"),
            Some(PathBuf::from("src/lib.rs"))
        );
        assert_eq!(ws.find_suffix("main.rs"), None);
        assert_eq!(ws.find_suffix("../secret"), None);
    }

    #[cfg(unix)]
    #[test]
    fn a_symlink_out_of_the_root_is_unknown() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().join("proj");
        std::fs::create_dir_all(&root).unwrap();
        std::fs::write(dir.path().join("secret"), "").unwrap();
        std::os::unix::fs::symlink(dir.path().join("secret"), root.join("link")).unwrap();
        let ws = DiskWorkspace::new(&root).unwrap();
        assert_eq!(ws.reference_exists(&root.join("a.md"), "link"), None);
    }

    #[cfg(unix)]
    #[test]
    fn symlinks_are_followed_only_inside_the_root() {
        use std::os::unix::fs::symlink;
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().join("proj");
        std::fs::create_dir_all(root.join("src/net")).unwrap();
        std::fs::write(root.join("src/net/retry.rs"), "").unwrap();
        std::fs::create_dir_all(dir.path().join("outside")).unwrap();
        symlink("src/net", root.join("net")).unwrap();
        symlink(root.join("src"), root.join("abs")).unwrap();
        symlink("../outside", root.join("out")).unwrap();
        symlink("loop2", root.join("loop1")).unwrap();
        symlink("loop1", root.join("loop2")).unwrap();
        let ws = DiskWorkspace::new(&root).unwrap();
        let file = root.join("TODO.md");
        assert_eq!(ws.reference_exists(&file, "net/retry.rs"), Some(true));
        assert_eq!(ws.reference_exists(&file, "net/missing.rs"), Some(false));
        assert_eq!(ws.reference_exists(&file, "abs/net/retry.rs"), Some(true));
        assert_eq!(
            ws.reference_exists(&file, "net/../net/retry.rs"),
            Some(true)
        );
        // Out of the root through a link: not looked up, so unknown, even
        // for a file that does not exist there.
        assert_eq!(ws.reference_exists(&file, "out/missing.rs"), None);
        assert_eq!(ws.reference_exists(&file, "loop1/x.rs"), None);
        assert_eq!(ws.reference_exists(&file, "src/../../outside"), None);
    }
}
