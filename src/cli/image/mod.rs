//! `skiff image VERB`: the same verbs as the top-level image commands.
pub mod history;
pub mod import;
pub mod load;
pub mod ls;
pub mod pull;
pub mod push;
pub mod rm;
pub mod save;
pub mod tag;

use crate::cli::inspect;
use anyhow::Result;
use ls as images;
use rm as rmi;

#[derive(clap::Subcommand, Debug)]
pub enum Cmd {
    /// List images
    #[command(alias = "list")]
    Ls(images::Args),
    /// Remove one or more images
    #[command(alias = "remove")]
    Rm(rmi::Args),
    /// Display detailed information on one or more images
    Inspect(inspect::Args),
    /// Create a tag TARGET_IMAGE that refers to SOURCE_IMAGE
    Tag(tag::Args),
    /// Show the history of an image
    History(history::Args),
    /// Download an image from a registry
    Pull(pull::Args),
    /// Upload an image to a registry
    Push(push::Args),
    /// Load an image from a tar archive or STDIN
    Load(load::Args),
    /// Save one or more images to a tar archive
    Save(save::Args),
    /// Import the contents from a tarball to create a filesystem image
    Import(import::Args),
}

pub fn run(c: Cmd) -> Result<i32> {
    match c {
        Cmd::Ls(a) => images::run(a),
        Cmd::Rm(a) => rmi::run(a),
        Cmd::Inspect(a) => inspect::run_image(a),
        Cmd::Tag(a) => tag::run(a),
        Cmd::History(a) => history::run(a),
        Cmd::Pull(a) => pull::run(a),
        Cmd::Push(a) => push::run(a),
        Cmd::Load(a) => load::run(a),
        Cmd::Save(a) => save::run(a),
        Cmd::Import(a) => import::run(a),
    }
}
