//! `build` on bad input and after failures: each error is clear, names its line, tags nothing,
//! leaves no container, mount or process behind, and the store stays usable. Also `SHELL` and
//! the build-arg cache, which the audit of issue 12 found untested.
use crate::build_flags::{build, context};
use crate::isolated_with_busybox;
use crate::support::Env;
use std::time::{Duration, Instant};

/// A failed build's aftermath: exit 125, one `error: ` line with `want` in it, no image named
/// `tag`, no container, and a store `system check` passes.
fn refused(env: &Env, out: &crate::support::Out, tag: &str, want: &[&str]) {
    assert_eq!(out.code, 125, "{}", out.dump());
    let lines: Vec<&str> = out.stderr.lines().collect();
    assert_eq!(lines.len(), 1, "one error line: {}", out.dump());
    assert!(lines[0].starts_with("error: "), "{}", out.dump());
    for w in want {
        assert!(lines[0].contains(w), "{w:?} missing: {}", out.dump());
    }
    untouched(env, tag);
}

fn untouched(env: &Env, tag: &str) {
    let images = env.skiff(["images"]);
    assert!(
        !images.ok().contains(&format!("localhost/{tag} ")),
        "{tag} is tagged: {}",
        images.stdout
    );
    assert_eq!(
        env.skiff(["ps", "-a", "-q"]).ok(),
        "",
        "a container is left"
    );
    env.skiff(["system", "check"]).ok();
}

/// The store still builds: a good Dockerfile with a RUN and a COPY, then run.
fn a_good_build_works(env: &Env) {
    let df = "FROM busybox\nRUN echo good > /good\nCOPY f /f\n";
    let ctx = context(env, "good", &[("Dockerfile", df), ("f", "f\n")]);
    build(env, &["-q", "-t", "good", ctx.to_str().unwrap()]).ok();
    let run = [
        "run",
        "--rm",
        "--network",
        "none",
        "good",
        "cat",
        "/good",
        "/f",
    ];
    assert_eq!(env.skiff(run).ok(), "good\nf\n");
}

#[test]
fn parser_errors_and_unknown_instructions_name_their_line() {
    let env = isolated_with_busybox();
    let cases: &[(&str, &[&str])] = &[
        // What parse-dockerfile itself rejects, after continuations, blank and comment lines.
        (
            "FROM busybox\nRUN echo a \\\n  b\n\n# c\nSHELL sh -c\n",
            &["Dockerfile:6:", "expected JSON array"],
        ),
        (
            "# hi\n\nFROM busybox junk\n",
            &["Dockerfile:3:", "expected AS"],
        ),
        (
            "FROM busybox\nENV A=1\nHEALTHCHECK sometimes\n",
            &["Dockerfile:3:", "expected CMD or NONE"],
        ),
        (
            "FROM busybox\nENV A=1\nRUN <<EOF\necho hi\n",
            &["error: Dockerfile:3: ", "heredoc <<EOF has no closing EOF"],
        ),
        // An unknown instruction, after a RUN that must not run.
        (
            "FROM busybox\nRUN echo ran-before\nFOO bar\n",
            &["Dockerfile:3:", "unknown instruction 'FOO'"],
        ),
        // A bare ONBUILD (also before a continuation): Docker's message, not "unknown ''".
        (
            "FROM busybox\nRUN echo ran-before\nONBUILD\n",
            &["Dockerfile:3: ONBUILD requires at least one argument"],
        ),
        (
            "FROM busybox\nONBUILD   \\\n\n",
            &["Dockerfile:2: ONBUILD requires at least one argument"],
        ),
    ];
    for (i, (df, want)) in cases.iter().enumerate() {
        let ctx = context(&env, &format!("syntax{i}"), &[("Dockerfile", df)]);
        let tag = format!("syntax{i}");
        let out = build(&env, &["-t", &tag, ctx.to_str().unwrap()]);
        assert!(!out.stdout.contains("ran-before"), "{}", out.dump());
        // The position is said once, as FILE:LINE[:COLUMN].
        assert!(!out.stderr.contains(" at line "), "{}", out.dump());
        assert_eq!(
            out.stderr.matches("Dockerfile").count(),
            1,
            "{}",
            out.dump()
        );
        assert!(!out.stderr.contains("''"), "{}", out.dump());
        refused(&env, &out, &tag, want);
    }
    // The heredoc error names the file `-f` gave, not always `Dockerfile`.
    let ctx = context(&env, "named", &[("app.df", "FROM busybox\nRUN <<EOF\n")]);
    let file = ctx.join("app.df");
    let out = build(&env, &["-f", file.to_str().unwrap(), ctx.to_str().unwrap()]);
    assert_eq!(out.code, 125, "{}", out.dump());
    assert!(
        out.stderr.contains("app.df:2: the heredoc"),
        "{}",
        out.dump()
    );
    assert!(!out.stderr.contains("Dockerfile"), "{}", out.dump());
    a_good_build_works(&env);
}

