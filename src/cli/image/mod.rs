//! `skiff image VERB`: the image verbs, one per file. The top-level `images`, `rmi`, `pull`, ...
//! are aliases of these (see `cli::verbs`), not copies.
pub(crate) mod build;
pub(crate) mod exists;
pub(crate) mod history;
pub(crate) mod import;
pub(crate) mod load;
pub(crate) mod ls;
pub(crate) mod prune;
pub(crate) mod pull;
pub(crate) mod push;
pub(crate) mod rm;
pub(crate) mod save;
pub(crate) mod search;
pub(crate) mod tag;
pub(crate) mod untag;

use crate::cli::context::Context;
use crate::cli::inspect::{self, Kind};
use anyhow::Result;

#[derive(clap::Subcommand, Debug)]
pub(crate) enum Cmd {
    #[command(alias = "list")]
    Ls(ls::Args),
    #[command(alias = "remove")]
    Rm(rm::Args),
    /// Display detailed information on one or more images
    Inspect(inspect::Args),
    Tag(tag::Args),
    Untag(untag::Args),
    Exists(exists::Args),
    History(history::Args),
    Pull(pull::Args),
    Push(push::Args),
    Load(load::Args),
    Save(save::Args),
    Import(import::Args),
    Build(Box<build::Args>),
    Prune(prune::Args),
}

pub(crate) fn run(ctx: &Context, cmd: Cmd) -> Result<i32> {
    match cmd {
        Cmd::Ls(a) => ls::run(ctx, a),
        Cmd::Rm(a) => rm::run(ctx, a),
        Cmd::Inspect(a) => inspect::run_kind(ctx, a, Kind::Image),
        Cmd::Tag(a) => tag::run(ctx, a),
        Cmd::Untag(a) => untag::run(ctx, a),
        Cmd::Exists(a) => exists::run(ctx, a),
        Cmd::History(a) => history::run(ctx, a),
        Cmd::Pull(a) => pull::run(ctx, a),
        Cmd::Push(a) => push::run(ctx, a),
        Cmd::Load(a) => load::run(ctx, a),
        Cmd::Save(a) => save::run(ctx, a),
        Cmd::Import(a) => import::run(ctx, a),
        Cmd::Build(a) => build::run(ctx, *a),
        Cmd::Prune(a) => prune::run(ctx, a),
    }
}

/// The man pages' note on the registry a name without one gets (tag, import, load, pull, push).
pub(crate) const NAMING: &str = "Names without a registry:

  - A bare name (app, app:v1) given to tag or import, or found in an OCI archive, is a local \
name, localhost/app: podman's safe default, \
so a local image is never pushed to Docker Hub by accident.
  - A name with a namespace (user/app) is Docker Hub's, docker.io/user/app, as in Docker: \
skiff tag app user/app && skiff push user/app pushes to Docker Hub.
  - References to a registry (pull, push, run) and names from a docker-archive (load) are \
normalized as Docker does: busybox is docker.io/library/busybox.";
