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
}

/// The verbs, in the order `skiff --help` lists them, each with what builds its definition:
/// a command line builds only the verb it names (building all of them, ~150 clap commands with
/// their flags, then styling them, is most of what `skiff version` does in skiff's own code).
type Table = Vec<(&'static str, fn() -> Verb)>;

fn table() -> Table {
    vec![
        ("run", || {
            alias("run", containers(), "run", container::run::run)
        }),
        ("create", || {
            alias("create", containers(), "create", container::create::run)
        }),
        ("start", || {
            alias("start", containers(), "start", container::start::run)
        }),
        ("ps", || alias("ps", containers(), "ls", container::ls::run)),
        ("rm", || alias("rm", containers(), "rm", container::rm::run)),
        ("attach", || {
            alias("attach", containers(), "attach", container::attach::run)
        }),
        ("stop", || {
            alias("stop", containers(), "stop", container::stop::run)
        }),
        ("kill", || {
            alias("kill", containers(), "kill", container::kill::run)
        }),
        ("restart", || {
            alias("restart", containers(), "restart", container::restart::run)
        }),
        ("wait", || {
            alias("wait", containers(), "wait", container::wait::run)
        }),
        ("logs", || {
            alias("logs", containers(), "logs", container::logs::run)
        }),
        ("exec", || {
            alias("exec", containers(), "exec", container::exec::run)
        }),
        ("top", || {
            alias("top", containers(), "top", container::top::run)
        }),
        ("pause", || {
            alias("pause", containers(), "pause", container::pause::run)
        }),
        ("stats", || {
            alias("stats", containers(), "stats", container::stats::run)
        }),
        ("unpause", || {
            alias("unpause", containers(), "unpause", container::unpause::run)
        }),
        ("update", || {
            alias("update", containers(), "update", container::update::run)
        }),
        ("rename", || {
            alias("rename", containers(), "rename", container::rename::run)
        }),
        ("healthcheck", || {
            noun(
                noun_def::<healthcheck::Cmd>("healthcheck", "Manage health checks of containers"),
                healthcheck::run,
            )
        }),
        ("port", || {
            alias("port", containers(), "port", container::port::run)
        }),
        ("commit", || {
            alias("commit", containers(), "commit", container::commit::run)
        }),
        ("cp", || alias("cp", containers(), "cp", container::cp::run)),
        ("diff", || {
            alias("diff", containers(), "diff", container::diff::run)
        }),
        ("export", || {
            alias("export", containers(), "export", container::export::run)
        }),
        ("inspect", || verb("inspect", inspect::run)),
        ("images", || alias("images", images(), "ls", image::ls::run)),
        ("rmi", || alias("rmi", images(), "rm", image::rm::run)),
        ("tag", || alias("tag", images(), "tag", image::tag::run)),
        ("untag", || {
            alias("untag", images(), "untag", image::untag::run)
        }),
        ("history", || {
            alias("history", images(), "history", image::history::run)
        }),
        ("pull", || alias("pull", images(), "pull", image::pull::run)),
        ("push", || alias("push", images(), "push", image::push::run)),
        ("search", || verb("search", image::search::run)),
        ("login", || verb("login", system::login::run)),
        ("logout", || verb("logout", system::logout::run)),
        ("load", || alias("load", images(), "load", image::load::run)),
        ("save", || alias("save", images(), "save", image::save::run)),
        ("import", || {
            alias("import", images(), "import", image::import::run)
        }),
        ("build", || {
            alias("build", images(), "build", image::build::run)
        }),
        ("builder", || {
            noun(
                noun_def::<builder::Cmd>("builder", "Manage builds"),
                builder::run,
            )
        }),
        ("image", || noun(images().clone(), image::run)),
        ("container", || noun(containers().clone(), container::run)),
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

/// The nouns whose verbs have top-level aliases, built once per process.
fn containers() -> &'static clap::Command {
    static C: std::sync::OnceLock<clap::Command> = std::sync::OnceLock::new();
    C.get_or_init(|| noun_def::<container::Cmd>("container", "Manage containers"))
}

fn images() -> &'static clap::Command {
    static I: std::sync::OnceLock<clap::Command> = std::sync::OnceLock::new();
    I.get_or_init(|| noun_def::<image::Cmd>("image", "Manage images"))
}

/// A verb of its own; its one-line help is the doc comment of its `Args`.
fn verb<A: clap::Args + 'static>(name: &'static str, run: fn(&Context, A) -> Result<i32>) -> Verb {
    Verb {
        def: A::augment_args(clap::Command::new(name)),
        run: typed(run),
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
    }
}

/// `name` as another name of the noun's `verb`: its definition without the noun-level aliases
/// (`container ls` is also `container list`, but there is no `skiff list`), listed where it is
/// added rather than where the noun lists it.
fn alias<A: FromArgMatches + 'static>(
    name: &'static str,
    noun: &clap::Command,
    verb: &str,
    run: fn(&Context, A) -> Result<i32>,
) -> Verb {
    let def = match noun.find_subcommand(verb) {
        Some(v) => v.clone().name(name).alias(None).display_order(None),
        // Caught by the unit test below, which checks every alias against its noun verb.
        None => clap::Command::new(name).about(format!("missing: {} {verb}", noun.get_name())),
    };
    Verb {
        def,
        run: typed(run),
    }
}

fn hidden(v: Verb) -> Verb {
    Verb {
        def: v.def.hide(true),
        run: v.run,
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

    #[test]
    fn every_alias_names_a_noun_verb() {
        for v in super::all() {
            let about = v.def.get_about().map(|a| a.to_string()).unwrap_or_default();
            assert!(
                !about.starts_with("missing:"),
                "{}: {about}",
                v.def.get_name()
            );
            assert!(!about.is_empty(), "{} has no help line", v.def.get_name());
        }
    }
}
