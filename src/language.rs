//! Which grammar reads a file, decided from its path.

use std::path::Path;

/// A language handoff can extract instructions from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Language {
    Markdown,
    Rust,
    Python,
    JavaScript,
    TypeScript,
    Tsx,
    Go,
    Java,
    C,
    Cpp,
    CSharp,
    Ruby,
    Bash,
    Lua,
    Yaml,
    Toml,
    Php,
    Kotlin,
    Swift,
    Scala,
    Html,
    Css,
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
    /// open checklist item is a task, whatever its heading.
    TaskList,
}

/// How a file is read: its language and, for Markdown, its role.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct FileKind {
    pub language: Language,
    pub role: MarkdownRole,
}

impl Language {
    pub const ALL: &'static [Language] = &[
        Language::Markdown,
        Language::Rust,
        Language::Python,
        Language::JavaScript,
        Language::TypeScript,
        Language::Tsx,
        Language::Go,
        Language::Java,
        Language::C,
        Language::Cpp,
        Language::CSharp,
        Language::Ruby,
        Language::Bash,
        Language::Lua,
        Language::Yaml,
        Language::Toml,
        Language::Php,
        Language::Kotlin,
        Language::Swift,
        Language::Scala,
        Language::Html,
        Language::Css,
    ];

    /// The name used in configuration and by editors (LSP language ids).
    pub fn id(self) -> &'static str {
        match self {
            Language::Markdown => "markdown",
            Language::Rust => "rust",
            Language::Python => "python",
            Language::JavaScript => "javascript",
            Language::TypeScript => "typescript",
            Language::Tsx => "typescriptreact",
            Language::Go => "go",
            Language::Java => "java",
            Language::C => "c",
            Language::Cpp => "cpp",
            Language::CSharp => "csharp",
            Language::Ruby => "ruby",
            Language::Bash => "shellscript",
            Language::Lua => "lua",
            Language::Yaml => "yaml",
            Language::Toml => "toml",
            Language::Php => "php",
            Language::Kotlin => "kotlin",
            Language::Swift => "swift",
            Language::Scala => "scala",
            Language::Html => "html",
            Language::Css => "css",
        }
    }

    /// The tree-sitter grammar. For Markdown this is the block grammar; the
    /// inline grammar is used alongside it by the Markdown extractor.
    pub fn grammar(self) -> tree_sitter::Language {
        match self {
            Language::Markdown => tree_sitter_md::LANGUAGE.into(),
            Language::Rust => tree_sitter_rust::LANGUAGE.into(),
            Language::Python => tree_sitter_python::LANGUAGE.into(),
            Language::JavaScript => tree_sitter_javascript::LANGUAGE.into(),
            Language::TypeScript => tree_sitter_typescript::LANGUAGE_TYPESCRIPT.into(),
            Language::Tsx => tree_sitter_typescript::LANGUAGE_TSX.into(),
            Language::Go => tree_sitter_go::LANGUAGE.into(),
            Language::Java => tree_sitter_java::LANGUAGE.into(),
            Language::C => tree_sitter_c::LANGUAGE.into(),
            Language::Cpp => tree_sitter_cpp::LANGUAGE.into(),
            Language::CSharp => tree_sitter_c_sharp::LANGUAGE.into(),
            Language::Ruby => tree_sitter_ruby::LANGUAGE.into(),
            Language::Bash => tree_sitter_bash::LANGUAGE.into(),
            Language::Lua => tree_sitter_lua::LANGUAGE.into(),
            Language::Yaml => tree_sitter_yaml::LANGUAGE.into(),
            Language::Toml => tree_sitter_toml_ng::LANGUAGE.into(),
            Language::Php => tree_sitter_php::LANGUAGE_PHP.into(),
            Language::Kotlin => tree_sitter_kotlin_ng::LANGUAGE.into(),
            Language::Swift => tree_sitter_swift::LANGUAGE.into(),
            Language::Scala => tree_sitter_scala::LANGUAGE.into(),
            Language::Html => tree_sitter_html::LANGUAGE.into(),
            Language::Css => tree_sitter_css::LANGUAGE.into(),
        }
    }

    /// The language an LSP client names with `language_id`, if handoff reads it.
    pub fn from_id(language_id: &str) -> Option<Language> {
        let id = match language_id {
            "sh" | "bash" | "zsh" => "shellscript",
            "tsx" => "typescriptreact",
            "javascriptreact" | "jsx" => "javascript",
            "c++" => "cpp",
            "cs" | "c#" => "csharp",
            "md" | "mdc" => "markdown",
            other => other,
        };
        Language::ALL.iter().copied().find(|l| l.id() == id)
    }
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
        let ext = lower.rsplit_once('.').map(|(_, e)| e).unwrap_or("");
        let language = match ext {
            "rs" => Language::Rust,
            "py" | "pyi" | "pyw" => Language::Python,
            "js" | "mjs" | "cjs" | "jsx" => Language::JavaScript,
            "ts" | "mts" | "cts" => Language::TypeScript,
            "tsx" => Language::Tsx,
            "go" => Language::Go,
            "java" => Language::Java,
            "c" | "h" => Language::C,
            "cc" | "cpp" | "cxx" | "c++" | "hpp" | "hh" | "hxx" | "h++" | "ipp" => Language::Cpp,
            "cs" => Language::CSharp,
            "rb" | "rake" | "gemspec" => Language::Ruby,
            "sh" | "bash" | "zsh" | "ksh" => Language::Bash,
            "lua" => Language::Lua,
            "yml" | "yaml" => Language::Yaml,
            "toml" => Language::Toml,
            "php" => Language::Php,
            "kt" | "kts" => Language::Kotlin,
            "swift" => Language::Swift,
            "scala" | "sc" | "sbt" => Language::Scala,
            "html" | "htm" => Language::Html,
            "css" => Language::Css,
            _ => match lower.as_str() {
                "rakefile" | "gemfile" | "guardfile" | "podfile" | "vagrantfile" => Language::Ruby,
                ".bashrc" | ".bash_profile" | ".profile" | ".zshrc" => Language::Bash,
                _ => return None,
            },
        };
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