#[test]
fn copy_from_neither_a_stage_nor_an_image_fails_fast_naming_it() {
    let env = isolated_with_busybox();
    let df = "FROM busybox AS first\nRUN echo ran-before\nCOPY --from=nosuch /a /b\n";
    let ctx = context(&env, "nosuch", &[("Dockerfile", df)]);
    let start = Instant::now();
    let out = env
        .sk(["build", "-t", "nosuch-app", ctx.to_str().unwrap()])
        .timeout(Duration::from_secs(60))
        .run();
    assert!(!out.stdout.contains("ran-before"), "{}", out.dump());
    let want = [
        "Dockerfile:3: COPY --from=nosuch",
        "neither an earlier stage",
        "nor an image",
        "pulling it failed",
    ];
    refused(&env, &out, "nosuch-app", &want);
    eprintln!("COPY --from=nosuch failed after {:?}", start.elapsed());
    a_good_build_works(&env);
}

#[test]
fn an_undefined_arg_in_from_and_a_missing_context_are_clear_errors() {
    let env = isolated_with_busybox();
    let ctx = context(&env, "nope", &[("Dockerfile", "FROM $NOPE\nRUN true\n")]);
    let out = build(&env, &["-t", "nope", ctx.to_str().unwrap()]);
    refused(
        &env,
        &out,
        "nope",
        &["Dockerfile:1:", "FROM $NOPE", "undefined"],
    );
    // Defined, it works: the error was the ARG.
    let df = "ARG BASE=busybox\nFROM $BASE\nRUN true\n";
    std::fs::write(ctx.join("Dockerfile"), df).unwrap();
    build(&env, &["-q", "-t", "nope", ctx.to_str().unwrap()]).ok();

    let missing = env.root.join("no-such-context");
    let out = build(&env, &["-t", "nocontext", missing.to_str().unwrap()]);
    refused(
        &env,
        &out,
        "nocontext",
        &[missing.to_str().unwrap(), "not a directory"],
    );
    a_good_build_works(&env);
}

#[test]
fn an_absolute_copy_source_is_taken_from_the_context() {
    let env = isolated_with_busybox();
    let df = "FROM busybox\nCOPY /etc/passwd /x\n";
    let files = [("Dockerfile", df), ("etc/passwd", "context-passwd\n")];
    let ctx = context(&env, "abs", &files);
    build(&env, &["-q", "-t", "abs", ctx.to_str().unwrap()]).ok();
    let run = ["run", "--rm", "--network", "none", "abs", "cat", "/x"];
    assert_eq!(env.skiff(run).ok(), "context-passwd\n", "not the host's");
    let df = "FROM busybox\nCOPY /missing /y\n";
    std::fs::write(ctx.join("Dockerfile"), df).unwrap();
    let out = build(&env, &["-t", "abs-missing", ctx.to_str().unwrap()]);
    refused(
        &env,
        &out,
        "abs-missing",
        &["Dockerfile:2:", "/missing", "no such file", "build context"],
    );
    a_good_build_works(&env);
}

/// This environment's namespace holder (the pid in its `userns.pid`).
fn holder(env: &Env) -> i32 {
    let text = std::fs::read_to_string(env.runtime_dir.join("skiff/userns.pid")).unwrap();
    text.split_whitespace().next().unwrap().parse().unwrap()
}

/// The live (not zombie) processes of this environment but its holder: in the holder's user
/// namespace, or started with its XDG_RUNTIME_DIR (pasta, skiff itself), with their mountinfo.
fn processes(env: &Env) -> Vec<(i32, String, String)> {
    let holder = holder(env);
    let ns = std::fs::read_link(format!("/proc/{holder}/ns/user")).unwrap();
    let marker = format!("XDG_RUNTIME_DIR={}\0", env.runtime_dir.display());
    let mut out = Vec::new();
    for e in std::fs::read_dir("/proc").unwrap().flatten() {
        let Ok(pid) = e.file_name().to_string_lossy().parse::<i32>() else {
            continue;
        };
        if pid == holder || pid == std::process::id() as i32 {
            continue;
        }
        let Ok(stat) = std::fs::read_to_string(format!("/proc/{pid}/stat")) else {
            continue;
        };
        let state = stat.rsplit_once(") ").map_or("", |(_, r)| &r[..1]);
        if state == "Z" || state == "X" {
            continue;
        }
        let in_ns = std::fs::read_link(format!("/proc/{pid}/ns/user")).ok() == Some(ns.clone());
        let environ = std::fs::read(format!("/proc/{pid}/environ")).unwrap_or_default();
        let started = String::from_utf8_lossy(&environ).contains(&marker);
        if in_ns || started {
            let cmd = std::fs::read_to_string(format!("/proc/{pid}/cmdline")).unwrap_or_default();
            let mounts =
                std::fs::read_to_string(format!("/proc/{pid}/mountinfo")).unwrap_or_default();
            out.push((pid, cmd.replace('\0', " "), mounts));
        }
    }
    out
}

