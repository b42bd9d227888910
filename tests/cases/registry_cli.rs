//! The registry verbs as scripts see them (issue 11): `login` on a terminal and its failure
//! text, and where a name without a registry is pushed. The transfers themselves are in
//! `registry.rs`.
use crate::registry::remote_digest;
use crate::support::registry::{self, pushed_digest, Kind, Registry, PASS, USER};
use crate::support::{parse_table, wait_timeout, Env};
use std::time::{Duration, Instant};

/// A failed login says which registry refused what, in one readable line (it read `cannot log
/// in to on HOST: ...` before).
#[test]
fn a_failed_login_names_the_registry_and_the_refusal() {
    if !registry::available() {
        return;
    }
    let env = Env::isolated();
    let reg = Registry::start(Kind::Basic);
    let host = reg.host();
    let out = env
        .sk(["login", "-u", USER, "--password-stdin", &host])
        .stdin("wrong-password\n")
        .run();
    out.engine_error(&[
        &format!("cannot log in to {host}: "),
        "refused the username or password",
        &format!("skiff login {host}"),
    ]);
    assert!(!out.stderr.contains(" to on "), "{}", out.dump());
    // Without a terminal, a missing username is an error naming the flags, not a prompt.
    env.skiff(["login", &host]).engine_error(&[
        "without a terminal",
        "-u USERNAME",
        "--password-stdin",
    ]);
}

/// Reads `child`'s stdout in the background; `expect` waits (bounded) for a text to appear.
struct Expect {
    seen: std::sync::Arc<std::sync::Mutex<String>>,
}

impl Expect {
    fn new(mut out: impl std::io::Read + Send + 'static) -> Expect {
        let seen = std::sync::Arc::new(std::sync::Mutex::new(String::new()));
        let s = seen.clone();
        std::thread::spawn(move || {
            let mut buf = [0u8; 1024];
            while let Ok(n) = out.read(&mut buf) {
                if n == 0 {
                    break;
                }
                s.lock()
                    .unwrap()
                    .push_str(&String::from_utf8_lossy(&buf[..n]));
            }
        });
        Expect { seen }
    }

    #[track_caller]
    fn expect(&self, text: &str) {
        let deadline = Instant::now() + Duration::from_secs(30);
        while !self.seen.lock().unwrap().contains(text) {
            assert!(
                Instant::now() < deadline,
                "{text:?} never showed; the terminal showed:\n{}",
                self.text()
            );
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    fn text(&self) -> String {
        self.seen.lock().unwrap().replace('\r', "")
    }
}

/// As docker and podman: on a terminal, `login` asks for the username and then the password,
/// which is not echoed.
#[test]
fn login_on_a_terminal_prompts_for_the_username_and_an_unechoed_password() {
    if !registry::available() || !crate::support::have_tool("script") {
        return;
    }
    let env = Env::isolated();
    let reg = Registry::start(Kind::Basic);
    let host = reg.host();
    let inner = format!("{} login {host}", crate::support::skiff_bin().display());
    let mut cmd = env.command("script");
    cmd.args(["-qec", &inner, "/dev/null"])
        .env("SHELL", "/bin/sh")
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped());
    let mut child = cmd.spawn().expect("start script");
    let mut stdin = child.stdin.take().unwrap();
    let term = Expect::new(child.stdout.take().unwrap());
    use std::io::Write;
    term.expect("Username: ");
    stdin.write_all(format!("{USER}\n").as_bytes()).unwrap();
    term.expect("Password: ");
    stdin.write_all(format!("{PASS}\n").as_bytes()).unwrap();
    term.expect("Login Succeeded!");
    let status = wait_timeout(&mut child, Duration::from_secs(30));
    drop(stdin);
    let text = term.text();
    assert!(status.is_some_and(|s| s.success()), "{text}");
    assert!(text.contains(&format!("Username: {USER}\n")), "{text}");
    assert!(!text.contains(PASS), "the password was echoed:\n{text}");
    let authfile = env.runtime_dir.join("containers/auth.json");
    let v: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&authfile).unwrap()).unwrap();
    assert!(v["auths"][&host]["auth"].is_string(), "{v}");
}

/// The seed workflow `tag app user/app && push user/app`: a name with a namespace and no
/// domain is Docker Hub's, as in Docker (here Docker Hub is remapped to the test registry by
/// registries.conf); a bare name stays local (`localhost/app`), podman's safe default.
#[test]
fn tag_with_a_namespace_and_push_go_to_docker_hub() {
    if !registry::available() {
        return;
    }
    let env = crate::isolated_with_busybox();
    let reg = Registry::start(Kind::Plain);
    let conf = env.config_home.join("containers");
    std::fs::create_dir_all(&conf).unwrap();
    std::fs::write(
        conf.join("registries.conf"),
        format!(
            "[[registry]]\nprefix = \"docker.io\"\nlocation = \"{}\"\n",
            reg.host()
        ),
    )
    .unwrap();
    env.skiff(["tag", "busybox", "app"]).ok();
    env.skiff(["tag", "app", "user/app"]).ok();
    let rows = parse_table(env.skiff(["images"]).ok());
    let repos: Vec<&str> = rows.iter().map(|r| r["REPOSITORY"].as_str()).collect();
    assert!(repos.contains(&"localhost/app"), "{repos:?}");
    assert!(repos.contains(&"docker.io/user/app"), "{repos:?}");
    let out = env.skiff(["push", "user/app"]);
    let digest = pushed_digest(&reg, &out, "user/app:latest");
    assert_eq!(remote_digest(&reg, "user/app:latest"), digest);
    let out = env.skiff(["push", "-q", "user/app"]);
    assert_eq!(out.ok(), "docker.io/user/app:latest\n", "{}", out.dump());
}
