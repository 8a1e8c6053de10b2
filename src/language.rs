//! Which grammar reads a file, decided from its path, and everything else
//! handoff knows about each language: one row of one table,
//! [`LANGUAGES`].
//!
//! A row holds the file extensions and names, the tree-sitter grammar, the
//! kinds of node that are comments, a sample file (the fuzzers' seed, and
//! the text the incremental and soak tests edit), and the language's names
//! in each editor. The editor configurations in `editors/` are checked
//! against the table by `tests/editors.rs`, and the fuzz seeds are written
//! from it (`tests/fuzz_regressions.rs`), so adding a language is its
//! grammar in `Cargo.toml` and a row here.

use std::collections::HashMap;
use std::path::Path;
use std::sync::LazyLock;

/// What handoff knows about one language.
#[derive(Debug)]
pub struct Spec {
    /// The LSP language id (VS Code's), also its name in messages.
    pub id: &'static str,
    /// Other ids clients send for it (Neovim filetypes, Helix names, ...).
    pub aliases: &'static [&'static str],
    /// File extensions, lower case, without the dot.
    pub extensions: &'static [&'static str],
    /// Whole file names, lower case, read as this language whatever their
    /// extension (`Rakefile`).
    pub file_names: &'static [&'static str],
    /// The tree-sitter grammar. For Markdown this is the block grammar; the
    /// inline grammar is used alongside it by the Markdown extractor.
    pub grammar: fn() -> tree_sitter::Language,
    /// The node kinds of the grammar that are comments.
    pub comment_kinds: &'static [&'static str],
    /// Sample files: the first for the language, then (Markdown) one for
    /// each other role.
    pub samples: &'static [Sample],
    /// What the language is called in each editor.
    pub editors: Editors,
}

/// A small file in a language, with what the tests need to write more of it.
#[derive(Debug)]
pub struct Sample {
    /// Its file name, which decides its kind (`lib.rs`, `AGENTS.md`).
    pub name: &'static str,
    /// Its text: instructions with findings, and look-alikes without.
    pub text: &'static str,
    /// What comes before and after an instruction's words (`// TODO: `).
    pub instruction: (&'static str, &'static str),
    /// An ordinary line of code, or prose.
    pub code: &'static str,
    /// A first line the file needs (`package main`, `<?php`).
    pub header: Option<&'static str>,
}

/// A language's names in the editors handoff ships configuration for.
#[derive(Debug)]
pub struct Editors {
    /// VS Code language ids (`editors/vscode`: activation events and
    /// document selectors).
    pub vscode: &'static [&'static str],
    /// Neovim filetypes (`editors/nvim`).
    pub neovim: &'static [&'static str],
    /// Helix language names (`editors/helix/languages.toml`).
    pub helix: &'static [&'static str],
    /// Emacs major modes (`editors/emacs/handoff.el`).
    pub emacs: &'static [&'static str],
    /// Zed language names (`editors/zed/extension.toml`).
    pub zed: &'static [&'static str],
}

