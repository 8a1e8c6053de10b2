//! Where a file belongs: the configuration file that applies to it and the
//! project root its references resolve against.
//!
//! `handoff check`, the language server and the server's workspace check all
//! ask one [`Resolver`], so that a file is judged the same in the editor and
//! in CI: the same `handoff.toml` (the nearest in its folder or above) and
//! the same root for `broken-reference` (the nearest folder above it that
//! holds `.git` or a handoff configuration file). The editor's workspace
//! folders do not move the root; they only say where to create a
//! `handoff.toml` when there is none.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, PoisonError};

use crate::config::{CONFIG_FILE_NAMES, Config, ConfigError};
use crate::workspace::{DiskWorkspace, NoWorkspace, Workspace};

/// The project a file belongs to.
#[derive(Clone)]
pub struct Project {
    /// The nearest folder above the file that holds `.git` or a handoff
    /// configuration file; `None` outside any project.
    pub root: Option<PathBuf>,
    /// What references in the file resolve against: the files under the
    /// root, or nothing outside a project.
    pub workspace: Arc<dyn Workspace + Send + Sync>,
    /// Whether the file's folder is inside another project copied into this
    /// one (see [`crate::scope::is_a_copied_project`]) or inside a project
    /// template's content ([`crate::scope::is_a_project_template`]).
    pub copied: bool,
    /// The folders at the root that hold templates the project renders its
    /// own files from (see [`crate::scope::is_rendered_from_a_template`]).
    pub templates: Arc<Vec<PathBuf>>,
}

impl Project {
    /// Whether the file at `absolute` is someone else's text (a fixture,
    /// vendored, generated: `crate::scope`) by its path inside the project
    /// (outside a project, by the path as walked), or by the file beside it
    /// (a snapshot, a minified twin).
    /// The path of a file from the project's root, if it is inside one.
    fn inside<'p>(&self, absolute: &'p Path) -> Option<&'p Path> {
        self.root
            .as_deref()
            .and_then(|root| absolute.strip_prefix(root).ok())
    }

    /// The path of a file inside the project, from its root; the path as
    /// given when the file is outside any project.
    pub fn relative<'p>(&self, absolute: &'p Path) -> &'p Path {
        self.inside(absolute).unwrap_or(absolute)
    }

    pub fn foreign_path(&self, absolute: &Path, walked: &Path) -> bool {
        let inside = self.inside(absolute);
        let rel = inside.unwrap_or(walked);
        let rendered = || {
            inside.is_some_and(|inside| {
                crate::scope::is_rendered_from_a_template(&self.templates, inside)
            })
        };
        self.copied
            || crate::scope::foreign_path(rel).is_some()
            || rendered()
            || crate::scope::is_snapshot_input(absolute)
            || crate::scope::is_a_built_bundle(absolute)
    }
}

/// Finds, and remembers by folder, the configuration file and the project of
/// each file; reads each configuration file once for [`Resolver::config`].
#[derive(Default)]
pub struct Resolver {
    /// A fixed configuration (`--config`), used for every file.
    fixed: Option<Arc<Config>>,
    /// The defaults, for files without a configuration file: one value, so
    /// that they share one linter.
    defaults: std::sync::OnceLock<Arc<Config>>,
    /// By folder: the configuration file that applies there.
    config_files: Mutex<HashMap<PathBuf, Option<PathBuf>>>,
    /// By configuration file, as read.
    configs: Mutex<HashMap<PathBuf, Result<Arc<Config>, ConfigError>>>,
    /// By folder.
    projects: Mutex<HashMap<PathBuf, Project>>,
    /// By root: one workspace per project.
    workspaces: Mutex<HashMap<PathBuf, Arc<dyn Workspace + Send + Sync>>>,
    /// By root: its license, compared with those of the folders under it.
    licenses: Mutex<HashMap<PathBuf, Option<String>>>,
    /// By folder: whether it is the top of a copied project.
    copies: Mutex<HashMap<PathBuf, bool>>,
}

/// Locks a cache; a panic elsewhere leaves it usable (it only holds lookups).
fn lock<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    m.lock().unwrap_or_else(PoisonError::into_inner)
}

/// `file` made absolute, and its folder.
fn folder_of(file: &Path) -> PathBuf {
    let abs = std::path::absolute(file).unwrap_or_else(|_| file.to_path_buf());
    abs.parent().map_or(abs.clone(), Path::to_path_buf)
}

