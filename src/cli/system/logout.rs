//! `skiff logout [-a] [SERVER]`.
use crate::cli::context::Context;
use crate::engine::image::login::{logout, normalize_server};
use anyhow::Result;
use std::path::PathBuf;

/// Log out from a registry
#[derive(clap::Args, Debug)]
pub(crate) struct Args {
    /// Remove the cached credentials for all registries in the auth file
    #[arg(short, long)]
    pub(crate) all: bool,
    /// Path of the authentication file
    #[arg(long, value_name = "FILE", env = "REGISTRY_AUTH_FILE")]
    pub(crate) authfile: Option<PathBuf>,
    /// The registry (Docker Hub when omitted)
    #[arg(conflicts_with = "all")]
    pub(crate) server: Option<String>,
}

pub(crate) fn run(ctx: &Context, a: Args) -> Result<i32> {
    let paths = ctx.paths()?;
    if a.all {
        logout(paths, None, a.authfile)?;
        println!("Removed login credentials for all registries");
        return Ok(0);
    }
    let host = normalize_server(a.server.as_deref())?;
    logout(paths, Some(&host), a.authfile)?;
    println!("Removed login credentials for {host}");
    Ok(0)
}