/// Declares [`Language`] and [`LANGUAGES`] from one list of rows.
macro_rules! languages {
    ($($(#[$doc:meta])* $variant:ident => $spec:expr,)*) => {
        /// A language handoff can extract instructions from.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub enum Language {
            $($(#[$doc])* $variant,)*
        }

        impl Language {
            /// Every language, in the order of [`LANGUAGES`].
            pub const ALL: &'static [Language] = &[$(Language::$variant,)*];
        }

        /// The table: one row per language, in the order of
        /// [`Language::ALL`].
        pub static LANGUAGES: &[Spec] = &[$($spec,)*];
    };
}

/// The sample shared by languages with `//` and `/* */` comments.
const C_LIKE: &str = r#"int x = 1; // TODO: maybe fix this properly, rewrite auth and add tests like before in `src/a.rs`
/* FIXME: clean up
   somehow */
// AI! rewrite it
"// TODO: not a comment"
"#;

/// The sample shared by languages with `#` comments.
const HASH: &str = r"x = 1  # TODO: maybe fix this properly, rewrite auth and add tests like before in `src/a.rs`
# FIXME(agent): handle it
#   and more
";

const PROSE: &str = "Some notes on how the parser treats nested blocks.";

/// A sample with `// TODO: ` instructions.
const fn slashes(name: &'static str, text: &'static str, code: &'static str) -> Sample {
    Sample {
        name,
        text,
        instruction: ("// TODO: ", ""),
        code,
        header: None,
    }
}

/// A sample with `# TODO: ` instructions.
const fn hashes(name: &'static str, code: &'static str) -> Sample {
    Sample {
        name,
        text: HASH,
        instruction: ("# TODO: ", ""),
        code,
        header: None,
    }
}

languages! {
    Markdown => Spec {
        id: "markdown",
        aliases: &["md", "mdc"],
        extensions: &["md", "markdown", "mdc"],
        file_names: &[],
        grammar: || tree_sitter_md::LANGUAGE.into(),
        comment_kinds: &[],
        samples: &[
            Sample {
                name: "TODO.md",
                text: r"# Tasks

- [ ] maybe fix this properly, rewrite auth and add tests like before in `src/a.rs`
  - [ ] clean up somehow
- [x] done

<!-- handoff-ignore: hedge -->
- [ ] Perhaps cache it
- [ ] **Step 2: Rewrite the tests**

## Acceptance criteria

- [ ] Parser handles CRLF properly

**Open questions:**

- [ ] What is this?

```
- [ ] not a task
```
",
                instruction: ("- [ ] ", ""),
                code: PROSE,
                header: None,
            },
            Sample {
                name: "notes.md",
                text: r"# Notes

How the parser treats nested blocks, like before.

- [ ] maybe fix this properly, rewrite auth and add tests like before in `src/a.rs`

## Next steps

- [ ] Clean up the session code somehow
  - [ ] maybe cache it
- [x] done
",
                instruction: ("- [ ] ", ""),
                code: PROSE,
                header: None,
            },
            Sample {
                name: "AGENTS.md",
                text: r"# Rules

Always maybe fix this properly, rewrite auth and add tests like before in `src/a.rs`.

- Use the usual way.
- Keep it clean.

```markdown
# Example
```bash
make test
```
- See `docs/example.md`.
```

[[LLM: Write the design.

# [Project Name] Design

- Follow best practices in `src/b.rs`.]]

- Keep it clean.
",
                instruction: ("- Always ", ""),
                code: PROSE,
                header: None,
            },
            Sample {
                name: "fix.task.md",
                text: r"# Fix login

maybe fix this properly, rewrite auth and add tests like before in `src/a.rs`.

## Context

Like before.
",
                instruction: ("- [ ] ", ""),
                code: PROSE,
                header: None,
            },
        ],
        editors: Editors {
            vscode: &["markdown"],
            neovim: &["markdown"],
            helix: &["markdown"],
            emacs: &["markdown-mode", "gfm-mode", "markdown-ts-mode"],
            zed: &["Markdown"],
        },
    },
    Rust => Spec {
        id: "rust",
        aliases: &[],
        extensions: &["rs"],
        file_names: &[],
        grammar: || tree_sitter_rust::LANGUAGE.into(),
        comment_kinds: &["line_comment", "block_comment"],
        samples: &[slashes("lib.rs", C_LIKE, "fn value() -> u32 { compute(42) }")],
        editors: Editors {
            vscode: &["rust"],
            neovim: &["rust"],
            helix: &["rust"],
            emacs: &["rust-mode", "rust-ts-mode"],
            zed: &["Rust"],
        },
    },
    Python => Spec {
        id: "python",
        aliases: &[],
        extensions: &["py", "pyi", "pyw"],
        file_names: &[],
        grammar: || tree_sitter_python::LANGUAGE.into(),
        comment_kinds: &["comment"],
        samples: &[hashes("main.py", "value = compute(42)")],
        editors: Editors {
            vscode: &["python"],
            neovim: &["python"],
            helix: &["python"],
            emacs: &["python-mode", "python-ts-mode"],
            zed: &["Python"],
        },
    },
    JavaScript => Spec {
        id: "javascript",
        aliases: &["javascriptreact", "jsx"],
        extensions: &["js", "mjs", "cjs", "jsx"],
        file_names: &[],
        grammar: || tree_sitter_javascript::LANGUAGE.into(),
        comment_kinds: &["comment"],
        samples: &[slashes("app.js", C_LIKE, "value = compute(42);")],
        editors: Editors {
            vscode: &["javascript", "javascriptreact"],
            neovim: &["javascript", "javascriptreact"],
            helix: &["javascript", "jsx"],
            emacs: &["js-mode", "js-ts-mode"],
            zed: &["JavaScript"],
        },
    },
    TypeScript => Spec {
        id: "typescript",
        aliases: &[],
        extensions: &["ts", "mts", "cts"],
        file_names: &[],
        grammar: || tree_sitter_typescript::LANGUAGE_TYPESCRIPT.into(),
        comment_kinds: &["comment"],
        samples: &[slashes("app.ts", C_LIKE, "value = compute(42);")],
        editors: Editors {
            vscode: &["typescript"],
            neovim: &["typescript"],
            helix: &["typescript"],
            emacs: &["typescript-mode", "typescript-ts-mode"],
            zed: &["TypeScript"],
        },
    },
    Tsx => Spec {
        id: "typescriptreact",
        aliases: &["tsx"],
        extensions: &["tsx"],
        file_names: &[],
        grammar: || tree_sitter_typescript::LANGUAGE_TSX.into(),
        comment_kinds: &["comment"],
        samples: &[slashes("view.tsx", C_LIKE, "value = compute(42);")],
        editors: Editors {
            vscode: &["typescriptreact"],
            neovim: &["typescriptreact"],
            helix: &["tsx"],
            emacs: &["tsx-ts-mode"],
            zed: &["TSX"],
        },
    },
    Go => Spec {
        id: "go",
        aliases: &[],
        extensions: &["go"],
        file_names: &[],
        grammar: || tree_sitter_go::LANGUAGE.into(),
        comment_kinds: &["comment"],
        samples: &[Sample {
            header: Some("package main"),
            ..slashes("main.go", C_LIKE, "var value = compute(42)")
        }],
        editors: Editors {
            vscode: &["go"],
            neovim: &["go"],
            helix: &["go"],
            emacs: &["go-mode", "go-ts-mode"],
            zed: &["Go"],
        },
    },
    Java => Spec {
        id: "java",
        aliases: &[],
        extensions: &["java"],
        file_names: &[],
        grammar: || tree_sitter_java::LANGUAGE.into(),
        comment_kinds: &["line_comment", "block_comment"],
        samples: &[slashes("Main.java", C_LIKE, "class C { int value = compute(42); }")],
        editors: Editors {
            vscode: &["java"],
            neovim: &["java"],
            helix: &["java"],
            emacs: &["java-mode", "java-ts-mode"],
            zed: &["Java"],
        },
    },
    C => Spec {
        id: "c",
        aliases: &[],
        // Headers are read as C++ (below): C++'s grammar reads C's
        // declarations and comments too, and C++ projects keep their
        // classes in `.h` files (CQCharts' `bool canProbe() const override
        // { return false; } // TODO`, a stub the C grammar cannot see).
        extensions: &["c"],
        file_names: &[],
        grammar: || tree_sitter_c::LANGUAGE.into(),
        comment_kinds: &["comment"],
        samples: &[slashes("main.c", C_LIKE, "int value = compute(42);")],
        editors: Editors {
            vscode: &["c"],
            neovim: &["c"],
            helix: &["c"],
            emacs: &["c-mode", "c-ts-mode"],
            zed: &["C"],
        },
    },
    Cpp => Spec {
        id: "cpp",
        aliases: &["c++"],
        extensions: &["cc", "cpp", "cxx", "c++", "h", "hpp", "hh", "hxx", "h++", "ipp"],
        file_names: &[],
        grammar: || tree_sitter_cpp::LANGUAGE.into(),
        comment_kinds: &["comment"],
        samples: &[slashes("main.cpp", C_LIKE, "int value = compute(42);")],
        editors: Editors {
            vscode: &["cpp"],
            neovim: &["cpp"],
            helix: &["cpp"],
            emacs: &["c++-mode", "c++-ts-mode"],
            zed: &["C++"],
        },
    },
    CSharp => Spec {
        id: "csharp",
        aliases: &["cs", "c#", "c-sharp"],
        extensions: &["cs"],
        file_names: &[],
        grammar: || tree_sitter_c_sharp::LANGUAGE.into(),
        comment_kinds: &["comment"],
        samples: &[slashes("Program.cs", C_LIKE, "class C { int value = compute(42); }")],
        editors: Editors {
            vscode: &["csharp"],
            neovim: &["cs"],
            helix: &["c-sharp"],
            emacs: &["csharp-mode", "csharp-ts-mode"],
            zed: &["C#"],
        },
    },
    Ruby => Spec {
        id: "ruby",
        aliases: &[],
        extensions: &["rb", "rake", "gemspec"],
        file_names: &["rakefile", "gemfile", "guardfile", "podfile", "vagrantfile"],
        grammar: || tree_sitter_ruby::LANGUAGE.into(),
        comment_kinds: &["comment"],
        samples: &[hashes("app.rb", "value = compute(42)")],
        editors: Editors {
            vscode: &["ruby"],
            neovim: &["ruby"],
            helix: &["ruby"],
            emacs: &["ruby-mode", "ruby-ts-mode"],
            zed: &["Ruby"],
        },
    },
    Bash => Spec {
        id: "shellscript",
        aliases: &["sh", "bash", "zsh"],
        extensions: &["sh", "bash", "zsh", "ksh"],
        file_names: &[".bashrc", ".bash_profile", ".profile", ".zshrc"],
        grammar: || tree_sitter_bash::LANGUAGE.into(),
        comment_kinds: &["comment"],
        samples: &[hashes("run.sh", "value=$(compute 42)")],
        editors: Editors {
            vscode: &["shellscript"],
            neovim: &["sh", "bash"],
            helix: &["bash"],
            emacs: &["sh-mode", "bash-ts-mode"],
            zed: &["Shell Script"],
        },
    },
    Lua => Spec {
        id: "lua",
        aliases: &[],
        extensions: &["lua"],
        file_names: &[],
        grammar: || tree_sitter_lua::LANGUAGE.into(),
        comment_kinds: &["comment"],
        samples: &[Sample {
            name: "init.lua",
            text: r"local x = 1 -- TODO: maybe fix this properly, rewrite auth and add tests like before in `src/a.rs`
--[[ FIXME: clean up ]]
",
            instruction: ("-- TODO: ", ""),
            code: "local value = compute(42)",
            header: None,
        }],
        editors: Editors {
            vscode: &["lua"],
            neovim: &["lua"],
            helix: &["lua"],
            emacs: &["lua-mode", "lua-ts-mode"],
            zed: &["Lua"],
        },
    },
    Yaml => Spec {
        id: "yaml",
        aliases: &[],
        extensions: &["yml", "yaml"],
        file_names: &[],
        grammar: || tree_sitter_yaml::LANGUAGE.into(),
        comment_kinds: &["comment"],
        samples: &[hashes("ci.yml", "- name: value")],
        editors: Editors {
            vscode: &["yaml"],
            neovim: &["yaml"],
            helix: &["yaml"],
            emacs: &["yaml-mode", "yaml-ts-mode"],
            zed: &["YAML"],
        },
    },
    Toml => Spec {
        id: "toml",
        aliases: &[],
        extensions: &["toml"],
        file_names: &[],
        grammar: || tree_sitter_toml_ng::LANGUAGE.into(),
        comment_kinds: &["comment"],
        samples: &[hashes("settings.toml", "value = 42")],
        editors: Editors {
            vscode: &["toml"],
            neovim: &["toml"],
            helix: &["toml"],
            emacs: &["toml-mode", "toml-ts-mode", "conf-toml-mode"],
            zed: &["TOML"],
        },
    },
    Php => Spec {
        id: "php",
        aliases: &[],
        extensions: &["php"],
        file_names: &[],
        grammar: || tree_sitter_php::LANGUAGE_PHP.into(),
        comment_kinds: &["comment"],
        samples: &[Sample {
            name: "index.php",
            text: r"<?php
// TODO: maybe fix this properly, rewrite auth and add tests like before in `src/a.rs`
# AI: clean up
/* FIXME */
",
            instruction: ("// TODO: ", ""),
            code: "$value = compute(42);",
            header: Some("<?php"),
        }],
        editors: Editors {
            vscode: &["php"],
            neovim: &["php"],
            helix: &["php"],
            emacs: &["php-mode", "php-ts-mode"],
            zed: &["PHP"],
        },
    },
    Kotlin => Spec {
        id: "kotlin",
        aliases: &[],
        extensions: &["kt", "kts"],
        file_names: &[],
        grammar: || tree_sitter_kotlin_ng::LANGUAGE.into(),
        comment_kinds: &["line_comment", "block_comment"],
        samples: &[slashes("Main.kt", C_LIKE, "val value = compute(42)")],
        editors: Editors {
            vscode: &["kotlin"],
            neovim: &["kotlin"],
            helix: &["kotlin"],
            emacs: &["kotlin-mode", "kotlin-ts-mode"],
            zed: &["Kotlin"],
        },
    },
    Swift => Spec {
        id: "swift",
        aliases: &[],
        extensions: &["swift"],
        file_names: &[],
        grammar: || tree_sitter_swift::LANGUAGE.into(),
        comment_kinds: &["comment", "multiline_comment"],
        samples: &[slashes("App.swift", C_LIKE, "let value = compute(42)")],
        editors: Editors {
            vscode: &["swift"],
            neovim: &["swift"],
            helix: &["swift"],
            emacs: &["swift-mode"],
            zed: &["Swift"],
        },
    },
    Scala => Spec {
        id: "scala",
        aliases: &[],
        extensions: &["scala", "sc", "sbt"],
        file_names: &[],
        grammar: || tree_sitter_scala::LANGUAGE.into(),
        comment_kinds: &["comment", "block_comment"],
        samples: &[slashes("Main.scala", C_LIKE, "val value = compute(42)")],
        editors: Editors {
            vscode: &["scala"],
            neovim: &["scala"],
            helix: &["scala"],
            emacs: &["scala-mode", "scala-ts-mode"],
            zed: &["Scala"],
        },
    },
    Html => Spec {
        id: "html",
        aliases: &[],
        extensions: &["html", "htm"],
        file_names: &[],
        grammar: || tree_sitter_html::LANGUAGE.into(),
        comment_kinds: &["comment"],
        samples: &[Sample {
            name: "index.html",
            text: r"<p>x</p>
<!-- TODO: maybe fix this properly, rewrite auth and add tests like before in `src/a.rs` -->
",
            instruction: ("<!-- TODO: ", " -->"),
            code: "<p>Some text about the page.</p>",
            header: None,
        }],
        editors: Editors {
            vscode: &["html"],
            neovim: &["html"],
            helix: &["html"],
            emacs: &["html-mode", "mhtml-mode", "html-ts-mode"],
            zed: &["HTML"],
        },
    },
    Css => Spec {
        id: "css",
        aliases: &[],
        extensions: &["css"],
        file_names: &[],
        grammar: || tree_sitter_css::LANGUAGE.into(),
        comment_kinds: &["comment"],
        samples: &[Sample {
            name: "site.css",
            text: r"a { color: red; }
/* TODO: maybe fix this properly, rewrite auth and add tests like before in `src/a.rs` */
",
            instruction: ("/* TODO: ", " */"),
            code: "a { color: red; }",
            header: None,
        }],
        editors: Editors {
            vscode: &["css"],
            neovim: &["css"],
            helix: &["css"],
            emacs: &["css-mode", "css-ts-mode"],
            zed: &["CSS"],
        },
    },
}

/// What a Markdown file is for, which decides what counts as an instruction in it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum MarkdownRole {
    /// Any Markdown file: only open checklist items (`- [ ]`) are instructions.
    Checklist,
    /// Standing rules for agents (`AGENTS.md`, `CLAUDE.md`, ...): every
    /// paragraph and list item is an instruction.
    AgentInstructions,
    /// A task handed over whole (`*.prompt.md`, `*.task.md`, `TASK.md`).
    TaskDocument,
    /// A file of work to do (`TODO.md`, `ROADMAP.md`, `tasks/*.md`): every
    /// open checklist item is a task, except under a heading of criteria or
    /// questions ("Acceptance criteria", "Open questions", "Research
    /// needed") and a plan's numbered steps.
    TaskList,
}

/// How a file is read: its language and, for Markdown, its role.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct FileKind {
    pub language: Language,
    pub role: MarkdownRole,
}

/// Languages by a name: an extension, or a whole file name.
type ByName = HashMap<&'static str, Language>;

/// Source languages by extension and by whole file name (Markdown is
/// decided by [`markdown_role`]).
static BY_NAME: LazyLock<(ByName, ByName)> = LazyLock::new(|| {
    let mut extensions = HashMap::new();
    let mut names = HashMap::new();
    for &language in Language::ALL {
        if language == Language::Markdown {
            continue;
        }
        let spec = language.spec();
        for &e in spec.extensions {
            extensions.insert(e, language);
        }
        for &n in spec.file_names {
            names.insert(n, language);
        }
    }
    (extensions, names)
});

impl Language {
    /// The language's row in [`LANGUAGES`].
    pub fn spec(self) -> &'static Spec {
        &LANGUAGES[self as usize]
    }

    /// The name used by editors (LSP language ids) and in messages.
    pub fn id(self) -> &'static str {
        self.spec().id
    }

    /// The tree-sitter grammar. For Markdown this is the block grammar; the
    /// inline grammar is used alongside it by the Markdown extractor.
    pub fn grammar(self) -> tree_sitter::Language {
        (self.spec().grammar)()
    }

    /// The language an LSP client names with `language_id`, if handoff reads it.
    pub fn from_id(language_id: &str) -> Option<Language> {
        Language::ALL.iter().copied().find(|l| {
            let spec = l.spec();
            spec.id == language_id || spec.aliases.contains(&language_id)
        })
    }
}

