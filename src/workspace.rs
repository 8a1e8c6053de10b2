//! What the engine may know about the files around an instruction: whether a
//! path it names exists, whether the project keeps such a file out of
//! version control, how many documents sit beside it. `broken-reference`
//! asks about paths; `generic-guidance` asks whether an agent file is one of
//! a copied collection.

use std::collections::HashMap;
use std::ffi::{OsStr, OsString};
use std::path::{Component, Path, PathBuf};
use std::sync::{Mutex, OnceLock};

use ignore::gitignore::{Gitignore, GitignoreBuilder};

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

    /// The file of the project a stale path most likely meant: the one with
    /// its file name that shares the most of its trailing folders
    /// (`packages/1-framework/3-tooling/cli/src/utils/cli-errors.ts` for
    /// `packages/framework/tooling/cli/src/utils/cli-errors.ts`), relative
    /// to the folder of `file` when it lies under it, else to the root.
    /// `None` when no file has the name, or two fit as well.
    fn closest_file(&self, file: &Path, reference: &str) -> Option<PathBuf> {
        let _ = (file, reference);
        None
    }

    /// Whether `reference` exists in the folder of `file` itself, not
    /// resolved against the root: what a skill or custom agent ships beside
    /// it (`references/`, `scripts/`). `None` when that cannot be known.
    fn exists_beside(&self, file: &Path, reference: &str) -> Option<bool> {
        let _ = (file, reference);
        None
    }

    /// `file`'s path relative to the project root, when it is under it.
    fn relative_to_root(&self, file: &Path) -> Option<PathBuf> {
        let _ = file;
        None
    }

    /// How many Markdown files `file`'s folder holds, `file` included.
    /// `None` when that cannot be known.
    fn markdown_files_beside(&self, file: &Path) -> Option<usize> {
        let _ = file;
        None
    }

    /// Whether `file`, in a tool's folder at the project's top (`.agent/`,
    /// `.codex/`), has an identical copy at the same place in another
    /// (`.qwen/skills/behavioral-modes/SKILL.md` beside
    /// `.agent/skills/behavioral-modes/SKILL.md`): a kit installed for
    /// several tools, its text the kit's.
    fn copied_for_other_tools(&self, file: &Path) -> bool {
        let _ = file;
        false
    }

    /// How many folders of the project, at any depth, hold `after` (a
    /// relative path) and sit in a folder whose path ends with `before`
    /// (empty: anywhere): for `stores` and `store.ts`, one for each of
    /// `stores/chat/store.ts` and `stores/panel/store.ts`. What a path with
    /// a made-up folder (`stores/feature/store.ts`) shows the layout of.
    fn folders_holding(&self, before: &str, after: &str) -> usize {
        let _ = (before, after);
        0
    }

    /// Whether any folder of the project, at any depth, has this name.
    /// `None` when nothing can be known.
    fn has_folder_named(&self, name: &str) -> Option<bool> {
        let _ = name;
        None
    }

    /// Whether the project's `.gitignore` files keep `reference`, a
    /// relative path written in `file`, out of version control: a file the
    /// program writes at run time (`data/state.json`), a build output
    /// (`dist/index.js`), a machine's own settings. Its absence from a
    /// checkout says nothing about the instruction.
    fn is_ignored(&self, file: &Path, reference: &str) -> bool {
        let _ = (file, reference);
        false
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
    /// (`.gitignore` respected): read on the first question that needs it.
    index: OnceLock<Index>,
    /// Each folder's `.gitignore`, read on the first question about a path
    /// under it (`None` when the folder has none).
    gitignores: Mutex<HashMap<PathBuf, Option<Gitignore>>>,
    /// The folders of the project's git submodules (`.gitmodules`), read on
    /// the first question that needs them.
    submodules: OnceLock<Vec<PathBuf>>,
}

impl DiskWorkspace {
    /// A workspace rooted at `root` (made absolute and canonical).
    pub fn new(root: &Path) -> Option<Self> {
        Some(DiskWorkspace {
            root: root.canonicalize().ok()?,
            index: OnceLock::new(),
            gitignores: Mutex::new(HashMap::new()),
            submodules: OnceLock::new(),
        })
    }

