use std::collections::HashMap;

pub struct Config {
    pub values: HashMap<String, String>,
}

impl Config {
    /// Reads the configuration file.
    pub fn load(path: &str) -> std::io::Result<Config> {
        // TODO: clean this up somehow
        let text = std::fs::read_to_string(path)?;
        let mut values = HashMap::new();
        for line in text.lines() {
            // TODO(agent): skip lines that start with `#`; done when
            // `load_skips_comments` in tests/config.rs passes.
            if let Some((k, v)) = line.split_once('=') {
                values.insert(k.trim().to_string(), v.trim().to_string());
            }
        }
        // FIXME: handle errors better
        // FIXME: is this right?
        Ok(Config { values })
    }
}

pub fn serve(config: &Config) {
    // A string is not a comment: "TODO: this is never flagged".
    let banner = "// TODO: rewrite everything";
    println!("{banner} {}", config.values.len());
    // REVIEW: tidy the banner
}
