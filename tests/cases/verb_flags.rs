//! What docker and podman scripts do with the container and image verbs (issue 11): podman's
//! cleanup flags (`rm -t 0 --all --force --ignore`, `rmi -a -f`), `--all`/`--latest` on the
//! lifecycle verbs, `untag`, `image exists` and `container exists`, real-time signals for `kill`,
//! and an `exec -d` that lets go of the caller at once.
use crate::lifecycle::{run_d, until_logs};
use crate::support::image::busybox_plus;
use crate::support::wait::{quick, status, until, until_status, Cleanup, SETTLE};
use crate::support::{is_hex, parse_table, Env};
use crate::{isolated_with_busybox, shared, unique_name};
use std::io::Read;
use std::process::Stdio;
use std::time::Duration;

#[test]
fn kill_sends_real_time_signals_by_name_and_number() {
    let env = shared();
    let name = unique_name("rt");
    let _c = Cleanup::names(env, &[&name]);
    let script = "for n in 34 37 40 63 64; do trap \"echo got-$n\" $n; done; echo ready; \
                  while :; do sleep 0.1; done";
    run_d(env, &name, &["busybox", "sh", "-c", script]);
    until_logs(env, &name, |s| s == "ready\n");
    for (sig, n) in [
        ("RTMIN", 34),
        ("SIGRTMIN+3", 37),
        ("40", 40),
        ("RTMAX-1", 63),
        ("RTMAX", 64),
    ] {
        let out = env.skiff(["kill", "-s", sig, &name]);
        assert_eq!(out.ok(), format!("{name}\n"), "{}", out.dump());
        until_logs(env, &name, |s| s.contains(&format!("got-{n}\n")));
    }
    for bad in ["RTMAX+1", "RTMIN-1", "65", "0"] {
        env.skiff(["kill", "-s", bad, &name])
            .engine_error(&[bad, "RTMIN+N"]);
    }
    assert!(status(env, &name).starts_with("Up "), "still running");
}

/// `out=$(skiff exec -d C sleep 300)` returns at once: the command holds none of the caller's
/// descriptors, so the caller's pipe ends when skiff exits while the command still runs.
#[test]
fn exec_d_lets_go_of_the_callers_output_at_once() {
    let env = shared();
    let name = unique_name("execd");
    let _c = Cleanup::names(env, &[&name]);
    run_d(env, &name, &["busybox", "sleep", "300"]);
    let mut cmd = env.command(crate::support::skiff_bin());
    cmd.args(["exec", "-d", &name, "sleep", "301"])
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    let mut child = cmd.spawn().expect("start skiff exec -d");
    let (mut out, mut err) = (child.stdout.take().unwrap(), child.stderr.take().unwrap());
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let (mut o, mut e) = (String::new(), String::new());
        let _ = out.read_to_string(&mut o);
        let _ = err.read_to_string(&mut e);
        let _ = tx.send((o, e));
    });
    let st = crate::support::wait_timeout(&mut child, Duration::from_secs(20));
    assert!(st.is_some_and(|s| s.success()), "exec -d exits 0");
    let got = rx.recv_timeout(Duration::from_secs(20));
    // The command must still be running, so that the end of the pipe above was not its exit.
    until("the detached sleep to show in ps", SETTLE, || {
        let ps = quick(env, ["exec", &name, "ps", "-o", "args"]);
        match ps.stdout.contains("sleep 301") {
            true => Ok(()),
            false => Err(ps.dump()),
        }
    });
    let (o, e) = got.expect("the caller's stdout and stderr end when exec -d exits");
    assert_eq!((o.as_str(), e.as_str()), ("", ""));
}

/// The ids `ps -a -q --no-trunc` lists, sorted.
fn all_ids(env: &Env) -> Vec<String> {
    let mut v: Vec<String> = env
        .skiff(["ps", "-a", "-q", "--no-trunc"])
        .ok()
        .split_whitespace()
        .map(String::from)
        .collect();
    v.sort();
    v
}

/// The sorted lines of a command's stdout.
fn sorted_lines(out: &crate::support::Out) -> Vec<String> {
    let mut v: Vec<String> = out.ok().lines().map(String::from).collect();
    v.sort();
    v
}

