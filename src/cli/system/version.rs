//! `skiff version`: Docker's `Client:` block (skiff has no server: the client is the engine).
use crate::cli::context::Context;
use crate::cli::output::{format, info};
use anyhow::Result;

/// Show the skiff version information
#[derive(clap::Args, Debug)]
#[command(after_long_help = DIFFERENCES)]
pub(crate) struct Args {
    /// Format the output using a Go template such as '{{.Client.Version}}', or 'json'
    #[arg(short = 'f', long)]
    pub(crate) format: Option<String>,
}

const DIFFERENCES: &str = "Where skiff differs on purpose:

  - skiff is daemonless: there is a Client block only, never a Server one, and no API version \
(ApiVersion repeats the version, as podman's does).";

pub(crate) fn run(_ctx: &Context, a: Args) -> Result<i32> {
    match a.format.as_deref().filter(|f| !f.is_empty()) {
        Some(f) => print!("{}", format::render_object(f, &info::version_value())?),
        None => print!("{}", info::version_text()),
    }
    Ok(0)
}
