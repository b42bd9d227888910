//! Errors of the command line itself (issue 10 §8): a flag skiff does not know, before the image
//! or the container, is Docker's `unknown flag` (one line, 125) and never an image name to pull;
//! after the image everything stays the container's command. `rm -v` is refused while skiff
//! has no volumes.
use crate::support::registry::Tripwire;
use crate::support::wait::Cleanup;
use crate::support::Env;
use crate::{shared, unique_name};

#[test]
fn unknown_flags_before_the_image_are_errors_and_contact_no_registry() {
    let env = Env::isolated();
    let registry = Tripwire::install(&env);
    let cases: [(&[&str], &str); 10] = [
        (&["run", "--bogus", "busybox"], "--bogus"),
        (&["run", "--memoryy=0", "busybox", "true"], "--memoryy"),
        (&["run", "--bogus=x", "busybox"], "--bogus"),
        (&["create", "-Z", "busybox", "true"], "-Z"),
        (&["run", "-Z", "busybox"], "-Z"),
        (&["run", "-itZ", "busybox", "true"], "-Z"),
        // An unknown short flag with a value: not the image "-Q".
        (&["run", "--rm", "-Q", "./x:/d", "busybox"], "-Q"),
        (&["run", "-Q", "busybox"], "-Q"),
        (&["create", "--bogus", "busybox"], "--bogus"),
        (&["container", "run", "--bogus", "busybox"], "--bogus"),
    ];
    for (args, flag) in cases {
        let out = env.sk(args).env("SKIFF_REGISTRY_TIMEOUT", "1s").run();
        let verb: Vec<_> = args
            .iter()
            .take_while(|a| !a.starts_with('-'))
            .copied()
            .collect();
        let verb = verb.join(" ");
        out.engine_error(&[
            &format!("unknown flag: {flag}"),
            &format!("see 'skiff {verb} --help'"),
        ]);
    }
    let out = env.skiff(["exec", "--bogus", "no-such-ctr", "true"]);
    out.engine_error(&["unknown flag: --bogus", "see 'skiff exec --help'"]);
    assert!(
        registry.untouched(),
        "a flag error made skiff contact a registry"
    );
    assert_eq!(env.skiff(["ps", "-a", "-q"]).ok(), "", "no container made");
}

#[test]
fn a_flag_that_takes_the_image_as_its_value_leaves_the_image_missing() {
    let env = Env::isolated();
    let registry = Tripwire::install(&env);
    for verb in ["run", "create"] {
        let out = env.skiff([verb, "-e", "busybox"]);
        out.engine_error(&["missing argument: IMAGE", &format!("skiff {verb} --help")]);
        let out = env.skiff([verb]);
        out.engine_error(&["missing argument: IMAGE"]);
    }
    env.skiff(["exec"])
        .engine_error(&["missing argument: CONTAINER"]);
    assert!(
        registry.untouched(),
        "a usage error made skiff contact a registry"
    );
}

#[test]
fn flags_after_the_image_belong_to_the_containers_command() {
    let env = shared();
    let out = env.skiff(["run", "--rm", "busybox", "echo", "--bogus", "-Z"]);
    assert_eq!(out.ok(), "--bogus -Z\n", "{}", out.dump());
    let out = env.skiff(["run", "--rm", "busybox", "sh", "-c", "echo --x"]);
    assert_eq!(out.ok(), "--x\n", "{}", out.dump());
    // As Docker: `--` ends skiff's flags; the image and command follow.
    let out = env.skiff(["run", "--rm", "--", "busybox", "echo", "--", "ok"]);
    assert_eq!(out.ok(), "-- ok\n", "{}", out.dump());
    // A flag of skiff's own after the image is the command too (busybox has no `--rm`).
    let out = env.skiff(["run", "--rm", "busybox", "--rm"]);
    out.code_is(127);
    assert!(out.stderr.contains("--rm"), "{}", out.dump());
}

#[test]
fn exec_flags_after_the_container_belong_to_the_command() {
    let env = shared();
    let name = unique_name("cli-exec");
    let _c = Cleanup::names(env, &[&name]);
    env.skiff(["run", "-d", "--name", &name, "busybox", "sleep", "300"])
        .ok();
    let out = env.skiff(["exec", &name, "ls", "-la", "/"]);
    assert!(out.ok().contains(" etc"), "{}", out.dump());
    let out = env.skiff(["exec", &name, "echo", "--bogus"]);
    assert_eq!(out.ok(), "--bogus\n", "{}", out.dump());
    let out = env.skiff(["exec", "--bogus", &name, "true"]);
    out.engine_error(&["unknown flag: --bogus"]);
}

#[test]
fn rm_volumes_removes_the_container() {
    let env = shared();
    for flag in ["-v", "--volumes"] {
        let name = unique_name("cli-rm-v");
        let _c = Cleanup::names(env, &[&name]);
        env.skiff(["create", "--name", &name, "busybox", "true"])
            .ok();
        let out = env.skiff(["rm", flag, &name]);
        assert_eq!(out.ok(), format!("{name}\n"));
        env.skiff(["container", "exists", &name]).code_is(1);
    }
}
