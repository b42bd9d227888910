//! `skiff compose config`: Compose files loaded, interpolated, merged and normalised, as
//! `docker compose config` prints them, and the errors a bad project gets before anything
//! runs. Needs no store: config never creates anything.
use crate::support::{repo_dir, run_cmd, skiff_bin, Env, Out};
use serde_json::Value;
use std::path::{Path, PathBuf};
use std::time::Duration;

/// A project directory under the environment with `files` written in it.
fn project(env: &Env, name: &str, files: &[(&str, &str)]) -> PathBuf {
    let dir = env.root.join(name);
    std::fs::create_dir_all(&dir).unwrap();
    for (f, text) in files {
        let p = dir.join(f);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(p, text).unwrap();
    }
    dir
}

/// `skiff compose ARGS` run in `dir` with extra environment variables.
fn compose_in(env: &Env, dir: &Path, vars: &[(&str, &str)], args: &[&str]) -> Out {
    let mut cmd = env.command(skiff_bin());
    cmd.current_dir(dir).arg("compose").args(args);
    for (k, v) in vars {
        cmd.env(k, v);
    }
    run_cmd(cmd, None, Duration::from_secs(30))
}

fn compose(env: &Env, dir: &Path, args: &[&str]) -> Out {
    compose_in(env, dir, &[], args)
}

/// The project as `config --format json` prints it.
fn json(env: &Env, dir: &Path, args: &[&str]) -> Value {
    let mut a = args.to_vec();
    a.extend(["config", "--format", "json"]);
    let out = compose(env, dir, &a);
    serde_json::from_str(out.ok()).unwrap_or_else(|e| panic!("{e}: {}", out.stdout))
}

fn data(name: &str) -> String {
    let p = repo_dir().join("tests/data/compose").join(name);
    std::fs::read_to_string(&p).unwrap_or_else(|e| panic!("{}: {e}", p.display()))
}

/// `config` of the file, then `config` of that output: the same text, and no warnings.
fn round_trip(env: &Env, dir: &Path, file: &str) -> String {
    let first = compose(env, dir, &["-f", file, "config"]);
    let text = first.ok().to_string();
    assert!(first.stderr.is_empty(), "{}", first.stderr);
    assert!(text.starts_with("name: "), "name comes first:\n{text}");
    std::fs::write(dir.join("again.yaml"), &text).unwrap();
    let again = compose(env, dir, &["-f", "again.yaml", "config"]);
    assert_eq!(
        again.ok(),
        text,
        "config's output loads back into the same model"
    );
    text
}

#[test]
fn a_web_app_with_a_database_and_a_cache_round_trips() {
    let env = Env::isolated();
    let dir = project(&env, "shop", &[("compose.yaml", &data("webapp.yaml"))]);
    round_trip(&env, &dir, "compose.yaml");
    let p = json(&env, &dir, &[]);
    assert_eq!(p["name"], "shop");
    let web = &p["services"]["web"];
    assert_eq!(web["image"], "shop/web:1.4");
    let cmd: Vec<&str> = web["command"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c.as_str().unwrap())
        .collect();
    assert_eq!(
        cmd,
        [
            "gunicorn",
            "shop.wsgi",
            "--bind",
            "0.0.0.0:8000",
            "--workers",
            "2"
        ]
    );
    assert_eq!(
        web["ports"][0],
        serde_json::json!({"target": 8000, "published": "8000", "protocol": "tcp", "mode": "ingress"})
    );
    assert_eq!(
        web["environment"]["DATABASE_URL"],
        "postgres://shop:secret@db:5432/shop"
    );
    assert_eq!(web["volumes"][0]["type"], "bind");
    assert_eq!(
        web["volumes"][0]["source"],
        dir.join("static").to_str().unwrap()
    );
    assert_eq!(web["volumes"][0]["read_only"], true);
    assert_eq!(web["volumes"][1]["source"], "media");
    assert_eq!(web["depends_on"]["db"]["condition"], "service_healthy");
    assert_eq!(web["labels"]["traefik.enable"], "true");
    assert_eq!(
        p["services"]["db"]["environment"]["POSTGRES_PASSWORD"],
        Value::Null
    );
    assert_eq!(
        p["services"]["db"]["healthcheck"]["test"],
        serde_json::json!(["CMD-SHELL", "pg_isready -U shop"])
    );
    assert_eq!(p["services"]["db"]["shm_size"], 128 << 20);
    assert_eq!(
        p["services"]["cache"]["ulimits"]["nofile"],
        serde_json::json!({"soft": 20000, "hard": 40000})
    );
    assert_eq!(p["networks"]["default"]["name"], "shop_default");
    assert_eq!(p["volumes"]["pgdata"]["name"], "shop_pgdata");
    let services = compose(&env, &dir, &["config", "--services"]);
    assert_eq!(services.ok(), "cache\ndb\nweb\n");
    let volumes = compose(&env, &dir, &["config", "--volumes"]);
    assert_eq!(volumes.ok(), "cachedata\nmedia\npgdata\n");
    let with_env = compose_in(
        &env,
        &dir,
        &[("POSTGRES_PASSWORD", "pw"), ("WEB_TAG", "2.0")],
        &["config", "--format", "json"],
    );
    let p: Value = serde_json::from_str(with_env.ok()).unwrap();
    assert_eq!(
        p["services"]["db"]["environment"]["POSTGRES_PASSWORD"],
        "pw"
    );
    assert_eq!(p["services"]["web"]["image"], "shop/web:2.0");
}

