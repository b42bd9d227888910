//! `skiff inspect`: low-level JSON of containers or images (containers first, as Docker).
use super::common;
use crate::engine::container::{inspect as cinspect, record};
use anyhow::{bail, Result};
use serde_json::Value;

#[derive(clap::Args, Debug)]
pub struct Args {
    /// Format the output using a Go template such as '{{.State.Status}}', or 'json'
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

fn inspect(args: Args, typ: &str) -> Result<i32> {
    let paths = common::paths()?;
    let typ = args.typ.as_deref().unwrap_or(typ).to_string();
    // A bad template fails before anything is looked up, as Docker's does.
    let fmt = super::output::format::parse_inspect(args.format.as_deref())?;
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
    print!("{}", super::output::format::render_inspect(&fmt, &vals)?);
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