impl Resolver {
    /// A resolver that finds each file's configuration, or that uses `fixed`
    /// (`--config`) for every file.
    pub fn new(fixed: Option<Config>) -> Self {
        Resolver {
            fixed: fixed.map(Arc::new),
            ..Resolver::default()
        }
    }

    /// The configuration file for `file`: the nearest `handoff.toml` or
    /// `.handoff.toml` in its folder or above (not `--config`).
    pub fn config_file(&self, file: &Path) -> Option<PathBuf> {
        let dir = folder_of(file);
        if let Some(found) = lock(&self.config_files).get(&dir) {
            return found.clone();
        }
        let found = find_config_file(&dir);
        lock(&self.config_files).insert(dir, found.clone());
        found
    }

    /// The configuration for `file`, each file read once: `--config` when
    /// given, else its configuration file, else the defaults.
    pub fn config(&self, file: &Path) -> Result<Arc<Config>, ConfigError> {
        if let Some(fixed) = &self.fixed {
            return Ok(fixed.clone());
        }
        let Some(path) = self.config_file(file) else {
            return Ok(self.defaults.get_or_init(Arc::default).clone());
        };
        if let Some(found) = lock(&self.configs).get(&path) {
            return found.clone();
        }
        let found = Config::load(&path).map(Arc::new);
        lock(&self.configs).insert(path, found.clone());
        found
    }

    /// The project `file` belongs to.
    pub fn project(&self, file: &Path) -> Project {
        let dir = folder_of(file);
        if let Some(project) = lock(&self.projects).get(&dir) {
            return project.clone();
        }
        let root = root_above(&dir);
        let workspace: Arc<dyn Workspace + Send + Sync> = match &root {
            None => Arc::new(NoWorkspace),
            Some(root) => lock(&self.workspaces)
                .entry(root.clone())
                .or_insert_with(|| match DiskWorkspace::new(root) {
                    Some(ws) => Arc::new(ws),
                    None => Arc::new(NoWorkspace),
                })
                .clone(),
        };
        let copied = root
            .as_deref()
            .is_some_and(|root| self.in_a_copied_project(&dir, root));
        let templates = Arc::new(
            root.as_deref()
                .map(crate::scope::template_dirs)
                .unwrap_or_default(),
        );
        let project = Project {
            root,
            workspace,
            copied,
            templates,
        };
        lock(&self.projects).insert(dir, project.clone());
        project
    }

    /// Whether `dir`, under `root`, is inside another project copied into
    /// it, or inside the content of a project template; each folder is
    /// looked at once.
    fn in_a_copied_project(&self, dir: &Path, root: &Path) -> bool {
        let license = lock(&self.licenses)
            .entry(root.to_path_buf())
            .or_insert_with(|| crate::scope::license_of(root))
            .clone();
        dir.ancestors().take_while(|d| *d != root).any(|d| {
            if let Some(&known) = lock(&self.copies).get(d) {
                return known;
            }
            let copied = crate::scope::is_a_project_template(d)
                || crate::scope::is_a_reference_copy(d)
                || crate::scope::is_an_unpacked_release(d)
                || crate::scope::is_a_crates_native_bundle(d)
                || crate::scope::is_a_copied_project(d, license.as_deref());
            lock(&self.copies).insert(d.to_path_buf(), copied);
            copied
        })
    }

    /// Files appeared or vanished: every lookup is made again. (The
    /// configurations [`Resolver::config`] read stay: `handoff check` reads
    /// each once; the server reads its own.)
    pub fn forget(&self) {
        lock(&self.config_files).clear();
        lock(&self.projects).clear();
        lock(&self.workspaces).clear();
        lock(&self.licenses).clear();
        lock(&self.copies).clear();
    }
}

/// Whether `path` is named as a handoff configuration file is.
pub fn is_config_file(path: &Path) -> bool {
    path.file_name()
        .and_then(|n| n.to_str())
        .is_some_and(|n| CONFIG_FILE_NAMES.contains(&n))
}

/// The nearest configuration file in `dir` or a folder above it.
pub fn find_config_file(dir: &Path) -> Option<PathBuf> {
    let start = std::path::absolute(dir).unwrap_or_else(|_| dir.to_path_buf());
    start.ancestors().find_map(|d| {
        CONFIG_FILE_NAMES
            .iter()
            .map(|n| d.join(n))
            .find(|p| p.is_file())
    })
}

