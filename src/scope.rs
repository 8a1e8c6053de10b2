//! What is the user's own text, and so linted by default.
//!
//! A project holds text its maintainers did not write as instructions: test
//! fixtures and snapshots (a Markdown parser's test input full of `- [ ] foo`),
//! vendored and third-party code (someone else's `TODO`s), and generated
//! files. Findings there cannot be acted on, so they are not reported unless
//! the configuration says `default-exclude = false`. A file named on the
//! command line is checked whatever its path.
//!
//! Paths are judged relative to the project root (the folder with `.git` or
//! `handoff.toml`), so a checkout that itself lives under a folder called
//! `vendor` is not skipped whole. Another project copied in elsewhere (a
//! library under `libs/`) is known by its own build manifest and license.

use std::path::{Component, Path, PathBuf};
use std::sync::LazyLock;

use regex::Regex;

/// Why a file is not the user's own text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Foreign {
    /// Input or expected output of tests.
    Fixture,
    /// Someone else's code, copied or installed into the project.
    Vendored,
    /// Written by a tool (it says so in its first lines, or is minified).
    Generated,
    /// A form for contributors to fill in (a pull request or issue
    /// template): its checkboxes are questions, not delegations. Or a
    /// document template (`templates/planning/bootstrap.md`): written for
    /// other projects, generic on purpose ("a test runner appropriate to
    /// the stack").
    Template,
    /// Course material: code left unfinished on purpose for learners.
    Exercise,
    /// A record of past work (`docs/archive/`, `archived/`, `old/`): its open items
    /// and the paths it names are as they were when it was filed, and
    /// nobody works from it.
    Archive,
}

impl Foreign {
    pub fn as_str(self) -> &'static str {
        match self {
            Foreign::Fixture => "a test fixture",
            Foreign::Vendored => "vendored code",
            Foreign::Generated => "a generated file",
            Foreign::Template => "a template (a form, or a document for other projects)",
            Foreign::Exercise => "an exercise (code left unfinished on purpose, for learners)",
            Foreign::Archive => "an archive (a record of past work)",
        }
    }
}

/// Folders whose contents are test input or expected output, wherever they
/// are.
const FIXTURE_DIRS: &[&str] = &[
    "fixtures",
    "fixture",
    "__fixtures__",
    "test-fixtures",
    "test_fixtures",
    "testdata",
    "test-data",
    "test_data",
    "snapshots",
    "__snapshots__",
    "golden",
    "goldens",
];

/// Folders that hold tests.
const TEST_DIRS: &[&str] = &["test", "tests", "__tests__", "testing", "spec", "specs"];

/// Folders that, inside a test folder, hold the tests' data rather than
/// their code (`tests/specs/`, `tests/format/`, `tests/assets/`).
const TEST_DATA_DIRS: &[&str] = &[
    "assets",
    "data",
    "specs",
    "spec",
    "cases",
    "inputs",
    "input",
    "samples",
    "resources",
    "format",
    "corpus",
    "baselines",
    "expected",
    "reference",
    "ecosystem",
    "projects",
];

/// Whether a folder's name says it holds a test's data, as "test" and a
/// word for data (cppparser's `test/e2e/test_input/` and the expected
/// output in `test_master/`, `test_data/`, `test-golden/`).
fn names_test_data(dir: &str) -> bool {
    let mut parts = dir.split(['_', '-']);
    matches!(parts.next(), Some("test" | "tests"))
        && parts.any(|p| {
            TEST_DATA_DIRS.contains(&p) || matches!(p, "master" | "golden" | "output" | "outputs")
        })
}

/// Folders of code that other projects wrote.
const VENDOR_DIRS: &[&str] = &[
    "vendor",
    "vendored",
    // pip's and setuptools' copies of their dependencies.
    "_vendor",
    "_vendored",
    "third_party",
    "third-party",
    "thirdparty",
    "3rdparty",
    // Astropy's and its affiliated packages' trimmed copies of C libraries
    // (`cextern/expat/`, `cextern/wcslib/`).
    "cextern",
    "deps",
    "node_modules",
    "bower_components",
    "site-packages",
    "__pypackages__",
    ".venv",
    ".tox",
    // A web root's files, served as they are without the build: copies of
    // libraries (`public/444studio/lame.js`) and of documents (a skills
    // catalog's `public/claude/skills/*/SKILL.md` downloads).
    "public",
];

/// Whether a folder (lower case) holds code other projects wrote: one of
/// [`VENDOR_DIRS`], or one named for what it vendors after a vendoring
/// word (difftastic's `vendored_parsers/`, `third_party-libs/`). Not
/// `vendor-`: `packages/vendor-api/` serves a shop's vendors.
fn is_a_vendor_dir(dir: &str) -> bool {
    VENDOR_DIRS.contains(&dir)
        || ["vendored", "third_party", "third-party"]
            .iter()
            .any(|word| {
                dir.strip_prefix(word)
                    .is_some_and(|rest| rest.starts_with(['_', '-']) && rest.len() > 1)
            })
        // "thirdparty" says it whatever follows: bullet3's
        // `examples/ThirdPartyLibs/Gwen/`.
        || ["thirdparty", "3rdparty"]
            .iter()
            .any(|word| dir.starts_with(word))
}

/// Whether `dirs` (lower case) put a C or C++ file in the bundled sources
/// of a Rust `-sys` crate: a folder beside its `src/`
/// (`mdbx-sys/libmdbx/mdbx.c`, `zstd-sys-2.1.3/zstd/lib/…`), the library
/// the crate builds, written by its own project.
fn in_a_sys_crates_bundle(dirs: &[String], name: &str) -> bool {
    const NATIVE: &[&str] = &[
        "c", "h", "cc", "cpp", "cxx", "c++", "hpp", "hh", "hxx", "inc",
    ];
    let native = name
        .rsplit_once('.')
        .is_some_and(|(_, ext)| NATIVE.contains(&ext));
    native
        && dirs.windows(2).any(|pair| {
            let crate_dir = pair[0].as_str();
            let is_sys = crate_dir.ends_with("-sys")
                || crate_dir
                    .split_once("-sys-")
                    .is_some_and(|(_, version)| version.starts_with(|c: char| c.is_ascii_digit()));
            is_sys && pair[1] != "src"
        })
}

/// Whether `dirs` (lower case) put a file in what a library's install
/// step wrote: the headers, libraries and data under an install prefix
/// (tml's `src/llvm-install/include/llvm/…`, LLVM's headers installed
/// into the tree to build against), another project's files however they
/// were copied. Only a folder named as a prefix (`install`,
/// `llvm-install`, `deps_install`) over `include/`, `lib/` or `share/`:
/// a project's own `install/` scripts are its own.
fn in_an_install_prefix(dirs: &[String]) -> bool {
    dirs.windows(2).any(|pair| {
        let prefix = pair[0].as_str();
        let named_a_prefix = prefix == "install"
            || prefix
                .strip_suffix("install")
                .is_some_and(|rest| rest.len() > 1 && rest.ends_with(['-', '_']));
        named_a_prefix && matches!(pair[1].as_str(), "include" | "lib" | "lib64" | "share")
    })
}

/// Folders of records of past work (mockforge's
/// `docs/archive/status-reviews/CODE_REVIEW_TODOS.md`).
const ARCHIVE_DIRS: &[&str] = &[
    "archive",
    "archives",
    "archived",
    "_archive",
    ".archive",
    "_archived",
    ".archived",
    // MRVN-Radiant's `old/TODO.md`, moved there with the retired Makefile;
    // customwm's `.old/`, the implementation the current one replaced.
    "old",
    ".old",
    "_old",
];

