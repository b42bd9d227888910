//! The command line, and the only layer that prints. Verbs live in noun folders, one per file
//! (`container/ls.rs`, `image/pull.rs`; `system/` for those of no noun): `Args` and `run(ctx,
//! args) -> Result<i32>` (the exit code). `verbs.rs` lists the top-level verbs, most of them
//! aliases of a noun's verb; `context.rs` is what every verb is handed; `flags/` holds the flag
//! groups several verbs share, `output/` the rendering.
// The one layer that prints (DESIGN §7).
#![allow(clippy::print_stdout, clippy::print_stderr)]
use clap::{CommandFactory, FromArgMatches, Parser};

pub(crate) mod container;
pub(crate) mod context;
pub(crate) mod flags;
pub(crate) mod healthcheck;
pub(crate) mod image;
pub(crate) mod inspect;
pub(crate) mod output;
pub(crate) mod system;
pub(crate) mod verbs;

/// The root command: its help text and the global flags. The verbs are added from `verbs::all`.
#[derive(Parser, Debug)]
#[command(
    name = "skiff",
    version,
    about = "A daemonless, rootless container engine",
    long_about = "A daemonless, rootless container engine.\n\nskiff runs containers as an unprivileged user, with no background server, and speaks Docker's verbs and flags.",
    disable_help_subcommand = true,
    subcommand_help_heading = "Commands",
    subcommand_required = true,
    arg_required_else_help = true
)]
pub(crate) struct Cli {
    #[command(flatten)]
    pub(crate) globals: context::GlobalFlags,
}

/// `skiff-enter`'s main: the runtime relays a command into a container, and returns only when
/// the request from skiff could not be read; that error is reported here, as every error is
/// (exit 125).
pub fn enter_main() -> i32 {
    output::report::error(&anyhow::Error::msg(crate::runtime::tenant::main()))
}

/// Runs the command line; returns the process exit code.
pub fn main() -> i32 {
    let argv: Vec<_> = std::env::args_os().collect();
    let mut root = Cli::command();
    let mut runs = Vec::new();
    for v in verbs::all() {
        runs.push((v.def.get_name().to_string(), v.run));
        root = root.subcommand(v.def);
    }
    let mut matches = match root.try_get_matches_from(&argv) {
        Ok(m) => m,
        Err(e) => return output::report::parse_error(e, &argv),
    };
    let res = context::GlobalFlags::from_arg_matches(&matches)
        .map_err(anyhow::Error::from)
        .and_then(|globals| {
            let ctx = context::Context::new(globals);
            // `arg_required_else_help`: clap has printed the help when no verb was given.
            let (name, sub) = matches.remove_subcommand().unwrap_or_default();
            match runs.iter().find(|(n, _)| *n == name) {
                Some((_, run)) => run(&ctx, &sub),
                None => anyhow::bail!("unknown command {name:?}"),
            }
        });
    match res {
        Ok(code) => code,
        Err(e) => output::report::error(&e),
    }
}

/// The clap command tree, for the man pages, completions and error hints.
pub(crate) fn command() -> clap::Command {
    verbs::all()
        .into_iter()
        .fold(Cli::command(), |root, v| root.subcommand(v.def))
}
