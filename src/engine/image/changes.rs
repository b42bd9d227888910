//! `--change` instructions (`import` and `commit`): the Dockerfile instructions that only
//! edit the image config, applied to its `config` object under Docker's field names.
use anyhow::{anyhow, bail, Result};
use serde_json::{json, Map, Value};

const SUPPORTED: &str =
    "CMD, ENTRYPOINT, ENV, EXPOSE, LABEL, ONBUILD, USER, WORKDIR, VOLUME, STOPSIGNAL";

/// Applies one instruction such as `CMD ["sh"]` or `ENV A=1 B=2` to `config`.
pub(crate) fn apply(config: &mut Map<String, Value>, change: &str) -> Result<()> {
    let change = change.trim();
    let (word, rest) = change
        .split_once(char::is_whitespace)
        .unwrap_or((change, ""));
    let (inst, rest) = (word.to_ascii_uppercase(), rest.trim());
    let err = |why: String| anyhow!("invalid change {change:?}: {why}");
    if inst.is_empty() {
        bail!("invalid change \"\": give a Dockerfile instruction such as CMD [\"sh\"]");
    }
    if rest.is_empty()
        && matches!(
            inst.as_str(),
            "CMD"
                | "ENTRYPOINT"
                | "ENV"
                | "EXPOSE"
                | "LABEL"
                | "ONBUILD"
                | "USER"
                | "WORKDIR"
                | "VOLUME"
                | "STOPSIGNAL"
        )
    {
        return Err(err(format!("{inst} needs an argument")));
    }
    match inst.as_str() {
        "CMD" => {
            config.insert("Cmd".into(), json!(exec_or_shell(rest)));
        }
        "ENTRYPOINT" => {
            config.insert("Entrypoint".into(), json!(exec_or_shell(rest)));
        }
        "ENV" => {
            let env = list(config, "Env");
            for (k, v) in pairs(rest).map_err(err)? {
                env.retain(|e| {
                    e.as_str()
                        .and_then(|e| e.split_once('='))
                        .is_none_or(|(ek, _)| ek != k)
                });
                env.push(json!(format!("{k}={v}")));
            }
        }
        "LABEL" => {
            for (k, v) in pairs(rest).map_err(err)? {
                set(config, "Labels").insert(k, json!(v));
            }
        }
        "EXPOSE" => {
            for w in words(rest).map_err(err)? {
                let port = port_spec(&w).map_err(err)?;
                set(config, "ExposedPorts").insert(port, json!({}));
            }
        }
        "VOLUME" => {
            let vols = match json_array(rest) {
                Some(v) => v,
                None => words(rest).map_err(err)?,
            };
            for v in vols {
                if v.is_empty() {
                    return Err(err("VOLUME needs a path".into()));
                }
                set(config, "Volumes").insert(v, json!({}));
            }
        }
        "ONBUILD" => {
            // As Docker's ONBUILD: a trigger kept as written, for a later build from this image.
            let trigger = rest
                .split_whitespace()
                .next()
                .unwrap_or("")
                .to_ascii_uppercase();
            if matches!(trigger.as_str(), "ONBUILD" | "FROM" | "MAINTAINER") {
                return Err(err(format!(
                    "{trigger} isn't allowed as an ONBUILD trigger"
                )));
            }
            list(config, "OnBuild").push(json!(rest));
        }
        "USER" => {
            config.insert("User".into(), json!(rest));
        }
        "WORKDIR" => {
            let dir = if rest.starts_with('/') {
                rest.to_string()
            } else {
                let base = config
                    .get("WorkingDir")
                    .and_then(Value::as_str)
                    .unwrap_or("/");
                format!("{}/{rest}", base.trim_end_matches('/'))
            };
            config.insert("WorkingDir".into(), json!(dir));
        }
        "STOPSIGNAL" => {
            config.insert("StopSignal".into(), json!(rest));
        }
        other => {
            return Err(err(format!(
                "{other} cannot be applied to an image config; use one of {SUPPORTED}"
            )))
        }
    }
    Ok(())
}

/// The exec form (`["a","b"]`, JSON) or the shell form (`a b` → `/bin/sh -c "a b"`).
fn exec_or_shell(s: &str) -> Vec<String> {
    json_array(s).unwrap_or_else(|| vec!["/bin/sh".into(), "-c".into(), s.to_string()])
}

fn json_array(s: &str) -> Option<Vec<String>> {
    if !s.starts_with('[') {
        return None;
    }
    serde_json::from_str(s).ok()
}

fn list<'a>(config: &'a mut Map<String, Value>, key: &str) -> &'a mut Vec<Value> {
    let v = config.entry(key).or_insert_with(|| json!([]));
    if !v.is_array() {
        *v = json!([]);
    }
    v.as_array_mut().expect("just made an array")
}

fn set<'a>(config: &'a mut Map<String, Value>, key: &str) -> &'a mut Map<String, Value> {
    let v = config.entry(key).or_insert_with(|| json!({}));
    if !v.is_object() {
        *v = json!({});
    }
    v.as_object_mut().expect("just made an object")
}