/// File name endings of tool output.
const GENERATED_SUFFIXES: &[&str] = &[
    ".min.js",
    ".min.css",
    ".bundle.js",
    ".pb.go",
    "_pb2.py",
    ".g.dart",
    ".designer.cs",
    ".generated.ts",
    // TypeScript declarations: emitted by `tsc` or copied from
    // DefinitelyTyped; their doc stubs are not the project's notes.
    ".d.ts",
    ".snap",
];

/// Whether the file at `rel` (relative to the project root) is someone
/// else's text by where it is.
pub fn foreign_path(rel: &Path) -> Option<Foreign> {
    let dirs: Vec<String> = rel
        .parent()
        .into_iter()
        .flat_map(Path::components)
        .filter_map(|c| match c {
            Component::Normal(s) => s.to_str().map(str::to_ascii_lowercase),
            _ => None,
        })
        .collect();
    let name = rel.file_name()?.to_str()?.to_ascii_lowercase();
    if dirs.iter().any(|d| is_a_vendor_dir(d))
        || in_a_sys_crates_bundle(&dirs, &name)
        || in_an_install_prefix(&dirs)
    {
        return Some(Foreign::Vendored);
    }
    if dirs.iter().any(|d| FIXTURE_DIRS.contains(&d.as_str())) {
        return Some(Foreign::Fixture);
    }
    // A document kept as a snapshot of itself (an agent skill copied into
    // `skill-snapshot-v2.4.0/` beside the benchmark run it was measured
    // in): a record, whose links pointed next to the original. Code in a
    // folder so named (`db_snapshot/`) is the project's own.
    let a_snapshot = |d: &String| {
        d.contains(['-', '_'])
            && d.split(['-', '_', '.'])
                .any(|w| w == "snapshot" || w == "snapshots")
    };
    let markdown = name.ends_with(".md") || name.ends_with(".mdc");
    if markdown && dirs.iter().any(a_snapshot) {
        return Some(Foreign::Fixture);
    }
    if let Some(t) = dirs.iter().position(|d| TEST_DIRS.contains(&d.as_str()))
        && dirs[t + 1..]
            .iter()
            .any(|d| TEST_DATA_DIRS.contains(&d.as_str()) || names_test_data(d))
    {
        return Some(Foreign::Fixture);
    }
    // GitHub's `.github/ISSUE_TEMPLATE/` and GitLab's
    // `.gitlab/merge_request_templates/` (ecloud's, round 110).
    let template = name.starts_with("pull_request_template")
        || name.starts_with("issue_template")
        || dirs.iter().any(|d| {
            matches!(
                d.as_str(),
                "issue_template"
                    | "pull_request_template"
                    | "issue_templates"
                    | "merge_request_templates"
            )
        });
    // A Markdown document in a `templates/` folder, or named a template
    // (`prd-template.md`, `findings/_template.md`, whose `- [ ] ...` are
    // slots to fill in), is a template; code and HTML there (a web app's
    // page templates) is the project's own, and so is an agent's rule
    // about a template (`.cursor/rules/project-template-fastapi-app.mdc`).
    let named_a_template = name.ends_with(".md")
        && !name.ends_with(".instructions.md")
        && !name.ends_with(".prompt.md")
        && name.split(['-', '_', '.']).any(|w| w == "template");
    let document_template =
        markdown && (dirs.iter().any(|d| d == "templates" || d == "template") || named_a_template);
    if template || document_template {
        return Some(Foreign::Template);
    }
    if GENERATED_SUFFIXES.iter().any(|s| name.ends_with(s)) {
        return Some(Foreign::Generated);
    }
    // A script or style named as a release of a library
    // (`js/lib/fullcalendar-6.1.18.js`, `jquery-3.7.1.js`): a copy of it,
    // whatever folder it was dropped in.
    if RELEASE_FILE.is_match(&name) {
        return Some(Foreign::Vendored);
    }
    // Scripts and styles in a `dist/` folder are a build's output (SheetJS's
    // `dist/xlsx.extendscript.js`, the sources concatenated; a GitHub
    // Action's `dist/index.js`); the notes in them are the sources'.
    let built = [".js", ".cjs", ".mjs", ".css"]
        .iter()
        .any(|s| name.ends_with(s));
    if built && dirs.iter().any(|d| d == "dist") {
        return Some(Foreign::Generated);
    }
    // Course material (rustlings' `exercises/19_smart_pointers/`): its
    // `// TODO`s mark where a learner is to write, terse on purpose.
    if dirs.iter().any(|d| d == "exercises") {
        return Some(Foreign::Exercise);
    }
    if dirs
        .iter()
        .any(|d| ARCHIVE_DIRS.contains(&d.as_str()) || opens_with(d, &["archive", "archived"]))
    {
        return Some(Foreign::Archive);
    }
    // A Markdown document in a `history/` folder records what was done:
    // Spec-Kit Plus keeps every prompt an agent ran, with its response, as
    // `history/prompts/<feature>/0001-<title>.spec.prompt.md`. Code there (a
    // browser's `src/history/`) is the project's own.
    if dirs.iter().any(|d| d == "history") && (name.ends_with(".md") || name.ends_with(".mdc")) {
        return Some(Foreign::Archive);
    }
    // A document kept under `legacy/` (KEKTECH's
    // `legacy/monorepo-root/root-files/CLAUDE.md`) describes the project as
    // it was; code there may still run.
    // Markdown in a folder whose name has "archive" among its words
    // (kibray's `docs_archive/analysis_reports/`) is kept for the record
    // too; code there may be a module that handles archives.
    let markdown_name = name.ends_with(".md") || name.ends_with(".mdc");
    if markdown_name
        && dirs.iter().any(|d| {
            d.split(['-', '_', '.'])
                .any(|w| w == "archive" || w == "archived" || w == "archives")
        })
    {
        return Some(Foreign::Archive);
    }
    if dirs
        .iter()
        .any(|d| d == "legacy" || opens_with(d, &["legacy", "deprecated"]))
        && markdown_name
    {
        return Some(Foreign::Archive);
    }
    if is_a_kept_copy(&name) {
        return Some(Foreign::Archive);
    }
    None
}

/// Whether a folder's name opens with one of `words` before a dash, an
/// underscore or a dot (aishacrm's `docs/.archive-v1-deprecated/`,
/// `legacy-docs/`, `archive_2023/`); not a word that only starts with it
/// (`archiver/`).
fn opens_with(dir: &str, words: &[&str]) -> bool {
    let name = dir.trim_start_matches(['.', '_']);
    let mut parts = name.split(['-', '_', '.']);
    let first = parts.next().unwrap_or("");
    parts.next().is_some() && words.contains(&first)
}

/// Words that, at either end of a Markdown document's name, say it is the
/// copy kept when another replaced it: Spec Kit's `tasks-old.md` beside
/// the `tasks.md` that superseded it, `README.backup.md`, `old-plan.md`.
const KEPT_COPY_WORDS: &[&str] = &[
    "old",
    "backup",
    "bak",
    "orig",
    "superseded",
    "deprecated",
    "obsolete",
];