/// The first line of many podman-based test helpers, on an empty store and on a full one
/// (running, created and exited containers): everything goes, and nothing is an error.
#[test]
fn rm_time_all_force_ignore_cleans_an_empty_and_a_full_store() {
    let env = isolated_with_busybox();
    let _c = Cleanup::all(&env);
    let cleanup = ["rm", "-t", "0", "--all", "--force", "--ignore"];
    let out = env.skiff(cleanup);
    assert_eq!(out.ok(), "", "{}", out.dump());
    run_d(&env, "up", &["busybox", "sleep", "300"]);
    env.skiff(["create", "--name", "made", "busybox", "true"])
        .ok();
    env.skiff(["run", "--name", "ran", "busybox", "true"]).ok();
    let before = all_ids(&env);
    assert_eq!(before.len(), 3);
    let out = env.skiff(cleanup);
    assert_eq!(
        sorted_lines(&out),
        before,
        "rm --all prints each id\n{}",
        out.dump()
    );
    assert!(
        all_ids(&env).is_empty(),
        "{}",
        env.skiff(["ps", "-a"]).dump()
    );
    env.skiff(cleanup).ok();
}

#[test]
fn rm_ignore_forgives_only_missing_containers_and_depend_removes_dependents_first() {
    let env = shared();
    let nosuch = unique_name("nosuch");
    let out = env.skiff(["rm", "--ignore", &nosuch]);
    assert_eq!((out.ok(), out.stderr.as_str()), ("", ""));
    let out = env.skiff(["rm", &nosuch]);
    out.code_is(1);
    assert!(out.stderr.contains("no such container"), "{}", out.dump());
    // -i does not forgive a running container without -f.
    let up = unique_name("up");
    let _c = Cleanup::names(env, &[&up]);
    run_d(env, &up, &["busybox", "sleep", "300"]);
    env.skiff(["rm", "-i", &up]).code_is(1);
    // --depend: the container that joined up's network goes first.
    let joined = unique_name("joined");
    let _d = Cleanup::names(env, &[&joined]);
    let net = format!("container:{up}");
    run_d(
        env,
        &joined,
        &["--network", &net, "busybox", "sleep", "300"],
    );
    let joined_id = env.container_id(&joined);
    let out = env.skiff(["rm", "-f", "-t", "0", "--depend", &up]);
    assert_eq!(out.ok(), format!("{joined_id}\n{up}\n"), "{}", out.dump());
    assert!(status(env, &joined).is_empty() && status(env, &up).is_empty());
    // Names together with --all are refused before anything is removed.
    env.skiff(["rm", "--all", &nosuch]).engine_error(&["--all"]);
}

/// podman's `--all`, `--latest` and `--filter` (start) on start, stop, kill and restart, and
/// `stop --ignore`.
#[test]
fn lifecycle_verbs_take_all_latest_and_filter() {
    let env = isolated_with_busybox();
    let _c = Cleanup::all(&env);
    for n in ["fa", "fb"] {
        env.skiff(["create", "--name", n, "busybox", "sleep", "300"])
            .ok();
    }
    let (a, b) = (env.container_id("fa"), env.container_id("fb"));
    let up = |s: &str| s.starts_with("Up ");
    let exited = |s: &str| s.starts_with("Exited ");
    let out = env.skiff(["start", "--filter", "name=fa"]);
    assert_eq!(out.ok(), format!("{a}\n"), "{}", out.dump());
    assert_eq!(status(&env, "fb"), "Created");
    let out = env.skiff(["start", "--all"]);
    assert_eq!(sorted_lines(&out), all_ids(&env), "{}", out.dump());
    until_status(&env, "fb", "up", SETTLE, up);
    // --latest is the newest container: fb.
    let out = env.skiff(["stop", "-l", "-t", "0"]);
    assert_eq!(out.ok(), format!("{b}\n"), "{}", out.dump());
    assert!(up(&status(&env, "fa")));
    // --all on stop and kill acts on the running ones only.
    let out = env.skiff(["kill", "--all"]);
    assert_eq!(out.ok(), format!("{a}\n"), "{}", out.dump());
    until_status(&env, "fa", "killed", SETTLE, exited);
    let out = env.skiff(["restart", "-a", "-t", "0"]);
    assert_eq!(
        out.ok(),
        format!("{a}\n{b}\n"),
        "oldest first\n{}",
        out.dump()
    );
    until_status(&env, "fa", "up", SETTLE, up);
    until_status(&env, "fb", "up", SETTLE, up);
    let out = env.skiff(["kill", "-l", "-s", "TERM"]);
    assert_eq!(out.ok(), format!("{b}\n"), "{}", out.dump());
    let out = env.skiff(["stop", "--all", "-t", "0"]);
    out.ok();
    until_status(&env, "fa", "stopped", SETTLE, exited);
    until_status(&env, "fb", "stopped", SETTLE, exited);
    let out = env.skiff(["stop", "--ignore", "nosuch"]);
    assert_eq!((out.ok(), out.stderr.as_str()), ("", ""));
    env.skiff(["stop", "nosuch"])
        .engine_error(&["no such container: nosuch"]);
    env.skiff(["stop", "--all", "fa"]).engine_error(&["--all"]);
}

