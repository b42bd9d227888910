//! The rules Docker's and podman's flag parser (Go's pflag) holds for every flag of every verb,
//! applied to the whole clap tree at once so that no verb, noun or alias can miss them:
//!
//! - a flag given twice takes its last value (`--name a --name b` is `b`), where clap would
//!   refuse the second;
//! - a boolean flag also takes `=true` or `=false` (`--rm=false`, `-d=true`, `--tty=false`),
//!   with Go's spellings (`1`, `t`, `TRUE`, `0`, `f`, `False`...). The value needs the `=`: in
//!   `--rm false`, `false` is the next argument (the image), as with Docker.
use clap::{Arg, ArgAction, Command};

/// `cmd` and every subcommand below it, with pflag's rules.
pub(crate) fn docker_style(cmd: Command) -> Command {
    cmd.args_override_self(true)
        .mut_args(bool_value)
        .mut_subcommands(docker_style)
}

/// A `--flag` that only switched on becomes one that also takes `=true|false`.
fn bool_value(a: Arg) -> Arg {
    if !matches!(a.get_action(), ArgAction::SetTrue) {
        return a;
    }
    a.action(ArgAction::Set)
        .num_args(0..=1)
        .require_equals(true)
        .default_missing_value("true")
        .default_value("false")
        .hide_default_value(true)
        .value_name("BOOL")
        .value_parser(go_bool)
}

/// Go's `strconv.ParseBool`, which pflag uses for boolean flags.
pub(crate) fn go_bool(s: &str) -> Result<bool, String> {
    match s {
        "1" | "t" | "T" | "true" | "TRUE" | "True" => Ok(true),
        "0" | "f" | "F" | "false" | "FALSE" | "False" => Ok(false),
        _ => Err("use true or false".into()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::Parser;

    #[derive(Parser, Debug)]
    struct Demo {
        #[arg(short = 'd', long)]
        detach: bool,
        #[arg(short = 'i', long)]
        interactive: bool,
        #[arg(long)]
        name: Option<String>,
        #[arg(short = 'e')]
        env: Vec<String>,
        rest: Vec<String>,
    }

    fn parse(args: &[&str]) -> Result<Demo, clap::Error> {
        use clap::{CommandFactory, FromArgMatches};
        let m = docker_style(Demo::command()).try_get_matches_from(args)?;
        Demo::from_arg_matches(&m)
    }

    #[test]
    fn booleans_take_values_and_repeats_take_the_last() {
        let d = parse(&["x", "-d=false", "--interactive=true", "img"]).unwrap();
        assert!(!d.detach && d.interactive);
        assert_eq!(d.rest, ["img"]);
        let d = parse(&["x", "-di", "--name", "a", "--name=b", "-e", "1", "-e", "2"]).unwrap();
        assert!(d.detach && d.interactive);
        assert_eq!((d.name.as_deref(), d.env.len()), (Some("b"), 2));
        let d = parse(&["x", "--detach", "false"]).unwrap();
        assert!(d.detach);
        assert_eq!(
            d.rest,
            ["false"],
            "without '=' the word is the next argument"
        );
        let d = parse(&["x", "-d", "-d=0", "--detach=T"]).unwrap();
        assert!(d.detach);
        assert!(parse(&["x", "--detach=maybe"]).is_err());
        assert!(!parse(&["x"]).unwrap().detach);
    }
}
