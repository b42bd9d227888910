//! Top-level verbs are aliases of noun verbs (issue 10 §8): `ps` is `container ls` (and its
//! `list` and `ps` names), `images` is `image ls`, `rmi` is `image rm`. Each pair must print the
//! same bytes and exit with the same code for the same flags, errors included, and differ in
//! help only by the name the user typed.
use crate::isolated_with_busybox;
use crate::support::Env;

/// Runs each spelling of a verb with `flags` and asserts they print and exit the same.
#[track_caller]
fn same_output(env: &Env, spellings: &[&[&str]], flags: &[&str]) {
    let outs: Vec<_> = spellings
        .iter()
        .map(|verb| env.skiff(verb.iter().chain(flags)))
        .collect();
    let first = &outs[0];
    for (verb, out) in spellings.iter().zip(&outs).skip(1) {
        let what = format!(
            "{} vs {} with {flags:?}",
            verb.join(" "),
            spellings[0].join(" ")
        );
        assert_eq!(out.stdout, first.stdout, "stdout: {what}\n{}", out.dump());
        assert_eq!(out.code, first.code, "exit code: {what}\n{}", out.dump());
        assert_eq!(
            without_verb(&out.stderr),
            without_verb(&first.stderr),
            "stderr: {what}\n{}",
            out.dump()
        );
    }
}

/// A flag clap refuses names the verb in a hint (`see 'skiff ps --help'`, `see 'skiff container
/// ls --help'`): the rest of the line must be the same.
fn without_verb(stderr: &str) -> String {
    match (stderr.find("see 'skiff "), stderr.find(" --help'")) {
        (Some(a), Some(b)) if a < b => format!("{}see 'skiff VERB{}", &stderr[..a], &stderr[b..]),
        _ => stderr.to_string(),
    }
}

/// No column that changes with the clock: two runs a second apart print the same.
const PS_TABLE: &str =
    "table {{.ID}}\t{{.Image}}\t{{.Command}}\t{{.State}}\t{{.Names}}\t{{.Labels}}";

#[test]
fn ps_and_container_ls_print_the_same_for_the_same_flags() {
    let env = isolated_with_busybox();
    env.skiff(["create", "--name", "a-created", "--label", "k=v", "busybox"])
        .ok();
    env.skiff(["run", "--name", "b-exited", "busybox", "sh", "-c", "exit 3"])
        .code_is(3);
    let spellings: &[&[&str]] = &[
        &["ps"],
        &["container", "ls"],
        &["container", "list"],
        &["container", "ps"],
    ];
    // The default table's CREATED and STATUS change with the clock: `-a` uses PS_TABLE. Without
    // `-a` nothing runs, so the default table is its header alone.
    let flag_sets: &[&[&str]] = &[
        &[],
        &["-a", "-q"],
        &["-a", "--no-trunc", "-q"],
        &["-a", "--format", PS_TABLE],
        &["-a", "--no-trunc", "--format", PS_TABLE],
        &["-a", "--sort", "names", "--format", "{{.Names}} {{.State}}"],
        &["-a", "-n", "1", "--format", "{{.Names}}"],
        &["-l", "--format", "{{.Names}}"],
        &["-a", "--filter", "status=exited", "--format", "{{.Names}}"],
        &["-a", "--filter", "label=k=v", "-q"],
        &["-a", "-s", "--format", "{{.Names}} {{.Size}}"],
        // Errors: a bad template, a bad filter, a bad sort key.
        &["--format", "{{.Nope}}"],
        &["--filter", "bogus=1"],
        &["--sort", "nope"],
    ];
    for flags in flag_sets {
        same_output(&env, spellings, flags);
    }
}

#[test]
fn images_and_image_ls_print_the_same_for_the_same_flags() {
    let env = isolated_with_busybox();
    env.skiff(["tag", "busybox", "other:1"]).ok();
    let spellings: &[&[&str]] = &[&["images"], &["image", "ls"], &["image", "list"]];
    let flag_sets: &[&[&str]] = &[
        &[],
        &["-a"],
        &["-q"],
        &["-q", "--no-trunc"],
        &["--no-trunc"],
        &["--digests"],
        &["--format", "{{.Repository}}:{{.Tag}} {{.ID}} {{.Size}}"],
        &["--format", "table {{.Repository}}\t{{.Tag}}"],
        &["--format", "table"],
        &["--format", "json"],
        &["other"],
        &["busybox:latest", "-q"],
        &["--format", "{{.Nope"],
    ];
    for flags in flag_sets {
        same_output(&env, spellings, flags);
    }
}

#[test]
fn rmi_and_image_rm_are_one_verb() {
    let env = isolated_with_busybox();
    for name in ["one:1", "two:2", "three:3"] {
        env.skiff(["tag", "busybox", name]).ok();
    }
    let rmi = env.skiff(["rmi", "one:1"]);
    let image_rm = env.skiff(["image", "rm", "two:2"]);
    let image_remove = env.skiff(["image", "remove", "three:3"]);
    assert_eq!(rmi.ok(), "Untagged: localhost/one:1\n", "{}", rmi.dump());
    assert_eq!(
        image_rm.ok(),
        "Untagged: localhost/two:2\n",
        "{}",
        image_rm.dump()
    );
    assert_eq!(
        image_remove.ok(),
        "Untagged: localhost/three:3\n",
        "{}",
        image_remove.dump()
    );
    let spellings: &[&[&str]] = &[&["rmi"], &["image", "rm"], &["image", "remove"]];
    same_output(&env, spellings, &["no-such-image:1"]);
    same_output(&env, spellings, &["no-such-image:1", "other-missing:2"]);
}

#[test]
fn an_alias_has_its_noun_verbs_help_under_its_own_name() {
    let env = Env::isolated();
    for (alias, noun_verb) in [
        ("ps", "container ls"),
        ("images", "image ls"),
        ("rmi", "image rm"),
        ("stop", "container stop"),
        ("attach", "container attach"),
        ("pull", "image pull"),
    ] {
        let a = env.skiff([alias, "--help"]);
        let words: Vec<_> = noun_verb.split(' ').chain(["--help"]).collect();
        let b = env.skiff(&words);
        assert_eq!(
            a.ok().replace(&format!("skiff {alias}"), "skiff VERB"),
            b.ok().replace(&format!("skiff {noun_verb}"), "skiff VERB"),
            "{alias} --help and {noun_verb} --help"
        );
    }
    // The noun's other names stay the noun's: there is no `skiff list` or `skiff remove`.
    for verb in ["list", "remove"] {
        env.skiff([verb]).code_is(125);
    }
}
