//! Docker's variable expansion for the instructions it expands (FROM, COPY, ADD, ENV, ARG, LABEL,
//! WORKDIR, USER, EXPOSE, VOLUME, STOPSIGNAL; never RUN, CMD, ENTRYPOINT or SHELL, whose shell
//! does it): `$V`, `${V}`, `${V:-x}`, `${V:+x}`, `${V-x}`, `${V+x}`, quotes removed ('...'
//! literal, "..." expanded), `\` escaping the next character. Also the splitting of ENV, LABEL
//! and ARG texts into `key=value` pairs, which the parser hands over raw.
use anyhow::{bail, Result};
use std::collections::BTreeMap;

/// Variables in scope: ENV of the image so far, then the build's ARGs.
pub(crate) type Vars = BTreeMap<String, String>;

/// One word, expanded and unquoted.
pub(crate) fn word(text: &str, vars: &Vars) -> Result<String> {
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::new();
    let mut i = 0;
    let mut quote: Option<char> = None;
    while i < chars.len() {
        let c = chars[i];
        match (c, quote) {
            ('\'', None) | ('"', None) => quote = Some(c),
            (q, Some(open)) if q == open => quote = None,
            ('\\', Some('\'')) => out.push(c),
            ('\\', _) => {
                i += 1;
                match chars.get(i) {
                    Some(n) => out.push(*n),
                    None => out.push('\\'),
                }
            }
            ('$', q) if q != Some('\'') => {
                let (value, next) = variable(&chars, i + 1, vars)?;
                out.push_str(&value);
                i = next;
                continue;
            }
            _ => out.push(c),
        }
        i += 1;
    }
    if let Some(q) = quote {
        bail!("unmatched {q} in {text:?}: close the quote");
    }
    Ok(out)
}

/// A heredoc's content, as BuildKit expands it (raw quotes and escapes): only `$` forms are
/// replaced; quotes stay, and a backslash keeps itself and the character after it.
pub(crate) fn heredoc(text: &str, vars: &Vars) -> Result<String> {
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::new();
    let mut i = 0;
    while i < chars.len() {
        match chars[i] {
            '\\' => {
                out.push('\\');
                if let Some(n) = chars.get(i + 1) {
                    out.push(*n);
                }
                i += 2;
            }
            '$' => {
                let (value, next) = variable(&chars, i + 1, vars)?;
                out.push_str(&value);
                i = next;
            }
            c => {
                out.push(c);
                i += 1;
            }
        }
    }
    Ok(out)
}

/// The variable starting at `chars[start]` (after the `$`): its value and where the text goes on.
fn variable(chars: &[char], start: usize, vars: &Vars) -> Result<(String, usize)> {
    let is_name = |c: char| c.is_ascii_alphanumeric() || c == '_';
    match chars.get(start) {
        Some('{') => {
            let close = chars[start..]
                .iter()
                .position(|c| *c == '}')
                .map(|p| start + p)
                .ok_or_else(|| anyhow::anyhow!("missing }} in ${{...}}: close the brace"))?;
            let inner: String = chars[start + 1..close].iter().collect();
            let name_len = inner.chars().take_while(|c| is_name(*c)).count();
            let (name, rest) = inner.split_at(name_len);
            if name.is_empty() {
                bail!("bad substitution ${{{inner}}}: a variable name is missing");
            }
            let value = vars.get(name);
            let set_nonempty = value.is_some_and(|v| !v.is_empty());
            let out = match rest {
                "" => value.cloned().unwrap_or_default(),
                r if r.starts_with(":-") => match set_nonempty {
                    true => value.cloned().unwrap_or_default(),
                    false => word(&r[2..], vars)?,
                },
                r if r.starts_with(":+") => match set_nonempty {
                    true => word(&r[2..], vars)?,
                    false => String::new(),
                },
                r if r.starts_with('-') => match value {
                    Some(v) => v.clone(),
                    None => word(&r[1..], vars)?,
                },
                r if r.starts_with('+') => match value {
                    Some(_) => word(&r[1..], vars)?,
                    None => String::new(),
                },
                r => bail!("unsupported modifier ({r}) in ${{{inner}}}: skiff build expands ${{V}}, ${{V:-x}}, ${{V:+x}}, ${{V-x}} and ${{V+x}}"),
            };
            Ok((out, close + 1))
        }
        Some(c) if is_name(*c) => {
            let len = chars[start..].iter().take_while(|c| is_name(**c)).count();
            let name: String = chars[start..start + len].iter().collect();
            Ok((vars.get(&name).cloned().unwrap_or_default(), start + len))
        }
        _ => Ok(("$".to_string(), start)),
    }
}

/// Splits `text` at unquoted, unescaped whitespace, keeping quotes for `word`.
pub(crate) fn split(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut cur = String::new();
    let mut quote: Option<char> = None;
    let mut chars = text.chars();
    while let Some(c) = chars.next() {
        match (c, quote) {
            ('\\', q) if q != Some('\'') => {
                cur.push(c);
                if let Some(n) = chars.next() {
                    cur.push(n);
                }
            }
            ('\'', None) | ('"', None) => {
                quote = Some(c);
                cur.push(c);
            }
            (q, Some(open)) if q == open => {
                quote = None;
                cur.push(c);
            }
            (w, None) if w.is_whitespace() => {
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
    out
}

/// ENV or LABEL pairs: `k=v k2="a b"`, or the legacy `k the rest` (one pair).
pub(crate) fn pairs(text: &str, vars: &Vars, inst: &str) -> Result<Vec<(String, String)>> {
    let words = split(text);
    let Some(first) = words.first() else {
        bail!("{inst} needs at least one KEY=VALUE");
    };
    if !first.contains('=') {
        let rest = text.trim_start()[first.len()..].trim();
        if rest.is_empty() {
            bail!("{inst} {first}: a value is missing (write {inst} {first}=VALUE)");
        }
        return Ok(vec![(word(first, vars)?, word(rest, vars)?)]);
    }
    let mut out = Vec::new();
    for w in &words {
        let Some((k, v)) = w.split_once('=') else {
            bail!("{inst}: {w:?} is not KEY=VALUE (every word must be, or write {inst} KEY VALUE)");
        };
        out.push((word(k, vars)?, word(v, vars)?));
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn vars() -> Vars {
        [("A", "a"), ("E", "")]
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect()
    }

    #[test]
    fn expands_docker_forms() {
        let v = vars();
        assert_eq!(word("$A/${A}x", &v).unwrap(), "a/ax");
        assert_eq!(word("${E:-d} ${E-d} ${U-d}", &v).unwrap(), "d  d");
        assert_eq!(word("${A:+y}${E:+y}${E+z}", &v).unwrap(), "yz");
        assert_eq!(word("'$A' \"$A\" \\$A", &v).unwrap(), "$A a $A");
    }

    #[test]
    fn splits_pairs() {
        let v = vars();
        let p = pairs("X=\"a b\" Y=$A", &v, "ENV").unwrap();
        assert_eq!(p, [("X".into(), "a b".into()), ("Y".into(), "a".into())]);
        let p = pairs("X a b", &v, "ENV").unwrap();
        assert_eq!(p, [("X".into(), "a b".into())]);
    }
}