    /// Whether `rel` (relative to the root) is inside a git submodule's
    /// folder: a checkout without its submodules (`git clone` without
    /// `--recursive`, a snapshot) has nothing there, so what is missing
    /// there is unknown, not broken (nf-bids' "See `libBIDS.sh/AGENTS.md`").
    fn in_a_submodule(&self, rel: &Path) -> bool {
        self.submodules
            .get_or_init(|| read_submodule_paths(&self.root))
            .iter()
            .any(|folder| rel.starts_with(folder))
    }

    fn index(&self) -> &Index {
        self.index.get_or_init(|| {
            let mut index = Index::default();
            for entry in walker(&self.root).build().flatten() {
                let Ok(rel) = entry.path().strip_prefix(&self.root) else {
                    continue;
                };
                let Some(name) = rel.file_name() else {
                    continue;
                };
                let is_dir = entry.file_type().is_some_and(|t| t.is_dir());
                index
                    .by_name
                    .entry(name.to_os_string())
                    .or_default()
                    .push((rel.to_path_buf(), is_dir));
                if let (false, Some(stem), Some(_)) = (is_dir, rel.file_stem(), rel.extension()) {
                    index
                        .by_stem
                        .entry(stem.to_os_string())
                        .or_default()
                        .push(rel.to_path_buf());
                }
            }
            index
        })
    }

    /// The folders a reference written in `file` resolves against, as a
    /// reader resolves it: the file's own folder, then the root; only those
    /// inside the root.
    fn bases(&self, file: &Path) -> Vec<PathBuf> {
        let dir = std::path::absolute(file)
            .ok()
            .and_then(|f| f.parent().map(Path::to_path_buf));
        dir.into_iter()
            .chain([self.root.clone()])
            .filter(|base| base.starts_with(&self.root))
            .collect()
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

    /// Whether `candidate` (absolute, normalized, under the root) is ignored
    /// by the `.gitignore` of a folder between the root and it; the
    /// deepest folder with a rule for it decides, as in git.
    fn ignores(&self, candidate: &Path) -> bool {
        if !candidate.starts_with(&self.root) {
            return false;
        }
        let mut folders: Vec<&Path> = candidate
            .ancestors()
            .skip(1)
            .take_while(|a| a.starts_with(&self.root))
            .collect();
        folders.reverse();
        let mut ignored = false;
        let Ok(mut cache) = self.gitignores.lock() else {
            return false;
        };
        for folder in folders {
            let matcher = cache
                .entry(folder.to_path_buf())
                .or_insert_with(|| read_gitignore(folder));
            if let Some(m) = matcher {
                let verdict = m.matched_path_or_any_parents(candidate, false);
                if verdict.is_ignore() {
                    ignored = true;
                } else if verdict.is_whitelist() {
                    ignored = false;
                }
            }
        }
        ignored
    }
}

/// The project's files and folders by name (`run.py` to every path that
/// ends in it, relative to the root, in walk order), so that each question
/// about a name is a lookup, not a walk over the project: they are asked
/// again on every edit of an instruction that names a missing path.
#[derive(Default)]
struct Index {
    by_name: HashMap<OsString, Vec<(PathBuf, bool)>>,
    /// The files by name without their ending (`__helpers` to
    /// `test/__helpers.tsx`), for module paths written without one.
    by_stem: HashMap<OsString, Vec<PathBuf>>,
}

impl Index {
    /// The entries named `name`, and whether each is a folder.
    fn named(&self, name: &OsStr) -> &[(PathBuf, bool)] {
        self.by_name.get(name).map_or(&[], Vec::as_slice)
    }
}

/// The folders named by `path = …` lines of the `.gitmodules` at `root`.
fn read_submodule_paths(root: &Path) -> Vec<PathBuf> {
    let Ok(text) = std::fs::read_to_string(root.join(".gitmodules")) else {
        return Vec::new();
    };
    text.lines()
        .filter_map(|line| {
            let (key, value) = line.split_once('=')?;
            (key.trim() == "path").then(|| PathBuf::from(value.trim()))
        })
        .filter(|p| !p.as_os_str().is_empty())
        .collect()
}

/// A folder's `.gitignore`, if it has one that parses.
fn read_gitignore(folder: &Path) -> Option<Gitignore> {
    let path = folder.join(".gitignore");
    if !path.is_file() {
        return None;
    }
    let mut builder = GitignoreBuilder::new(folder);
    builder.add(&path);
    builder.build().ok()
}

/// `path` with `.` and `..` resolved lexically; `None` when `..` climbs
/// above its start.
fn normalize(path: &Path) -> Option<PathBuf> {
    let mut out = PathBuf::new();
    for c in path.components() {
        match c {
            Component::ParentDir => {
                if !out.pop() {
                    return None;
                }
            }
            Component::CurDir => {}
            other => out.push(other.as_os_str()),
        }
    }
    Some(out)
}

/// The entry of `dir` whose name is `name` but for ASCII case.
fn name_ignoring_case(dir: &Path, name: &OsStr) -> Option<OsString> {
    let name = name.to_str()?;
    std::fs::read_dir(dir)
        .ok()?
        .flatten()
        .map(|e| e.file_name())
        .find(|n| n.to_str().is_some_and(|n| n.eq_ignore_ascii_case(name)))
}

/// Pushes the names of a relative path's components onto a stack, the first
/// on top; `.` is dropped. `None` for a path that is not relative.
fn push_components(stack: &mut Vec<OsString>, path: &Path) -> Option<()> {
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
        let bases = self.bases(file);
        // Under a submodule's folder from any base, it may be there once
        // the submodules are checked out.
        let in_a_submodule = bases.iter().any(|base| {
            normalize(&base.join(reference)).is_some_and(|c| {
                c.strip_prefix(&self.root)
                    .is_ok_and(|r| self.in_a_submodule(r))
            })
        });
        if in_a_submodule {
            return None;
        }
        let mut answer = None;
        for base in bases {
            match self.lookup(&base.join(reference)) {
                Some(true) => return Some(true),
                Some(false) => answer = Some(false),
                None => {}
            }
        }
        answer
    }