/// The sample file named `name` (see [`Spec::samples`]).
pub fn sample(name: &str) -> Option<&'static Sample> {
    LANGUAGES
        .iter()
        .flat_map(|spec| spec.samples)
        .find(|s| s.name == name)
}

impl FileKind {
    /// Decides how to read the file at `path`, or `None` when handoff has no
    /// grammar for it.
    pub fn from_path(path: &Path) -> Option<FileKind> {
        let name = path.file_name()?.to_str()?;
        let lower = name.to_ascii_lowercase();
        if let Some(role) = markdown_role(path, &lower) {
            return Some(FileKind {
                language: Language::Markdown,
                role,
            });
        }
        let (extensions, names) = &*BY_NAME;
        let ext = lower.rsplit_once('.').map(|(_, e)| e);
        let language = *ext
            .and_then(|e| extensions.get(e))
            .or_else(|| names.get(lower.as_str()))?;
        Some(FileKind {
            language,
            role: MarkdownRole::Checklist,
        })
    }

    /// How an LSP client's `language_id` reads a document whose path says
    /// nothing handoff knows (an untitled buffer, say).
    pub fn from_language_id(language_id: &str) -> Option<FileKind> {
        Language::from_id(language_id).map(|language| FileKind {
            language,
            role: MarkdownRole::Checklist,
        })
    }
}

