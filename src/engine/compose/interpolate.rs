//! Variable interpolation as compose-go's `template` package does it: `$VAR`, `${VAR}`,
//! `${VAR:-default}`, `${VAR-default}`, `${VAR:?error}`, `${VAR?error}`, `${VAR:+alt}`,
//! `${VAR+alt}` (operands interpolated in turn, so defaults nest) and `$$` for a literal `$`.
//! Applied to every string value of a raw document (never to keys) before it is typed.
use super::ComposeError;
use serde_json::Value;

/// Why a template failed.
#[derive(Debug, PartialEq, Eq)]
pub(crate) enum TemplateError {
    /// `:?`/`?` on an unset (or, for `:?`, empty) variable.
    Missing { variable: String, message: String },
    /// A `$` that starts nothing valid, or an unclosed `${`.
    Syntax,
}

type Lookup<'a> = &'a dyn Fn(&str) -> Option<String>;

fn is_name_start(c: char) -> bool {
    c == '_' || c.is_ascii_alphabetic()
}

fn is_name(c: char) -> bool {
    c == '_' || c.is_ascii_alphanumeric()
}

/// Substitute the variables of `s`.
pub(crate) fn substitute(s: &str, lookup: Lookup) -> Result<String, TemplateError> {
    let chars: Vec<char> = s.chars().collect();
    let mut out = String::with_capacity(s.len());
    let mut i = 0;
    while i < chars.len() {
        if chars[i] != '$' {
            out.push(chars[i]);
            i += 1;
            continue;
        }
        match chars.get(i + 1) {
            Some('$') => {
                out.push('$');
                i += 2;
            }
            Some('{') => {
                let end = closing(&chars, i + 2).ok_or(TemplateError::Syntax)?;
                let inner: String = chars[i + 2..end].iter().collect();
                out.push_str(&braced(&inner, lookup)?);
                i = end + 1;
            }
            Some(&c) if is_name_start(c) => {
                let start = i + 1;
                let mut end = start;
                while end < chars.len() && is_name(chars[end]) {
                    end += 1;
                }
                let name: String = chars[start..end].iter().collect();
                out.push_str(&lookup(&name).unwrap_or_default());
                i = end;
            }
            _ => return Err(TemplateError::Syntax),
        }
    }
    Ok(out)
}

/// The index of the `}` closing a `${` whose body starts at `from`, nested `${...}` included.
fn closing(chars: &[char], from: usize) -> Option<usize> {
    let mut depth = 0;
    let mut i = from;
    while i < chars.len() {
        match chars[i] {
            '$' if chars.get(i + 1) == Some(&'$') => i += 1,
            '$' if chars.get(i + 1) == Some(&'{') => {
                depth += 1;
                i += 1;
            }
            '}' if depth == 0 => return Some(i),
            '}' => depth -= 1,
            _ => {}
        }
        i += 1;
    }
    None
}

/// The body of `${...}`: a name, then optionally an operator and its operand.
fn braced(inner: &str, lookup: Lookup) -> Result<String, TemplateError> {
    let name_end = inner.find(|c: char| !is_name(c)).unwrap_or(inner.len());
    let (name, rest) = inner.split_at(name_end);
    if name.is_empty() || !name.starts_with(is_name_start) {
        return Err(TemplateError::Syntax);
    }
    let value = lookup(name);
    let set = value.is_some();
    let non_empty = value.as_deref().is_some_and(|v| !v.is_empty());
    let op_len = if rest.starts_with(':') { 2 } else { 1 };
    let (op, operand) = if rest.is_empty() {
        ("", "")
    } else {
        match (rest.get(..op_len), rest.get(op_len..)) {
            (Some(op), Some(operand)) => (op, operand),
            _ => return Err(TemplateError::Syntax),
        }
    };
    let sub = |t: &str| substitute(t, lookup);
    match op {
        "" => Ok(value.unwrap_or_default()),
        ":-" if !non_empty => sub(operand),
        "-" if !set => sub(operand),
        ":-" | "-" => Ok(value.unwrap_or_default()),
        ":?" | "?" if (op == ":?" && !non_empty) || !set => Err(TemplateError::Missing {
            variable: name.to_string(),
            message: sub(operand)?,
        }),
        ":?" | "?" => Ok(value.unwrap_or_default()),
        ":+" if non_empty => sub(operand),
        "+" if set => sub(operand),
        ":+" | "+" => Ok(String::new()),
        _ => Err(TemplateError::Syntax),
    }
}