#[test]
fn a_reverse_proxy_in_front_of_two_services_round_trips() {
    let env = Env::isolated();
    let dir = project(&env, "edge", &[("compose.yml", &data("proxy.yaml"))]);
    round_trip(&env, &dir, "compose.yml");
    let p = json(&env, &dir, &[]);
    let proxy = &p["services"]["proxy"];
    assert_eq!(proxy["ports"][0]["published"], "80");
    assert_eq!(
        proxy["ports"][1],
        serde_json::json!({"target": 443, "published": "8443", "protocol": "tcp", "mode": "host"})
    );
    assert_eq!(
        proxy["volumes"][0]["source"],
        dir.join("nginx.conf").to_str().unwrap()
    );
    assert_eq!(proxy["networks"], serde_json::json!({"front": null}));
    assert_eq!(
        proxy["extra_hosts"],
        serde_json::json!(["host.docker.internal=host-gateway"])
    );
    assert_eq!(
        p["services"]["app1"]["networks"]["front"]["aliases"],
        serde_json::json!(["one", "first"])
    );
    assert_eq!(
        p["services"]["app1"]["networks"]["back"]["ipv4_address"],
        "172.28.0.11"
    );
    assert_eq!(p["services"]["app2"]["expose"], serde_json::json!(["9090"]));
    assert_eq!(p["networks"]["back"]["internal"], true);
    assert_eq!(p["networks"]["back"]["name"], "edge_back");
    assert_eq!(
        p["networks"]["back"]["ipam"]["config"][0]["subnet"],
        "172.28.0.0/16"
    );
    assert!(
        p["networks"].get("default").is_none(),
        "no service uses the default network"
    );
    let networks = compose(&env, &dir, &["config", "--networks"]);
    assert_eq!(networks.ok(), "back\nfront\n");
}

#[test]
fn build_secrets_configs_healthchecks_and_limits_round_trip() {
    let env = Env::isolated();
    let dir = project(&env, "api", &[("compose.yaml", &data("build.yaml"))]);
    round_trip(&env, &dir, "compose.yaml");
    let p = json(&env, &dir, &[]);
    let api = &p["services"]["api"];
    assert_eq!(api["build"]["context"], dir.join("api").to_str().unwrap());
    assert_eq!(
        api["build"]["args"],
        serde_json::json!({"FEATURES": null, "RUST_VERSION": "1.85"})
    );
    assert_eq!(
        api["secrets"][1],
        serde_json::json!({"source": "api_key", "target": "/run/secrets/key", "mode": 0o400})
    );
    assert_eq!(api["healthcheck"]["test"][0], "CMD-SHELL");
    assert_eq!(
        api["deploy"]["resources"]["limits"],
        serde_json::json!({"cpus": 1.5, "memory": "268435456", "pids": 200})
    );
    assert_eq!(api["tmpfs"], serde_json::json!(["/tmp"]));
    let worker = &p["services"]["worker"];
    assert_eq!(
        worker["build"],
        serde_json::json!({"context": dir.join("worker").to_str().unwrap(), "dockerfile": "Dockerfile"})
    );
    assert_eq!(
        worker["entrypoint"],
        serde_json::json!(["/usr/bin/worker", "--queue", "default"])
    );
    assert_eq!(
        worker["depends_on"]["api"],
        serde_json::json!({"condition": "service_healthy", "restart": true, "required": true})
    );
    assert_eq!(
        p["secrets"]["db_password"]["file"],
        dir.join("secrets/db_password.txt").to_str().unwrap()
    );
    assert_eq!(p["configs"]["app_config"]["name"], "api_app_config");
    let images = compose(&env, &dir, &["config", "--images"]);
    assert_eq!(images.ok(), "example/api:dev\napi-worker\n");
    let hashes = compose(&env, &dir, &["config", "--hash", "*"]);
    let lines: Vec<&str> = hashes.ok().lines().collect();
    assert_eq!(lines.len(), 2);
    assert!(
        lines[0].starts_with("api ") && lines[0].len() == 4 + 64,
        "{lines:?}"
    );
    assert_eq!(
        compose(&env, &dir, &["config", "--hash", "*"]).ok(),
        hashes.stdout,
        "stable"
    );
}