/// Agent instruction files that apply to the folder they are in.
const AGENT_FILES: &[&str] = &[
    "AGENTS.md",
    "AGENTS.override.md",
    "CLAUDE.md",
    "CLAUDE.local.md",
    "GEMINI.md",
    ".cursorrules",
    ".windsurfrules",
];

/// The role of a Markdown-like file, or `None` when it is not Markdown.
///
/// Agent instruction files are known by their conventional names, as the
/// agents that read them spell them: `AGENTS.md`, not `docs/agents.md` (a
/// page about agents).
#[allow(
    clippy::case_sensitive_file_extension_comparisons,
    reason = "`lower_name` is the file name in lower case"
)]
fn markdown_role(path: &Path, lower_name: &str) -> Option<MarkdownRole> {
    let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
    if AGENT_FILES.contains(&name)
        || lower_name.ends_with(".instructions.md")
        // A Claude skill, a VS Code custom agent or chat mode: standing
        // instructions an agent loads.
        || name == "SKILL.md"
        || lower_name.ends_with(".agent.md")
        || lower_name.ends_with(".chatmode.md")
        // A prompt kept in a `prompts/` folder (VS Code's `.github/prompts/`)
        // is reusable: run again and again with new input, it is written as
        // standing instructions, not as one piece of work. Judged on real
        // repositories, none of 17 task findings on such files was right.
        || (lower_name.ends_with(".prompt.md") && parent_is(path, "prompts"))
        || (lower_name == "copilot-instructions.md" && parent_is(path, ".github"))
        || (lower_name.ends_with(".mdc") && parent_is(path, "rules"))
        // A Claude Code subagent (`.claude/agents/frontend-developer.md`):
        // its checklists are standing instructions to that agent.
        || (lower_name.ends_with(".md")
            && parent_is(path, "agents")
            && path.parent().is_some_and(|p| parent_is(p, ".claude")))
    {
        return Some(MarkdownRole::AgentInstructions);
    }
    // `TASK.md` by its conventional capitals: a lower-case `task.md` is as
    // often a finished breakdown (`docs/migration/task.md`, all ticked) or
    // a tool's command (`.iflow/commands/sc/task.md`) as a task handed over.
    if lower_name.ends_with(".prompt.md") || lower_name.ends_with(".task.md") || name == "TASK.md" {
        return Some(MarkdownRole::TaskDocument);
    }
    let ext = lower_name.rsplit_once('.').map(|(_, e)| e);
    if ext.is_some_and(|e| Language::Markdown.spec().extensions.contains(&e)) {
        if is_task_list(path, lower_name) {
            return Some(MarkdownRole::TaskList);
        }
        return Some(MarkdownRole::Checklist);
    }
    None
}