/// The project root for files in `dir`: `dir` or the nearest folder above it
/// that holds `.git` or a handoff configuration file.
fn root_above(dir: &Path) -> Option<PathBuf> {
    dir.ancestors()
        .find(|d| d.join(".git").exists() || CONFIG_FILE_NAMES.iter().any(|n| d.join(n).is_file()))
        .map(Path::to_path_buf)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_nearest_configuration_and_root_apply() {
        let dir = tempfile::tempdir().unwrap();
        let top = dir.path().canonicalize().unwrap();
        std::fs::create_dir_all(top.join(".git")).unwrap();
        std::fs::create_dir_all(top.join("pkg/src")).unwrap();
        std::fs::create_dir_all(top.join("docs")).unwrap();
        std::fs::write(top.join("pkg/.handoff.toml"), "markers = [\"TODO\"]\n").unwrap();
        let r = Resolver::new(None);

        let in_pkg = top.join("pkg/src/lib.rs");
        assert_eq!(r.config_file(&in_pkg), Some(top.join("pkg/.handoff.toml")));
        assert_eq!(r.config(&in_pkg).unwrap().markers, vec!["TODO"]);
        assert_eq!(r.project(&in_pkg).root, Some(top.join("pkg")));

        let in_docs = top.join("docs/TODO.md");
        assert_eq!(r.config_file(&in_docs), None);
        assert_eq!(r.project(&in_docs).root, Some(top.clone()));
        assert!(
            r.project(&in_docs)
                .workspace
                .reference_exists(&in_docs, "pkg/src")
                .unwrap()
        );

        // Lookups are remembered until forgotten.
        std::fs::write(top.join("docs/handoff.toml"), "").unwrap();
        assert_eq!(r.config_file(&in_docs), None);
        r.forget();
        assert_eq!(r.config_file(&in_docs), Some(top.join("docs/handoff.toml")));
        assert_eq!(r.project(&in_docs).root, Some(top.join("docs")));
    }

    #[test]
    fn a_library_copied_in_with_its_own_license_is_not_the_projects() {
        let dir = tempfile::tempdir().unwrap();
        let top = dir.path().canonicalize().unwrap();
        let write = |rel: &str, text: &str| {
            let path = top.join(rel);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(path, text).unwrap();
        };
        std::fs::create_dir_all(top.join(".git")).unwrap();
        write(
            "LICENSE",
            "GNU GENERAL PUBLIC LICENSE\nVersion 2, June 1991\n",
        );
        // Real MRVN-Radiant: assimp in `libs/`, under its own license.
        write(
            "libs/assimp/LICENSE",
            "Copyright (c) 2006-2021, assimp team\nBSD\n",
        );
        write("libs/assimp/CMakeLists.txt", "");
        write("libs/assimp/code/Loader.cpp", "// TODO\n");
        // Real OLMo: AutoGPTQ under `dependencies/`, under its own license.
        write(
            "inference/dependencies/AutoGPTQ/LICENSE",
            "MIT License\nCopyright (c) 2023 AutoGPTQ\n",
        );
        write("inference/dependencies/AutoGPTQ/setup.py", "");
        write(
            "inference/dependencies/AutoGPTQ/tests/test_q4.py",
            "# TODO\n",
        );
        // Real stable-retro: mGBA and Genesis Plus GX under `cores/`.
        write("cores/gba/LICENSE", "Mozilla Public License Version 2.0\n");
        write("cores/gba/CMakeLists.txt", "");
        write("cores/gba/src/gb/mbc.c", "// TODO\n");
        write("cores/genesis/LICENSE.txt", "Genesis Plus GX license\n");
        write("cores/genesis/Makefile.libretro", "");
        write("cores/genesis/core/vdp.c", "// TODO\n");
        // snes9x keeps its license in `docs/`.
        write("cores/snes/docs/snes9x-license.txt", "Snes9x license\n");
        write("cores/snes/libretro/Makefile.common", "");
        write("cores/snes/ppu.cpp", "// FIXME\n");
        // A core with docs but no license anywhere is not judged.
        write("cores/nes/docs/controls.txt", "A, B\n");
        write("cores/nes/Makefile.common", "");
        write("cores/nes/ppu.cpp", "// FIXME\n");
        // Real scipy: UNU.RAN as a Meson subproject; a project's own code
        // in `subprojects/` has no license of its own.
        write(
            "subprojects/unuran/license.txt",
            "GNU GENERAL PUBLIC LICENSE\nUNU.RAN\n",
        );
        write("subprojects/unuran/meson.build", "");
        write("subprojects/unuran/unuran/src/tdr.c", "/** TODO **/\n");
        write("subprojects/orthogroups/meson.build", "");
        write("subprojects/orthogroups/run.py", "# TODO\n");
        // The project's own library, under the project's license (another year).
        write(
            "libs/gtkutil/LICENSE",
            "GNU GENERAL PUBLIC LICENSE\nVersion 2, June 1992\n",
        );
        write("libs/gtkutil/CMakeLists.txt", "");
        write("libs/gtkutil/widget.h", "/* TODO */\n");
        // A monorepo's package with its own copyright line is the project's.
        write(
            "packages/sdk/LICENSE",
            "Copyright (c) 2024 Sideguide\nMIT\n",
        );
        write("packages/sdk/package.json", "{}");
        write("packages/sdk/index.ts", "// TODO\n");
        // Real rspace-web (round 77): a library dropped in as its files,
        // with its README and another license; a folder of the project's
        // own with a README and the project's license is the project's.
        write(
            "src/main/webapp/scripts/handsontable-ruleJS/LICENSE",
            "The MIT License (MIT)\nCopyright (c) 2015 handsontable\n",
        );
        write(
            "src/main/webapp/scripts/handsontable-ruleJS/README.md",
            "# ruleJS\n",
        );
        write(
            "src/main/webapp/scripts/handsontable-ruleJS/lib/formulajs/formula.js",
            "//TODO\n",
        );
        write(
            "tools/linter/LICENSE",
            "GNU GENERAL PUBLIC LICENSE\nVersion 2, June 1991\n",
        );
        write("tools/linter/README.md", "# linter\n");
        write("tools/linter/run.py", "# TODO\n");
        // Real svvy (round 88): projects copied in to read from, each with
        // its own AGENTS.md; a skill's `references/` is its own.
        write(
            "docs/references/pi-mono/LICENSE",
            "MIT License\nCopyright (c) 2025 Mario Zechner\n",
        );
        write("docs/references/pi-mono/package.json", "{}");
        write(
            "docs/references/pi-mono/AGENTS.md",
            "- Read `packages/ai/src/x.ts` first\n",
        );
        write(".claude/skills/deploy/references/steps.md", "- [ ] TODO\n");
        let r = Resolver::new(None);
        let foreign = |rel: &str| {
            let path = top.join(rel);
            r.project(&path).foreign_path(&path, &path)
        };
        assert!(foreign("libs/assimp/code/Loader.cpp"));
        assert!(foreign("inference/dependencies/AutoGPTQ/tests/test_q4.py"));
        assert!(foreign("cores/gba/src/gb/mbc.c"));
        assert!(foreign("cores/genesis/core/vdp.c"));
        assert!(foreign("cores/snes/ppu.cpp"));
        assert!(!foreign("cores/nes/ppu.cpp"));
        assert!(foreign("subprojects/unuran/unuran/src/tdr.c"));
        assert!(!foreign("subprojects/orthogroups/run.py"));
        assert!(!foreign("libs/gtkutil/widget.h"));
        assert!(!foreign("packages/sdk/index.ts"));
        assert!(foreign(
            "src/main/webapp/scripts/handsontable-ruleJS/lib/formulajs/formula.js"
        ));
        assert!(!foreign("tools/linter/run.py"));
        assert!(foreign("docs/references/pi-mono/AGENTS.md"));
        assert!(!foreign(".claude/skills/deploy/references/steps.md"));
        // Without a license of its own the project says nothing of whose
        // its folders are.
        std::fs::remove_file(top.join("LICENSE")).unwrap();
        r.forget();
        assert!(!foreign("libs/assimp/code/Loader.cpp"));
        assert!(!foreign("packages/sdk/index.ts"));
        // But a library dropped in with its README and license is another's
        // (real jbDE, round 90: miniz beside tinyEXR); a folder with a
        // README and no license is the project's.
        write(
            "src/utils/imageLibs/tinyEXR/miniz/LICENSE",
            "Copyright 2013-2014 RAD Game Tools and Valve Software\nMIT\n",
        );
        write("src/utils/imageLibs/tinyEXR/miniz/readme.md", "## Miniz\n");
        write("src/utils/imageLibs/tinyEXR/miniz/miniz.h", "/* TODO */\n");
        write("src/engine/README.md", "# Engine\n");
        write("src/engine/texture.h", "// TODO\n");
        r.forget();
        assert!(foreign("src/utils/imageLibs/tinyEXR/miniz/miniz.h"));
        assert!(!foreign("src/engine/texture.h"));
        // A project kept to read from is another's all the same, and so is
        // a release unpacked with its build and license (real jbDE, round
        // 90); a versioned folder of the project's own, without them, is
        // not.
        assert!(foreign("docs/references/pi-mono/AGENTS.md"));
        write(
            "src/utils/fftw-3.3.10/COPYING",
            "GNU GENERAL PUBLIC LICENSE\n",
        );
        write("src/utils/fftw-3.3.10/configure", "");
        write("src/utils/fftw-3.3.10/libbench2/zero.c", "/* TODO */\n");
        write("docs/api-2.1/notes.md", "- [ ] TODO\n");
        r.forget();
        assert!(foreign("src/utils/fftw-3.3.10/libbench2/zero.c"));
        assert!(!foreign("docs/api-2.1/notes.md"));
        // Real oxbow (round 94): C libraries a crate's build script
        // compiles, beside its `src/`; the crate's own files are its own.
        write(
            "servers/quickjs/Cargo.toml",
            "[package]\nname = \"quickjs\"\n",
        );
        write("servers/quickjs/build.rs", "fn main() {}\n");
        write("servers/quickjs/qjs/quickjs.c", "/* TODO */\n");
        write("servers/quickjs/src/lib.rs", "// TODO\n");
        write(
            "servers/micropython/Cargo.toml",
            "[package]\nname = \"mp\"\n",
        );
        write("servers/micropython/build.rs", "fn main() {}\n");
        write("servers/micropython/mp/py/stream.c", "// TODO\n");
        write("servers/micropython/port/notes.md", "- [ ] TODO\n");
        write("servers/plain/Cargo.toml", "[package]\nname = \"plain\"\n");
        write("servers/plain/csrc/shim.c", "// TODO\n");
        r.forget();
        assert!(foreign("servers/quickjs/qjs/quickjs.c"));
        assert!(foreign("servers/micropython/mp/py/stream.c"));
        assert!(!foreign("servers/quickjs/src/lib.rs"));
        assert!(!foreign("servers/micropython/port/notes.md"));
        assert!(!foreign("servers/plain/csrc/shim.c"));
        // Real LederWorks/myrepos (round 95): instructions its generator
        // renders from the templates at the top; another without a
        // template is the project's own.
        write(
            "templates/.github/instructions/aws.instructions.md.j2",
            "- Follow {{ tool }} best practices\n",
        );
        write(
            ".github/instructions/aws.instructions.md",
            "- Follow CDK best practices\n",
        );
        write(
            ".github/instructions/go.instructions.md",
            "- Follow Go best practices\n",
        );
        r.forget();
        assert!(foreign(".github/instructions/aws.instructions.md"));
        assert!(!foreign(".github/instructions/go.instructions.md"));
        // Real CoreEx: a `dotnet new` template's content, with AGENTS.md
        // files for the projects it makes (and the docs they will have).
        write(
            "src/CoreEx.Template/content/CoreEx.Api/.template.config/template.json",
            "{}",
        );
        write(
            "src/CoreEx.Template/content/CoreEx.Api/src/app-name.Api/AGENTS.md",
            "Read `.github/docs/coreex/layers.md` first.\n",
        );
        write("src/CoreEx.Template/README.md", "- [ ] Add a template\n");
        r.forget();
        assert!(foreign(
            "src/CoreEx.Template/content/CoreEx.Api/src/app-name.Api/AGENTS.md"
        ));
        assert!(!foreign("src/CoreEx.Template/README.md"));
    }

    #[test]
    fn a_fixed_configuration_applies_everywhere() {
        let fixed = Config::parse("markers = [\"XXX\"]\n", Path::new("/p/h.toml")).unwrap();
        let r = Resolver::new(Some(fixed));
        assert_eq!(r.config(Path::new("/a/b.rs")).unwrap().markers, vec!["XXX"]);
    }

    #[test]
    fn relative_paths_resolve_from_the_current_folder() {
        let r = Resolver::new(None);
        assert_eq!(
            r.config_file(Path::new("a.md")),
            r.config_file(&std::env::current_dir().unwrap().join("a.md"))
        );
    }
}