#[test]
fn keys_docker_compose_types_rejects_parse() {
    let env = Env::isolated();
    let dir = project(
        &env,
        "dct",
        &[
            ("compose.yaml", &data("rejected-by-dct.yaml")),
            ("app.env", "FROM_ENV_FILE=yes\n"),
        ],
    );
    round_trip(&env, &dir, "compose.yaml");
    let app = &json(&env, &dir, &[])["services"]["app"];
    assert_eq!(app["platform"], "linux/amd64");
    assert_eq!(app["cpus"], 0.75);
    assert_eq!(app["pids_limit"], 64);
    assert_eq!(app["mem_limit"], 512 << 20);
    let ports: Vec<(u64, &str)> = app["ports"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| {
            (
                p["target"].as_u64().unwrap(),
                p["published"].as_str().unwrap_or("-"),
            )
        })
        .collect();
    assert_eq!(
        ports,
        [(3000, "-"), (80, "8080"), (9000, "9001"), (53, "5353")]
    );
    assert_eq!(app["ports"][3]["protocol"], "udp");
    assert_eq!(
        app["extra_hosts"],
        serde_json::json!(["db.internal=10.0.0.5", "cache.internal=10.0.0.6"])
    );
    assert_eq!(app["environment"]["FROM_ENV_FILE"], "yes");
    assert_eq!(app["configs"][0]["target"], "/etc/app.cfg");
}

#[test]
fn interpolation_env_files_and_required_variables() {
    let env = Env::isolated();
    let dir = project(&env, "vars", &[
        ("compose.yaml", "services:\n  a:\n    image: \"app:${TAG}\"\n    command: echo $$HOME ${GREETING:-hello}\n    ports: ['${PORT:-80}:80']\n"),
        (".env", "# the defaults\nTAG=dotenv\nexport PORT=8081\n"),
        ("prod.env", "TAG='prod'\n"),
    ]);
    let p = json(&env, &dir, &[]);
    assert_eq!(p["services"]["a"]["image"], "app:dotenv");
    assert_eq!(
        p["services"]["a"]["command"],
        serde_json::json!(["echo", "$HOME", "hello"])
    );
    assert_eq!(p["services"]["a"]["ports"][0]["published"], "8081");
    assert_eq!(
        json(&env, &dir, &["--env-file", "prod.env"])["services"]["a"]["image"],
        "app:prod"
    );
    let out = compose_in(
        &env,
        &dir,
        &[("TAG", "shell")],
        &["--env-file", "prod.env", "config"],
    );
    assert!(
        out.ok().contains("image: app:shell"),
        "the process environment wins: {}",
        out.stdout
    );
    std::fs::write(
        dir.join("raw.yaml"),
        "services:\n  a: {image: \"app:${TAG}\"}\n",
    )
    .unwrap();
    let raw = compose(
        &env,
        &dir,
        &["-f", "raw.yaml", "config", "--no-interpolate"],
    );
    assert!(raw.ok().contains("image: app:${TAG}"), "{}", raw.stdout);
    std::fs::write(
        dir.join("compose.yaml"),
        "services:\n  a:\n    image: \"${IMAGE:?set IMAGE to the image to run}\"\n",
    )
    .unwrap();
    compose(&env, &dir, &["config"]).engine_error(&[
        "required variable IMAGE is missing a value: set IMAGE to the image to run",
    ]);
    let ok = compose_in(&env, &dir, &[("IMAGE", "busybox")], &["config", "-q"]);
    assert_eq!(ok.ok(), "", "-q prints nothing");
    compose(&env, &dir, &["--env-file", "nope.env", "config"]).engine_error(&["nope.env"]);
}

