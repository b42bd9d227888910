//! `skiff inspect`: low-level JSON of containers or images (containers first, as Docker).
use super::common;
use crate::engine::container::{inspect as cinspect, record};
use anyhow::{bail, Result};
use serde_json::Value;

#[derive(clap::Args, Debug)]
pub struct Args {
    /// Format the output using a template such as '{{.State.Status}}'
    #[arg(short = 'f', long)]
    pub format: Option<String>,
    /// Only inspect objects of the given type (container, image)
    #[arg(long = "type", value_name = "TYPE")]
    pub typ: Option<String>,
    /// Containers or images to inspect
    #[arg(required = true, value_name = "NAME")]
    pub names: Vec<String>,
}

fn one(paths: &crate::store::Paths, name: &str, typ: &str) -> Result<Value> {
    if typ != "image" {
        match record::find(paths, name) {
            Ok(r) => return cinspect::inspect(paths, &r),
            Err(e) if typ == "container" => return Err(e),
            Err(_) => {}
        }
    }
    match crate::engine::image::inspect::inspect(paths, name) {
        Ok(v) => Ok(v),
        Err(_) if typ.is_empty() => bail!("no such object: {name}"),
        Err(e) => Err(e),
    }
}

/// A small subset of Go templates until `--format` lands fully: `{{.A.B}}` and `{{json .A}}`.
fn render(tpl: &str, v: &Value) -> String {
    let mut out = String::new();
    let mut rest = tpl;
    while let Some(start) = rest.find("{{") {
        out.push_str(&rest[..start]);
        let Some(end) = rest[start..].find("}}") else {
            break;
        };
        let expr = rest[start + 2..start + end].trim();
        let (json, path) = match expr.strip_prefix("json ") {
            Some(p) => (true, p.trim()),
            None => (false, expr),
        };
        let mut cur = v;
        for key in path
            .trim_start_matches('.')
            .split('.')
            .filter(|k| !k.is_empty())
        {
            cur = cur.get(key).unwrap_or(&Value::Null);
        }
        out.push_str(&match cur {
            Value::String(s) if !json => s.clone(),
            Value::Null if !json => "<no value>".into(),
            other => other.to_string(),
        });
        rest = &rest[start + end + 2..];
    }
    out.push_str(rest);
    out
}

fn inspect(args: Args, typ: &str) -> Result<i32> {
    let paths = common::paths()?;
    let typ = args.typ.as_deref().unwrap_or(typ).to_string();
    let mut vals = Vec::new();
    let mut code = 0;
    for n in &args.names {
        match one(&paths, n, &typ) {
            Ok(v) => vals.push(v),
            Err(e) => {
                common::report_error(&e);
                code = 125;
            }
        }
    }
    match &args.format {
        Some(f) => vals.iter().for_each(|v| println!("{}", render(f, v))),
        None => println!("{}", serde_json::to_string_pretty(&Value::Array(vals))?),
    }
    Ok(code)
}

pub fn run(args: Args) -> Result<i32> {
    inspect(args, "")
}

/// `skiff image inspect`: images only.
pub fn run_image(args: Args) -> Result<i32> {
    inspect(args, "image")
}

/// `skiff container inspect`: containers only.
pub fn run_container(args: Args) -> Result<i32> {
    inspect(args, "container")
}