/// Whether a Markdown document's name (lower case) marks it as a kept
/// copy. Code is not judged by its name: `old_api.rs` may still run.
fn is_a_kept_copy(name: &str) -> bool {
    let Some(stem) = name
        .strip_suffix(".md")
        .or_else(|| name.strip_suffix(".mdc"))
    else {
        return false;
    };
    let mut words = stem.split(['-', '_', '.', ' ']).filter(|w| !w.is_empty());
    let first = words.next();
    let last = words.next_back();
    last.is_some()
        && (first.is_some_and(|w| KEPT_COPY_WORDS.contains(&w))
            || last.is_some_and(|w| KEPT_COPY_WORDS.contains(&w)))
}

/// License files a project keeps at its top.
const LICENSE_FILES: &[&str] = &[
    "LICENSE",
    "LICENSE.txt",
    "LICENSE.md",
    "LICENCE",
    "LICENCE.txt",
    "COPYING",
    "COPYING.txt",
    // scipy's copy of UNU.RAN.
    "license.txt",
    "license.md",
];

/// Whether `dir` holds a license file at its top.
fn has_a_license_file(dir: &Path) -> bool {
    LICENSE_FILES.iter().any(|l| dir.join(l).is_file())
}

/// Build manifests: a folder with one is built as a project of its own.
const MANIFESTS: &[&str] = &[
    "CMakeLists.txt",
    "Makefile",
    "configure",
    "meson.build",
    "setup.py",
    "pyproject.toml",
    "package.json",
    "Cargo.toml",
    "go.mod",
    "pom.xml",
    "build.gradle",
];

/// How much of a license file is compared.
const LICENSE_BYTES: u64 = 64 * 1024;

/// The license text of the project whose top is `dir`, for comparing:
/// lower case, without years and spacing. `None` when it has no license
/// file, at its top or in its `docs/` (snes9x keeps
/// `docs/snes9x-license.txt`).
pub fn license_of(dir: &Path) -> Option<String> {
    use std::io::Read;
    let path = LICENSE_FILES
        .iter()
        .map(|name| dir.join(name))
        .find(|p| p.is_file())
        .or_else(|| license_in_docs(dir))?;
    let mut bytes = Vec::new();
    std::fs::File::open(path)
        .ok()?
        .take(LICENSE_BYTES)
        .read_to_end(&mut bytes)
        .ok()?;
    Some(
        String::from_utf8_lossy(&bytes)
            .chars()
            .filter(|c| !c.is_ascii_digit() && !c.is_whitespace())
            .flat_map(char::to_lowercase)
            .collect(),
    )
}

/// A license file in `dir`'s `docs/` folder: one whose name says so
/// (`snes9x-license.txt`, `COPYING`), the first by name.
fn license_in_docs(dir: &Path) -> Option<std::path::PathBuf> {
    let mut found: Vec<_> = std::fs::read_dir(dir.join("docs"))
        .ok()?
        .flatten()
        .map(|e| e.path())
        .filter(|p| {
            p.file_name()
                .and_then(|n| n.to_str())
                .map(str::to_ascii_lowercase)
                .is_some_and(|n| {
                    n.contains("license") || n.contains("licence") || n.starts_with("copying")
                })
                && p.is_file()
        })
        .collect();
    found.sort();
    found.into_iter().next()
}

/// Folders that hold libraries a project builds with; a library there that
/// is licensed on its own is a copy of another project.
const LIBRARY_DIRS: &[&str] = &[
    "libs",
    "external",
    "externals",
    "extern",
    "contrib",
    // OLMo's `inference/compression/dependencies/AutoGPTQ/`.
    "dependencies",
    // Emulators a libretro frontend builds (stable-retro's `cores/gba/`,
    // a copy of mGBA).
    "cores",
    // Meson's dependencies (scipy's `subprojects/unuran/`, `subprojects/highs/`).
    "subprojects",
];

/// A folder named as a release of another project: a name, a dash and a
/// version of two or three numbers (`fftw-3.3.10`, `lua-5.4.6`,
/// `zlib-1.3`).
static RELEASE_FOLDER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^[A-Za-z][A-Za-z0-9_+]*(?:-[A-Za-z][A-Za-z0-9_+]*)*-\d+\.\d+(?:\.\d+)?$").unwrap()
});

/// Whether `dir` is another project's release unpacked into this one
/// (jbDE's `src/utils/fftw-3.3.10/`): named as a release, built on its own
/// and licensed on its own. The project need not have a license to tell.
pub fn is_an_unpacked_release(dir: &Path) -> bool {
    dir.file_name()
        .and_then(|n| n.to_str())
        .is_some_and(|n| RELEASE_FOLDER.is_match(n))
        && has_a_license_file(dir)
        && is_built_on_its_own(dir)
}

/// A script or style named as a library's release: a name, a dash or dot
/// and a version of two or three numbers, then `.js` or `.css`, minified
/// or not (`fullcalendar-6.1.18.js`, `jquery.ui-1.13.2.min.css`).
static RELEASE_FILE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^[a-z][a-z0-9_.+-]*?[-.]v?\d+\.\d+(?:\.\d+)?(?:[-.][a-z0-9]+)?(?:\.min)?\.(?:js|css|mjs)$").unwrap()
});

/// Folders at a project's top that hold the templates it renders its own
/// files from.
const TEMPLATE_DIRS: &[&str] = &["templates", "template", "_templates", ".templates"];

/// Endings of template files: Jinja, Go and Handlebars templates and the like.
const TEMPLATE_ENDINGS: &[&str] = &[
    "j2", "jinja", "jinja2", "tmpl", "tpl", "hbs", "mustache", "liquid", "njk", "ejs", "eta",
];

/// The folders of [`TEMPLATE_DIRS`] that `root` has.
pub fn template_dirs(root: &Path) -> Vec<PathBuf> {
    TEMPLATE_DIRS
        .iter()
        .map(|d| root.join(d))
        .filter(|d| d.is_dir())
        .collect()
}

/// Whether the file at `rel` (inside the project) is rendered from a
/// template in one of `templates` at the same place
/// (`.github/instructions/aws.instructions.md` from
/// `templates/.github/instructions/aws.instructions.md.j2`, written by the
/// project's generator): its text is the template's, and that is where a
/// fix goes.
pub fn is_rendered_from_a_template(templates: &[PathBuf], rel: &Path) -> bool {
    templates.iter().any(|dir| {
        let at = dir.join(rel);
        let Some(name) = at.file_name().and_then(|n| n.to_str()) else {
            return false;
        };
        TEMPLATE_ENDINGS
            .iter()
            .any(|ending| at.with_file_name(format!("{name}.{ending}")).is_file())
    })
}

/// Folders of a Rust crate that are its own, not a library it bundles.
const CRATE_DIRS: &[&str] = &["src", "tests", "benches", "examples", "target", "build"];

