//! Validation of each raw (interpolated) document against the Compose specification's JSON
//! schema (compose-spec/compose-spec `schema/compose-spec.json`), with boon: an error names
//! the file, the path of the value (`services.web.ports[0]`) and what is wrong with it.
use super::merge::strip_markers;
use super::values::Json;
use super::ComposeError;
use boon::{Compiler, ErrorKind, InstanceToken, SchemaIndex, Schemas, ValidationError};
use std::path::Path;
use std::sync::OnceLock;

const SPEC: &str = include_str!("compose-spec.json");

/// The compiled schema, made once per process (a `load` validates every file with it).
fn compiled() -> Result<&'static (Schemas, SchemaIndex), ComposeError> {
    static SCHEMA: OnceLock<Result<(Schemas, SchemaIndex), String>> = OnceLock::new();
    let made = SCHEMA.get_or_init(|| {
        let spec: serde_json::Value = serde_json::from_str(SPEC).map_err(|e| e.to_string())?;
        let mut schemas = Schemas::new();
        let mut compiler = Compiler::new();
        compiler
            .add_resource("compose-spec.json", spec)
            .map_err(|e| e.to_string())?;
        let index = compiler
            .compile("compose-spec.json", &mut schemas)
            .map_err(|e| e.to_string())?;
        Ok((schemas, index))
    });
    made.as_ref()
        .map_err(|e| ComposeError::invalid(format!("the compose schema does not compile: {e}")))
}

/// Check `doc` (read from `file`) against the schema.
pub(crate) fn validate(file: &Path, doc: &Json) -> Result<(), ComposeError> {
    let (schemas, index) = compiled()?;
    let mut plain = doc.clone();
    strip_markers(&mut plain);
    let Err(e) = schemas.validate(&plain, *index) else {
        return Ok(());
    };
    let leaf = deepest(&e);
    Err(ComposeError::Schema {
        file: file.to_path_buf(),
        path: path(leaf),
        message: message(leaf),
    })
}

/// The error about the most deeply nested value: in a `oneOf` of several shapes, the branch
/// that got furthest says best what is wrong.
fn deepest<'a, 's, 'v>(e: &'a ValidationError<'s, 'v>) -> &'a ValidationError<'s, 'v> {
    let mut best: Option<&ValidationError> = None;
    for c in &e.causes {
        let d = deepest(c);
        let depth = |x: &ValidationError| x.instance_location.tokens.len();
        if best.is_none_or(|b| depth(d) > depth(b)) {
            best = Some(d);
        }
    }
    best.unwrap_or(e)
}

fn path(e: &ValidationError) -> String {
    let mut out = String::new();
    for t in &e.instance_location.tokens {
        match t {
            InstanceToken::Prop(p) if out.is_empty() => out.push_str(p),
            InstanceToken::Prop(p) => {
                out.push('.');
                out.push_str(p);
            }
            InstanceToken::Item(i) => out.push_str(&format!("[{i}]")),
        }
    }
    if out.is_empty() {
        out.push_str("(top level)");
    }
    out
}

fn message(e: &ValidationError) -> String {
    match &e.kind {
        ErrorKind::AdditionalProperties { got } => {
            let names: Vec<String> = got.iter().map(|g| format!("'{g}'")).collect();
            format!("additional properties {} not allowed", names.join(", "))
        }
        other => other.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn err(doc: serde_json::Value) -> String {
        validate(Path::new("c.yaml"), &doc).unwrap_err().to_string()
    }

    #[test]
    fn valid_files_pass() {
        let doc = json!({"services": {"w": {
            "image": "x", "ports": [80, "8080:80", {"target": 90, "published": 91}],
            "platform": "linux/amd64", "cpus": 0.5, "pids_limit": 10,
            "extra_hosts": {"a": "1.2.3.4"}, "env_file": [{"path": "a", "required": false}],
            "configs": ["c"], "x-mine": {"any": 1}}},
            "configs": {"c": {"file": "./c"}}, "x-top": 1});
        validate(Path::new("c.yaml"), &doc).unwrap();
    }

    #[test]
    fn errors_name_the_path() {
        let e = err(
            json!({"services": {"web": {"image": "x", "ports": [80, {"target": 1, "mode": 2}]}}}),
        );
        assert!(e.starts_with("c.yaml: services.web.ports[1].mode: "), "{e}");
        let e = err(json!({"services": {"web": {"image": "x", "bogus": 1}}}));
        assert_eq!(
            e,
            "c.yaml: services.web: additional properties 'bogus' not allowed"
        );
        let e = err(json!({"services": {"web": {"restart": ["no"]}}}));
        assert!(e.starts_with("c.yaml: services.web.restart: "), "{e}");
        let e = err(json!({"servics": {}}));
        assert!(e.contains("'servics'"), "{e}");
    }
}