/// Whether an agent file is one made for other projects to install, not
/// this project's own: a skill, custom agent, chat mode, prompt, rules or
/// instructions file outside the folders agents read them from
/// (awesome-copilot's `skills/*/SKILL.md` and `agents/*.agent.md`, a tool's
/// built-in skills in `internal/skills/builtin/`). The files such a file
/// names are the installing project's. `AGENTS.md`, `CLAUDE.md` and the
/// like apply where they are, and anything under a dot-folder (`.github/`,
/// `.claude/`, `.cursor/`) is installed, unless a folder on its way says it
/// is a source or a template to copy from (`.agent-src/`, `templates/`).
/// `rel` is relative to the project root.
#[allow(
    clippy::case_sensitive_file_extension_comparisons,
    reason = "`lower` is the file name in lower case"
)]
pub fn is_distributed_agent_file(rel: &Path) -> bool {
    let Some(name) = rel.file_name().and_then(|n| n.to_str()) else {
        return false;
    };
    let lower = name.to_ascii_lowercase();
    let portable = match markdown_role(rel, &lower) {
        Some(MarkdownRole::AgentInstructions) => !AGENT_FILES.contains(&name),
        // A prompt file is handed over whole, in a collection as anywhere.
        Some(MarkdownRole::TaskDocument) => lower.ends_with(".prompt.md"),
        _ => false,
    };
    let folders = || {
        rel.parent()
            .into_iter()
            .flat_map(Path::components)
            .filter_map(|c| c.as_os_str().to_str())
    };
    let installed = folders().any(|s| s.len() > 1 && s.starts_with('.') && s != "..");
    let a_source = folders().any(names_a_source);
    portable && (!installed || a_source)
}