/// Whether `dir` holds the C or C++ sources a Rust crate's build script
/// compiles, beside the crate's `src/`: another project's code (oxbow's
/// `servers/quickjs/qjs/` from QuickJS-ng, `servers/tcc/tinycc/`,
/// `servers/micropython/mp/py/`), as in a `-sys` crate whatever the crate
/// is called. Only a folder whose files, or whose sub-folders' files, are
/// C or C++ sources.
pub fn is_a_crates_native_bundle(dir: &Path) -> bool {
    let Some(crate_dir) = dir.parent() else {
        return false;
    };
    let own = dir
        .file_name()
        .and_then(|n| n.to_str())
        .is_none_or(|n| n.starts_with('.') || CRATE_DIRS.contains(&n));
    if own || !crate_dir.join("Cargo.toml").is_file() || !crate_dir.join("build.rs").is_file() {
        return false;
    }
    let native = |d: &Path| {
        std::fs::read_dir(d).is_ok_and(|entries| {
            entries.flatten().any(|e| {
                e.file_name().to_str().is_some_and(|n| {
                    n.rsplit_once('.').is_some_and(|(_, ext)| {
                        matches!(ext, "c" | "h" | "cc" | "cpp" | "cxx" | "hpp")
                    })
                })
            })
        })
    };
    native(dir)
        || std::fs::read_dir(dir).is_ok_and(|entries| {
            entries
                .flatten()
                .any(|e| e.file_type().is_ok_and(|t| t.is_dir()) && native(&e.path()))
        })
}

/// Folders of other projects kept to read from, not to build with.
const REFERENCE_DIRS: &[&str] = &["references", "reference"];

/// Whether `dir` is another project kept to read from (svvy's
/// `docs/references/codex/`, a copy of openai/codex with its own
/// AGENTS.md): in a folder of references, built on its own and licensed
/// on its own. Its license need not differ from the project's, nor the
/// project have one: nobody licenses and builds the notes of a skill's
/// `references/`.
pub fn is_a_reference_copy(dir: &Path) -> bool {
    let in_references = dir
        .parent()
        .and_then(Path::file_name)
        .and_then(|n| n.to_str())
        .is_some_and(|n| REFERENCE_DIRS.contains(&n.to_ascii_lowercase().as_str()));
    in_references && has_a_license_file(dir) && is_built_on_its_own(dir)
}

/// Whether `dir` is the top of another project copied into this one (a copy
/// of assimp in `libs/assimp/`): it sits in a folder of libraries, is built
/// on its own (a build manifest) and is licensed on its own, in words other
/// than the project's (`project_license`, from [`license_of`]). Packages of
/// a monorepo (`packages/`, `crates/`, `apps/`) are the project's own even
/// where their license files differ in their copyright lines. A library
/// dropped in as its files, with no build of its own, is known by the
/// README and the other license it came with, wherever it is (rspace's
/// `src/main/webapp/scripts/handsontable-ruleJS/`, MIT in an AGPL project).
///
/// A project with no license of its own (`project_license` `None`) says
/// nothing of whose its built folders are, but a library dropped in with
/// its README and license is another's all the same (jbDE's
/// `src/utils/imageLibs/tinyEXR/miniz/`): a project that licenses none of
/// its own files does not license one folder of them.
pub fn is_a_copied_project(dir: &Path, project_license: Option<&str>) -> bool {
    let in_libraries = dir
        .parent()
        .and_then(Path::file_name)
        .and_then(|n| n.to_str())
        .is_some_and(|n| LIBRARY_DIRS.contains(&n.to_ascii_lowercase().as_str()));
    let licensed_apart = || {
        project_license.is_some_and(|project_license| {
            license_of(dir).is_some_and(|license| license != project_license)
        })
    };
    if in_libraries {
        return is_built_on_its_own(dir) && licensed_apart();
    }
    let dropped_in = has_a_license_file(dir)
        && ["README.md", "README", "README.txt", "readme.md"]
            .iter()
            .any(|r| dir.join(r).is_file())
        && !is_built_on_its_own(dir);
    dropped_in && (project_license.is_none() || licensed_apart())
}

/// Whether `dir` holds a build of its own: a build manifest or a variant
/// Makefile at its top, or in a folder just under it (snes9x's
/// `libretro/Makefile.common` beside `apu/` and `docs/`).
fn is_built_on_its_own(dir: &Path) -> bool {
    let builds_here =
        |d: &Path| MANIFESTS.iter().any(|m| d.join(m).is_file()) || has_a_variant_makefile(d);
    builds_here(dir)
        || std::fs::read_dir(dir).is_ok_and(|entries| {
            entries
                .flatten()
                .any(|e| e.file_type().is_ok_and(|t| t.is_dir()) && builds_here(&e.path()))
        })
}

/// Whether `dir` holds a Makefile for one build of several
/// (`Makefile.libretro`, `Makefile.wii`: Genesis Plus GX in stable-retro).
fn has_a_variant_makefile(dir: &Path) -> bool {
    std::fs::read_dir(dir).is_ok_and(|entries| {
        entries.flatten().any(|e| {
            e.file_name()
                .to_str()
                .is_some_and(|n| n.starts_with("Makefile.") && n.len() > "Makefile.".len())
        })
    })
}

/// Whether `dir` is the content of a project template, made into other
/// projects by a generator: `dotnet new` keeps its settings in
/// `.template.config/` at the top of what it copies (CoreEx's
/// `src/CoreEx.Template/content/CoreEx.Api/`, whose AGENTS.md files name
/// the docs the made project will have).
pub fn is_a_project_template(dir: &Path) -> bool {
    dir.join(".template.config").is_dir()
}

/// Whether a snapshot of the file sits beside it (`invalid.jsx` and
/// `invalid.jsx.snap`, as insta and biome's spec tests write them): the file
/// is a snapshot test's input, whatever folder it is in.
pub fn is_snapshot_input(path: &Path) -> bool {
    let Some(name) = path.file_name() else {
        return false;
    };
    let mut snapshot = name.to_os_string();
    snapshot.push(".snap");
    path.with_file_name(snapshot).is_file()
}

/// Whether a minified copy of the file sits beside it (`runtime.js` and
/// `runtime.min.js`, `site.css` and `site.min.css`): the file is a build's
/// readable output, shipped with its minified twin, and holds the modules
/// it bundles with their authors' comments (quarto's `quarto-ojs-runtime.js`
/// carries acorn's parser).
pub fn is_a_built_bundle(path: &Path) -> bool {
    let Some(name) = path.file_name().and_then(|n| n.to_str()) else {
        return false;
    };
    let Some((stem, ending)) = name.rsplit_once('.') else {
        return false;
    };
    matches!(ending, "js" | "mjs" | "cjs" | "css")
        && !stem.ends_with(".min")
        && path
            .with_file_name(format!("{stem}.min.{ending}"))
            .is_file()
}

/// How far into a file a generator's notice is looked for: past a
/// licence header of ten lines (unicode-width's tables: the Rust Project's
/// copyright notice, then `// NOTE: The following code was generated by
/// "scripts/unicode.py", do not edit directly`).
const HEADER_LINES: usize = 15;

/// How many of a document's last lines may hold a generator's footer.
const FOOTER_LINES: usize = 5;