/// `rmi -a` (with -f), `rmi -i`, `rmi --no-prune`.
#[test]
fn rmi_all_force_and_ignore() {
    let env = isolated_with_busybox();
    let other = busybox_plus("other:v1", |t| {
        t.file("other", 0o644, b"other\n");
    });
    let file = env.root.join("other.tar");
    other.write_oci(&file);
    env.load(&file);
    env.skiff(["tag", "busybox", "twice:v2"]).ok();
    let out = env.skiff(["rmi", "--ignore", "nosuch"]);
    assert_eq!((out.ok(), out.stderr.as_str()), ("", ""));
    env.skiff(["rmi", "nosuch"]).code_is(1);
    // Not an image name is still an error with -i.
    env.skiff(["rmi", "-i", "Bad:x"]).code_is(1);
    let out = env.skiff(["rmi", "-a", "-f"]);
    let text = out.ok();
    assert_eq!(
        text.matches("Deleted: sha256:").count(),
        2,
        "{}",
        out.dump()
    );
    assert_eq!(text.matches("Untagged: ").count(), 3, "{}", out.dump());
    assert_eq!(env.skiff(["images", "-q"]).ok(), "");
    let out = env.skiff(["rmi", "-a", "-f"]);
    assert_eq!(out.ok(), "", "an empty store is no error\n{}", out.dump());
    env.load(&file);
    let out = env.skiff(["rmi", "--no-prune", "other:v1"]);
    assert!(out.ok().contains("Deleted: "), "{}", out.dump());
}

/// podman's `untag` (and `image untag`) and `image exists`.
#[test]
fn untag_removes_names_and_image_exists_answers_with_its_exit_code() {
    let env = isolated_with_busybox();
    env.skiff(["tag", "busybox", "one:v1"]).ok();
    env.skiff(["tag", "busybox", "two"]).ok();
    env.skiff(["image", "exists", "one:v1"]).code_is(0);
    let out = env.skiff(["untag", "busybox", "one:v1"]);
    assert_eq!((out.ok(), out.stderr.as_str()), ("", ""));
    let out = env.skiff(["image", "exists", "one:v1"]);
    out.code_is(1);
    assert_eq!((out.stdout.as_str(), out.stderr.as_str()), ("", ""));
    env.skiff(["image", "exists", "busybox"]).code_is(0);
    env.skiff(["image", "exists", "Bad:x"]).code_is(125);
    env.skiff(["untag", "busybox", "one:v1"])
        .engine_error(&["\"one:v1\" is not a name of image"]);
    // Without names, every name goes; the image stays, by id.
    let id = crate::support::image::busybox("busybox:latest").id();
    env.skiff(["image", "untag", "two"]).ok();
    let rows = parse_table(env.skiff(["images"]).ok());
    assert_eq!(rows.len(), 1, "{rows:?}");
    assert_eq!(rows[0]["REPOSITORY"], "<none>", "{rows:?}");
    env.skiff(["image", "exists", &id]).code_is(0);
    env.skiff(["image", "exists", "busybox"]).code_is(1);
}

#[test]
fn container_exists_answers_with_its_exit_code() {
    let env = shared();
    let name = unique_name("there");
    let _c = Cleanup::names(env, &[&name]);
    env.skiff(["create", "--name", &name, "busybox", "true"])
        .ok();
    let id = env.container_id(&name);
    for key in [name.as_str(), &id, &id[..12]] {
        let out = env.skiff(["container", "exists", key]);
        out.code_is(0);
        assert_eq!((out.stdout.as_str(), out.stderr.as_str()), ("", ""));
    }
    env.skiff(["rm", &name]).ok();
    let out = env.skiff(["container", "exists", &name]);
    out.code_is(1);
    assert_eq!((out.stdout.as_str(), out.stderr.as_str()), ("", ""));
}

