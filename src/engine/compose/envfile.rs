//! `.env` and `env_file:` files, read as Docker Compose reads them (compose-go's `dotenv`):
//! `KEY=VALUE` lines, an optional `export ` prefix, `#` comments (whole lines, or after a
//! space in an unquoted value), single quotes literal, double quotes with escapes and
//! variables, unquoted values trimmed and interpolated; a bare `KEY` takes the value the
//! environment has, or is left out.
use super::interpolate::{substitute, TemplateError};
use super::ComposeError;
use std::collections::BTreeMap;
use std::path::Path;

/// Parse `text` (from `file`); `lookup` gives the environment variables may refer to (the
/// file's own earlier variables are seen first).
pub(crate) fn parse(
    file: &Path,
    text: &str,
    lookup: &dyn Fn(&str) -> Option<String>,
) -> Result<Vec<(String, String)>, ComposeError> {
    let mut out: Vec<(String, String)> = Vec::new();
    let mut lines = text.lines().enumerate();
    while let Some((n, line)) = lines.next() {
        let line = line.trim_start();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let line = line
            .strip_prefix("export ")
            .map(str::trim_start)
            .unwrap_or(line);
        let bad = |why: &str| ComposeError::invalid(format!("{}:{}: {why}", file.display(), n + 1));
        let Some((key, raw)) = line.split_once('=') else {
            let key = line.trim();
            if key.contains(char::is_whitespace) {
                return Err(bad(&format!(
                    "unexpected character in variable name {key:?}"
                )));
            }
            if let Some(v) = lookup(key) {
                out.push((key.to_string(), v));
            }
            continue;
        };
        let key = key.trim();
        if key.is_empty() || key.contains(char::is_whitespace) {
            return Err(bad(&format!("invalid variable name {key:?}")));
        }
        let seen: BTreeMap<String, String> = out.iter().cloned().collect();
        let env = |k: &str| seen.get(k).cloned().or_else(|| lookup(k));
        let expand = |s: &str| {
            substitute(s, &env).map_err(|e| match e {
                TemplateError::Missing { variable, message } => {
                    ComposeError::MissingVariable { variable, message }
                }
                TemplateError::Syntax => bad(&format!("invalid interpolation in {s:?}")),
            })
        };
        let raw = raw.trim_start();
        let value = match raw.chars().next() {
            Some(q @ ('\'' | '"')) => {
                let mut body = raw[1..].to_string();
                // A quoted value may go on over several lines until its closing quote.
                while closing_quote(&body, q).is_none() {
                    let (_, next) = lines
                        .next()
                        .ok_or_else(|| bad("unterminated quoted value"))?;
                    body.push('\n');
                    body.push_str(next);
                }
                let end = closing_quote(&body, q).unwrap_or(body.len());
                let inner = &body[..end];
                if q == '\'' {
                    inner.to_string()
                } else {
                    expand(&unescape(inner))?
                }
            }
            _ => expand(strip_comment(raw).trim())?,
        };
        out.retain(|(k, _)| k != key);
        out.push((key.to_string(), value));
    }
    Ok(out)
}

fn closing_quote(body: &str, q: char) -> Option<usize> {
    let mut escaped = false;
    for (i, c) in body.char_indices() {
        match c {
            '\\' if q == '"' && !escaped => escaped = true,
            c if c == q && !escaped => return Some(i),
            _ => escaped = false,
        }
    }
    None
}

/// Double-quoted escapes; `\$` stays `$$` so that interpolation leaves one `$`.
fn unescape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut chars = s.chars();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match chars.next() {
            Some('n') => out.push('\n'),
            Some('t') => out.push('\t'),
            Some('r') => out.push('\r'),
            Some('$') => out.push_str("$$"),
            Some(other) => out.push(other),
            None => out.push('\\'),
        }
    }
    out
}

/// An unquoted value ends at ` #`.
fn strip_comment(raw: &str) -> &str {
    match raw.find(" #").or_else(|| raw.find("\t#")) {
        Some(i) => &raw[..i],
        None => raw,
    }
}

/// Read and parse an env file.
pub(crate) fn read(
    file: &Path,
    lookup: &dyn Fn(&str) -> Option<String>,
) -> Result<Vec<(String, String)>, ComposeError> {
    let text = std::fs::read_to_string(file).map_err(|source| ComposeError::Io {
        path: file.to_path_buf(),
        source,
    })?;
    parse(file, &text, lookup)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(text: &str) -> Vec<(String, String)> {
        let env = |k: &str| (k == "HOME").then(|| "/home/u".to_string());
        parse(Path::new(".env"), text, &env).unwrap()
    }

    #[test]
    fn docker_dotenv_rules() {
        let got = p(concat!(
            "# comment\n\n",
            "A=1\n",
            "export B = two words \n",
            "C='lit $A # not a comment'\n",
            "D=\"x\\ny $A \\$A\"\n",
            "E=val # comment\n",
            "F=${A}-$HOME\n",
            "HOME\n",
            "UNSET\n",
            "G=\"multi\nline\"\n",
            "H=\n",
        ));
        let m: BTreeMap<_, _> = got.into_iter().collect();
        assert_eq!(m["A"], "1");
        assert_eq!(m["B"], "two words");
        assert_eq!(m["C"], "lit $A # not a comment");
        assert_eq!(m["D"], "x\ny 1 $A");
        assert_eq!(m["E"], "val");
        assert_eq!(m["F"], "1-/home/u");
        assert_eq!(m["HOME"], "/home/u");
        assert!(!m.contains_key("UNSET"));
        assert_eq!(m["G"], "multi\nline");
        assert_eq!(m["H"], "");
    }

    #[test]
    fn bad_lines_name_file_and_line() {
        let e = parse(Path::new("x.env"), "A=1\nB C=2\n", &|_| None).unwrap_err();
        assert!(e.to_string().starts_with("x.env:2:"), "{e}");
        assert!(parse(Path::new("x.env"), "A=\"open\n", &|_| None).is_err());
    }
}