/// `k=v k2="v 2"` or the old one-pair form `k some value`.
fn pairs(s: &str) -> std::result::Result<Vec<(String, String)>, String> {
    let ws = words(s)?;
    if !ws[0].contains('=') {
        let (k, v) = s
            .split_once(char::is_whitespace)
            .ok_or("expected KEY=VALUE or KEY VALUE")?;
        let v = words(v.trim())?.join(" ");
        return Ok(vec![(k.to_string(), v)]);
    }
    ws.into_iter()
        .map(|w| match w.split_once('=') {
            Some((k, v)) if !k.is_empty() => Ok((k.to_string(), v.to_string())),
            _ => Err(format!("{w:?} is not KEY=VALUE")),
        })
        .collect()
}

/// Splits on whitespace, honouring Dockerfile quotes: `"..."` (with `\` escapes), `'...'`, `\x`.
fn words(s: &str) -> std::result::Result<Vec<String>, String> {
    let mut out = Vec::new();
    let mut cur = String::new();
    let mut in_word = false;
    let mut chars = s.chars();
    while let Some(c) = chars.next() {
        match c {
            c if c.is_whitespace() => {
                if in_word {
                    out.push(std::mem::take(&mut cur));
                    in_word = false;
                }
            }
            '\\' => {
                in_word = true;
                cur.extend(chars.next());
            }
            '"' | '\'' => {
                in_word = true;
                loop {
                    match chars.next() {
                        None => return Err(format!("unterminated quote {c}")),
                        Some(q) if q == c => break,
                        Some('\\') if c == '"' => cur.extend(chars.next()),
                        Some(x) => cur.push(x),
                    }
                }
            }
            c => {
                in_word = true;
                cur.push(c);
            }
        }
    }
    if in_word {
        out.push(cur);
    }
    if out.is_empty() {
        return Err("missing argument".into());
    }
    Ok(out)
}

/// `80` → `80/tcp`; `53/udp` and ranges `8000-8010/tcp` are kept.
fn port_spec(w: &str) -> std::result::Result<String, String> {
    let (ports, proto) = w.split_once('/').unwrap_or((w, "tcp"));
    let proto = proto.to_ascii_lowercase();
    if !matches!(proto.as_str(), "tcp" | "udp" | "sctp") {
        return Err(format!(
            "protocol {proto:?} in {w:?} is not tcp, udp or sctp"
        ));
    }
    let ok = |p: &str| p.parse::<u16>().is_ok_and(|n| n > 0);
    let valid = match ports.split_once('-') {
        Some((a, b)) => ok(a) && ok(b),
        None => ok(ports),
    };
    if !valid {
        return Err(format!("{ports:?} is not a port number (1-65535) or range"));
    }
    Ok(format!("{ports}/{proto}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(changes: &[&str]) -> Value {
        let mut c = Map::new();
        for ch in changes {
            apply(&mut c, ch).unwrap();
        }
        Value::Object(c)
    }

    #[test]
    fn instructions_edit_the_config() {
        let c = run(&[
            r#"CMD ["echo", "hi"]"#,
            "ENTRYPOINT /bin/app --x",
            r#"ENV A=1 B="two words" C=x\ y"#,
            "env D some value",
            "ENV A=3",
            "EXPOSE 80 53/udp 8000-8010",
            r#"LABEL org.x="a b" y=z"#,
            "USER 1000:1000",
            "WORKDIR /srv",
            "WORKDIR app",
            r#"VOLUME ["/data"]"#,
            "VOLUME /a /b",
            "STOPSIGNAL SIGINT",
        ]);
        assert_eq!(c["Cmd"], json!(["echo", "hi"]));
        assert_eq!(c["Entrypoint"], json!(["/bin/sh", "-c", "/bin/app --x"]));
        assert_eq!(
            c["Env"],
            json!(["B=two words", "C=x y", "D=some value", "A=3"])
        );
        assert_eq!(
            c["ExposedPorts"],
            json!({"80/tcp": {}, "53/udp": {}, "8000-8010/tcp": {}})
        );
        assert_eq!(c["Labels"], json!({"org.x": "a b", "y": "z"}));
        assert_eq!(c["User"], json!("1000:1000"));
        assert_eq!(c["WorkingDir"], json!("/srv/app"));
        assert_eq!(c["Volumes"], json!({"/data": {}, "/a": {}, "/b": {}}));
        assert_eq!(c["StopSignal"], json!("SIGINT"));
    }

    #[test]
    fn bad_changes_say_why() {
        let e = |s: &str| apply(&mut Map::new(), s).unwrap_err().to_string();
        assert!(
            e("RUN echo").contains("RUN cannot be applied"),
            "{}",
            e("RUN echo")
        );
        assert!(e("CMD").contains("CMD needs an argument"));
        assert!(e("EXPOSE http").contains("not a port number"));
        assert!(e("EXPOSE 80/xyz").contains("protocol"));
        assert!(e("ENV A=\"x").contains("unterminated quote"));
        assert!(e("LABEL =x").contains("not KEY=VALUE"));
        assert!(e("").contains("give a Dockerfile instruction"));
    }
}