/// The holder's mounts (as `skiff unshare` sees them) that are overlays or lie under the store
/// or the runtime dir.
fn build_mounts(env: &Env) -> Vec<String> {
    let info = env.skiff(["unshare", "cat", "/proc/self/mountinfo"]);
    let store = env.store().display().to_string();
    let run = env.runtime_dir.display().to_string();
    info.ok()
        .lines()
        .filter(|l| {
            let f: Vec<&str> = l.split(' ').collect();
            let target = f.get(4).copied().unwrap_or("");
            let fstype = l.split(" - ").nth(1).unwrap_or("");
            fstype.starts_with("overlay") || target.starts_with(&store) || target.starts_with(&run)
        })
        .map(str::to_string)
        .collect()
}

/// Waits until a RUN step's process of this environment is up with its overlay root over the
/// store (so the checks after the build look for something that did exist).
fn wait_for_step(env: &Env) {
    let store = env.store().display().to_string();
    let deadline = Instant::now() + Duration::from_secs(60);
    loop {
        let up = processes(env).into_iter().any(|(_, cmd, mounts)| {
            cmd.starts_with("sleep ")
                && mounts
                    .lines()
                    .any(|l| l.contains(" - overlay ") && l.contains(&store))
        });
        if up {
            return;
        }
        assert!(Instant::now() < deadline, "the RUN step never started");
        std::thread::sleep(Duration::from_millis(20));
    }
}

/// Nothing of the build is left: no process but the holder (killed ones may take a moment to
/// go), and no overlay or store mount in the holder's namespace.
fn nothing_left(env: &Env, what: &str) {
    let deadline = Instant::now() + Duration::from_secs(10);
    loop {
        let left = processes(env);
        if left.is_empty() {
            break;
        }
        let names: Vec<(i32, String)> = left.into_iter().map(|(p, c, _)| (p, c)).collect();
        assert!(Instant::now() < deadline, "{what}: left {names:?}");
        std::thread::sleep(Duration::from_millis(50));
    }
    assert_eq!(build_mounts(env), Vec::<String>::new(), "{what}");
}

#[test]
fn a_failed_and_a_killed_build_leave_no_mount_and_no_process() {
    let env = isolated_with_busybox();
    // The holder exists before the checks (the first skiff command starts it).
    env.skiff(["images"]).ok();
    nothing_left(&env, "before any build");
    let df = "FROM busybox\nRUN echo x > /x\nRUN sleep 1; exit 3\n";
    let ctx = context(&env, "fails", &[("Dockerfile", df)]);
    let child = env
        .sk(["build", "--no-cache", "-t", "fails", ctx.to_str().unwrap()])
        .spawn();
    wait_for_step(&env);
    let out = child.wait_with_output().unwrap();
    assert_eq!(out.status.code(), Some(1), "{out:?}");
    nothing_left(&env, "after a failing RUN");
    untouched(&env, "fails");

    let df = "FROM busybox\nRUN echo x > /x\nRUN sleep 60\n";
    std::fs::write(ctx.join("Dockerfile"), df).unwrap();
    let child = env
        .sk(["build", "--no-cache", "-t", "killed", ctx.to_str().unwrap()])
        .spawn();
    wait_for_step(&env);
    crate::support::kill_group(child.id() as i32);
    let out = child.wait_with_output().unwrap();
    use std::os::unix::process::ExitStatusExt;
    assert_eq!(out.status.signal(), Some(9), "killed mid-build: {out:?}");
    nothing_left(&env, "after kill -9 of a build");
    // The killed build's step container is not listed; it is in the store until the next
    // build collects it, or `system check` (which reports it as left by interrupted work, on
    // one line) repairs it.
    assert_eq!(
        env.skiff(["ps", "-a", "-q"]).ok(),
        "",
        "a step container is listed"
    );
    let stored = |dir: &str| -> Vec<String> {
        let d = env.store().join(dir);
        let list = std::fs::read_dir(&d).unwrap_or_else(|e| panic!("{}: {e}", d.display()));
        list.map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect()
    };
    let names = stored("names/containers");
    assert!(
        names.len() == 1 && names[0].starts_with("buildstep-"),
        "{names:?}"
    );
    assert_eq!(stored("containers").len(), 1);
    let out = env.skiff(["system", "check"]);
    assert_eq!(out.code, 1, "{}", out.dump());
    let lines: Vec<&str> = out.stdout.lines().collect();
    assert_eq!(lines.len(), 1, "{}", out.dump());
    assert!(lines[0].contains(&names[0]), "{}", out.dump());
    assert!(
        lines[0].contains("a build that was killed"),
        "{}",
        out.dump()
    );
    let out = env.skiff(["system", "check", "--repair"]);
    assert_eq!(out.ok(), format!("{}: repaired\n", lines[0]));
    assert_eq!(env.skiff(["system", "check"]).ok(), "");
    assert_eq!(stored("names/containers"), Vec::<String>::new());
    assert_eq!(stored("containers"), Vec::<String>::new());
    nothing_left(&env, "after system check --repair");
    a_good_build_works(&env);
    untouched(&env, "killed");
}

