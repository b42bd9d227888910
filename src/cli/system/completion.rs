//! `skiff completion SHELL`: prints the completion script generated from the clap definitions,
//! plus what clap_complete cannot generate: container and image names for the arguments that
//! take them (listed by `skiff ps -a` and `skiff images` when the user presses tab). Which
//! arguments those are, and which flags of their verb take a value, is read from the same
//! definitions, so the additions follow the verbs.
use crate::cli::context::Context;
use anyhow::Result;
use clap_complete::Shell;

/// Print a shell completion script (bash, zsh, fish)
#[derive(clap::Args, Debug)]
pub(crate) struct Args {
    /// The shell: bash, zsh or fish
    #[arg(value_parser = ["bash", "zsh", "fish"])]
    pub(crate) shell: String,
}

/// What a positional argument names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Containers,
    Images,
}

impl Kind {
    fn word(self) -> &'static str {
        match self {
            Kind::Containers => "container",
            Kind::Images => "image",
        }
    }
}

/// A verb's positional argument that takes names.
#[derive(Debug)]
struct Slot {
    /// `["rm"]`, `["container", "rm"]`.
    path: Vec<String>,
    /// The argument's id (what zsh's spec names it by).
    id: String,
    kind: Kind,
    /// Only the first positional word is a name (`run IMAGE COMMAND...`, `exec CONTAINER ...`).
    first_only: bool,
    /// The verb's flags that take a value (their values are no positional words).
    value_flags: Vec<String>,
}

/// The kind of names an argument takes, by its value name (or id): CONTAINER, IMAGE...
fn kind_of(arg: &clap::Arg) -> Option<(Kind, bool)> {
    let shown = match arg.get_value_names() {
        Some(v) => v
            .iter()
            .map(|s| s.to_string())
            .collect::<Vec<_>>()
            .join(" "),
        None => arg.get_id().to_string().to_uppercase(),
    };
    let mut words = shown.split([' ', '_']);
    let kind = match words.next()? {
        "CONTAINER" | "CONTAINERS" => Kind::Containers,
        "IMAGE" | "IMAGES" => Kind::Images,
        _ => return None,
    };
    // `CONTAINER COMMAND...` or a single value: names only at the first word.
    let many = matches!(arg.get_action(), clap::ArgAction::Append);
    Some((kind, words.next().is_some() || !many))
}

/// Every positional argument of a visible verb that takes container or image names.
fn slots(cmd: &clap::Command, path: &[String], out: &mut Vec<Slot>) {
    for sub in cmd.get_subcommands().filter(|s| !s.is_hide_set()) {
        let mut p = path.to_vec();
        p.push(sub.get_name().to_string());
        let value_flags: Vec<String> = sub
            .get_arguments()
            // `--tls-verify[=BOOL]` takes its value only after '=': the next word is not it.
            .filter(|a| !a.is_positional() && a.get_action().takes_values())
            .filter(|a| a.get_num_args().is_none_or(|n| n.min_values() > 0))
            .flat_map(|a| {
                let short = a.get_short().map(|c| format!("-{c}"));
                let long = a.get_long().map(|l| format!("--{l}"));
                short.into_iter().chain(long)
            })
            .collect();
        for arg in sub.get_positionals() {
            if let Some((kind, first_only)) = kind_of(arg) {
                out.push(Slot {
                    path: p.clone(),
                    id: arg.get_id().to_string(),
                    kind,
                    first_only,
                    value_flags: value_flags.clone(),
                });
            }
        }
        slots(sub, &p, out);
    }
}

/// The completion script for `shell`.
pub(crate) fn script(shell: &str) -> Vec<u8> {
    // Hidden verbs (monitor, generate-docs) stay out of completions.
    let mut cmd = crate::cli::public_command();
    let sh = match shell {
        "zsh" => Shell::Zsh,
        "fish" => Shell::Fish,
        _ => Shell::Bash,
    };
    let mut out = Vec::new();
    clap_complete::generate(sh, &mut cmd, "skiff", &mut out);
    let text = String::from_utf8_lossy(&out).into_owned();
    let mut found = Vec::new();
    slots(&cmd, &[], &mut found);
    match sh {
        Shell::Zsh => zsh(text, &found),
        Shell::Fish => fish(text, &found),
        _ => bash(text, &found),
    }
    .into_bytes()
}