/// Interpolate every string of `doc` in place; an error names the path of the value.
pub(crate) fn document(doc: &mut Value, lookup: Lookup) -> Result<(), ComposeError> {
    walk(doc, "", lookup)
}

fn walk(v: &mut Value, path: &str, lookup: Lookup) -> Result<(), ComposeError> {
    match v {
        Value::String(s) if s.contains('$') => {
            *s = substitute(s, lookup).map_err(|e| match e {
                TemplateError::Missing { variable, message } => {
                    ComposeError::MissingVariable { variable, message }
                }
                TemplateError::Syntax => ComposeError::invalid(format!(
                    "invalid interpolation format for {path}: {s:?}; you may need to escape any $ with another $"
                )),
            })?;
        }
        Value::Array(items) => {
            for (i, item) in items.iter_mut().enumerate() {
                walk(item, &format!("{path}[{i}]"), lookup)?;
            }
        }
        Value::Object(m) => {
            for (k, item) in m.iter_mut() {
                let p = if k.starts_with('\0') {
                    path.to_string()
                } else if path.is_empty() {
                    k.clone()
                } else {
                    format!("{path}.{k}")
                };
                walk(item, &p, lookup)?;
            }
        }
        _ => {}
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sub(s: &str) -> Result<String, TemplateError> {
        let env = |k: &str| match k {
            "SET" => Some("v".to_string()),
            "EMPTY" => Some(String::new()),
            "PORT" => Some("8080".to_string()),
            _ => None,
        };
        substitute(s, &env)
    }

    #[test]
    fn plain_and_braced() {
        assert_eq!(sub("a $SET b ${SET}c").unwrap(), "a v b vc");
        assert_eq!(sub("$UNSET|${UNSET}").unwrap(), "|");
        assert_eq!(sub("$$SET $${SET} $$").unwrap(), "$SET ${SET} $");
        assert_eq!(sub("${PORT}:80").unwrap(), "8080:80");
    }

    #[test]
    fn defaults_distinguish_unset_from_empty() {
        assert_eq!(sub("${UNSET:-d} ${UNSET-d}").unwrap(), "d d");
        assert_eq!(sub("${EMPTY:-d}|${EMPTY-d}").unwrap(), "d|");
        assert_eq!(sub("${SET:-d}").unwrap(), "v");
        assert_eq!(sub("${UNSET:-${ALSO:-${SET}}}").unwrap(), "v");
        assert_eq!(sub("${UNSET:-a b:c}").unwrap(), "a b:c");
    }

    #[test]
    fn alternatives() {
        assert_eq!(
            sub("${SET:+x} ${EMPTY:+x}|${EMPTY+x} ${UNSET+x}|").unwrap(),
            "x |x |"
        );
    }

    #[test]
    fn required_variables() {
        assert_eq!(
            sub("${UNSET:?please set it}"),
            Err(TemplateError::Missing {
                variable: "UNSET".into(),
                message: "please set it".into()
            })
        );
        assert!(matches!(
            sub("${EMPTY:?x}"),
            Err(TemplateError::Missing { .. })
        ));
        assert_eq!(sub("${EMPTY?x}").unwrap(), "");
        assert_eq!(sub("${SET:?x}").unwrap(), "v");
        let e = ComposeError::MissingVariable {
            variable: "DB".into(),
            message: "no db".into(),
        };
        assert_eq!(
            e.to_string(),
            "required variable DB is missing a value: no db"
        );
    }

    #[test]
    fn bad_templates() {
        assert_eq!(sub("${SET"), Err(TemplateError::Syntax));
        assert_eq!(sub("cost $5"), Err(TemplateError::Syntax));
        assert_eq!(sub("${}"), Err(TemplateError::Syntax));
        assert_eq!(sub("${SET%x}"), Err(TemplateError::Syntax));
    }

    #[test]
    fn documents_name_the_path() {
        let mut doc = serde_json::json!({"services": {"w": {"ports": ["ok", "$ bad"]}}});
        let e = document(&mut doc, &|_| None).unwrap_err().to_string();
        assert!(e.contains("services.w.ports[1]"), "{e}");
    }
}