    fn exists_beside(&self, file: &Path, reference: &str) -> Option<bool> {
        let reference = Path::new(reference);
        if reference.is_absolute() {
            return None;
        }
        let dir = std::path::absolute(file).ok()?.parent()?.to_path_buf();
        if !dir.starts_with(&self.root) {
            return None;
        }
        self.lookup(&dir.join(reference))
    }

    fn markdown_files_beside(&self, file: &Path) -> Option<usize> {
        let dir = std::path::absolute(file).ok()?.parent()?.to_path_buf();
        if !dir.starts_with(&self.root) {
            return None;
        }
        let entries = std::fs::read_dir(dir).ok()?;
        Some(
            entries
                .filter_map(Result::ok)
                .filter(|e| {
                    Path::new(&e.file_name())
                        .extension()
                        .is_some_and(|x| x.eq_ignore_ascii_case("md"))
                })
                .count(),
        )
    }

    fn copied_for_other_tools(&self, file: &Path) -> bool {
        let Some(rel) = self.relative_to_root(file) else {
            return false;
        };
        let mut parts = rel.components();
        let Some(tool) = parts.next().and_then(|c| c.as_os_str().to_str()) else {
            return false;
        };
        let rest = parts.as_path();
        if !tool.starts_with('.') || tool == "." || tool == ".." || rest.as_os_str().is_empty() {
            return false;
        }
        let Ok(own) = std::fs::read(self.root.join(&rel)) else {
            return false;
        };
        let Ok(entries) = std::fs::read_dir(&self.root) else {
            return false;
        };
        entries.flatten().any(|e| {
            let name = e.file_name();
            let other = name
                .to_str()
                .is_some_and(|n| n.starts_with('.') && n != tool);
            other
                && e.file_type().is_ok_and(|t| t.is_dir())
                && std::fs::read(self.root.join(&name).join(rest)).is_ok_and(|copy| copy == own)
        })
    }

    fn relative_to_root(&self, file: &Path) -> Option<PathBuf> {
        let file = std::path::absolute(file).ok()?;
        let file = file.canonicalize().unwrap_or(file);
        file.strip_prefix(&self.root).ok().map(Path::to_path_buf)
    }

    fn is_ignored(&self, file: &Path, reference: &str) -> bool {
        let reference = Path::new(reference);
        if reference.is_absolute() {
            return false;
        }
        self.bases(file)
            .iter()
            .filter_map(|base| normalize(&base.join(reference)))
            .any(|candidate| self.ignores(&candidate))
    }

