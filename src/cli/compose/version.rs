//! `skiff compose version`: Compose is built into skiff, so its version is skiff's.
use crate::cli::context::Context;
use anyhow::Result;

/// Show the Docker Compose version information
#[derive(clap::Args, Debug)]
pub(crate) struct Args {
    /// Shows only Compose's version number
    #[arg(long)]
    pub(crate) short: bool,
    /// Format the output: pretty or json
    #[arg(short = 'f', long, default_value = "pretty")]
    pub(crate) format: String,
}

pub(crate) fn run(_ctx: &Context, a: Args) -> Result<i32> {
    let v = env!("CARGO_PKG_VERSION");
    match (a.short, a.format.as_str()) {
        (true, _) => println!("{v}"),
        (false, "json") => println!("{}", serde_json::json!({ "version": v })),
        (false, "pretty") => println!("skiff compose version {v}"),
        (false, f) => anyhow::bail!("unsupported format {f:?}: use pretty or json"),
    }
    Ok(0)
}