/// The commands that list the names, in each shell's words.
const LIST_CONTAINERS: &str = "ps -a --format '{{.Names}}'";
const LIST_IMAGES: &str = "images --format '{{.Repository}}:{{.Tag}}'";

/// bash: `_skiff_names` finds the verb in the words typed so far and, at a name's place,
/// completes names instead of clap's flags; `-o default` still gives files when it has none.
fn bash(text: String, slots: &[Slot]) -> String {
    let mut cases = String::new();
    let mut nouns: Vec<&str> = Vec::new();
    for s in slots {
        if s.path.len() > 1 && !nouns.contains(&s.path[0].as_str()) {
            nouns.push(&s.path[0]);
        }
        let (from, verb) = match s.path.as_slice() {
            [v] => ("", v),
            [n, v] => (n.as_str(), v),
            _ => continue,
        };
        cases.push_str(&format!(
            "            {from},{verb}) kind={}; first={}; takes=\" {} \" ;;\n",
            s.kind.word(),
            if s.first_only { "1" } else { "" },
            s.value_flags.join(" ")
        ));
    }
    let noun_case = nouns
        .iter()
        .map(|n| format!(",{n}"))
        .collect::<Vec<_>>()
        .join("|");
    let names = format!(
        r#"
# Container and image names where a verb takes them (added to clap's script by skiff).
_skiff_names() {{
    local i w path="" kind="" first="" takes="" n=0 names cur="${{COMP_WORDS[COMP_CWORD]}}"
    for ((i = 1; i < COMP_CWORD; i++)); do
        w="${{COMP_WORDS[i]}}"
        if [[ -n $kind ]]; then
            if [[ $takes == *" $w "* ]]; then
                ((i++))
            elif [[ $w != -* ]]; then
                ((n++))
            fi
            continue
        fi
        case "$path,$w" in
            {noun_case}) path="$w" ;;
{cases}        esac
    done
    # Past the cursor: a flag's value, or the command after the first name.
    [[ -z $kind || $cur == -* || $i -gt $COMP_CWORD ]] && return 0
    [[ -n $first && $n -gt 0 ]] && return 0
    # The skiff typed, when given by its path; else (an alias such as docker) skiff itself.
    local bin="${{COMP_WORDS[0]}}"
    [[ $bin == */* ]] || bin=skiff
    case $kind in
        container) names=$("$bin" {LIST_CONTAINERS} 2>/dev/null) ;;
        image) names=$("$bin" {LIST_IMAGES} 2>/dev/null | grep -v '<none>') ;;
    esac
    COMPREPLY=( $(compgen -W "$names" -- "$cur") )
}}

_skiff_complete() {{
    _skiff "$@"
    _skiff_names
    return 0
}}
"#
    );
    let text = text.replace("complete -F _skiff ", "complete -F _skiff_complete ");
    match text.rfind("\nif [[ \"${BASH_VERSINFO[0]}\"") {
        Some(at) => format!("{}{names}{}", &text[..at], &text[at..]),
        None => text + &names,
    }
}

/// zsh: the action of each such argument's spec becomes a function that lists the names
/// (for `run IMAGE COMMAND...`, only at the first word).
fn zsh(text: String, slots: &[Slot]) -> String {
    let action = |s: &Slot, first: bool| {
        let first = if first { "_first" } else { "" };
        format!("_skiff{first}_{}s", s.kind.word())
    };
    let lines: Vec<String> = text
        .lines()
        .map(|l| {
            // `'*::ID -- HELP:_default' \` (several words) or `':ID -- HELP:_default' \`.
            let hit = slots.iter().find_map(|s| {
                let rest = l.starts_with(&format!("'*::{} -- ", s.id));
                let one = l.starts_with(&format!("':{} -- ", s.id));
                ((rest || one) && l.ends_with(":_default' \\")).then_some((s, rest))
            });
            match hit {
                Some((s, rest)) => {
                    let f = action(s, rest && s.first_only);
                    l.replace(":_default' \\", &format!(":{f}' \\"))
                }
                None => l.to_string(),
            }
        })
        .collect();
    let text = lines.join("\n") + "\n";
    let funcs = format!(
        r#"
# Container and image names where a verb takes them (added to clap's script by skiff).
_skiff_containers() {{
    local expl; local -a names
    names=(${{(f)"$(skiff {LIST_CONTAINERS} 2>/dev/null)"}})
    _wanted containers expl container compadd -a names
}}
_skiff_images() {{
    local expl; local -a names
    names=(${{(f)"$(skiff {LIST_IMAGES} 2>/dev/null | grep -v '<none>')"}})
    _wanted images expl image compadd -a names
}}
_skiff_first_containers() {{
    if (( CURRENT == 1 )); then _skiff_containers; else _default; fi
}}
_skiff_first_images() {{
    if (( CURRENT == 1 )); then _skiff_images; else _default; fi
}}
"#
    );
    match text.rfind("\nif [ \"$funcstack[1]\" = \"_skiff\" ]") {
        Some(at) => format!("{}{funcs}{}", &text[..at], &text[at..]),
        None => text + &funcs,
    }
}

/// fish: one more completion per such argument, listing the names (without files for verbs
/// whose every argument is a name).
fn fish(text: String, slots: &[Slot]) -> String {
    let mut out = text;
    out.push_str(&format!(
        "\n# Container and image names where a verb takes them (added to clap's script by skiff).\n\
         function __fish_skiff_bin\n    set -l bin (commandline -opc)[1]\n    \
         string match -q '*/*' -- $bin; or set bin skiff\n    echo $bin\nend\n\
         function __fish_skiff_containers\n    set -l bin (__fish_skiff_bin)\n    \
         $bin {LIST_CONTAINERS} 2>/dev/null\nend\n\
         function __fish_skiff_images\n    set -l bin (__fish_skiff_bin)\n    \
         $bin {LIST_IMAGES} 2>/dev/null | string match -v '*<none>*'\nend\n"
    ));
    for s in slots {
        let cond = match s.path.as_slice() {
            [v] => format!("__fish_skiff_using_subcommand {v}"),
            [n, v] => {
                format!("__fish_skiff_using_subcommand {n}; and __fish_seen_subcommand_from {v}")
            }
            _ => continue,
        };
        let files = if s.first_only { "" } else { " -f" };
        out.push_str(&format!(
            "complete -c skiff -n \"{cond}\"{files} -a \"(__fish_skiff_{}s)\"\n",
            s.kind.word()
        ));
    }
    out
}

pub(crate) fn run(_: &Context, args: Args) -> Result<i32> {
    use std::io::Write;
    std::io::stdout().write_all(&script(&args.shell))?;
    Ok(0)
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_verbs_that_take_names_are_found() {
        let mut found = Vec::new();
        let mut cmd = crate::cli::command();
        cmd.build();
        super::slots(&cmd, &[], &mut found);
        let has = |path: &str, kind: super::Kind, first: bool| {
            found
                .iter()
                .any(|s| s.path.join(" ") == path && s.kind == kind && s.first_only == first)
        };
        use super::Kind::{Containers, Images};
        for p in ["rm", "container rm", "stop", "wait"] {
            assert!(has(p, Containers, false), "{p}: {found:?}");
        }
        for p in ["exec", "rename", "logs", "container exists"] {
            assert!(has(p, Containers, true), "{p}: {found:?}");
        }
        for p in ["rmi", "image rm", "save"] {
            assert!(has(p, Images, false), "{p}: {found:?}");
        }
        for p in ["history", "image exists", "untag", "push"] {
            assert!(has(p, Images, true), "{p}: {found:?}");
        }
        assert!(has("run", Images, true), "{found:?}");
        let rm = found.iter().find(|s| s.path == ["rm"]).unwrap();
        assert!(rm.value_flags.contains(&"-t".to_string()), "{rm:?}");
        let pull = found.iter().find(|s| s.path == ["pull"]).unwrap();
        assert!(
            !pull.value_flags.contains(&"--tls-verify".to_string()),
            "{pull:?}"
        );
        assert!(
            !found.iter().any(|s| s.path[0] == "monitor"),
            "hidden verbs stay out"
        );
    }
}