    fn closest_file(&self, file: &Path, reference: &str) -> Option<PathBuf> {
        let wanted: Vec<&str> = reference
            .trim_start_matches("./")
            .split('/')
            .filter(|s| !s.is_empty() && *s != ".")
            .collect();
        let name = *wanted.last()?;
        if wanted.contains(&"..") {
            return None;
        }
        let score = |p: &Path| -> usize {
            let have: Vec<&str> = p.iter().filter_map(|c| c.to_str()).collect();
            let trailing = have
                .iter()
                .rev()
                .zip(wanted.iter().rev())
                .take_while(|(a, b)| a == b)
                .count();
            let leading = have
                .iter()
                .zip(wanted.iter())
                .take_while(|(a, b)| a == b)
                .count();
            trailing * 2 + leading.min(have.len() - trailing)
        };
        let mut best: Option<(usize, &PathBuf)> = None;
        let mut tied = false;
        let files = self.index().named(OsStr::new(name)).iter();
        for p in files.filter(|(_, is_dir)| !is_dir).map(|(p, _)| p) {
            let s = score(p);
            match best {
                Some((b, _)) if s < b => {}
                Some((b, _)) if s == b => tied = true,
                _ => {
                    best = Some((s, p));
                    tied = false;
                }
            }
        }
        let (s, p) = best?;
        // The file name alone is too little (`cli-commands.md` of another
        // skill for `.github/aw/cli-commands.md`); one shared folder
        // besides says which.
        if tied || s < 3 {
            return None;
        }
        let folder = std::path::absolute(file)
            .ok()
            .and_then(|f| f.parent().map(Path::to_path_buf))
            .and_then(|dir| dir.strip_prefix(&self.root).ok().map(Path::to_path_buf))
            .unwrap_or_default();
        Some(p.strip_prefix(&folder).unwrap_or(p).to_path_buf())
    }

    fn folders_holding(&self, before: &str, after: &str) -> usize {
        let before: Vec<&OsStr> = Path::new(before).iter().collect();
        let after: Vec<&OsStr> = Path::new(after).iter().collect();
        let Some(name) = after.last() else {
            return 0;
        };
        let mut folders: Vec<&OsStr> = self
            .index()
            .named(name)
            .iter()
            .filter_map(|(path, _)| {
                let parts: Vec<&OsStr> = path.iter().collect();
                let at = parts.len().checked_sub(after.len() + 1)?;
                (parts[at + 1..] == after[..] && parts[..at].ends_with(&before))
                    .then_some(parts[at])
            })
            .collect();
        folders.sort_unstable();
        folders.dedup();
        folders.len()
    }

    fn has_folder_named(&self, name: &str) -> Option<bool> {
        // Every folder on the way to an entry is an entry of its own.
        let named = self.index().named(OsStr::new(name));
        Some(named.iter().any(|(_, is_dir)| *is_dir))
    }

    fn find_suffix(&self, suffix: &str) -> Option<PathBuf> {
        let suffix = Path::new(suffix.trim_start_matches("./"));
        if suffix.is_absolute() || suffix.components().any(|c| c == Component::ParentDir) {
            return None;
        }
        let name = suffix.file_name()?;
        let index = self.index();
        let exact = index
            .named(name)
            .iter()
            .map(|(p, _)| p)
            .find(|p| p.ends_with(suffix));
        if exact.is_some() || suffix.extension().is_some() {
            return exact.cloned();
        }
        // A module path is written without the file's ending, as imports
        // name it (`./test/__helpers` for `test/__helpers.tsx`).
        index
            .by_stem
            .get(name)
            .into_iter()
            .flatten()
            .find(|p| p.with_extension("").ends_with(suffix))
            .cloned()
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
        assert_eq!(ws.has_folder_named("src"), Some(true));
        // A module path names a file without its ending.
        assert_eq!(ws.find_suffix("src/lib"), Some(PathBuf::from("src/lib.rs")));
        assert_eq!(ws.find_suffix("src/lib.ts"), None);
        // A stale path's likely file: its name, and as much of its folders;
        // the name alone is too little.
        assert_eq!(
            ws.closest_file(&file, "src/net/lib.rs"),
            Some(PathBuf::from("src/lib.rs"))
        );
        assert_eq!(
            ws.closest_file(&root.join("src/AGENTS.md"), "src/net/lib.rs"),
            Some(PathBuf::from("lib.rs"))
        );
        assert_eq!(ws.closest_file(&file, "lib/lib.rs"), None);
        assert_eq!(ws.closest_file(&file, "src/main.rs"), None);
        assert_eq!(ws.has_folder_named("kit"), Some(false));
        assert_eq!(ws.find_suffix("../secret"), None);
    }