/// Words of a folder's name that make it the source or template agent files
/// are built or copied from, not a folder an agent reads:
/// event4u's `.agent-src/skills/`, agentkit-forge's `.agentkit/templates/`,
/// akka-ai-skills-pack's `skills-pack/.agents/skills/`.
const SOURCE_FOLDER_WORDS: &[&str] = &[
    "src",
    "source",
    "sources",
    "template",
    "templates",
    "pack",
    "packs",
];

fn names_a_source(folder: &str) -> bool {
    folder
        .trim_start_matches('.')
        .split(['-', '_', '.'])
        .any(|w| SOURCE_FOLDER_WORDS.contains(&w.to_ascii_lowercase().as_str()))
}

/// Words that, in a Markdown file's name or its folder's, say it lists work
/// to do: `TODO.md`, `ROADMAP.md`, `migration-plan.md`, `tasks/auth.md`.
const TASK_LIST_WORDS: &[&str] = &[
    "todo",
    "todos",
    "task",
    "tasks",
    "roadmap",
    "backlog",
    "plan",
    "plans",
    "planning",
    "next",
    "milestones",
    "wishlist",
];

fn is_task_list(path: &Path, lower_name: &str) -> bool {
    let named = lower_name
        .split(['-', '_', ' ', '.'])
        .any(|w| TASK_LIST_WORDS.contains(&w));
    let folder = path
        .parent()
        .and_then(|p| p.file_name())
        .and_then(|n| n.to_str())
        .is_some_and(|n| TASK_LIST_WORDS.contains(&n.to_ascii_lowercase().as_str()));
    named || folder
}