#[test]
fn shell_sets_the_config_and_the_later_runs_shell() {
    let env = isolated_with_busybox();
    let df = "FROM busybox\nSHELL [\"/bin/sh\", \"-xc\"]\nRUN echo traced-run\nCMD echo hi\n";
    let ctx = context(&env, "shell", &[("Dockerfile", df)]);
    let out = build(&env, &["-t", "shell", ctx.to_str().unwrap()]);
    out.ok();
    // sh -x traces the command before running it.
    let both = format!("{}{}", out.stdout, out.stderr);
    assert!(
        both.lines().any(|l| l == "+ echo traced-run"),
        "{}",
        out.dump()
    );
    let config = crate::build_flags::image_config(&env, "shell");
    let c = &config["config"];
    assert_eq!(c["Shell"], serde_json::json!(["/bin/sh", "-xc"]), "{c}");
    assert_eq!(
        c["Cmd"],
        serde_json::json!(["/bin/sh", "-xc", "echo hi"]),
        "{c}"
    );
}

#[test]
fn a_changed_build_arg_misses_only_from_the_step_using_it() {
    let env = isolated_with_busybox();
    let df = "FROM busybox\nRUN echo early-ran && touch /e\nARG V=0\nRUN echo \"v=$V\"\nENV Z=1\n";
    let ctx = context(&env, "args", &[("Dockerfile", df)]);
    let c = ctx.to_str().unwrap();
    let first = build(&env, &["--build-arg", "V=1", "-t", "args", c]);
    assert!(first.ok().lines().any(|l| l == "v=1"), "{}", first.dump());
    let same = build(&env, &["--build-arg", "V=1", "-t", "args", c]);
    // Both RUNs and the ENV (an ARG step prints no hit of its own).
    assert_eq!(
        same.ok().matches("Using cache").count(),
        3,
        "{}",
        same.dump()
    );
    let out = build(&env, &["--build-arg", "V=2", "-t", "args", c]);
    let text = out.ok();
    assert_eq!(text.matches("--> Using cache").count(), 1, "{text}");
    let hit = text.find("--> Using cache").unwrap();
    let run_early = text.find("RUN echo early-ran").unwrap();
    let arg_step = text.find("ARG V=0").unwrap();
    assert!(
        run_early < hit && hit < arg_step,
        "the early RUN hit: {text}"
    );
    assert!(!text.lines().any(|l| l == "early-ran"), "{text}");
    assert!(text.lines().any(|l| l == "v=2"), "{text}");
}

/// Each `STEP n/m: TEXT` of a build's output, with whether it was a cache hit.
fn step_hits(text: &str) -> Vec<(String, bool)> {
    let mut out: Vec<(String, bool)> = Vec::new();
    for line in text.lines() {
        if let Some((_, step)) = line.split_once("STEP ").filter(|_| line.contains("STEP ")) {
            let text = step.split_once(": ").map_or(step, |(_, t)| t);
            out.push((text.to_string(), false));
        } else if line.starts_with("--> Using cache") {
            if let Some(last) = out.last_mut() {
                last.1 = true;
            }
        }
    }
    out
}

