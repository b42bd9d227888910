//! `.dockerignore` (or `.containerignore`) in the context: Docker's rules for the common forms.
//! A line is a pattern on paths relative to the context (`*` and `?` within a component, `**`
//! across components); a path is excluded when it or one of its parents matches, and the last
//! matching line wins, so `!pattern` brings back what an earlier line excluded.
use anyhow::{Context, Result};
use regex::Regex;
use std::path::Path;

#[derive(Clone)]
pub(crate) struct Ignore {
    rules: Vec<(bool, Regex)>,
}

impl Ignore {
    /// Reads `<Dockerfile>.dockerignore` (or `.containerignore`) beside the Dockerfile (Docker's
    /// per-Dockerfile ignore file), else `.dockerignore`, else `.containerignore`, in `context`;
    /// none excludes nothing.
    pub(crate) fn read_for(context: &Path, dockerfile: Option<&Path>) -> Result<Ignore> {
        let mut candidates = Vec::new();
        if let Some(df) = dockerfile {
            for ext in ["dockerignore", "containerignore"] {
                let mut s = df.as_os_str().to_os_string();
                s.push(format!(".{ext}"));
                candidates.push(std::path::PathBuf::from(s));
            }
        }
        for name in [".dockerignore", ".containerignore"] {
            candidates.push(context.join(name));
        }
        for p in candidates {
            match std::fs::read_to_string(&p) {
                Ok(text) => return Ignore::parse(&text),
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
                Err(e) => return Err(e).with_context(|| format!("cannot read {}", p.display())),
            }
        }
        Ok(Ignore { rules: Vec::new() })
    }

    pub(crate) fn parse(text: &str) -> Result<Ignore> {
        let mut rules = Vec::new();
        for line in text.lines() {
            let line = line.trim();
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            let (keep, pat) = match line.strip_prefix('!') {
                Some(p) => (true, p.trim()),
                None => (false, line),
            };
            let pat = pat.trim_start_matches('/').trim_end_matches('/');
            let pat = pat.strip_prefix("./").unwrap_or(pat);
            if pat.is_empty() {
                continue;
            }
            let re = Regex::new(&format!("^{}$", to_regex(pat)))
                .with_context(|| format!(".dockerignore: bad pattern {line:?}"))?;
            rules.push((keep, re));
        }
        Ok(Ignore { rules })
    }

    /// True when `rel` (a context-relative path) is left out.
    pub(crate) fn excluded(&self, rel: &str) -> bool {
        let mut out = false;
        for (keep, re) in &self.rules {
            if matches_or_parent(re, rel) {
                out = !keep;
            }
        }
        out
    }

    /// True when an exception (`!`) may bring back something under the excluded dir `rel`,
    /// so the walk must go in.
    pub(crate) fn may_include_under(&self, rel: &str) -> bool {
        self.rules.iter().any(|(keep, re)| {
            *keep
                && (re.as_str().contains(".*") || re.as_str()[1..].starts_with(&regex::escape(rel)))
        })
    }
}

fn matches_or_parent(re: &Regex, rel: &str) -> bool {
    let mut p = rel;
    loop {
        if re.is_match(p) {
            return true;
        }
        match p.rsplit_once('/') {
            Some((parent, _)) => p = parent,
            None => return false,
        }
    }
}

fn to_regex(pat: &str) -> String {
    let mut out = String::new();
    let chars: Vec<char> = pat.chars().collect();
    let mut i = 0;
    while i < chars.len() {
        match chars[i] {
            '*' if chars.get(i + 1) == Some(&'*') => {
                // `**/` matches no or any directories; `**` alone, anything.
                if chars.get(i + 2) == Some(&'/') {
                    out.push_str("(.*/)?");
                    i += 3;
                    continue;
                }
                out.push_str(".*");
                i += 2;
                continue;
            }
            '*' => out.push_str("[^/]*"),
            '?' => out.push_str("[^/]"),
            c => out.push_str(&regex::escape(&c.to_string())),
        }
        i += 1;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::Ignore;

    #[test]
    fn exceptions_and_double_star() {
        let i = Ignore::parse("**/*.log\n!keep.log\nsecret\n").unwrap();
        assert!(i.excluded("a/b/x.log"));
        assert!(i.excluded("x.log"));
        assert!(!i.excluded("keep.log"));
        assert!(i.excluded("secret/inner"));
        assert!(!i.excluded("src/main.rs"));
    }
}