/// The verbs of a podman test helper's setup and teardown, in its order, on a fresh store and
/// again on the store the test left (the rest of that script is the other verbs' tests).
#[test]
fn a_podman_test_helpers_setup_and_teardown_run_green() {
    let env = isolated_with_busybox();
    let _c = Cleanup::all(&env);
    let setup = |env: &Env| {
        env.skiff(["rm", "-t", "0", "--all", "--force", "--ignore"])
            .ok();
        env.skiff(["rmi", "-a", "-f"]).ok();
    };
    setup(&env);
    let file = env.root.join("busybox-again.tar");
    crate::support::image::busybox("busybox:latest").write_oci(&file);
    env.load(&file);
    env.skiff(["image", "exists", "busybox"]).code_is(0);
    env.skiff(["tag", "busybox", "helper/img:t"]).ok();
    env.skiff(["untag", "busybox", "helper/img:t"]).ok();
    env.skiff(["image", "exists", "helper/img:t"]).code_is(1);
    for n in ["h1", "h2"] {
        env.skiff(["create", "--name", n, "busybox", "sleep", "300"])
            .ok();
        env.skiff(["container", "exists", n]).code_is(0);
    }
    let out = env.skiff(["start", "--all"]);
    assert_eq!(out.ok().lines().count(), 2, "{}", out.dump());
    assert!(out.ok().lines().all(|l| is_hex(l, 64)), "{}", out.dump());
    setup(&env);
    env.skiff(["container", "exists", "h1"]).code_is(1);
    env.skiff(["image", "exists", "busybox"]).code_is(1);
    assert!(all_ids(&env).is_empty());
}