/// The role of a Markdown-like file, or `None` when it is not Markdown.
///
/// Agent instruction files are known by their conventional names, as the
/// agents that read them spell them: `AGENTS.md`, not `docs/agents.md` (a
/// page about agents).
fn markdown_role(path: &Path, lower_name: &str) -> Option<MarkdownRole> {
    const AGENT_FILES: &[&str] = &[
        "AGENTS.md",
        "AGENTS.override.md",
        "CLAUDE.md",
        "CLAUDE.local.md",
        "GEMINI.md",
        ".cursorrules",
        ".windsurfrules",
    ];
    let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
    if AGENT_FILES.contains(&name)
        || lower_name.ends_with(".instructions.md")
        // A Claude skill, a VS Code custom agent or chat mode: standing
        // instructions an agent loads.
        || name == "SKILL.md"
        || lower_name.ends_with(".agent.md")
        || lower_name.ends_with(".chatmode.md")
        || (lower_name == "copilot-instructions.md" && parent_is(path, ".github"))
        || (lower_name.ends_with(".mdc") && parent_is(path, "rules"))
    {
        return Some(MarkdownRole::AgentInstructions);
    }
    if lower_name.ends_with(".prompt.md")
        || lower_name.ends_with(".task.md")
        || lower_name == "task.md"
    {
        return Some(MarkdownRole::TaskDocument);
    }
    if lower_name.ends_with(".md")
        || lower_name.ends_with(".markdown")
        || lower_name.ends_with(".mdc")
    {
        if is_task_list(path, lower_name) {
            return Some(MarkdownRole::TaskList);
        }
        return Some(MarkdownRole::Checklist);
    }
    None
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
    fn task_documents_are_recognised() {
        for p in ["fix.prompt.md", "a/b.task.md", "TASK.md"] {
            assert_eq!(kind(p).unwrap().role, MarkdownRole::TaskDocument, "{p}");
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
    fn every_grammar_loads() {
        for &language in Language::ALL {
            let mut parser = tree_sitter::Parser::new();
            parser.set_language(&language.grammar()).unwrap();
        }
    }
}