#[test]
fn a_changed_build_arg_misses_the_runs_after_it_but_not_the_copies() {
    let env = isolated_with_busybox();
    let df = "FROM busybox\nCOPY f /f\nARG V\nARG U=0\nARG W=1\nENV W=fixed\n\
        COPY g /g\nCOPY --chown=$U g /owned\nRUN echo \"v=$V w=$W\"\n";
    let ctx = context(
        &env,
        "argcopy",
        &[("Dockerfile", df), ("f", "f\n"), ("g", "g\n")],
    );
    let c = ctx.to_str().unwrap();
    let run = |args: &[&str]| -> Vec<(String, bool)> {
        let mut all = args.to_vec();
        all.extend(["-t", "argcopy", c]);
        let out = build(&env, &all);
        step_hits(out.ok())
    };
    let hit = |steps: &[(String, bool)], text: &str| -> bool {
        steps
            .iter()
            .find(|(t, _)| t == text)
            .unwrap_or_else(|| panic!("no step {text:?}: {steps:?}"))
            .1
    };
    let owner = || {
        let cmd = [
            "run",
            "--rm",
            "--network",
            "none",
            "argcopy",
            "stat",
            "-c",
            "%u",
            "/owned",
        ];
        env.skiff(cmd).ok().trim().to_string()
    };
    let first = run(&["--build-arg", "V=1"]);
    assert!(!hit(&first, "COPY g /g"), "{first:?}");
    // W is hidden by the ENV of the same name (Docker's rule): changing it changes nothing.
    let same = run(&["--build-arg", "V=1", "--build-arg", "W=5"]);
    assert!(
        same.iter()
            .skip(1)
            .all(|(t, h)| *h || t.starts_with("ARG ") || t.starts_with("ENV ")),
        "{same:?}"
    );
    assert!(hit(&same, "RUN echo \"v=$V w=$W\""), "{same:?}");
    // V: declared, so in every later RUN's environment; the COPYs do not use it and hit.
    let out = build(&env, &["--build-arg", "V=2", "-t", "argcopy", c]);
    let v2 = step_hits(out.ok());
    assert!(
        out.stdout.lines().any(|l| l == "v=2 w=fixed"),
        "{}",
        out.dump()
    );
    assert!(hit(&v2, "COPY f /f") && hit(&v2, "COPY g /g"), "{v2:?}");
    assert!(hit(&v2, "COPY --chown=$U g /owned"), "{v2:?}");
    assert!(!hit(&v2, "RUN echo \"v=$V w=$W\""), "{v2:?}");
    assert_eq!(owner(), "0");
    // U: used by --chown (expanded there), so that COPY misses, and the RUN after it.
    let u7 = run(&["--build-arg", "V=2", "--build-arg", "U=7"]);
    assert!(hit(&u7, "COPY g /g"), "{u7:?}");
    assert!(!hit(&u7, "COPY --chown=$U g /owned"), "{u7:?}");
    assert!(!hit(&u7, "RUN echo \"v=$V w=$W\""), "{u7:?}");
    assert_eq!(owner(), "7");
}

#[test]
fn a_killed_builds_cut_short_removals_are_collected_by_the_next_build() {
    let env = isolated_with_busybox();
    env.skiff(["images"]).ok();
    // What a build killed while removing a step container leaves: the container's trash (with
    // its files) and a temp of an atomic write, both named after an owner that has died.
    let mut gone = std::process::Command::new("true").spawn().unwrap();
    let pid = gone.id();
    gone.wait().unwrap();
    let trash = env
        .store()
        .join(format!("containers/.trash-{pid}-1-0a1b2c3d4e5f"));
    std::fs::create_dir_all(trash.join("upper/usr")).unwrap();
    std::fs::write(trash.join("upper/usr/big"), vec![7u8; 1 << 20]).unwrap();
    let temp = env.store().join(format!(".tmp-{pid}-1-0a1b2c3d4e5f"));
    std::fs::write(&temp, "{}").unwrap();
    // A live owner's (this test's) are left alone.
    let me = std::process::id();
    let start = std::fs::read_to_string(format!("/proc/{me}/stat")).unwrap();
    let start = start
        .rsplit_once(") ")
        .unwrap()
        .1
        .split(' ')
        .nth(19)
        .unwrap()
        .to_string();
    let live = env
        .store()
        .join(format!("containers/.trash-{me}-{start}-0a1b2c3d4e5f"));
    std::fs::create_dir_all(&live).unwrap();
    let out = env.skiff(["system", "check"]);
    assert_eq!(out.stdout.lines().count(), 2, "{}", out.dump());
    a_good_build_works(&env);
    assert!(
        !trash.exists() && !temp.exists(),
        "the dead owner's leftovers stay"
    );
    assert!(live.exists(), "a live owner's trash was taken");
    std::fs::remove_dir(&live).unwrap();
    assert_eq!(env.skiff(["system", "check"]).ok(), "");
}
