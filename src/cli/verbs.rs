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

pub(crate) fn all() -> Vec<Verb> {
    let containers = noun_def::<container::Cmd>("container", "Manage containers");
    let images = noun_def::<image::Cmd>("image", "Manage images");
    let c = &containers;
    let i = &images;
    vec![
        alias("run", c, "run", container::run::run),
        alias("create", c, "create", container::create::run),
        alias("start", c, "start", container::start::run),
        alias("ps", c, "ls", container::ls::run),
        alias("rm", c, "rm", container::rm::run),
        alias("attach", c, "attach", container::attach::run),
        alias("stop", c, "stop", container::stop::run),
        alias("kill", c, "kill", container::kill::run),
        alias("restart", c, "restart", container::restart::run),
        alias("wait", c, "wait", container::wait::run),
        alias("logs", c, "logs", container::logs::run),
        alias("exec", c, "exec", container::exec::run),
        alias("top", c, "top", container::top::run),
        alias("pause", c, "pause", container::pause::run),
        alias("stats", c, "stats", container::stats::run),
        alias("unpause", c, "unpause", container::unpause::run),
        alias("update", c, "update", container::update::run),
        alias("rename", c, "rename", container::rename::run),
        noun(
            noun_def::<healthcheck::Cmd>("healthcheck", "Manage health checks of containers"),
            healthcheck::run,
        ),
        alias("port", c, "port", container::port::run),
        alias("commit", c, "commit", container::commit::run),
        alias("cp", c, "cp", container::cp::run),
        alias("diff", c, "diff", container::diff::run),
        alias("export", c, "export", container::export::run),
        verb("inspect", inspect::run),
        alias("images", i, "ls", image::ls::run),
        alias("rmi", i, "rm", image::rm::run),
        alias("tag", i, "tag", image::tag::run),
        alias("untag", i, "untag", image::untag::run),
        alias("history", i, "history", image::history::run),
        alias("pull", i, "pull", image::pull::run),
        alias("push", i, "push", image::push::run),
        verb("search", image::search::run),
        verb("login", system::login::run),
        verb("logout", system::logout::run),
        alias("load", i, "load", image::load::run),
        alias("save", i, "save", image::save::run),
        alias("import", i, "import", image::import::run),
        alias("build", i, "build", image::build::run),
        noun(
            noun_def::<builder::Cmd>("builder", "Manage builds"),
            builder::run,
        ),
        noun(images, image::run),
        noun(containers, container::run),
        noun(
            noun_def::<volume::Cmd>("volume", "Manage volumes"),
            volume::run,
        ),
        noun(
            noun_def::<system::Cmd>("system", "Manage skiff"),
            system::run,
        ),
        verb("events", system::events::run),
        verb("info", system::info::run),
        verb("version", system::version::run),
        noun(
            noun_def::<network::Cmd>("network", "Manage networks"),
            network::run,
        ),
        verb("unshare", system::unshare::run),
        verb("completion", system::completion::run),
        hidden(verb("monitor", system::monitor::run)),
        hidden(verb("network-proxy", network::proxy::run)),
        hidden(verb("generate-docs", system::docs::run)),
    ]
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
