//! The rule pages in `docs/rules/`, generated from the rules' doc comments so
//! the two never disagree.

use super::{ALL, RuleMeta};

/// The Markdown page of one rule.
pub fn page(rule: &RuleMeta) -> String {
    format!(
        "# {name}\n\n*{category}* · default severity: *{severity}* · `handoff explain {name}`\n\n{summary}.\n\n{doc}\n## Silencing it\n\nFor one instruction, write `handoff-ignore: {name}` in the comment or item (in Markdown also `<!-- handoff-ignore: {name} -->` on the line before). For a project, set it in `handoff.toml`:\n\n```toml\n[rules]\n{name} = \"off\"\n```\n",
        name = rule.name,
        category = rule.category.as_str(),
        severity = rule.default_severity.as_str(),
        summary = rule.summary,
        doc = rule.documentation(),
    )
}

/// The index page listing every rule.
pub fn index() -> String {
    let mut out = String::from(
        "# Rules\n\nGenerated from the rules' source (`src/rules/`); run `UPDATE_DOCS=1 cargo test --test docs` after changing a rule's doc comment.\n\n| rule | category | default | what it flags |\n|---|---|---|---|\n",
    );
    for rule in ALL {
        out.push_str(&format!(
            "| [{name}]({name}.md) | {} | {} | {} |\n",
            rule.category.as_str(),
            rule.default_severity.as_str(),
            rule.summary,
            name = rule.name
        ));
    }
    out
}
