//! Several `-f` files as one, by the Compose specification's merge rules (13-merge.md, as
//! compose-go applies them to the long form): mappings merge key by key, scalars and
//! `command`/`entrypoint`/`healthcheck.test` are replaced, `ports`, `volumes`, `secrets` and
//! `configs` merge by their key (a later entry with the same key replaces the earlier),
//! lists of plain values (`dns`, `expose`, `cap_add`, ...) are unions, other lists append.
//! `!reset` removes a value, `!override` replaces it whole.
use super::yaml::{OVERRIDE, RESET};
use serde_json::Value;

/// `over` merged onto `base` (a null `base`: `over` alone).
pub(crate) fn documents(base: Value, over: Value) -> Value {
    let mut over = over;
    if base.is_null() {
        strip_markers(&mut over);
        return over;
    }
    merge(base, over, &[])
}

fn marker(v: &Value, which: &str) -> bool {
    v.as_object()
        .is_some_and(|m| m.len() == 1 && m.contains_key(which))
}

/// Apply the tags left in a document that has nothing under it: a `!reset` key is removed,
/// an `!override` value is the value.
pub(crate) fn strip_markers(v: &mut Value) {
    match v {
        Value::Object(m) => {
            m.retain(|_, x| !marker(x, RESET));
            if m.len() == 1 && m.contains_key(OVERRIDE) {
                *v = m.remove(OVERRIDE).unwrap_or(Value::Null);
                strip_markers(v);
                return;
            }
            m.values_mut().for_each(strip_markers);
        }
        Value::Array(items) => items.iter_mut().for_each(strip_markers),
        _ => {}
    }
}

fn merge(base: Value, mut over: Value, path: &[&str]) -> Value {
    if marker(&over, OVERRIDE) {
        strip_markers(&mut over);
        return over;
    }
    match (base, over) {
        (Value::Object(mut b), Value::Object(o)) => {
            for (k, v) in o {
                if marker(&v, RESET) {
                    b.remove(&k);
                    continue;
                }
                let mut p = path.to_vec();
                p.push(&k);
                let merged = match b.remove(&k) {
                    Some(old) => merge(old, v, &p),
                    None => {
                        let mut v = v;
                        strip_markers(&mut v);
                        v
                    }
                };
                b.insert(k, merged);
            }
            Value::Object(b)
        }
        (Value::Array(b), Value::Array(mut o)) => {
            o.iter_mut().for_each(strip_markers);
            Value::Array(sequence(path, b, o))
        }
        (_, mut o) => {
            strip_markers(&mut o);
            o
        }
    }
}

/// The rule for a list at `path` (`services.NAME.FIELD[.SUB]`).
fn sequence(path: &[&str], base: Vec<Value>, over: Vec<Value>) -> Vec<Value> {
    let field: Vec<&str> = match path {
        ["services", _, rest @ ..] => rest.to_vec(),
        _ => return over,
    };
    match field.as_slice() {
        ["command"] | ["entrypoint"] | ["healthcheck", "test"] => over,
        ["ports"] => keyed(base, over, |p| {
            let s = |k: &str| p.get(k).map(|v| v.to_string()).unwrap_or_default();
            format!(
                "{}|{}|{}|{}",
                s("host_ip"),
                s("published"),
                s("target"),
                s("protocol")
            )
        }),
        ["volumes"] => keyed(base, over, |v| {
            v.get("target").map(|t| t.to_string()).unwrap_or_default()
        }),
        ["secrets"] | ["configs"] => keyed(base, over, |r| {
            r.get("target")
                .or_else(|| r.get("source"))
                .map(|t| t.to_string())
                .unwrap_or_default()
        }),
        ["expose"]
        | ["dns"]
        | ["dns_search"]
        | ["dns_opt"]
        | ["tmpfs"]
        | ["cap_add"]
        | ["cap_drop"]
        | ["security_opt"]
        | ["group_add"]
        | ["profiles"]
        | ["links"]
        | ["external_links"]
        | ["volumes_from"]
        | ["devices"]
        | ["extra_hosts"]
        | ["build", _] => keyed(base, over, Value::to_string),
        _ => base.into_iter().chain(over).collect(),
    }
}

/// `base` with each entry of `over` replacing the one with its key, or appended.
fn keyed(mut base: Vec<Value>, over: Vec<Value>, key: impl Fn(&Value) -> String) -> Vec<Value> {
    for o in over {
        let k = key(&o);
        match base.iter_mut().find(|b| key(b) == k) {
            Some(slot) => *slot = o,
            None => base.push(o),
        }
    }
    base
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn port(p: &str, t: u16) -> Value {
        json!({"target": t, "published": p, "protocol": "tcp", "mode": "ingress"})
    }

    #[test]
    fn override_file_changes_image_and_adds_port() {
        let base = json!({"services": {"web": {
            "image": "a", "command": ["x", "y"], "ports": [port("80", 80)],
            "environment": {"A": "1", "B": "2"}, "dns": ["1.1.1.1"],
            "volumes": [{"type": "volume", "source": "d", "target": "/d"}]}}});
        let over = json!({"services": {"web": {
            "image": "b", "command": ["z"], "ports": [port("80", 80), port("443", 443)],
            "environment": {"B": "3"}, "dns": ["1.1.1.1", "8.8.8.8"],
            "volumes": [{"type": "bind", "source": "/h", "target": "/d"}]}}});
        let m = documents(documents(Value::Null, base), over);
        let w = &m["services"]["web"];
        assert_eq!(w["image"], json!("b"));
        assert_eq!(w["command"], json!(["z"]));
        assert_eq!(w["ports"], json!([port("80", 80), port("443", 443)]));
        assert_eq!(w["environment"], json!({"A": "1", "B": "3"}));
        assert_eq!(w["dns"], json!(["1.1.1.1", "8.8.8.8"]));
        assert_eq!(
            w["volumes"],
            json!([{"type": "bind", "source": "/h", "target": "/d"}])
        );
    }

    #[test]
    fn reset_and_override_tags() {
        let base = json!({"services": {"web": {"ports": [port("80", 80)], "labels": {"a": "1"}}}});
        let over = json!({"services": {"web": {
            "ports": {RESET: []},
            "labels": {OVERRIDE: {"b": "2"}},
        }}});
        let m = documents(base, over);
        assert_eq!(m["services"]["web"], json!({"labels": {"b": "2"}}));
        let mut alone = json!({"a": {RESET: null}, "b": {OVERRIDE: [1]}});
        strip_markers(&mut alone);
        assert_eq!(alone, json!({"b": [1]}));
    }

    #[test]
    fn other_lists_append() {
        let m = documents(
            json!({"services": {"w": {"env_file": [{"path": "/a"}]}}}),
            json!({"services": {"w": {"env_file": [{"path": "/b"}]}}}),
        );
        assert_eq!(
            m["services"]["w"]["env_file"],
            json!([{"path": "/a"}, {"path": "/b"}])
        );
    }
}