/// The bash completion (the checked-in script, which the docs test keeps current) completes
/// container and image names where a verb takes them, and only there.
#[test]
fn bash_completion_completes_container_and_image_names() {
    let env = isolated_with_busybox();
    env.skiff(["create", "--name", "comp-one", "busybox", "true"])
        .ok();
    let script = crate::support::repo_dir().join("completions/skiff.bash");
    let probe = format!(
        r#"source '{}'
at() {{
    COMP_WORDS=("$@"); COMP_CWORD=$((${{#COMP_WORDS[@]}} - 1)); COMPREPLY=()
    _skiff_complete "${{COMP_WORDS[0]}}" "${{COMP_WORDS[COMP_CWORD]}}" "${{COMP_WORDS[COMP_CWORD-1]}}"
    echo "$* => ${{COMPREPLY[*]}}"
}}
S='{}'
at "$S" rm ''
at "$S" rm co
at "$S" container stop -t ''
at "$S" rmi ''
at "$S" run --name x ''
at "$S" run localhost/busybox:latest ''
at "$S" exec comp-one ''
"#,
        script.display(),
        crate::support::skiff_bin().display()
    );
    let mut cmd = env.command("bash");
    cmd.args(["-c", &probe]);
    let out = crate::support::run_cmd(cmd, None, Duration::from_secs(30));
    let got: Vec<String> = out
        .ok()
        .lines()
        .map(|l| l.split_once(" => ").map_or("?", |(_, r)| r).to_string())
        .collect();
    let bb = "localhost/busybox:latest";
    assert_eq!(got[0], "comp-one", "rm: names only\n{}", out.dump());
    assert_eq!(got[1], "comp-one", "{}", out.dump());
    assert!(
        !got[2].contains("comp-one"),
        "a flag's value\n{}",
        out.dump()
    );
    assert_eq!(got[3], bb, "rmi\n{}", out.dump());
    assert_eq!(
        got[4],
        bb,
        "run's image after a flag's value\n{}",
        out.dump()
    );
    assert!(
        !got[5].contains(bb),
        "the command after the image\n{}",
        out.dump()
    );
    assert!(!got[6].contains("comp-one"), "{}", out.dump());
}

/// fish (`complete -C` asks its completion machinery directly) completes names from the
/// checked-in script as well.
#[test]
fn fish_completion_completes_container_and_image_names() {
    if !crate::support::have_tool("fish") {
        return;
    }
    let env = isolated_with_busybox();
    env.skiff(["create", "--name", "comp-two", "busybox", "true"])
        .ok();
    let script = crate::support::repo_dir().join("completions/skiff.fish");
    let bin = crate::support::skiff_bin();
    // The script runs the skiff typed when given by path: complete after that path.
    let probe = format!(
        "complete -c '{bin}' -w skiff; source '{}'\n\
         echo '== rm'; complete -C \"'{bin}' rm \"\n\
         echo '== container stop'; complete -C \"'{bin}' container stop \"\n\
         echo '== rmi'; complete -C \"'{bin}' rmi \"\n",
        script.display(),
        bin = bin.display()
    );
    let mut cmd = env.command("fish");
    cmd.args(["--no-config", "-c", &probe]);
    let out = crate::support::run_cmd(cmd, None, Duration::from_secs(30));
    let text = out.ok();
    let section = |name: &str| {
        let start = text.find(&format!("== {name}\n")).expect("section") + name.len() + 4;
        let rest = &text[start..];
        rest[..rest.find("== ").unwrap_or(rest.len())].to_string()
    };
    assert_eq!(section("rm").trim(), "comp-two", "{}", out.dump());
    assert_eq!(
        section("container stop").trim(),
        "comp-two",
        "{}",
        out.dump()
    );
    assert_eq!(
        section("rmi").trim(),
        "localhost/busybox:latest",
        "{}",
        out.dump()
    );
}

/// zsh: the argument specs of the verbs that take names call skiff's functions, which list the
/// names (zsh's `_wanted` is stood in for: completing for real needs a terminal).
#[test]
fn zsh_completion_lists_container_and_image_names() {
    if !crate::support::have_tool("zsh") {
        return;
    }
    let env = isolated_with_busybox();
    env.skiff(["create", "--name", "comp-three", "busybox", "true"])
        .ok();
    let script = crate::support::repo_dir().join("completions/_skiff");
    let text = std::fs::read_to_string(&script).unwrap();
    for spec in [
        "'*::containers -- Containers to remove:_skiff_containers' \\",
        "'*::images -- The images to remove (names or ids):_skiff_images' \\",
        "'*::image_and_command -- The image, then the command and its arguments:_skiff_first_images' \\",
    ] {
        assert!(text.contains(spec), "{spec} is not in {}", script.display());
    }
    let dir = env.root.join("bin");
    std::fs::create_dir_all(&dir).unwrap();
    std::os::unix::fs::symlink(crate::support::skiff_bin(), dir.join("skiff")).unwrap();
    let probe = format!(
        "compdef() {{ }}; _wanted() {{ print -l -- ${{(P)${{@[-1]}}}} }}\n\
         source '{}'\n_skiff_containers; _skiff_images\n",
        script.display()
    );
    let mut cmd = env.command("zsh");
    let path = format!(
        "{}:{}",
        dir.display(),
        std::env::var("PATH").unwrap_or_default()
    );
    cmd.args(["-f", "-c", &probe]).env("PATH", path);
    let out = crate::support::run_cmd(cmd, None, Duration::from_secs(30));
    assert_eq!(
        out.ok(),
        "comp-three\nlocalhost/busybox:latest\n",
        "{}",
        out.dump()
    );
}

/// README's install step: after `cargo install` (here: a skiff in a fresh ~/.cargo/bin),
/// `ci/install-docs.sh` puts the man pages where `man skiff-run` finds them with no MANPATH,
/// and the completions where bash-completion and fish load them on demand.
#[test]
fn install_docs_puts_man_pages_where_man_finds_them() {
    if !crate::support::have_tool("man") || !crate::support::have_tool("fish") {
        return;
    }
    let env = isolated_with_busybox();
    env.skiff(["create", "--name", "installed", "busybox", "true"])
        .ok();
    let bin = env.home.join(".cargo/bin");
    std::fs::create_dir_all(&bin).unwrap();
    std::os::unix::fs::symlink(crate::support::skiff_bin(), bin.join("skiff")).unwrap();
    let path = format!("{}:/usr/local/bin:/usr/bin:/bin", bin.display());
    let run = |program: &str, args: &[&str]| {
        let mut cmd = env.command(program);
        cmd.args(args).env("PATH", &path);
        crate::support::run_cmd(cmd, None, Duration::from_secs(60))
    };
    let script = crate::support::repo_dir().join("ci/install-docs.sh");
    let out = run("sh", &[script.to_str().unwrap()]);
    out.ok();
    let out = run("man", &["-w", "skiff-run"]);
    let page = env.home.join(".cargo/share/man/man1/skiff-run.1");
    assert_eq!(out.ok().trim(), page.to_str().unwrap(), "{}", out.dump());
    assert!(env
        .data_home
        .join("bash-completion/completions/skiff")
        .is_file());
    // fish finds the script by itself (no source): completing `skiff rm ` lists the container.
    let out = run("fish", &["-c", "complete -C 'skiff rm '"]);
    assert_eq!(out.ok().trim(), "installed", "{}", out.dump());
}
