//! YAML in: a file's text to a raw JSON document, with YAML merge keys (`<<`) applied and the
//! Compose merge tags `!reset` and `!override` kept as one-key marker objects for `merge`.
use super::values::Json;
use super::ComposeError;
use serde_json::{Map, Value};
use serde_yaml_ng::Value as Yaml;
use std::path::Path;

/// The marker keys a tagged value is wrapped in (no real key starts with a NUL).
pub(crate) const RESET: &str = "\0reset";
pub(crate) const OVERRIDE: &str = "\0override";

/// Parse `text` (read from `file`) into a raw document; a syntax error says `FILE:LINE:COLUMN`.
pub(crate) fn parse(file: &Path, text: &str) -> Result<Json, ComposeError> {
    let mut doc: Yaml = serde_yaml_ng::from_str(text).map_err(|e| syntax(file, &e))?;
    // Merge keys may be nested (an anchor that merges another): apply until none is left.
    for _ in 0..8 {
        doc.apply_merge().map_err(|e| syntax(file, &e))?;
        if !has_merge_key(&doc) {
            break;
        }
    }
    match doc {
        Yaml::Null => Err(ComposeError::invalid(format!(
            "{}: empty compose file",
            file.display()
        ))),
        Yaml::Mapping(_) => to_json(file, doc),
        _ => Err(ComposeError::invalid(format!(
            "{}: top-level object must be a mapping",
            file.display()
        ))),
    }
}

fn syntax(file: &Path, e: &serde_yaml_ng::Error) -> ComposeError {
    let msg = e.to_string();
    // The crate appends " at line L column C" (and the context's mark); the location leads.
    let message = match msg.find(" at line ") {
        Some(i) => {
            msg[..i].to_string()
                + &msg[i..]
                    .split_once(", ")
                    .map(|(_, r)| format!(", {r}"))
                    .unwrap_or_default()
        }
        None => msg,
    };
    match e.location() {
        Some(l) => ComposeError::Syntax {
            file: file.to_path_buf(),
            line: l.line(),
            column: l.column(),
            message,
        },
        None => ComposeError::invalid(format!("{}: {message}", file.display())),
    }
}

fn has_merge_key(v: &Yaml) -> bool {
    match v {
        Yaml::Mapping(m) => m.contains_key("<<") || m.values().any(has_merge_key),
        Yaml::Sequence(s) => s.iter().any(has_merge_key),
        Yaml::Tagged(t) => has_merge_key(&t.value),
        _ => false,
    }
}

fn to_json(file: &Path, v: Yaml) -> Result<Json, ComposeError> {
    Ok(match v {
        Yaml::Null => Value::Null,
        Yaml::Bool(b) => Value::Bool(b),
        Yaml::Number(n) => {
            if let Some(i) = n.as_i64() {
                Value::from(i)
            } else if let Some(u) = n.as_u64() {
                Value::from(u)
            } else {
                let f = n.as_f64().unwrap_or(f64::NAN);
                serde_json::Number::from_f64(f).map_or(Value::Null, Value::Number)
            }
        }
        Yaml::String(s) => Value::String(s),
        Yaml::Sequence(items) => Value::Array(
            items
                .into_iter()
                .map(|i| to_json(file, i))
                .collect::<Result<_, _>>()?,
        ),
        Yaml::Mapping(m) => {
            let mut out = Map::new();
            for (k, v) in m {
                out.insert(key(file, k)?, to_json(file, v)?);
            }
            Value::Object(out)
        }
        Yaml::Tagged(t) => {
            let inner = to_json(file, t.value)?;
            let marker = match t.tag.to_string().trim_start_matches('!') {
                "reset" => RESET,
                "override" => OVERRIDE,
                // Other tags (`!!str`, custom ones) do not change the value for Compose.
                _ => return Ok(inner),
            };
            let mut m = Map::new();
            m.insert(marker.to_string(), inner);
            Value::Object(m)
        }
    })
}

fn key(file: &Path, k: Yaml) -> Result<String, ComposeError> {
    match k {
        Yaml::String(s) => Ok(s),
        Yaml::Number(n) => Ok(n.to_string()),
        Yaml::Bool(b) => Ok(b.to_string()),
        other => Err(ComposeError::invalid(format!(
            "{}: mapping keys must be strings, not {other:?}",
            file.display()
        ))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn syntax_errors_name_file_line_and_column() {
        let e = parse(
            Path::new("/p/compose.yaml"),
            "services:\n  web:\n    image: [a\n",
        )
        .unwrap_err()
        .to_string();
        assert!(e.starts_with("/p/compose.yaml:"), "{e}");
        let parts: Vec<&str> = e.splitn(4, ':').collect();
        assert!(parts[1].parse::<usize>().unwrap() >= 3, "{e}");
        assert!(parts[2].parse::<usize>().is_ok(), "{e}");
    }

    #[test]
    fn merge_keys_and_tags() {
        let doc = parse(
            Path::new("f"),
            "x-base: &b\n  image: a\n  tty: true\nservices:\n  w:\n    <<: *b\n    image: c\n    ports: !reset []\n",
        )
        .unwrap();
        assert_eq!(doc["services"]["w"]["image"], json!("c"));
        assert_eq!(doc["services"]["w"]["tty"], json!(true));
        assert_eq!(doc["services"]["w"]["ports"], json!({RESET: []}));
    }
}
