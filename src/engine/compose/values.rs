//! Coercions of raw document values: the schema lets most scalars be strings (so that they can
//! be interpolated), so a number, a boolean or a size may arrive as text.
use super::ComposeError;
use serde_json::{Map, Value};
use std::collections::BTreeMap;

pub(crate) type Json = Value;
pub(crate) type Obj = Map<String, Value>;

/// A scalar as text, as compose-go prints it (`1` → "1", `true` → "true"); `None` for null.
pub(crate) fn text(v: &Value) -> Option<String> {
    match v {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        Value::Bool(b) => Some(b.to_string()),
        _ => None,
    }
}

fn bad(what: &str, v: &Value, expected: &str) -> ComposeError {
    ComposeError::invalid(format!("{what}: invalid value {v}: expected {expected}"))
}

/// A boolean, with Go's `strconv.ParseBool` spellings for strings.
pub(crate) fn boolean(what: &str, v: &Value) -> Result<bool, ComposeError> {
    match v {
        Value::Bool(b) => Ok(*b),
        Value::String(s) => match s.as_str() {
            "1" | "t" | "T" | "true" | "TRUE" | "True" | "yes" | "y" => Ok(true),
            "0" | "f" | "F" | "false" | "FALSE" | "False" | "no" | "n" => Ok(false),
            _ => Err(bad(what, v, "a boolean")),
        },
        _ => Err(bad(what, v, "a boolean")),
    }
}

pub(crate) fn int(what: &str, v: &Value) -> Result<i64, ComposeError> {
    match v {
        Value::Number(n) => n.as_i64().ok_or_else(|| bad(what, v, "an integer")),
        Value::String(s) => s.trim().parse().map_err(|_| bad(what, v, "an integer")),
        _ => Err(bad(what, v, "an integer")),
    }
}

pub(crate) fn uint(what: &str, v: &Value) -> Result<u64, ComposeError> {
    let i = int(what, v)?;
    u64::try_from(i).map_err(|_| bad(what, v, "a non-negative integer"))
}

pub(crate) fn float(what: &str, v: &Value) -> Result<f64, ComposeError> {
    match v {
        Value::Number(n) => n.as_f64().ok_or_else(|| bad(what, v, "a number")),
        Value::String(s) => s.trim().parse().map_err(|_| bad(what, v, "a number")),
        _ => Err(bad(what, v, "a number")),
    }
}

/// A size in bytes: a number, or Docker's `RAMInBytes` text ("512m", "1.5g", "1024kb"; the
/// units are powers of 1024, case-insensitive).
pub(crate) fn bytes(what: &str, v: &Value) -> Result<u64, ComposeError> {
    let s = match v {
        Value::Number(_) => return uint(what, v),
        Value::String(s) => s.trim().to_ascii_lowercase(),
        _ => return Err(bad(what, v, "a size")),
    };
    let digits = s
        .find(|c: char| !(c.is_ascii_digit() || c == '.'))
        .unwrap_or(s.len());
    let (num, unit) = s.split_at(digits);
    let unit = unit.trim().trim_end_matches('b');
    let shift = match unit {
        "" => 0,
        "k" => 10,
        "m" => 20,
        "g" => 30,
        "t" => 40,
        "p" => 50,
        _ => return Err(bad(what, v, "a size such as 512m or 1g")),
    };
    let n: f64 = num
        .parse()
        .map_err(|_| bad(what, v, "a size such as 512m or 1g"))?;
    Ok((n * (1u64 << shift) as f64) as u64)
}

/// A string or a list of scalars, as a list of strings.
pub(crate) fn string_list(what: &str, v: &Value) -> Result<Vec<String>, ComposeError> {
    match v {
        Value::Null => Ok(Vec::new()),
        Value::Array(items) => items
            .iter()
            .map(|i| text(i).ok_or_else(|| bad(what, i, "a string")))
            .collect(),
        other => Ok(vec![
            text(other).ok_or_else(|| bad(what, v, "a string or a list"))?
        ]),
    }
}

/// `list_or_dict`: `["A=1", "B"]` or `{A: 1, B: null}` as `{A: Some("1"), B: None}`.
pub(crate) fn opt_map(
    what: &str,
    v: &Value,
) -> Result<BTreeMap<String, Option<String>>, ComposeError> {
    let mut out = BTreeMap::new();
    match v {
        Value::Null => {}
        Value::Object(m) => {
            for (k, val) in m {
                let t = match val {
                    Value::Null => None,
                    other => Some(text(other).ok_or_else(|| bad(what, other, "a scalar"))?),
                };
                out.insert(k.clone(), t);
            }
        }
        Value::Array(items) => {
            for i in items {
                let s = text(i).ok_or_else(|| bad(what, i, "a string"))?;
                match s.split_once('=') {
                    Some((k, val)) => out.insert(k.to_string(), Some(val.to_string())),
                    None => out.insert(s, None),
                };
            }
        }
        other => return Err(bad(what, other, "a list or a mapping")),
    }
    Ok(out)
}

/// As `opt_map`, with an absent value as the empty string (labels, sysctls, driver options).
pub(crate) fn str_map(what: &str, v: &Value) -> Result<BTreeMap<String, String>, ComposeError> {
    Ok(opt_map(what, v)?
        .into_iter()
        .map(|(k, v)| (k, v.unwrap_or_default()))
        .collect())
}

/// Replace `obj[key]` by `f(value)` when present; a null value is removed (compose-go treats
/// `key:` alone as unset).
pub(crate) fn rewrite(
    obj: &mut Obj,
    key: &str,
    f: impl FnOnce(&Value) -> Result<Value, ComposeError>,
) -> Result<(), ComposeError> {
    match obj.get(key) {
        None => {}
        Some(Value::Null) => {
            obj.remove(key);
        }
        Some(v) => {
            let new = f(v)?;
            obj.insert(key.to_string(), new);
        }
    }
    Ok(())
}

pub(crate) fn to_json<T: serde::Serialize>(v: T) -> Value {
    serde_json::to_value(v).unwrap_or(Value::Null)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn sizes_are_powers_of_1024() {
        assert_eq!(bytes("x", &json!("512m")).unwrap(), 512 << 20);
        assert_eq!(bytes("x", &json!("1GB")).unwrap(), 1 << 30);
        assert_eq!(bytes("x", &json!("1.5k")).unwrap(), 1536);
        assert_eq!(bytes("x", &json!(1000)).unwrap(), 1000);
        assert!(bytes("x", &json!("12q")).is_err());
    }

    #[test]
    fn list_or_dict_forms_agree() {
        let a = opt_map("e", &json!(["A=1", "B", "C=x=y"])).unwrap();
        let b = opt_map("e", &json!({"A": 1, "B": null, "C": "x=y"})).unwrap();
        assert_eq!(a, b);
        assert_eq!(a["C"].as_deref(), Some("x=y"));
    }
}
