//! The flag rules of Docker's and podman's parser on every verb (issue 11): a flag given twice
//! takes its last value, a boolean flag takes `=true|false`, `skiff help VERB` works, and a
//! usage error keeps all that clap knows (the values a flag takes, "did you mean") with a
//! pointer to `skiff VERB --help`. Completions leave out the hidden verbs.
use crate::support::registry::Tripwire;
use crate::support::wait::{inspect, Cleanup};
use crate::support::Env;
use crate::{shared, unique_name};

#[test]
fn a_single_value_flag_given_twice_takes_the_last_value() {
    let env = shared();
    let (a, b) = (unique_name("twice-a"), unique_name("twice-b"));
    let _c = Cleanup::names(env, &[&a, &b]);
    env.skiff(["create", "--name", &a, "--name", &b, "busybox", "true"])
        .ok();
    assert_eq!(inspect(env, &b, "{{.Name}}"), format!("/{b}"));
    env.skiff(["inspect", &a]).code_is(125);
    // The same for list verbs, their noun spellings and a noun verb's own flags.
    let filter = format!("name={b}");
    for verb in [&["ps"][..], &["container", "ls"], &["container", "list"]] {
        let out = env.skiff(verb.iter().copied().chain([
            "-a",
            "--filter",
            &filter,
            "--format",
            "{{.ID}}",
            "--format",
            "{{.Names}}",
        ]));
        assert_eq!(out.ok(), format!("{b}\n"), "{}", out.dump());
    }
    let out = env.skiff(["inspect", "-f", "{{.Id}}", "-f", "{{.Name}}", &b]);
    assert_eq!(out.ok(), format!("/{b}\n"), "{}", out.dump());
    let out = env.skiff([
        "images",
        "--format",
        "x",
        "--format",
        "{{.Repository}}",
        "busybox",
    ]);
    assert!(out.ok().contains("busybox"), "{}", out.dump());
    let out = env.skiff(["run", "--rm", "-w", "/tmp", "-w", "/etc", "busybox", "pwd"]);
    assert_eq!(out.ok(), "/etc\n", "{}", out.dump());
}

#[test]
fn boolean_flags_take_true_and_false_after_an_equals_sign() {
    let env = shared();
    let name = unique_name("bools");
    let _c = Cleanup::names(env, &[&name]);
    // --rm=false keeps the container; -d=false runs in the foreground.
    let out = env.skiff([
        "run",
        "--rm=false",
        "-d=false",
        "-t=false",
        "--name",
        &name,
        "busybox",
        "echo",
        "hi",
    ]);
    assert_eq!(out.ok(), "hi\n", "{}", out.dump());
    assert_eq!(inspect(env, &name, "{{.State.Status}}"), "exited");
    let caps = |flag: &str| {
        let out = env.skiff([
            "run",
            "--rm",
            flag,
            "busybox",
            "grep",
            "CapBnd",
            "/proc/self/status",
        ]);
        out.ok().to_string()
    };
    assert_eq!(caps("--privileged=false"), caps("--privileged=0"));
    assert_ne!(caps("--privileged=false"), caps("--privileged=true"));
    assert_eq!(caps("--privileged=True"), caps("--privileged"));
    // ps -a=false lists running containers only; rm -f=true removes.
    let filter = format!("name={name}");
    let ps = |all: &str| {
        env.skiff(["ps", all, "-q", "--filter", &filter])
            .ok()
            .to_string()
    };
    assert_eq!(ps("-a=false"), "");
    assert_eq!(ps("--all=true").trim().len(), 12);
    env.skiff(["rm", "--force=true", &name]).ok();
    let out = env.skiff(["run", "--rm=maybe", "busybox", "true"]);
    out.engine_error(&["'maybe'", "--rm", "true or false", "see 'skiff run --help'"]);
}

#[test]
fn help_verb_prints_the_verbs_help() {
    let env = Env::isolated();
    for (args, usage) in [
        (&["help", "run"][..], "Usage: skiff run [OPTIONS] IMAGE"),
        (&["help", "container", "ls"], "Usage: skiff container ls"),
        (&["container", "help", "rm"], "Usage: skiff container rm"),
        (&["help", "ps"], "Usage: skiff ps"),
    ] {
        let out = env.skiff(args);
        assert!(out.ok().contains(usage), "{}", out.dump());
    }
}

#[test]
fn usage_errors_keep_clap_message_hints_and_point_to_the_verbs_help() {
    let env = Env::isolated();
    let registry = Tripwire::install(&env);
    let out = env.skiff(["imags"]);
    out.engine_error(&[
        "unrecognized subcommand 'imags'",
        "did you mean 'image' or 'images'?",
        "see 'skiff --help'",
    ]);
    let out = env.skiff(["container", "lss"]);
    out.engine_error(&[
        "'lss'",
        "did you mean",
        "'ls'",
        "see 'skiff container --help'",
    ]);
    let out = env.skiff(["run", "--pull=sometimes", "busybox"]);
    out.engine_error(&[
        "invalid value 'sometimes'",
        "[possible values: always, missing, never]",
        "see 'skiff run --help'",
    ]);
    let out = env.skiff(["completion", "zsh2"]);
    out.engine_error(&["[possible values: bash, zsh, fish]", "did you mean 'zsh'?"]);
    let out = env.skiff(["ps", "--no-trun"]);
    out.engine_error(&[
        "unknown flag: --no-trun",
        "did you mean '--no-trunc'?",
        "see 'skiff ps --help'",
    ]);
    let out = env.skiff(["tag", "busybox"]);
    out.engine_error(&[
        "missing argument: TARGET",
        "usage: skiff tag <SOURCE> <TARGET>",
        "see 'skiff tag --help'",
    ]);
    let out = env.skiff(["run", "--name"]);
    out.engine_error(&[
        "a value is required for '--name <NAME>'",
        "see 'skiff run --help'",
    ]);
    assert!(
        registry.untouched(),
        "a usage error made skiff contact a registry"
    );
}

#[test]
fn completions_leave_out_hidden_verbs() {
    let env = Env::isolated();
    for shell in ["bash", "zsh", "fish"] {
        let out = env.skiff(["completion", shell]);
        let script = out.ok();
        for hidden in ["monitor", "generate-docs", "--exited"] {
            assert!(
                !script.contains(hidden),
                "{shell} completion offers {hidden}"
            );
        }
        assert!(
            script.contains("detach"),
            "{shell}: the verbs' flags are there"
        );
    }
}