/// Whether `text` says it was written by a tool: a notice such as
/// `@generated`, `Code generated ... DO NOT EDIT.` or `auto-generated` in its
/// first lines (the conventions of Go, Facebook's tools, protoc, bindgen and
/// most code generators), or a bundler's prelude: a bundle holds other
/// projects' modules, and their `TODO`s are theirs (ESLint keeps browserify
/// bundles of JSHint as benchmark input).
pub fn is_generated(text: &str) -> bool {
    let says_so = |line: &str| {
        let lower = line.to_ascii_lowercase();
        lower.contains("@generated")
            || lower.contains("do not edit")
            || lower.contains("auto-generated")
            || lower.contains("autogenerated")
            || lower.contains("automatically generated")
    };
    // A distributed copy's footer (bitso-java's skills: "<!--
    // AUTO-GENERATED FILE - DO NOT EDIT DIRECTLY -->" over the source it
    // is made from), in a Markdown comment among its last lines.
    let footer = text
        .lines()
        .rev()
        .filter(|l| !l.trim().is_empty())
        .take(FOOTER_LINES)
        .any(|line| line.trim_start().starts_with("<!--") && says_so(line));
    footer
        || after_front_matter(text)
            .lines()
            .take(HEADER_LINES)
            .any(|line| {
                let lower = line.to_ascii_lowercase();
                is_a_bundler_prelude(line)
                    || lower.contains("@generated")
                    || lower.contains("do not edit")
                    || lower.contains("auto-generated")
                    || lower.contains("autogenerated")
                    || lower.contains("automatically generated")
                    || lower.contains("code generated by")
                    || lower.contains("file generated from")
                    || lower.contains("file is generated")
            })
}

/// webpack's runtime (`/******/ (() => { // webpackBootstrap`, or the
/// module table of its ES module output and of ncc's, which packs GitHub
/// Actions: `/******/ var __webpack_modules__ = ({`) and browserify's
/// module loader (`require = (function e(t, n, r) {`), which open the
/// bundles these tools write.
fn is_a_bundler_prelude(line: &str) -> bool {
    static BROWSERIFY: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"require\s*=\s*\(?function\s*\w*\s*\(\s*\w\s*,\s*\w\s*,\s*\w\s*\)\s*\{")
            .expect("valid regex")
    });
    line.contains("webpackBootstrap")
        || line.contains("__webpack_modules__")
        || line.contains("__nccwpck_require__")
        || BROWSERIFY.is_match(line)
}

/// `text` after its YAML front matter (`---` lines around a skill's or an
/// agent's name and description), where a generator's notice follows it:
/// `<!-- GENERATED FROM maximus-ai/skills/exit/SKILL.md -- do not edit -->`.
fn after_front_matter(text: &str) -> &str {
    let Some(rest) = text
        .strip_prefix("---\n")
        .or_else(|| text.strip_prefix("---\r\n"))
    else {
        return text;
    };
    let mut offset = 0;
    for line in rest.split_inclusive('\n') {
        offset += line.len();
        if line.trim_end() == "---" {
            return &rest[offset..];
        }
    }
    text
}

/// How far into a document a notice that it is a record is looked for.
const RECORD_NOTICE_LINES: usize = 10;

/// Words of a notice that a document records the past and is kept as it
/// was: "Historical snapshot — superseded", "Status: archived".
const RECORD_WORDS: &[&str] = &[
    "superseded",
    "historical snapshot",
    "historical record",
    "historical document",
    "for historical reference",
    "kept for history",
    "archived",
    "no longer maintained",
    "no longer current",
];

/// Statuses that say a task or plan is finished: its open checkboxes are
/// the template's leftovers ("status: done" over "- [ ] ..."), not work.
const FINISHED_STATUSES: &[&str] = &[
    "done",
    "complete",
    "completed",
    "closed",
    "resolved",
    "archived",
    "superseded",
    "cancelled",
    "canceled",
    "obsolete",
];

/// Whether a line (lower case) is a status field whose value is a finished
/// status: "status: done" in front matter, "**Status:** ✅ Complete". Only
/// a value that is the status alone counts, or one followed by a date or
/// an aside ("Complete (2025-03-01)", "Done — merged"): "Status: done
/// with phase 1, phase 2 open" and "Incomplete" do not.
fn says_it_is_finished(lower: &str) -> bool {
    let field = lower.trim_start_matches(['-', '*', '_', ' ', '>']);
    let Some(rest) = field.strip_prefix("status") else {
        return false;
    };
    let Some(value) = rest.trim_start_matches(['*', '_', ' ']).strip_prefix(':') else {
        return false;
    };
    let value = value.trim_start_matches(|c: char| !c.is_alphanumeric());
    let word: String = value.chars().take_while(|c| c.is_alphabetic()).collect();
    let rest = value[word.len()..].trim_start_matches(['*', '_', ' ', '"', '\'', '.', '!', '✅']);
    FINISHED_STATUSES.contains(&word.as_str())
        && (rest.is_empty()
            || rest.starts_with(|c: char| "(—–-|".contains(c) || c.is_ascii_digit()))
}

/// A test harness's directive on a test input's first line: LLVM lit's
/// `// RUN:` and `// CHECK:`, goblint's `// PARAM:`, `// SKIP` and `//
/// NOCRASH`, `// REQUIRES:`, `// XFAIL:`, rustc's compiletest `//@`.
static HARNESS_DIRECTIVE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"^\s*(?://|#|;|--)\s*(?:RUN|PARAM|CHECK|REQUIRES|XFAIL|UNSUPPORTED|SKIP|NOCRASH)(?:\s*:|\s|$)|^\s*//@\s*\S",
    )
    .unwrap()
});

/// Whether the file at `path` is an input a test harness runs a tool on:
/// in a test folder, opening with the harness's directive (goblint's
/// `tests/regression/13-privatized/29-multiple-protecting.c` under `//
/// PARAM: --enable ana.int.interval`). Its comments are what the harness
/// reads (`__goblint_check(g2 <= 1); // TODO` marks a check the analysis
/// is known to miss), not the maintainers' notes.
pub fn is_a_test_input(text: &str, path: &Path) -> bool {
    let in_tests = path.components().any(|c| match c {
        Component::Normal(s) => s
            .to_str()
            .is_some_and(|s| TEST_DIRS.contains(&s.to_ascii_lowercase().as_str())),
        _ => false,
    });
    in_tests
        && text
            .lines()
            .find(|l| !l.trim().is_empty())
            .is_some_and(|first| HARNESS_DIRECTIVE.is_match(first))
}

/// Whether `text` opens with a notice that it is a record of the past, in a
/// quote, in bold or as a status line, within its first lines (a review's
/// fix plan under "> **Historical snapshot — superseded.** Findings and
/// status in this file describe the repository on 2026-04-18"). Its tasks
/// were the work of their day and its paths the tree's of that day, as in
/// an `archive/` folder: changing them would falsify the record.
pub fn is_a_record(text: &str) -> bool {
    text.lines().take(RECORD_NOTICE_LINES).any(|line| {
        let line = line.trim_start();
        let lower = line.to_lowercase();
        if says_it_is_finished(&lower) {
            return true;
        }
        let notice = line.starts_with('>')
            || line.starts_with("**")
            || line.starts_with("!!!")
            || line.starts_with(":::")
            || lower.starts_with("status:")
            || lower.starts_with("**status");
        notice && RECORD_WORDS.iter().any(|w| lower.contains(w))
    })
}

/// Text in braces, a slot a template may leave to fill in. Not JSON or
/// code: no quotes, colons or semicolons.
static BRACED: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r#"\{\{?([^{}\n"':;=()<>]{2,60})\}\}?"#).unwrap());

/// Words in braces that ask the reader to fill the slot in: "記入" and
/// "入力" (Japanese), "填写" (Chinese), "기입"/"입력" (Korean), "your",
/// "fill in", "enter".
const FILL_IN_WORDS: &[&str] = &[
    "記入", "入力", "填写", "填入", "기입", "입력", "your ", "fill in", "enter ", "insert ",
];

