//! RUN heredocs (`RUN <<EOF`, `RUN cat <<-'EOF' > /f`, several per RUN), found before
//! parse-dockerfile sees the text: it only knows one heredoc at the very start of a RUN. Each
//! RUN heredoc body is blanked (spaces, so line numbers and byte offsets stay) and its `<<`
//! hidden (same length, so spans stay), and kept by the RUN's line for `dockerfile` to attach.
//! COPY/ADD heredocs are left to parse-dockerfile, which handles them.
use anyhow::{bail, Result};
use std::collections::BTreeMap;

/// One heredoc of a RUN, as BuildKit hands it to the frontend.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Heredoc {
    /// The delimiter word, quotes removed (`EOF`).
    pub(crate) name: String,
    /// The marker as written (`<<-"EOF"`).
    pub(crate) marker: String,
    /// The body as written, up to and including the newline before the delimiter line.
    pub(crate) body: String,
    /// `<<-`: leading tabs of the body lines are stripped (when the body is run as a script).
    pub(crate) strip_tabs: bool,
}

impl Heredoc {
    /// The body with `<<-`'s tab stripping applied (BuildKit's "chomp").
    pub(crate) fn content(&self) -> String {
        match self.strip_tabs {
            true => self
                .body
                .split_inclusive('\n')
                .map(|l| l.trim_start_matches('\t'))
                .collect(),
            false => self.body.clone(),
        }
    }
}

/// The text with RUN heredocs hidden, and the heredocs by the 1-based line their RUN starts on.
pub(crate) fn extract(text: &str) -> Result<(String, BTreeMap<usize, Vec<Heredoc>>)> {
    let escape = escape_char(text);
    let lines: Vec<&str> = text.split_inclusive('\n').collect();
    let mut out = String::with_capacity(text.len());
    let mut docs = BTreeMap::new();
    let mut i = 0;
    while i < lines.len() {
        // One logical instruction: its physical lines up to one not ending in the escape char.
        let start = i;
        let mut logical = String::new();
        loop {
            let l = lines[i];
            let first = i == start;
            logical.push_str(l);
            i += 1;
            let t = l.trim_end();
            // Comment and empty lines inside a continued instruction are skipped (Docker's).
            let skipped = t.trim_start().starts_with('#') || t.trim().is_empty();
            let ends = match (first, skipped) {
                (true, true) => true,
                (false, true) => false,
                _ => !t.ends_with(escape),
            };
            if ends || i >= lines.len() {
                break;
            }
        }
        let markers = match is_run(&logical) {
            true => markers(&logical),
            false => Vec::new(),
        };
        if markers.is_empty() {
            out.push_str(&logical);
            continue;
        }
        out.push_str(&hide(&logical, &markers));
        let mut found = Vec::new();
        for (marker, name, strip_tabs) in markers {
            let mut body = String::new();
            loop {
                let Some(l) = lines.get(i) else {
                    // The caller puts the Dockerfile's name (which `-f` may change) before it.
                    bail!(
                        "{}: the heredoc {marker} has no closing {name} line",
                        start + 1
                    );
                };
                i += 1;
                out.push_str(&blank(l));
                let cmp = if strip_tabs {
                    l.trim_start_matches('\t')
                } else {
                    l
                };
                if cmp.trim_end_matches(['\n', '\r']) == name {
                    break;
                }
                body.push_str(l);
            }
            found.push(Heredoc {
                name,
                marker,
                body,
                strip_tabs,
            });
        }
        docs.insert(start + 1, found);
    }
    Ok((out, docs))
}

/// A line of the same byte length, spaces but for its line ending (spans must stay put).
fn blank(line: &str) -> String {
    line.bytes()
        .map(|b| {
            if b == b'\n' || b == b'\r' {
                b as char
            } else {
                ' '
            }
        })
        .collect()
}

