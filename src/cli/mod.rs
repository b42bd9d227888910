//! The command line, and the only layer that prints. Verbs live in noun folders, one per file
//! (`container/ls.rs`, `image/pull.rs`; `system/` for those of no noun): `Args` and `run(ctx,
//! args) -> Result<i32>` (the exit code). `verbs.rs` lists the top-level verbs, most of them
//! aliases of a noun's verb; `context.rs` is what every verb is handed; `flags/` holds the flag
//! groups several verbs share, `output/` the rendering.
// The one layer that prints (DESIGN §7).
#![allow(clippy::print_stdout, clippy::print_stderr)]
use clap::{CommandFactory, FromArgMatches, Parser};

pub(crate) mod builder;
pub(crate) mod compose;
pub(crate) mod container;
pub(crate) mod context;
pub(crate) mod flags;
pub(crate) mod healthcheck;
pub(crate) mod image;
pub(crate) mod inspect;
pub(crate) mod network;
pub(crate) mod output;
pub(crate) mod system;
pub(crate) mod verbs;
pub(crate) mod volume;

/// The root command: its help text and the global flags. The verbs are added from `verbs::all`.
#[derive(Parser, Debug)]
#[command(
    name = "skiff",
    version = concat!("version ", env!("CARGO_PKG_VERSION")),
    about = "A daemonless, rootless container engine",
    long_about = "A daemonless, rootless container engine.\n\nskiff runs containers as an unprivileged user, with no background server, and speaks Docker's verbs and flags.",
    subcommand_help_heading = "Commands",
    after_long_help = GLOBAL_NOTES,
    subcommand_required = true,
    arg_required_else_help = true
)]
pub(crate) struct Cli {
    #[command(flatten)]
    pub(crate) globals: context::GlobalFlags,
}

/// The root man page's note on the flags of every verb, and where skiff differs on purpose.
const GLOBAL_NOTES: &str = "Flags, as Docker's and podman's:

  - A flag given twice takes the last value (--name a --name b names the container b); flags \
that add to a list (-e, -p, --label...) keep every value.
  - A boolean flag also takes a value after '=': --rm=false, -d=true, --tty=false (true, false, \
1, 0, t, f in any case). Without '=' the next word is not its value: in `skiff run --rm false`, \
false is the image.
  - The global options come before or after the verb, as podman's. --root and --runroot name \
another store (images, containers and their volatile state); the processes skiff starts for a \
container (its monitor, health checks) are handed the same ones.

Where skiff differs on purpose:

  - --storage-driver takes overlay (or overlay2) only: skiff has no other driver.
  - --url, --remote and --connection are refused: skiff is daemonless and has no service to \
connect to. --runtime is refused: skiff runs containers with its own built-in runtime.
  - --log-level error (or above) hides skiff's warnings; debug shows where the store is.";

/// `skiff-enter`'s main: the runtime relays a command into a container, and returns only when
/// the request from skiff could not be read; that error is reported here, as every error is
/// (exit 125).
pub fn enter_main() -> i32 {
    output::report::error(&anyhow::Error::msg(crate::runtime::tenant::main()))
}

/// A helper binary's (skiff-dns) failure before it could serve: `NAME: ERROR` on stderr, as
/// the helper's launcher reads it from its log; returns the exit code (125).
pub fn helper_failed(name: &str, e: &str) -> i32 {
    eprintln!("{name}: {e}");
    125
}

/// Runs the command line; returns the process exit code.
pub fn main() -> i32 {
    // skiff takes no part in systemd's notify protocol: podman's `--sdnotify=ignore` is its one
    // mode, so the socket of a unit that started skiff reaches none of the processes skiff
    // starts (monitors, `--env-host` containers). Removed while this process has one thread.
    std::env::remove_var("NOTIFY_SOCKET");
    let argv: Vec<_> = std::env::args_os().collect();
    let mut root = Cli::command();
    // Only the verb the line names is built; anything else (no verb, `help`, a misspelt verb)
    // gets the whole tree, for clap's help and suggestions.
    let named = verb_named(&root, &argv).and_then(verbs::one);
    let verbs = match named {
        Some(v) => vec![v],
        None => verbs::all(),
    };
    let mut runs = Vec::new();
    for v in verbs {
        runs.push((v.def.get_name().to_string(), v.run));
        root = root.subcommand(v.def);
    }
    let root = flags::style::docker_style(root);
    let mut matches = match root.try_get_matches_from(&argv) {
        Ok(m) => m,
        Err(e) => return output::report::parse_error(e, &argv),
    };
    let res = context::GlobalFlags::from_arg_matches(&matches)
        .map_err(anyhow::Error::from)
        .and_then(|globals| context::Context::new(globals, &matches))
        .and_then(|ctx| {
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

/// The first word of `argv` that is neither a flag nor a global flag's value: the verb, if the
/// line is well formed. Global flags come before or after the verb, as `--root DIR`,
/// `--root=DIR` or a boolean's `--noout[=BOOL]`.
fn verb_named<'a>(root: &clap::Command, argv: &'a [std::ffi::OsString]) -> Option<&'a str> {
    let takes_value = |a: &clap::Arg| {
        matches!(
            a.get_action(),
            clap::ArgAction::Set | clap::ArgAction::Append
        )
    };
    let mut words = argv.iter().skip(1);
    while let Some(w) = words.next() {
        let w = w.to_str()?;
        if let Some(long) = w.strip_prefix("--") {
            let valued = root
                .get_arguments()
                .any(|a| a.get_long() == Some(long) && takes_value(a));
            if valued {
                words.next();
            }
        } else if let Some(shorts) = w.strip_prefix('-').filter(|s| !s.is_empty()) {
            let last = shorts.chars().last();
            let valued = root
                .get_arguments()
                .any(|a| a.get_short().is_some() && a.get_short() == last && takes_value(a));
            if valued {
                words.next();
            }
        } else {
            return Some(w);
        }
    }
    None
}

/// The clap command tree, for the man pages and error hints.
pub(crate) fn command() -> clap::Command {
    tree(|_| true)
}

/// The tree for completions and man pages: without the hidden verbs (the monitor's,
/// generate-docs), which clap's generators would list, nor `help VERB` (a page and a completion
/// per verb again).
pub(crate) fn public_command() -> clap::Command {
    tree(|v| !v.def.is_hide_set()).disable_help_subcommand(true)
}

fn tree(keep: impl Fn(&verbs::Verb) -> bool) -> clap::Command {
    let root = verbs::all()
        .into_iter()
        .filter(keep)
        .fold(Cli::command(), |root, v| root.subcommand(v.def));
    flags::style::docker_style(root)
}