fn parent_is(path: &Path, name: &str) -> bool {
    path.parent()
        .and_then(|p| p.file_name())
        .and_then(|n| n.to_str())
        .is_some_and(|n| n.eq_ignore_ascii_case(name))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kind(path: &str) -> Option<FileKind> {
        FileKind::from_path(Path::new(path))
    }

    #[test]
    fn agent_files_are_recognised() {
        for p in [
            "AGENTS.md",
            "sub/CLAUDE.md",
            "GEMINI.md",
            ".github/copilot-instructions.md",
            "x/rust.instructions.md",
            ".cursorrules",
            ".cursor/rules/style.mdc",
            ".claude/skills/release/SKILL.md",
            ".github/agents/reviewer.agent.md",
            ".claude/agents/frontend-developer.md",
        ] {
            assert_eq!(
                kind(p).unwrap().role,
                MarkdownRole::AgentInstructions,
                "{p}"
            );
        }
        // Pages about agents, not instructions to them.
        for p in [
            "docs/copilot-instructions.md",
            "docs/agents.md",
            "docs/ref/claude.md",
            "src/agents/planner.md",
        ] {
            assert_eq!(kind(p).unwrap().role, MarkdownRole::Checklist, "{p}");
        }
    }

    #[test]
    fn task_lists_are_recognised() {
        for p in [
            "TODO.md",
            "docs/ROADMAP.md",
            "update-task-migration-plan.md",
            "tasks/auth.md",
            "BACKLOG.markdown",
            "release.todo.md",
        ] {
            assert_eq!(kind(p).unwrap().role, MarkdownRole::TaskList, "{p}");
        }
        for p in [
            "README.md",
            "docs/specs/tabs.md",
            "CONTRIBUTING.md",
            "planet.md",
        ] {
            assert_eq!(kind(p).unwrap().role, MarkdownRole::Checklist, "{p}");
        }
    }

    #[test]
    fn agent_files_made_for_other_projects() {
        // Real collections and built-in skills: awesome-copilot, crush.
        for p in [
            "skills/gdpr-compliant/SKILL.md",
            "agents/pimcore-expert.agent.md",
            "instructions/astro.instructions.md",
            "internal/skills/builtin/crush-hooks/SKILL.md",
            "rules/no-barrel-files.mdc",
            // Real event4u agent-config: the source its installer copies
            // into `.claude/` and `.cursor/` of the projects that use it.
            ".agent-src/skills/database/SKILL.md",
            ".agent-src.uncompressed/skills/database/SKILL.md",
            // Real agentkit-forge: a skill template it writes into other projects.
            ".agentkit/templates/codex/skills/TEMPLATE/SKILL.md",
            // Real akka-ai-skills-pack (round 78): the pack's installed
            // copy, kept in the pack.
            "skills-pack/.agents/skills/akka-slice-spec-to-backlog/SKILL.md",
        ] {
            assert!(is_distributed_agent_file(Path::new(p)), "{p}");
        }
        for p in [
            "AGENTS.md",
            "src/CLAUDE.md",
            ".github/copilot-instructions.md",
            ".github/instructions/rust.instructions.md",
            ".github/skills/agentic-workflows/SKILL.md",
            ".claude/skills/add-telegram/SKILL.md",
            ".cursor/rules/tests.mdc",
            // A project's own skills in its own dot-folder: diffusers, qwik.
            ".ai/skills/model-port/SKILL.md",
            ".ruler/skills/docs/SKILL.md",
            "docs/guide.md",
            // A word that only begins with "pack".
            "packages/web/.claude/skills/deploy/SKILL.md",
        ] {
            assert!(!is_distributed_agent_file(Path::new(p)), "{p}");
        }
    }

    #[test]
    fn task_documents_are_recognised() {
        for p in ["fix.prompt.md", "a/b.task.md", "TASK.md"] {
            assert_eq!(kind(p).unwrap().role, MarkdownRole::TaskDocument, "{p}");
        }
        // A reusable prompt reads like an agent file.
        assert_eq!(
            kind(".github/prompts/new-model.prompt.md").unwrap().role,
            MarkdownRole::AgentInstructions
        );
        for p in ["docs/migration/task.md", ".iflow/commands/sc/task.md"] {
            assert_ne!(kind(p).unwrap().role, MarkdownRole::TaskDocument, "{p}");
        }
    }

    #[test]
    fn source_languages_by_extension() {
        assert_eq!(kind("a/b.rs").unwrap().language, Language::Rust);
        assert_eq!(kind("x.tsx").unwrap().language, Language::Tsx);
        assert_eq!(kind("Rakefile").unwrap().language, Language::Ruby);
        assert!(kind("image.png").is_none());
        assert!(kind("notes.txt").is_none());
    }

    #[test]
    fn every_grammar_loads_and_has_its_comment_kinds() {
        for &language in Language::ALL {
            let grammar = language.grammar();
            let mut parser = tree_sitter::Parser::new();
            parser.set_language(&grammar).unwrap();
            for kind in language.spec().comment_kinds {
                assert_ne!(
                    grammar.id_for_node_kind(kind, true),
                    0,
                    "{language:?} has no node kind {kind:?}"
                );
            }
        }
    }

    #[test]
    fn names_and_ids_lead_to_one_language() {
        let mut extensions = HashMap::new();
        let mut ids = HashMap::new();
        for &language in Language::ALL {
            let spec = language.spec();
            for e in spec.extensions {
                assert_eq!(extensions.insert(*e, language), None, "extension {e}");
                let path = format!("x.{e}");
                assert_eq!(kind(&path).unwrap().language, language, "{path}");
            }
            for n in spec.file_names {
                assert_eq!(kind(n).unwrap().language, language, "{n}");
                assert_eq!(*n, n.to_ascii_lowercase(), "file names are lower case");
            }
            for id in std::iter::once(&spec.id).chain(spec.aliases) {
                assert_eq!(ids.insert(*id, language), None, "id {id}");
            }
            // What the editors send as the language id finds the language
            // (for buffers without a file name).
            let e = &spec.editors;
            for id in e.vscode.iter().chain(e.neovim).chain(e.helix) {
                assert_eq!(Language::from_id(id), Some(language), "{id}");
            }
        }
    }

    #[test]
    fn every_sample_is_its_language_and_holds_instructions() {
        let mut roles = Vec::new();
        for &language in Language::ALL {
            let spec = language.spec();
            assert!(!spec.samples.is_empty(), "{language:?} has no sample");
            for sample in spec.samples {
                let kind = kind(sample.name).unwrap();
                assert_eq!(kind.language, language, "{}", sample.name);
                roles.push(kind.role);
                let tree = crate::extract::SyntaxTree::parse(language, sample.text, None);
                let options = crate::extract::ExtractOptions::default();
                let found = crate::extract::extract(
                    kind,
                    sample.text,
                    &tree,
                    &options,
                    0..sample.text.len(),
                );
                assert!(!found.is_empty(), "{}: no instruction", sample.name);
            }
        }
        for role in [
            MarkdownRole::Checklist,
            MarkdownRole::AgentInstructions,
            MarkdownRole::TaskDocument,
            MarkdownRole::TaskList,
        ] {
            assert!(roles.contains(&role), "no sample for {role:?}");
        }
    }
}