/// The `# escape=` directive's character (a backtick), else the backslash.
fn escape_char(text: &str) -> char {
    for l in text.lines() {
        let l = l.trim();
        let Some(d) = l.strip_prefix('#') else { break };
        let d = d.trim().to_ascii_lowercase();
        if let Some(v) = d.strip_prefix("escape") {
            if v.trim_start().strip_prefix('=').map(str::trim) == Some("`") {
                return '`';
            }
        }
    }
    '\\'
}

fn is_run(logical: &str) -> bool {
    let word = logical.split_whitespace().next().unwrap_or("");
    word.eq_ignore_ascii_case("RUN")
}

/// The heredoc markers of a RUN, in order: (as written, delimiter name, `<<-`). A marker is a
/// shell word starting with `<<` (not `<<<`), outside quotes, as BuildKit's word scan finds it.
pub(crate) fn markers(logical: &str) -> Vec<(String, String, bool)> {
    let mut out = Vec::new();
    for word in words(logical) {
        let Some(rest) = word.strip_prefix("<<") else {
            continue;
        };
        if rest.starts_with('<') {
            continue;
        }
        let (strip, rest) = match rest.strip_prefix('-') {
            Some(r) => (true, r),
            None => (false, rest),
        };
        let name: String = rest.chars().filter(|c| !matches!(c, '"' | '\'')).collect();
        if name.is_empty() || name.contains('<') {
            continue;
        }
        out.push((word.clone(), name, strip));
    }
    out
}

/// Whitespace-separated words, quotes kept, with quoted spans never split or scanned.
fn words(s: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut cur = String::new();
    let mut quote = None;
    for c in s.chars() {
        match (quote, c) {
            (None, '"' | '\'') => {
                quote = Some(c);
                cur.push(c);
            }
            (Some(q), c) if c == q => {
                quote = None;
                cur.push(c);
            }
            (None, c) if c.is_whitespace() => {
                if !cur.is_empty() {
                    out.push(std::mem::take(&mut cur));
                }
            }
            _ => cur.push(c),
        }
    }
    if !cur.is_empty() {
        out.push(cur);
    }
    // A quoted word is not a marker (`echo "<<EOF"`), unless only its delimiter is quoted.
    out.retain(|w| !w.starts_with(['"', '\'']));
    out
}

/// The instruction with each marker's `<<` replaced by `__` (the same length, and not space:
/// the parser's spans must still start at the marker).
fn hide(logical: &str, markers: &[(String, String, bool)]) -> String {
    let mut s = logical.to_string();
    let mut from = 0;
    for (marker, _, _) in markers {
        if let Some(p) = s[from..].find(marker.as_str()) {
            let at = from + p;
            s.replace_range(at..at + 2, "__");
            from = at + marker.len();
        }
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bodies_are_blanked_and_kept_by_line() {
        let text = "FROM x\nRUN <<EOF\necho a\nEOF\nRUN cat <<-'A' > /a && cat <<B\n\tone $X\n\tA\ntwo\nB\nRUN echo '<<no'\n";
        let (out, docs) = extract(text).unwrap();
        assert_eq!(out.len(), text.len());
        let lines: Vec<&str> = out.lines().map(str::trim_end).collect();
        assert_eq!(
            lines,
            [
                "FROM x",
                "RUN __EOF",
                "",
                "",
                "RUN cat __-'A' > /a && cat __B",
                "",
                "",
                "",
                "",
                "RUN echo '<<no'"
            ]
        );
        assert_eq!(docs[&2][0].body, "echo a\n");
        assert_eq!(docs[&5][0].name, "A");
        assert!(docs[&5][0].strip_tabs);
        assert_eq!(docs[&5][0].content(), "one $X\n");
        assert_eq!(docs[&5][1].body, "two\n");
        assert!(!docs.contains_key(&10));
        assert!(extract("FROM x\nRUN <<EOF\necho\n").is_err());
        let (_, docs) = extract("FROM x\nRUN true \\\n# note\n\n  && cat <<E\nbody\nE\n").unwrap();
        assert_eq!(docs[&2][0].body, "body\n");
    }
}