/// Whether braced text is a slot to fill in: it says so
/// (`{プロジェクト名を記入}`, "fill in the project's name"; `{your app}`), or
/// it is a name in capitals (`{URL}`, `{PROJECT_NAME}`). Not code
/// (`{thread}`, `{{count}}`, `{DialogContent}`) nor a set (`{64, 128}`).
fn is_a_fill_in_slot(inner: &str) -> bool {
    let lower = inner.to_lowercase();
    FILL_IN_WORDS.iter().any(|w| lower.contains(w))
        || (inner.len() >= 3
            && inner.starts_with(|c: char| c.is_ascii_uppercase())
            && inner
                .chars()
                .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || c == '_' || c == ' '))
}

/// The lines of a Markdown document outside its fenced code blocks.
fn lines_outside_fences(text: &str) -> impl Iterator<Item = &str> {
    let mut in_code = false;
    text.lines().filter(move |line| {
        let trimmed = line.trim_start();
        if trimmed.starts_with("```") || trimmed.starts_with("~~~") {
            in_code = !in_code;
            return false;
        }
        !in_code
    })
}

/// How many slots make a document a template.
const TEMPLATE_SLOTS: usize = 3;

/// Whether a Markdown document is a template to fill in: in its prose and
/// tables (not its code), slots in braces for the project that will use it
/// ("| プロジェクト名 | {プロジェクト名を記入} |", a starter kit's
/// `Claude/CLAUDE.md` that a script copies into each new project). The
/// files it names are that project's, and its wording is for whoever
/// fills it in.
pub fn is_a_fill_in_template(text: &str) -> bool {
    let mut slots = 0;
    for line in lines_outside_fences(text).filter(|l| !l.starts_with("    ")) {
        let prose: String = line.split('`').step_by(2).collect();
        slots += BRACED
            .captures_iter(&prose)
            .filter(|c| is_a_fill_in_slot(c[1].trim()))
            .count();
        if slots >= TEMPLATE_SLOTS {
            return true;
        }
    }
    false
}

/// A Markdown link's target (`[text](../RouteMatchType.md)`), before an
/// anchor or a title.
static LINK_TARGET: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r#"\]\(\s*<?([^)\s#?>"]+)"#).unwrap());

/// How many relative links, none found, make a document another site's.
const COPIED_DOC_LINKS: usize = 10;

