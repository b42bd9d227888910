//! The functions format.rs's templates can call (Docker's `json`, `upper`, `truncate`, `title`,
//! `table`'s header titles, ps's `.Label` rewrite): apart from the parsing and rendering.
use super::*;

/// Rewrites `.Label "k"` (a method of Docker's ps rows; gotmpl has no methods) inside actions to
/// the `label` function: `label . "k"`.
pub(super) fn rewrite_label_calls(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(start) = rest.find("{{") {
        let Some(len) = rest[start..].find("}}") else {
            break;
        };
        out.push_str(&rest[..start]);
        let action = &rest[start..start + len];
        let mut a = String::new();
        let mut prev = ' ';
        let mut i = 0;
        while i < action.len() {
            let tail = &action[i..];
            let boundary = prev.is_whitespace() || prev == '(' || prev == '{' || prev == '-';
            if boundary && tail.starts_with(".Label") && tail[6..].starts_with([' ', '\t']) {
                a.push_str("label .");
                i += 6;
                prev = 'l';
                continue;
            }
            let c = tail.chars().next().unwrap_or(' ');
            a.push(c);
            prev = c;
            i += c.len_utf8();
        }
        out.push_str(&a);
        rest = &rest[start + len..];
    }
    out.push_str(rest);
    out
}

fn arg_str(args: &[Value], i: usize) -> String {
    match args.get(i) {
        Some(Value::String(s)) => s.to_string(),
        Some(v) => v.to_string(),
        None => String::new(),
    }
}

fn arg_int(args: &[Value], i: usize) -> i64 {
    args.get(i).and_then(Value::as_int).unwrap_or(0)
}

fn want(name: &str, args: &[Value], n: usize) -> gotmpl::Result<()> {
    match args.len() == n {
        true => Ok(()),
        false => Err(TemplateError::ArgCount {
            name: name.to_string(),
            expected: n,
            got: args.len(),
        }),
    }
}

fn s(v: impl Into<Arc<str>>) -> Value {
    Value::String(v.into())
}

/// Go's `strings.Title`: each letter after a non-word character upper-cased.
fn title(text: &str) -> String {
    let mut prev_sep = true;
    text.chars()
        .map(|c| {
            let out = if prev_sep {
                c.to_uppercase().next().unwrap_or(c)
            } else {
                c
            };
            prev_sep = !(c.is_alphanumeric() || c == '_');
            out
        })
        .collect()
}

/// Docker's `truncate`: the first `n` bytes (here, at a character boundary).
fn truncate(text: &str, n: i64) -> String {
    let n = n.max(0) as usize;
    if text.len() < n {
        return text.to_string();
    }
    let mut end = n;
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    text[..end].to_string()
}

/// The docker CLI's template functions (`templates.basicFunctions`), or for a table header its
/// `HeaderFunctions`, which leave the column names as they are.
pub(super) fn funcs(t: Template, header: bool) -> Template {
    let t = t.func("pad", |a| {
        want("pad", a, 3)?;
        let text = arg_str(a, 0);
        if text.is_empty() {
            return Ok(s(text));
        }
        let pad = |n: i64| " ".repeat(n.max(0) as usize);
        Ok(s(format!(
            "{}{text}{}",
            pad(arg_int(a, 1)),
            pad(arg_int(a, 2))
        )))
    });
    match header {
        true => header_funcs(t),
        false => row_funcs(t),
    }
}

/// A table header's functions: each gives its (string) argument back, since a header is made
/// of column titles, not data; `label` gives the last dotted part of the key.
fn header_funcs(t: Template) -> Template {
    let same = |name: &'static str, n: usize| {
        move |a: &[Value]| -> gotmpl::Result<Value> {
            want(name, a, n)?;
            match &a[0] {
                Value::String(_) => Ok(a[0].clone()),
                _ => Err(TemplateError::Exec(format!(
                    "{name}: the header is not a string"
                ))),
            }
        }
    };
    t.func("json", same("json", 1))
        .func("split", same("split", 2))
        .func("join", same("join", 2))
        .func("title", same("title", 1))
        .func("lower", same("lower", 1))
        .func("upper", same("upper", 1))
        .func("truncate", same("truncate", 2))
        // The docker CLI's `SubHeaderContext.Label`: the last dotted part of the key.
        .func("label", |a| {
            want("label", a, 2)?;
            let k = arg_str(a, 1);
            let last = k.rsplit('.').next().unwrap_or("");
            Ok(s(last.replace(['-', '_'], " ")))
        })
}

/// The docker CLI's functions over row data.
fn row_funcs(t: Template) -> Template {
    t.func("json", |a| {
        want("json", a, 1)?;
        Ok(s(to_json(&a[0]).to_string()))
    })
    .func("split", |a| {
        want("split", a, 2)?;
        let (text, sep) = (arg_str(a, 0), arg_str(a, 1));
        let parts: Vec<Value> = match sep.is_empty() {
            true => text.chars().map(|c| s(c.to_string())).collect(),
            false => text.split(sep.as_str()).map(s).collect(),
        };
        Ok(Value::List(parts.into()))
    })
    .func("join", |a| {
        want("join", a, 2)?;
        let Value::List(items) = &a[0] else {
            return Err(TemplateError::Exec("join: expected a list".into()));
        };
        let items: Vec<String> = items
            .iter()
            .map(|v| arg_str(std::slice::from_ref(v), 0))
            .collect();
        Ok(s(items.join(&arg_str(a, 1))))
    })
    .func("title", |a| {
        want("title", a, 1)?;
        Ok(s(title(&arg_str(a, 0))))
    })
    .func("lower", |a| {
        want("lower", a, 1)?;
        Ok(s(arg_str(a, 0).to_lowercase()))
    })
    .func("upper", |a| {
        want("upper", a, 1)?;
        Ok(s(arg_str(a, 0).to_uppercase()))
    })
    .func("truncate", |a| {
        want("truncate", a, 2)?;
        Ok(s(truncate(&arg_str(a, 0), arg_int(a, 1))))
    })
    // `.Label "k"` of ps rows, rewritten by `rewrite_label_calls`: "" for a missing label.
    .func("label", |a| {
        want("label", a, 2)?;
        let labels = match &a[0] {
            Value::Map(m) => m.get("Labels").map(|v| arg_str(std::slice::from_ref(v), 0)),
            _ => None,
        }
        .unwrap_or_default();
        let key = arg_str(a, 1);
        let found = labels
            .split(',')
            .filter_map(|kv| kv.split_once('='))
            .find(|(k, _)| *k == key)
            .map(|(_, v)| v.to_string());
        Ok(s(found.unwrap_or_default()))
    })
}
