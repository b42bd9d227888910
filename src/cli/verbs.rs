//! The top-level verbs, in the order `skiff --help` lists them. Most are aliases of a noun's
//! verb (`skiff ps` is `skiff container ls`, `skiff rmi` is `skiff image rm`): the alias is the
//! noun verb's own clap definition under another name, run by the same function, so the two
//! cannot drift apart in flags, help or behaviour.
use super::context::Context;
use super::{builder, container, healthcheck, image, inspect, network, system, volume};
use anyhow::Result;
use clap::{ArgMatches, FromArgMatches, Subcommand};

type Run = Box<dyn Fn(&Context, &ArgMatches) -> Result<i32>>;

/// A top-level verb: its clap definition and what runs it with the matches clap made of it.
pub(crate) struct Verb {
    pub(crate) def: clap::Command,
    pub(crate) run: Run,
    /// For an alias, the noun verb it is another name of (checked against it by a unit test).
    pub(crate) of: Option<(&'static str, &'static str)>,
}

/// The verbs, in the order `skiff --help` lists them, each with what builds its definition:
/// a command line builds only the verb it names (building all of them, ~150 clap commands with
/// their flags, then styling them, is most of what `skiff version` does in skiff's own code).
type Table = Vec<(&'static str, fn() -> Verb)>;

fn table() -> Table {
    vec![
        ("run", || {
            alias("run", "container", "run", container::run::run)
        }),
        ("create", || {
            alias("create", "container", "create", container::create::run)
        }),
        ("start", || {
            alias("start", "container", "start", container::start::run)
        }),
        ("ps", || alias("ps", "container", "ls", container::ls::run)),
        ("rm", || alias("rm", "container", "rm", container::rm::run)),
        ("attach", || {
            alias("attach", "container", "attach", container::attach::run)
        }),
        ("stop", || {
            alias("stop", "container", "stop", container::stop::run)
        }),
        ("kill", || {
            alias("kill", "container", "kill", container::kill::run)
        }),
        ("restart", || {
            alias("restart", "container", "restart", container::restart::run)
        }),
        ("wait", || {
            alias("wait", "container", "wait", container::wait::run)
        }),
        ("logs", || {
            alias("logs", "container", "logs", container::logs::run)
        }),
        ("exec", || {
            alias("exec", "container", "exec", container::exec::run)
        }),
        ("top", || {
            alias("top", "container", "top", container::top::run)
        }),
        ("pause", || {
            alias("pause", "container", "pause", container::pause::run)
        }),
        ("stats", || {
            alias("stats", "container", "stats", container::stats::run)
        }),
        ("unpause", || {
            alias("unpause", "container", "unpause", container::unpause::run)
        }),
        ("update", || {
            alias("update", "container", "update", container::update::run)
        }),
        ("rename", || {
            alias("rename", "container", "rename", container::rename::run)
        }),
        ("healthcheck", || {
            noun(
                noun_def::<healthcheck::Cmd>("healthcheck", "Manage health checks of containers"),
                healthcheck::run,
            )
        }),
        ("port", || {
            alias("port", "container", "port", container::port::run)
        }),
        ("commit", || {
            alias("commit", "container", "commit", container::commit::run)
        }),
        ("cp", || alias("cp", "container", "cp", container::cp::run)),
        ("diff", || {
            alias("diff", "container", "diff", container::diff::run)
        }),
        ("export", || {
            alias("export", "container", "export", container::export::run)
        }),
        ("inspect", || verb("inspect", inspect::run)),
        ("images", || alias("images", "image", "ls", image::ls::run)),
        ("rmi", || alias("rmi", "image", "rm", image::rm::run)),
        ("tag", || alias("tag", "image", "tag", image::tag::run)),
        ("untag", || {
            alias("untag", "image", "untag", image::untag::run)
        }),
        ("history", || {
            alias("history", "image", "history", image::history::run)
        }),
        ("pull", || alias("pull", "image", "pull", image::pull::run)),
        ("push", || alias("push", "image", "push", image::push::run)),
        ("search", || verb("search", image::search::run)),
        ("login", || verb("login", system::login::run)),
        ("logout", || verb("logout", system::logout::run)),
        ("load", || alias("load", "image", "load", image::load::run)),
        ("save", || alias("save", "image", "save", image::save::run)),
        ("import", || {
            alias("import", "image", "import", image::import::run)
        }),
        ("build", || {
            alias("build", "image", "build", image::build::run)
        }),
        ("builder", || {
            noun(
                noun_def::<builder::Cmd>("builder", "Manage builds"),
                builder::run,
            )
        }),
        ("image", || noun(images(), image::run)),
        ("container", || noun(containers(), container::run)),
        ("volume", || {
            noun(
                noun_def::<volume::Cmd>("volume", "Manage volumes"),
                volume::run,
            )
        }),
        ("system", || {
            noun(
                noun_def::<system::Cmd>("system", "Manage skiff"),
                system::run,
            )
        }),
        ("events", || verb("events", system::events::run)),
        ("info", || verb("info", system::info::run)),
        ("version", || verb("version", system::version::run)),
        ("network", || {
            noun(
                noun_def::<network::Cmd>("network", "Manage networks"),
                network::run,
            )
        }),
        ("compose", || verb("compose", super::compose::run)),
        ("unshare", || verb("unshare", system::unshare::run)),
        ("completion", || verb("completion", system::completion::run)),
        ("monitor", || hidden(verb("monitor", system::monitor::run))),
        ("network-proxy", || {
            hidden(verb("network-proxy", network::proxy::run))
        }),
        ("generate-docs", || {
            hidden(verb("generate-docs", system::docs::run))
        }),
    ]
}

/// Every verb (the help, the man pages, the completions and errors need the whole tree).
pub(crate) fn all() -> Vec<Verb> {
    table().into_iter().map(|(_, make)| make()).collect()
}

/// The verb named `name` (its own name, not a clap alias), built alone.
pub(crate) fn one(name: &str) -> Option<Verb> {
    table()
        .into_iter()
        .find(|(n, _)| *n == name)
        .map(|(_, make)| make())
}

/// The nouns whose verbs have top-level aliases.
fn containers() -> clap::Command {
    noun_def::<container::Cmd>("container", "Manage containers")
}

fn images() -> clap::Command {
    noun_def::<image::Cmd>("image", "Manage images")
}

/// A verb of its own; its one-line help is the doc comment of its `Args`.
fn verb<A: clap::Args + 'static>(name: &'static str, run: fn(&Context, A) -> Result<i32>) -> Verb {
    Verb {
        def: A::augment_args(clap::Command::new(name)),
        run: typed(run),
        of: None,
    }
}