/// Whether a Markdown document is documentation copied from another
/// project: it links to many files by relative paths and not one of them
/// is here (hyper-fetch keeps TanStack Router's docs, 145 links to
/// `../RouteMatchType.md` and the like, as Cursor rules, round 104). Its
/// text is that project's. A project's own document whose links went
/// stale still reaches some of its files (reflaxe's AGENTS.md: 20 of 39).
pub fn is_copied_documentation(
    text: &str,
    path: &Path,
    workspace: &dyn crate::workspace::Workspace,
) -> bool {
    let mut missing = 0;
    for line in lines_outside_fences(text) {
        for target in LINK_TARGET
            .captures_iter(line)
            .map(|c| c.get(1).unwrap().as_str())
        {
            let name = target.rsplit('/').next().unwrap_or(target);
            if target.contains(':') || target.starts_with('/') || !name.contains('.') {
                continue;
            }
            match workspace.reference_exists(path, target) {
                Some(true) => return false,
                Some(false) => missing += 1,
                None => {}
            }
        }
    }
    missing >= COPIED_DOC_LINKS
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn documentation_copied_from_another_project() {
        use crate::workspace::DiskWorkspace;
        let dir = tempfile::tempdir().unwrap();
        let rules = dir.path().join(".cursor/rules");
        std::fs::create_dir_all(&rules).unwrap();
        std::fs::write(dir.path().join(".cursor/guide.md"), "").unwrap();
        let ws = DiskWorkspace::new(dir.path()).unwrap();
        let doc = rules.join("tanstack-router_api.mdc");
        // Real hyper-fetch (round 104): TanStack Router's API docs, each
        // link to a page of TanStack's site.
        let links: String = (0..10)
            .map(|i| format!("- [RouteMatch](../RouteMatchType{i}.md)\n"))
            .collect();
        assert!(is_copied_documentation(&links, &doc, &ws));
        // One link that reaches a file here makes it this project's.
        let own = format!("{links}- [Guide](../guide.md)\n");
        assert!(!is_copied_documentation(&own, &doc, &ws));
        // A few stale links are the project's to fix; links in code and to
        // sites are not looked at.
        let few: String = (0..9)
            .map(|i| format!("- [Page](../page{i}.md)\n"))
            .collect();
        assert!(!is_copied_documentation(&few, &doc, &ws));
        let code = format!("```md\n{links}```\n[site](https://example.com/a.md)\n");
        assert!(!is_copied_documentation(&code, &doc, &ws));
    }

    #[test]
    fn fill_in_templates() {
        // Real ClaudeCode-StartUpTools-New (round 98): a starter kit's
        // project CLAUDE.md.
        assert!(is_a_fill_in_template(
            "# 設定\n\n| 項目 | 内容 |\n|---|---|\n| プロジェクト名 | {プロジェクト名を記入} |\n| 目的 | {プロジェクトの目的を記入} |\n| リポジトリ | {URL} |\n"
        ));
        // Braces in code, JSON, sets and names in prose are not slots
        // (real embedded-finance BACKLOG.md, OneCAD TODO.md, tml tasks).
        assert!(!is_a_fill_in_template(
            "# Rules\n\nUse `{NAME}` and `{ID}` and `{PATH}` in routes.\n\n```json\n{A_B} {C_D} {E_F}\n```\n\nThe config is {\"a\": 1}, {\"b\": 2}.\n- [ ] Show {{from}}–{{to}} of {{total}} in {DialogContent}\n- [ ] Sizes {64, 128, 256}, {thread}, {length}\n"
        ));
    }

    fn judge(path: &str) -> Option<Foreign> {
        foreign_path(Path::new(path))
    }

    #[test]
    fn fixtures_vendored_and_generated_paths() {
        let cases = [
            (
                "tests/assets/reading-list/react-dom_16.js",
                Some(Foreign::Fixture),
            ),
            (
                "crates/biome_markdown_formatter/tests/specs/prettier/markdown/list.md",
                Some(Foreign::Fixture),
            ),
            (
                "tests/format/markdown/list/checkbox.md",
                Some(Foreign::Fixture),
            ),
            (
                "crates/ruff_linter/resources/test/fixtures/pyflakes/F401.py",
                Some(Foreign::Fixture),
            ),
            ("pkg/testdata/a.go", Some(Foreign::Fixture)),
            // cppparser's parser tests (round 96): copied headers as input,
            // and the output they must give.
            (
                "cppparser/test/e2e/test_input/wxWidgets/include/wx/buffer.h",
                Some(Foreign::Fixture),
            ),
            (
                "cppparser/test/e2e/test_master/podofo/doc/PdfField.h",
                Some(Foreign::Fixture),
            ),
            ("tests/test_utils/helpers.py", None),
            // difftastic's copies of tree-sitter grammars (round 54).
            (
                "vendored_parsers/tree-sitter-kotlin/grammar.js",
                Some(Foreign::Vendored),
            ),
            ("third_party-libs/zlib/inflate.c", Some(Foreign::Vendored)),
            ("cextern/expat/lib/xmltok.c", Some(Foreign::Vendored)),
            // tml's LLVM headers installed into the tree (round 97); a
            // project's own install scripts and libraries are its own.
            (
                "src/llvm-install/include/llvm/Analysis/TargetTransformInfoImpl.h",
                Some(Foreign::Vendored),
            ),
            ("build/install/lib/cmake/x.cmake", Some(Foreign::Vendored)),
            ("install/setup.sh", None),
            // creme_crm's FullCalendar (round 98), a library's release.
            (
                "creme/activities/static/activities/js/lib/fullcalendar-6.1.18.js",
                Some(Foreign::Vendored),
            ),
            ("static/jquery-3.7.1.min.js", Some(Foreign::Generated)),
            ("static/js/app-v2.js", None),
            ("src/migrations/0002-add-users.js", None),
            ("scripts/reinstall/lib/run.sh", None),
            ("src/lib/install.rs", None),
            (
                "exercises/19_smart_pointers/smart_pointers2.rs",
                Some(Foreign::Exercise),
            ),
            ("src/__snapshots__/a.ts", Some(Foreign::Fixture)),
            (
                "docs/archive/status-reviews/CODE_REVIEW_TODOS.md",
                Some(Foreign::Archive),
            ),
            ("archived/2024-plan/TODO.md", Some(Foreign::Archive)),
            // Real aishacrm-2 (round 114): an archived, deprecated copy.
            (
                "docs/.archive-v1-deprecated/legacy-docs/CLAUDE.md",
                Some(Foreign::Archive),
            ),
            ("archive-2023/TODO.md", Some(Foreign::Archive)),
            ("legacy-docs/CLAUDE.md", Some(Foreign::Archive)),
            ("src/legacy-api/handler.rs", None),
            // Real Duran117/kibray (round 117).
            (
                "docs_archive/analysis_reports/PLAN.md",
                Some(Foreign::Archive),
            ),
            ("src/zip_archive/reader.rs", None),
            ("src/archiver-v2/zip.rs", None),
            ("old/TODO.md", Some(Foreign::Archive)),
            (".old/graphics/gwm.hh", Some(Foreign::Archive)),
            (
                "terminals/_archived/librarian/CLAUDE.md",
                Some(Foreign::Archive),
            ),
            // The copy a newer document replaced (hemera's Spec Kit
            // `tasks-old.md`, round 48); code is judged by its folder only.
            (
                "specs/004-bookings-basics/tasks-old.md",
                Some(Foreign::Archive),
            ),
            ("docs/README.backup.md", Some(Foreign::Archive)),
            ("docs/old-plan.md", Some(Foreign::Archive)),
            ("docs/old.md", None),
            ("docs/bold-plan.md", None),
            ("docs/holdout-tasks.md", None),
            ("src/old_api.rs", None),
            // Legacy code is still maintained; a document under `legacy/`
            // describes the project as it was (real KEKTECH CLAUDE.md).
            ("src/legacy/connect/http.rs", None),
            (
                "legacy/monorepo-root/root-files/CLAUDE.md",
                Some(Foreign::Archive),
            ),
            // A module that handles archives is the project's own code.
            ("src/archive.rs", None),
            ("src/archiver/zip.rs", None),
            (
                "crates/ty_vendored/vendor/typeshed/stdlib/_ctypes.pyi",
                Some(Foreign::Vendored),
            ),
            ("deps/hiredis/read.c", Some(Foreign::Vendored)),
            (
                "src/pip/_vendor/pkg_resources/__init__.py",
                Some(Foreign::Vendored),
            ),
            ("web/node_modules/x/index.js", Some(Foreign::Vendored)),
            // Real 444Radio and gICM web roots: a library copy, a catalog's
            // downloads.
            ("public/444studio/lame.js", Some(Foreign::Vendored)),
            (
                "public/claude/skills/serverless-architecture/SKILL.md",
                Some(Foreign::Vendored),
            ),
            ("src/publicApi/client.ts", None),
            ("Third_Party/zlib/inflate.c", Some(Foreign::Vendored)),
            ("static/app.min.js", Some(Foreign::Generated)),
            ("dist/xlsx.extendscript.js", Some(Foreign::Generated)),
            ("packages/a/dist/index.mjs", Some(Foreign::Generated)),
            ("dist/README.md", None),
            ("src/dist.js", None),
            ("api/v1/service.pb.go", Some(Foreign::Generated)),
            (
                "cli/tsc/dts/node/undici/client.d.ts",
                Some(Foreign::Generated),
            ),
            (
                "test/ecosystem/pandas/pyproject.toml",
                Some(Foreign::Fixture),
            ),
            (".github/PULL_REQUEST_TEMPLATE.md", Some(Foreign::Template)),
            (".github/ISSUE_TEMPLATE/bug.md", Some(Foreign::Template)),
            ("docs/pull_request_template.md", Some(Foreign::Template)),
            (
                ".gitlab/merge_request_templates/Default.md",
                Some(Foreign::Template),
            ),
            (".gitlab/issue_templates/Bug.md", Some(Foreign::Template)),
            ("templates/planning/bootstrap.md", Some(Foreign::Template)),
            ("app/templates/base.html", None),
            ("cookiecutter/template/README.md", Some(Foreign::Template)),
            // Real cute_pet and TG4 templates: `- [ ] ...` slots to fill in.
            (
                ".claude/skills/prd/references/prd-template.md",
                Some(Foreign::Template),
            ),
            (
                "docs/reviews/review-4/findings/_template.md",
                Some(Foreign::Template),
            ),
            ("src/templates.rs", None),
            (".cursor/rules/project-template-fastapi-app.mdc", None),
            ("docs/templating.md", None),
            // Real Aria benchmark records: a skill copied as it was measured.
            (
                "skill-benchmarks/iteration-2/skill-snapshot-v2.4.0/SKILL.md",
                Some(Foreign::Fixture),
            ),
            ("src/db_snapshot/mod.rs", None),
            // Real reth and bullet3: a `-sys` crate's bundled library, a
            // folder of third-party libraries.
            (
                "crates/storage/libmdbx-rs/mdbx-sys/libmdbx/mdbx.c",
                Some(Foreign::Vendored),
            ),
            (
                "zstd-sys-2.1.3+zstd.1.5.7/zstd/lib/common/xxhash.h",
                Some(Foreign::Vendored),
            ),
            ("crates/mdbx-sys/src/lib.rs", None),
            ("crates/mdbx-sys/build.rs", None),
            ("crates/mdbx-sys/src/shim.c", None),
            (
                "examples/ThirdPartyLibs/Gwen/Controls/ToolBar.h",
                Some(Foreign::Vendored),
            ),
            ("docs/snapshot.md", None),
        ];
        for (path, want) in cases {
            assert_eq!(judge(path), want, "{path}");
        }
    }

    #[test]
    fn records_of_prompts_an_agent_ran_are_archives() {
        assert_eq!(
            judge(
                "history/prompts/001-foundation-api/0001-foundation-api-specification.spec.prompt.md"
            ),
            Some(Foreign::Archive)
        );
        assert_eq!(
            judge("docs/history/2024-roadmap.md"),
            Some(Foreign::Archive)
        );
        assert_eq!(judge("src/history/store.ts"), None);
    }

    #[test]
    fn the_users_own_code_and_tests_are_linted() {
        for path in [
            "src/main.rs",
            "tests/lsp.rs",
            "tests/integration/api_test.py",
            "spec/models/user_spec.rb",
            "docs/testing.md",
            "TODO.md",
            "src/data/loader.py",
            "AGENTS.md",
            "crates/uv-extract/src/lib.rs",
            "packages/vendor-api/src/index.ts",
        ] {
            assert_eq!(judge(path), None, "{path}");
        }
    }

    #[test]
    fn a_file_with_a_snapshot_beside_it_is_test_input() {
        let dir = tempfile::tempdir().unwrap();
        let input = dir.path().join("invalid.jsx");
        let own = dir.path().join("app.jsx");
        for file in [&input, &own] {
            std::fs::write(file, "{/* TODO:  */}\n").unwrap();
        }
        std::fs::write(dir.path().join("invalid.jsx.snap"), "# Input\n").unwrap();
        assert!(is_snapshot_input(&input));
        assert!(!is_snapshot_input(&own));
        assert!(!is_snapshot_input(Path::new("/")));
    }

    #[test]
    fn a_file_with_a_minified_twin_is_a_build() {
        // Real quarto-cli: `src/resources/formats/html/ojs/` ships the
        // runtime and its minified copy.
        let dir = tempfile::tempdir().unwrap();
        let bundle = dir.path().join("quarto-ojs-runtime.js");
        let own = dir.path().join("quarto-ojs.js");
        for file in [&bundle, &own, &dir.path().join("quarto-ojs-runtime.min.js")] {
            std::fs::write(file, "// TODO\n").unwrap();
        }
        assert!(is_a_built_bundle(&bundle));
        assert!(!is_a_built_bundle(&own));
        assert!(!is_a_built_bundle(
            &dir.path().join("quarto-ojs-runtime.min.js")
        ));
        assert!(!is_a_built_bundle(Path::new("/")));
    }

    #[test]
    fn notices_that_a_document_is_a_record() {
        // Real: Innovate-To-Grow's docs/reviews/fix-plan-2026-04-18.md.
        assert!(is_a_record(
            "# Fix Plan — Full Project Review (2026-04-18)\n\n> **Historical snapshot — superseded.** Findings and status in this file\n> describe the repository on 2026-04-18.\n"
        ));
        assert!(is_a_record(
            "# Plan\n\n**Status:** Archived\n\n- [ ] Add X\n"
        ));
        // Words in the body, or a notice about something else, do not count.
        assert!(!is_a_record(
            "# Tasks\n\n- [ ] Remove the archived projects from the list\n"
        ));
        assert!(!is_a_record(
            "# AGENTS.md\n\n> **Note:** the v1 API is deprecated; use v2.\n"
        ));
        // A task whose front matter or status line says it is finished
        // (belam-codex's task files, round 49: "status: done" over the
        // template's "- [ ] ...").
        assert!(is_a_record(
            "---\nprimitive: task\nstatus: done\npriority: high\n---\n# containerize\n\n## Acceptance Criteria\n\n- [ ] ...\n"
        ));
        assert!(is_a_record(
            "# Plan\n\n**Status:** ✅ Complete\n\n- [ ] Add X\n"
        ));
        assert!(is_a_record("# Plan\n**Status**: Done — merged in #12\n"));
        assert!(is_a_record("# Plan\n- Status: Completed (2025-03-01)\n"));
        assert!(is_a_record("---\nstatus: \"archived\"\n---\n"));
        for open in [
            "---\nstatus: open\n---\n- [ ] ...\n",
            "**Status:** Incomplete\n- [ ] x\n",
            "Status: done with phase 1, phase 2 is open\n- [ ] x\n",
            "status: completed when the tests pass\n",
            "- [ ] Set status: done on the ticket\n",
        ] {
            assert!(!is_a_record(open), "{open}");
        }
        let late = format!("{}> Superseded by plan.md\n", "- [ ] x\n".repeat(12));
        assert!(!is_a_record(&late));
    }

    #[test]
    fn generator_notices_in_the_first_lines() {
        assert!(is_generated(
            "// Code generated by protoc-gen-go. DO NOT EDIT.\npackage x\n"
        ));
        assert!(is_generated("# @generated by build.rs\n"));
        // Real goblint (round 115): a test input under its harness's
        // directive; the same text outside a test folder, or a test without
        // one, is the project's own.
        let input = "// PARAM: --enable ana.int.interval\n#include <goblint.h>\nint main() {\n  __goblint_check(g2 <= 1); // TODO\n}\n";
        assert!(is_a_test_input(
            input,
            Path::new("tests/regression/13-privatized/29-multiple.c")
        ));
        assert!(is_a_test_input(
            "// RUN: %clang -fsyntax-only %s\n",
            Path::new("clang/test/Sema/a.c")
        ));
        assert!(!is_a_test_input(input, Path::new("src/analysis.c")));
        assert!(!is_a_test_input(
            "#include <goblint.h>\n// TODO\n",
            Path::new("tests/regression/a.c")
        ));
        assert!(!is_a_test_input(
            "// Checks that skipped runs are reported\n",
            Path::new("tests/run.rs")
        ));
        assert!(is_generated("/*\n * This file is auto-generated.\n */\n"));
        assert!(is_generated(
            "# File generated from our OpenAPI spec by Stainless. See CONTRIBUTING.md for details.\n"
        ));
        assert!(!is_generated("// TODO: cache the lookup\nfn a() {}\n"));
        // Real bitso-java skills (round 100): a distributed copy's footer.
        let body = "# Fix SonarQube\n\n- See `java/rules/x.md`\n".repeat(20);
        assert!(is_generated(&format!(
            "{body}<!-- AUTO-GENERATED FILE - DO NOT EDIT DIRECTLY -->\n<!-- Source: bitsoex/ai-code-instructions -->\n"
        )));
        assert!(!is_generated(&format!(
            "{body}Do not edit the lock file by hand.\n"
        )));
        // Real bundles: ESLint's browserify bundle of JSHint, webpack's output.
        assert!(is_generated(
            "// 2.4.3\nvar JSHINT;\n(function () {\n\tvar require;\n\trequire = (function e(t, n, r) {\n"
        ));
        assert!(is_generated(
            "//2.1.8\nvar JSHINT;\n(function () {\n\tvar require;\n\trequire = (function (e, t, n) {\n"
        ));
        assert!(is_generated("/******/ (() => { // webpackBootstrap\n"));
        // juju-dashboard's `.github/actions/create-cut-pr/index.js`, packed
        // by ncc as an ES module.
        assert!(is_generated(
            "import { createRequire as __WEBPACK_EXTERNAL_createRequire } from \"module\";\n/******/ var __webpack_modules__ = ({\n"
        ));
        assert!(!is_generated(
            "const require = createRequire(import.meta.url);\nfunction load(a, b, c) {}\n"
        ));
        // Under a licence header (unicode-width's tables).
        let licensed = format!(
            "{}\n// NOTE: The following code was generated by \"scripts/unicode.py\", do not edit directly\n",
            "// Copyright 2012-2025 The Rust Project Developers.\n//\n".repeat(5)
        );
        assert!(is_generated(&licensed));
        let late = format!("{}// @generated\n", "x\n".repeat(20));
        assert!(!is_generated(&late));
        // Real synced skills: the notice under a long front matter.
        let skill = format!(
            "---\nname: prime\ndescription: >-\n{}---\n<!-- GENERATED FROM maximus-ai/skills/prime/SKILL.md -- do not edit; run sync-skills.mts -->\n# Prime\n",
            "  more words\n".repeat(15)
        );
        assert!(is_generated(&skill));
        assert!(!is_generated(
            "---\nname: x\n---\n# X\n- [ ] keep the schema in sync\n"
        ));
    }
}