    #[test]
    fn a_kit_installed_for_several_tools_is_a_copy() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().join("proj");
        let skill = "skills/behavioral-modes/SKILL.md";
        for tool in [".agent", ".codex"] {
            std::fs::create_dir_all(root.join(tool).join("skills/behavioral-modes")).unwrap();
            std::fs::write(
                root.join(tool).join(skill),
                "- Write complete, production-ready code\n",
            )
            .unwrap();
        }
        std::fs::create_dir_all(root.join(".claude")).unwrap();
        std::fs::write(root.join(".claude/CLAUDE.md"), "- Write clean code\n").unwrap();
        std::fs::create_dir_all(root.join(".cursor")).unwrap();
        std::fs::write(
            root.join(".cursor/CLAUDE.md"),
            "- Write clean code, always\n",
        )
        .unwrap();
        let ws = DiskWorkspace::new(&root).unwrap();
        assert!(ws.copied_for_other_tools(&root.join(".agent").join(skill)));
        // A file of the same name with other text is the project's own.
        assert!(!ws.copied_for_other_tools(&root.join(".claude/CLAUDE.md")));
        assert!(!ws.copied_for_other_tools(&root.join("AGENTS.md")));
    }

    #[test]
    fn what_a_missing_submodule_holds_is_unknown() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().join("proj");
        std::fs::create_dir_all(root.join("src")).unwrap();
        // Real nf-bids: libBIDS.sh is a submodule, empty in a checkout
        // without submodules.
        std::fs::write(
            root.join(".gitmodules"),
            "[submodule \"libBIDS.sh\"]\n\tpath = libBIDS.sh\n\turl = https://github.com/CoBrALab/libBIDS.sh.git\n",
        )
        .unwrap();
        let ws = DiskWorkspace::new(&root).unwrap();
        let file = root.join("AGENTS.md");
        assert_eq!(ws.reference_exists(&file, "libBIDS.sh/AGENTS.md"), None);
        let skill = root.join("src/SKILL.md");
        assert_eq!(ws.reference_exists(&skill, "libBIDS.sh/AGENTS.md"), None);
        assert_eq!(ws.reference_exists(&file, "src"), Some(true));
        assert_eq!(ws.reference_exists(&file, "src/AGENTS.md"), Some(false));
        assert_eq!(ws.reference_exists(&file, "libBIDS/AGENTS.md"), Some(false));
    }

    #[test]
    fn knows_what_the_project_keeps_out_of_version_control() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().join("proj");
        std::fs::create_dir_all(root.join("bench/compare")).unwrap();
        std::fs::write(root.join(".gitignore"), "data/\ndist/\ngroups/main/*\n").unwrap();
        std::fs::write(
            root.join("bench/.gitignore"),
            "compare/.results\n!keep.json\n",
        )
        .unwrap();
        let ws = DiskWorkspace::new(&root).unwrap();
        let file = root.join("AGENTS.md");
        assert!(ws.is_ignored(&file, "data/registered_groups.json"));
        assert!(ws.is_ignored(&file, "dist/index.js"));
        assert!(ws.is_ignored(&file, "groups/main/CLAUDE.md"));
        assert!(ws.is_ignored(&file, "bench/compare/.results/report.txt"));
        assert!(!ws.is_ignored(&file, "src/lib.rs"));
        assert!(!ws.is_ignored(&file, "groups/CLAUDE.md"));
        // Relative to the file's folder, and never above the root.
        assert!(ws.is_ignored(&root.join("bench/README.md"), "compare/.results/main.json"));
        assert!(!ws.is_ignored(&file, "../data/x.json"));
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