/// `skiff NOUN VERB`, defined as clap's derive defines a `#[command(subcommand)]` variant.
fn noun_def<S: Subcommand>(name: &'static str, about: &'static str) -> clap::Command {
    let def = clap::Command::new(name)
        .subcommand_required(true)
        .arg_required_else_help(true);
    S::augment_subcommands(def).about(about)
}

fn noun<S: Subcommand + 'static>(def: clap::Command, run: fn(&Context, S) -> Result<i32>) -> Verb {
    Verb {
        def,
        run: typed(run),
        of: None,
    }
}

/// `name` as another name of the noun's `verb`: defined from the same `Args` as clap's derive
/// defines the noun's verb, so the two cannot drift apart (a unit test compares their help).
/// Built from the `Args` alone, not cloned from the noun: building the noun's ~25 verbs for
/// `skiff run` touched their code and made `run`'s resident memory half a MiB larger.
fn alias<A: clap::Args + FromArgMatches + 'static>(
    name: &'static str,
    noun: &'static str,
    verb: &'static str,
    run: fn(&Context, A) -> Result<i32>,
) -> Verb {
    Verb {
        def: A::augment_args(clap::Command::new(name)),
        run: typed(run),
        of: Some((noun, verb)),
    }
}

fn hidden(v: Verb) -> Verb {
    Verb {
        def: v.def.hide(true),
        run: v.run,
        of: v.of,
    }
}

fn typed<A: FromArgMatches + 'static>(run: fn(&Context, A) -> Result<i32>) -> Run {
    Box::new(move |ctx, m| run(ctx, A::from_arg_matches(m)?))
}

#[cfg(test)]
mod tests {
    /// Every command of the tree as it parses (verbs, nouns, their aliases, global flags
    /// included) has pflag's rules: repeats take the last value, booleans take `=true|false`.
    #[test]
    fn every_command_has_dockers_flag_rules() {
        fn walk(c: &clap::Command, path: &str, seen: &mut usize) {
            let path = format!("{path} {}", c.get_name());
            assert!(
                c.is_args_override_self(),
                "{path}: a repeated flag is refused"
            );
            for a in c.get_arguments() {
                assert!(
                    !matches!(a.get_action(), clap::ArgAction::SetTrue),
                    "{path} {}: a boolean without =true|false",
                    a.get_id()
                );
            }
            *seen += 1;
            for sub in c.get_subcommands() {
                walk(sub, &path, seen);
            }
        }
        let mut root = crate::cli::command();
        root.build();
        let mut seen = 0;
        walk(&root, "", &mut seen);
        assert!(seen > 40, "walked {seen} commands");
        let run = root.find_subcommand("run").unwrap();
        assert!(
            run.get_arguments().any(|a| a.get_id() == "root"),
            "globals reach the verbs"
        );
    }

    /// An alias is its noun verb under another name: same help, flags and about line.
    #[test]
    fn every_alias_is_its_noun_verb() {
        let root = crate::cli::command();
        let mut aliases = 0;
        for v in super::all() {
            let about = v.def.get_about().map(|a| a.to_string()).unwrap_or_default();
            assert!(!about.is_empty(), "{} has no help line", v.def.get_name());
            let Some((noun, verb)) = v.of else { continue };
            let name = v.def.get_name().to_string();
            let def = root
                .find_subcommand(&name)
                .expect("an alias is in the tree");
            let of = root
                .find_subcommand(noun)
                .and_then(|n| n.find_subcommand(verb))
                .unwrap_or_else(|| panic!("{name}: no {noun} {verb}"));
            let help = |c: &clap::Command, n: &str| {
                let mut c = c
                    .clone()
                    .name(n.to_string())
                    .alias(None)
                    .bin_name(n.to_string());
                c.render_long_help().to_string()
            };
            let (a, b) = (help(def, &name), help(of, &name));
            let first = a.lines().zip(b.lines()).find(|(x, y)| x != y);
            assert_eq!(a, b, "{name} drifted from {noun} {verb}: {first:?}");
            aliases += 1;
        }
        assert!(aliases > 30, "checked {aliases} aliases");
    }
}
