//! What the engine may know about the files around an instruction: whether a
//! path it names exists. Only `broken-reference` asks.

use std::path::{Component, Path, PathBuf};

/// Answers whether a path named in an instruction exists.
pub trait Workspace: Sync {
    /// Whether `reference`, a relative path written in `file`, names a file or
    /// folder of the project; `None` when that cannot be known (no project
    /// root, or the path would lead outside it).
    fn reference_exists(&self, file: &Path, reference: &str) -> Option<bool>;
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
}

impl DiskWorkspace {
    /// A workspace rooted at `root` (made absolute and canonical).
    pub fn new(root: &Path) -> Option<Self> {
        Some(DiskWorkspace {
            root: root.canonicalize().ok()?,
        })
    }

    /// The project root above `path`: the nearest folder that holds `.git`, or
    /// a handoff configuration file.
    pub fn root_of(path: &Path) -> Option<PathBuf> {
        let abs = std::path::absolute(path).ok()?;
        abs.ancestors()
            .skip(1)
            .find(|d| {
                d.join(".git").exists()
                    || crate::config::CONFIG_FILE_NAMES
                        .iter()
                        .any(|n| d.join(n).is_file())
            })
            .map(Path::to_path_buf)
    }

    pub fn root(&self) -> &Path {
        &self.root
    }

    fn inside(&self, candidate: &Path) -> Option<bool> {
        // Lexically first: a path that climbs out is never touched on disk.
        let mut depth: isize = 0;
        let rel = candidate.strip_prefix(&self.root).ok()?;
        for c in rel.components() {
            match c {
                Component::ParentDir => depth -= 1,
                Component::Normal(_) => depth += 1,
                _ => {}
            }
            if depth < 0 {
                return None;
            }
        }
        match candidate.canonicalize() {
            Ok(real) => real.starts_with(&self.root).then_some(true),
            Err(_) => Some(false),
        }
    }
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
            match self.inside(&base.join(reference)) {
                Some(true) => return Some(true),
                Some(false) => answer = Some(false),
                None => {}
            }
        }
        answer
    }
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
        assert_eq!(ws.reference_exists(&file, "../secret"), None);
        assert_eq!(ws.reference_exists(&file, "/etc/passwd"), None);
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
}