#[test]
fn project_name_precedence() {
    let env = Env::isolated();
    let dir = project(
        &env,
        "My_Dir.v2",
        &[("compose.yaml", "services: {a: {image: x}}\n")],
    );
    let name = |vars: &[(&str, &str)], args: &[&str]| {
        let mut a = args.to_vec();
        a.extend(["config", "--format", "json"]);
        let out = compose_in(&env, &dir, vars, &a);
        serde_json::from_str::<Value>(out.ok()).unwrap()["name"]
            .as_str()
            .unwrap()
            .to_string()
    };
    assert_eq!(
        name(&[], &[]),
        "my_dirv2",
        "the directory's name, normalised"
    );
    std::fs::write(
        dir.join("compose.yaml"),
        "name: fromfile\nservices: {a: {image: x}}\n",
    )
    .unwrap();
    assert_eq!(name(&[], &[]), "fromfile");
    assert_eq!(name(&[("COMPOSE_PROJECT_NAME", "fromenv")], &[]), "fromenv");
    assert_eq!(
        name(&[("COMPOSE_PROJECT_NAME", "fromenv")], &["-p", "flag"]),
        "flag"
    );
    compose(&env, &dir, &["-p", "Bad!", "config"])
        .engine_error(&["invalid project name \"Bad!\"", "lowercase"]);
    std::fs::write(
        dir.join("compose.yaml"),
        "name: Upper\nservices: {a: {image: x}}\n",
    )
    .unwrap();
    compose(&env, &dir, &["config"]).engine_error(&["invalid project name \"Upper\""]);
}

#[test]
fn override_files_merge() {
    let env = Env::isolated();
    let dir = project(&env, "merge", &[
        ("compose.yaml", "services:\n  web:\n    image: web:1\n    command: [serve, --port, '80']\n    ports: ['80:80']\n    environment: {A: '1', B: '1'}\n"),
        ("prod.yaml", "services:\n  web:\n    image: web:2\n    command: [serve]\n    ports: ['443:443']\n    environment: {B: '2'}\n"),
        ("compose.override.yaml", "services:\n  web:\n    environment: {C: from-override}\n"),
    ]);
    let web =
        json(&env, &dir, &["-f", "compose.yaml", "-f", "prod.yaml"])["services"]["web"].clone();
    assert_eq!(web["image"], "web:2");
    assert_eq!(web["command"], serde_json::json!(["serve"]));
    let published: Vec<&str> = web["ports"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["published"].as_str().unwrap())
        .collect();
    assert_eq!(published, ["80", "443"]);
    assert_eq!(web["environment"], serde_json::json!({"A": "1", "B": "2"}));
    let discovered = json(&env, &dir.join("."), &[]);
    assert_eq!(
        discovered["services"]["web"]["environment"]["C"], "from-override",
        "compose.override.yaml is read with compose.yaml"
    );
    std::fs::create_dir_all(dir.join("sub/deeper")).unwrap();
    let from_below = json(&env, &dir.join("sub/deeper"), &[]);
    assert_eq!(from_below["name"], "merge", "found in a parent directory");
}

#[test]
fn extends_and_profiles() {
    let env = Env::isolated();
    let dir = project(&env, "ext", &[
        ("base.yaml", "services:\n  common:\n    image: base:1\n    environment: {LEVEL: info}\n    volumes: ['./conf:/conf']\n"),
        ("compose.yaml", concat!(
            "services:\n",
            "  web:\n    extends: {file: base.yaml, service: common}\n    environment: {LEVEL: debug}\n",
            "  debug:\n    image: busybox\n    profiles: [debug]\n    depends_on: [helper]\n",
            "  helper:\n    image: busybox\n    profiles: [tools]\n",
        )),
    ]);
    let p = json(&env, &dir, &[]);
    assert_eq!(p["services"]["web"]["image"], "base:1");
    assert_eq!(p["services"]["web"]["environment"]["LEVEL"], "debug");
    assert_eq!(
        p["services"]["web"]["volumes"][0]["source"],
        dir.join("conf").to_str().unwrap()
    );
    assert_eq!(compose(&env, &dir, &["config", "--services"]).ok(), "web\n");
    assert_eq!(
        compose(&env, &dir, &["--profile", "debug", "config", "--services"]).ok(),
        "debug\nhelper\nweb\n"
    );
    let by_env = compose_in(
        &env,
        &dir,
        &[("COMPOSE_PROFILES", "tools")],
        &["config", "--services"],
    );
    assert_eq!(by_env.ok(), "helper\nweb\n");
    assert_eq!(
        compose(&env, &dir, &["config", "--profiles"]).ok(),
        "debug\ntools\n"
    );
    let named = compose(&env, &dir, &["config", "--services", "debug"]);
    assert_eq!(
        named.ok(),
        "debug\nhelper\n",
        "a service named is enabled, with what it needs"
    );
    compose(&env, &dir, &["config", "nope"]).engine_error(&["no such service: nope"]);
    compose(&env, &dir, &["-f", "-", "config"]).engine_error(&["-f -"]);
}

