//! Word classes from a curated English dictionary, for decisions a hand list
//! cannot make: whether "Type" in "Type the return type" or "Model" in
//! "Model `kwds`" can be read as a verb.
//!
//! The list (`data/base-verbs.txt`) is every verb in its base form in
//! harper-core's curated dictionary, written out by `scripts/lexicon`. We
//! evaluated harper-core as a dependency (see `docs/architecture.md`): its
//! part-of-speech tagger reads imperatives as nouns ("Type/NOUN the return
//! type"), loading its dictionary costs 650 ms per process, and it brings
//! about 480 crates. Its dictionary's word classes are good, so we use them
//! as data. A dictionary says what a word *can* be: "version" and "error"
//! are verbs too. Rules therefore ask it only where the words around make
//! the verb reading likely (an imperative followed by an object).

use std::sync::LazyLock;

static BASE_VERBS: LazyLock<Vec<&'static str>> = LazyLock::new(|| {
    include_str!("../../data/base-verbs.txt")
        .lines()
        .filter(|l| !l.starts_with('#') && !l.is_empty())
        .collect()
});

/// Whether `word` (lowercase) can be a verb in its base form.
pub fn can_be_base_verb(word: &str) -> bool {
    BASE_VERBS.binary_search(&word).is_ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_list_is_sorted_and_knows_task_verbs() {
        assert!(BASE_VERBS.windows(2).all(|w| w[0] < w[1]));
        for verb in ["type", "model", "experiment", "wire", "map", "add"] {
            assert!(can_be_base_verb(verb), "{verb}");
        }
        for word in ["the", "kind", "memory", "description", "relevant"] {
            assert!(!can_be_base_verb(word), "{word}");
        }
    }
}
