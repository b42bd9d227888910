//! `skiff inspect`: low-level JSON of containers, images, volumes or networks (in that order, as
//! Docker); also
//! `container inspect` and `image inspect`, which look for one kind only.
use crate::cli::context::Context;
use crate::cli::output::{format, report};
use crate::engine::container::{inspect as cinspect, record};
use crate::engine::volume;
use crate::store::Paths;
use anyhow::{bail, Result};
use serde_json::Value;

/// Return low-level information on containers, images, volumes or networks
#[derive(clap::Args, Debug)]
pub(crate) struct Args {
    /// Format the output using a Go template such as '{{.State.Status}}', or 'json'
    #[arg(short = 'f', long)]
    pub(crate) format: Option<String>,
    /// Only inspect objects of the given type (container, image, volume, network)
    #[arg(long = "type", value_name = "TYPE")]
    pub(crate) typ: Option<String>,
    /// Containers, images, volumes or networks to inspect
    #[arg(required = true, value_name = "NAME")]
    pub(crate) names: Vec<String>,
}

/// Which objects a name may refer to: the noun the verb was given under.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Kind {
    Any,
    Container,
    Image,
}

pub(crate) fn run(ctx: &Context, args: Args) -> Result<i32> {
    run_kind(ctx, args, Kind::Any)
}

pub(crate) fn run_kind(ctx: &Context, args: Args, kind: Kind) -> Result<i32> {
    let typ = match (args.typ.as_deref(), kind) {
        (Some(t), _) => t,
        (None, Kind::Any) => "",
        (None, Kind::Container) => "container",
        (None, Kind::Image) => "image",
    };
    if !matches!(typ, "" | "container" | "image" | "volume" | "network") {
        bail!("{typ:?} is not a valid value for --type: use container, image, volume or network");
    }
    // A bad template fails before anything is looked up, as Docker's does.
    let fmt = format::parse_inspect(args.format.as_deref())?;
    let paths = ctx.paths()?;
    let mut vals = Vec::new();
    let mut code = 0;
    for n in &args.names {
        match one(paths, n, typ) {
            Ok(v) => vals.push(v),
            Err(e) => {
                report::error(&e);
                code = 125;
            }
        }
    }
    print!("{}", format::render_inspect(&fmt, &vals)?);
    Ok(code)
}

fn one(paths: &Paths, name: &str, typ: &str) -> Result<Value> {
    match typ {
        "volume" => return Ok(volume::inspect(paths, &volume::find(paths, name)?)),
        "network" => return crate::engine::network::manage::inspect(paths, name),
        _ => {}
    }
    if typ != "image" {
        match record::find(paths, name) {
            Ok(r) => return cinspect::inspect(paths, &r),
            // Only a container that is not there sends the name on to the images.
            Err(e) if typ == "container" || !crate::error::is_no_such(&e) => return Err(e),
            Err(_) => {}
        }
    }
    match crate::engine::image::inspect::inspect(paths, name) {
        Ok(v) => Ok(v),
        // Docker looks at volumes, then networks, last.
        Err(_) if typ.is_empty() => match volume::load(paths, name) {
            Ok(Some(v)) => Ok(volume::inspect(paths, &v)),
            _ => match crate::engine::network::user::load(paths, name) {
                Ok(Some(_)) => crate::engine::network::manage::inspect(paths, name),
                _ => bail!("no such object: {name}"),
            },
        },
        Err(e) => Err(e),
    }
}