#[test]
fn yaml_syntax_errors_give_file_line_and_column() {
    let env = Env::isolated();
    let dir = project(
        &env,
        "bad",
        &[(
            "compose.yaml",
            "services:\n  web:\n    image: busybox\n    ports: [80\n  db:\n",
        )],
    );
    let out = compose(&env, &dir, &["config"]);
    let file = dir.join("compose.yaml");
    out.engine_error(&[&format!("{}:", file.display())]);
    let rest = out
        .stderr
        .trim()
        .strip_prefix(&format!("error: {}:", file.display()))
        .unwrap();
    let mut parts = rest.splitn(3, ':');
    let line: usize = parts
        .next()
        .unwrap()
        .parse()
        .unwrap_or_else(|_| panic!("no line in {rest}"));
    let column: usize = parts
        .next()
        .unwrap()
        .parse()
        .unwrap_or_else(|_| panic!("no column in {rest}"));
    assert!((4..=6).contains(&line) && column > 0, "{rest}");
}

#[test]
fn schema_errors_name_the_file_and_path() {
    let env = Env::isolated();
    let dir = project(
        &env,
        "schema",
        &[(
            "compose.yaml",
            "services:\n  web:\n    image: busybox\n    ports: [80, {target: 80, mode: [x]}]\n",
        )],
    );
    let file = dir.join("compose.yaml");
    compose(&env, &dir, &["config"])
        .engine_error(&[&format!("{}: services.web.ports[1].mode: ", file.display())]);
    std::fs::write(
        &file,
        "services:\n  web:\n    image: busybox\n    restrat: always\n",
    )
    .unwrap();
    compose(&env, &dir, &["config"])
        .engine_error(&["services.web: additional properties 'restrat' not allowed"]);
}

#[test]
fn bad_projects_fail_before_anything_runs() {
    let env = Env::isolated();
    let dir = project(&env, "sem", &[]);
    let check = |text: &str, needles: &[&str]| {
        std::fs::write(dir.join("compose.yaml"), text).unwrap();
        compose(&env, &dir, &["config"]).engine_error(needles);
    };
    check(
        "services:\n  web: {image: x, depends_on: [dbx]}\n",
        &["service \"web\" depends on undefined service \"dbx\""],
    );
    check(
        "services:\n  a: {image: x, depends_on: [b]}\n  b: {image: x, depends_on: [c]}\n  c: {image: x, depends_on: [a]}\n",
        &["dependency cycle detected: a -> b -> c -> a"],
    );
    check(
        "services:\n  a: {image: x, ports: ['8080:80']}\n  b: {image: x, ports: ['8080:8080']}\n",
        &["port clash", "\"a\" and \"b\"", "8080/tcp"],
    );
    check(
        "services:\n  a: {image: x, networks: [nope]}\n",
        &["undefined network \"nope\""],
    );
    check(
        "services:\n  a: {image: x, volumes: ['data:/d']}\n",
        &["undefined volume \"data\""],
    );
    check(
        "services:\n  a: {image: x, ports: ['80-81:90-92']}\n",
        &["invalid port \"80-81:90-92\""],
    );
    std::fs::remove_file(dir.join("compose.yaml")).unwrap();
    compose(&env, &dir, &["config"]).engine_error(&["no configuration file provided: not found"]);
    compose(&env, &dir, &["-f", "missing.yaml", "config"]).engine_error(&["missing.yaml"]);
}

#[test]
fn unsupported_fields_are_warned_about_by_name() {
    let env = Env::isolated();
    let dir = project(&env, "warn", &[("compose.yaml", "version: '3.8'\nx-common: &c {restart: always}\nservices:\n  web:\n    <<: *c\n    image: busybox\n    gpus: all\n    x-note: ignored\n")]);
    let out = compose(&env, &dir, &["config"]);
    assert!(
        out.ok().contains("gpus: all"),
        "carried, not dropped: {}",
        out.stdout
    );
    assert!(
        out.stdout.contains("restart: always"),
        "YAML merge keys apply: {}",
        out.stdout
    );
    assert!(!out.stdout.contains("x-"), "{}", out.stdout);
    assert!(
        out.stderr.contains(
            "warning: service web: field 'gpus' is not supported by skiff and is ignored"
        ),
        "{}",
        out.stderr
    );
    assert!(
        out.stderr.contains("`version` is obsolete"),
        "{}",
        out.stderr
    );
    assert!(!out.stderr.contains("x-note"), "{}", out.stderr);
}
