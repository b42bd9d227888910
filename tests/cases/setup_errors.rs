//! A container whose setup fails (a bad working directory, an unmapped user): the reason reaches
//! the user as one line with Docker's exit code, and `--rm` leaves nothing behind. The default
//! network matters: with a helper to attach, the CLI hands the child a go after it may already
//! have failed, which once killed the CLI with SIGPIPE (exit 141, no message, container left).
use crate::support::image::{busybox_layer, Image};
use crate::{shared, unique_name};
use serde_json::json;

fn assert_one_line_error(out: &crate::support::Out, code: i32, reason: &str) {
    assert_eq!(out.code, code, "{}", out.dump());
    let lines: Vec<&str> = out.stderr.lines().collect();
    assert_eq!(lines.len(), 1, "one line\n{}", out.dump());
    assert!(lines[0].starts_with("error: "), "{}", out.dump());
    assert!(
        lines[0].contains(reason),
        "names {reason:?}\n{}",
        out.dump()
    );
}

fn assert_gone(name: &str) {
    let env = shared();
    let ps = env.skiff(["ps", "-a", "-q", "--filter", &format!("name=^{name}$")]);
    assert_eq!(ps.ok(), "", "--rm left the container {name}");
}

const CASES: [(&str, &str, &str); 3] = [
    ("-w", "/etc/passwd", "\"/etc/passwd\": not a directory"),
    ("-w", "/proc/self/cwd", "/proc/self/cwd"),
    (
        "--user",
        "99999:99999",
        "not mapped in skiff's user namespace",
    ),
];

#[test]
fn a_failing_setup_is_one_line_and_125_and_rm_removes_the_container() {
    let env = shared();
    for network in ["none", "default"] {
        for (flag, value, reason) in CASES {
            let name = unique_name("setup-fail");
            let mut args = vec!["run", "--rm", "--name", &name, flag, value];
            if network == "none" {
                args.extend(["--network", "none"]);
            }
            args.extend(["busybox", "true"]);
            let out = env.skiff(&args);
            assert_one_line_error(&out, 125, reason);
            assert_gone(&name);
        }
    }
}

#[test]
fn create_then_start_attach_reports_the_setup_error() {
    let env = shared();
    let name = unique_name("setup-start");
    env.skiff([
        "create",
        "--name",
        &name,
        "-w",
        "/etc/passwd",
        "busybox",
        "true",
    ])
    .ok();
    let out = env.skiff(["start", "-a", &name]);
    assert_one_line_error(&out, 125, "not a directory");
    env.skiff(["rm", "-f", &name]).ok();
}

#[test]
fn a_hostile_working_dir_in_the_image_is_reported_and_cleaned_up() {
    let env = crate::isolated_with_busybox();
    let img = Image::with_config(
        "hostile-wd:latest",
        vec![busybox_layer()],
        json!({"Cmd": ["true"], "WorkingDir": "/etc/passwd"}),
    );
    let tar = env.root.join("hostile-wd.tar");
    img.write_oci(&tar);
    env.load(&tar).ok();
    let out = env.skiff(["run", "--rm", "hostile-wd"]);
    assert_one_line_error(&out, 125, "not a directory");
    assert_eq!(
        env.skiff(["ps", "-a", "-q"]).ok(),
        "",
        "--rm left a container"
    );
    let out = env.skiff(["run", "--rm", "-d", "hostile-wd"]);
    assert_one_line_error(&out, 125, "not a directory");
    assert_eq!(
        env.skiff(["ps", "-a", "-q"]).ok(),
        "",
        "--rm -d left a container"
    );
}
