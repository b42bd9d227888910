//! `skiff volume VERB`: the volume verbs, one per file (the resource is `engine::volume`).
pub(crate) mod create;
pub(crate) mod exists;
pub(crate) mod export;
pub(crate) mod import;
pub(crate) mod inspect;
pub(crate) mod ls;
pub(crate) mod prune;
pub(crate) mod rm;

use crate::cli::context::Context;
use anyhow::Result;

#[derive(clap::Subcommand, Debug)]
pub(crate) enum Cmd {
    Create(create::Args),
    #[command(alias = "list")]
    Ls(ls::Args),
    Inspect(inspect::Args),
    #[command(alias = "remove")]
    Rm(rm::Args),
    Prune(prune::Args),
    Exists(exists::Args),
    Export(export::Args),
    Import(import::Args),
}

pub(crate) fn run(ctx: &Context, cmd: Cmd) -> Result<i32> {
    match cmd {
        Cmd::Create(a) => create::run(ctx, a),
        Cmd::Ls(a) => ls::run(ctx, a),
        Cmd::Inspect(a) => inspect::run(ctx, a),
        Cmd::Rm(a) => rm::run(ctx, a),
        Cmd::Prune(a) => prune::run(ctx, a),
        Cmd::Exists(a) => exists::run(ctx, a),
        Cmd::Export(a) => export::run(ctx, a),
        Cmd::Import(a) => import::run(ctx, a),
    }
}

/// `KEY=VALUE` words (`--label`, `-o`) as a map; a word without `=` has an empty value.
pub(crate) fn key_values(words: &[String]) -> std::collections::BTreeMap<String, String> {
    words
        .iter()
        .map(|w| match w.split_once('=') {
            Some((k, v)) => (k.to_string(), v.to_string()),
            None => (w.clone(), String::new()),
        })
        .collect()
}
