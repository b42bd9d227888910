//! `load` end to end on files in a temporary directory.
use super::*;
use std::collections::BTreeMap;
use std::path::Path;

fn write(dir: &Path, name: &str, text: &str) {
    let p = dir.join(name);
    std::fs::create_dir_all(p.parent().unwrap()).unwrap();
    std::fs::write(p, text).unwrap();
}

fn opts(dir: &Path) -> LoadOptions {
    LoadOptions {
        working_dir: dir.to_path_buf(),
        environ: BTreeMap::from([("HOME".to_string(), "/home/u".to_string())]),
        ..Default::default()
    }
}

fn load_err(o: &LoadOptions) -> String {
    load(o).unwrap_err().to_string()
}

const APP: &str = r#"
services:
  web:
    image: "nginx:${TAG:-1.27}"
    command: sh -c 'echo "hi there"'
    ports: ["127.0.0.1:8080:80/udp", 443, {target: 9000, published: 9001}]
    volumes: ["./html:/html:ro", "data:/data", "~/cfg:/cfg"]
    environment: {A: 1, B: null}
    depends_on: [db]
    extra_hosts: {db.local: 10.0.0.2}
    platform: linux/amd64
    cpus: 0.5
    pids_limit: 100
    mem_limit: 1g
    ulimits: {nofile: 1024, nproc: {soft: 10, hard: 20}}
  db:
    image: postgres
    healthcheck: {test: pg_isready, interval: 10s, retries: 3}
    networks: [back]
networks:
  back:
    external: true
volumes:
  data:
"#;

#[test]
fn a_plain_file_is_normalised() {
    let d = tempfile::tempdir().unwrap();
    write(d.path(), "My App/compose.yaml", APP);
    let dir = d.path().join("My App");
    let mut o = opts(&dir.join("sub/deeper"));
    std::fs::create_dir_all(&o.working_dir).unwrap();
    o.environ.insert("B".into(), "from-env".into());
    let l = load(&o).unwrap();
    let p = &l.project;
    assert_eq!(p.name, "myapp", "the directory's name, normalised");
    assert_eq!(p.working_dir, dir);
    let web = &p.services["web"];
    assert_eq!(web.image.as_deref(), Some("nginx:1.27"));
    assert_eq!(
        web.command.as_deref().unwrap(),
        ["sh", "-c", "echo \"hi there\""]
    );
    let ports: Vec<_> = web
        .ports
        .iter()
        .map(|p| {
            (
                p.target,
                p.published.as_deref(),
                p.host_ip.as_deref(),
                p.protocol.as_str(),
            )
        })
        .collect();
    assert_eq!(
        ports,
        [
            (80, Some("8080"), Some("127.0.0.1"), "udp"),
            (443, None, None, "tcp"),
            (9000, Some("9001"), None, "tcp")
        ]
    );
    let srcs: Vec<_> = web
        .volumes
        .iter()
        .map(|v| v.source.clone().unwrap())
        .collect();
    assert_eq!(
        srcs,
        [
            dir.join("html").to_string_lossy().into_owned(),
            "data".into(),
            "/home/u/cfg".into()
        ]
    );
    assert_eq!(web.environment["A"].as_deref(), Some("1"));
    assert_eq!(web.environment["B"].as_deref(), Some("from-env"));
    assert_eq!(web.depends_on["db"].condition, Condition::ServiceStarted);
    assert_eq!(web.extra_hosts, ["db.local=10.0.0.2"]);
    assert_eq!(
        (web.cpus, web.pids_limit, web.mem_limit),
        (Some(0.5), Some(100), Some(1 << 30))
    );
    assert_eq!(
        web.ulimits["nofile"],
        Ulimit {
            soft: 1024,
            hard: 1024
        }
    );
    assert_eq!(web.networks.keys().collect::<Vec<_>>(), ["default"]);
    let db = &p.services["db"];
    assert_eq!(
        db.healthcheck.as_ref().unwrap().test,
        ["CMD-SHELL", "pg_isready"]
    );
    assert_eq!(p.networks["default"].name.as_deref(), Some("myapp_default"));
    assert_eq!(p.networks["back"].name.as_deref(), Some("back"));
    assert_eq!(p.volumes["data"].name.as_deref(), Some("myapp_data"));
    assert!(l.warnings.is_empty(), "{:?}", l.warnings);
}

#[test]
fn the_yaml_of_a_project_loads_back_the_same() {
    let d = tempfile::tempdir().unwrap();
    write(d.path(), "compose.yaml", APP);
    let p = load(&opts(d.path())).unwrap().project;
    let text = serde_yaml_ng::to_string(&p).unwrap();
    assert!(text.starts_with("name: "), "{text}");
    let back: Project = serde_yaml_ng::from_str(&text).unwrap();
    assert_eq!(back.services, p.services);
    assert_eq!(back.networks, p.networks);
    assert_eq!(back.volumes, p.volumes);
    write(d.path(), "again/compose.yaml", &text);
    let again = load(&opts(&d.path().join("again"))).unwrap().project;
    assert_eq!(
        again.services, p.services,
        "the output is itself a valid file"
    );
}

#[test]
fn project_name_precedence() {
    let d = tempfile::tempdir().unwrap();
    write(
        d.path(),
        "compose.yaml",
        "name: fromfile\nservices: {a: {image: x}}\n",
    );
    write(d.path(), ".env", "COMPOSE_PROJECT_NAME=Fromdotenv\n");
    let mut o = opts(d.path());
    assert_eq!(load(&o).unwrap().project.name, "fromdotenv");
    o.environ
        .insert("COMPOSE_PROJECT_NAME".into(), "fromenv".into());
    assert_eq!(load(&o).unwrap().project.name, "fromenv");
    o.project_name = Some("flag".into());
    assert_eq!(load(&o).unwrap().project.name, "flag");
    o.project_name = Some("Bad Name".into());
    assert!(load_err(&o).contains("invalid project name \"Bad Name\""));
    std::fs::remove_file(d.path().join(".env")).unwrap();
    assert_eq!(load(&opts(d.path())).unwrap().project.name, "fromfile");
}

#[test]
fn discovery_and_override_file() {
    let d = tempfile::tempdir().unwrap();
    assert!(load_err(&opts(d.path())).starts_with("no configuration file provided: not found"));
    write(
        d.path(),
        "docker-compose.yml",
        "services: {a: {image: one, ports: ['80:80']}}\n",
    );
    write(
        d.path(),
        "docker-compose.override.yml",
        "services: {a: {image: two, ports: ['81:81']}}\n",
    );
    let a = &load(&opts(d.path())).unwrap().project.services["a"];
    assert_eq!(a.image.as_deref(), Some("two"));
    assert_eq!(a.ports.len(), 2);
}

#[test]
fn profiles_enable_services_and_their_dependencies() {
    let d = tempfile::tempdir().unwrap();
    write(d.path(), "compose.yaml", "services:\n  a: {image: x}\n  dbg: {image: x, profiles: [debug], depends_on: [helper]}\n  helper: {image: x, profiles: [tools]}\n");
    let names = |o: &LoadOptions| {
        load(o)
            .unwrap()
            .project
            .services
            .keys()
            .cloned()
            .collect::<Vec<_>>()
    };
    let mut o = opts(d.path());
    assert_eq!(names(&o), ["a"]);
    assert!(load(&o)
        .unwrap()
        .project
        .disabled_services
        .contains_key("dbg"));
    o.environ.insert("COMPOSE_PROFILES".into(), "debug".into());
    assert_eq!(names(&o), ["a", "dbg", "helper"]);
    o.profiles = vec!["tools".into()];
    assert_eq!(names(&o), ["a", "helper"]);
}

#[test]
fn unsupported_fields_are_warnings() {
    let d = tempfile::tempdir().unwrap();
    write(
        d.path(),
        "compose.yaml",
        "version: '3'\nservices:\n  a: {image: x, gpus: all, x-mine: 1}\n",
    );
    let l = load(&opts(d.path())).unwrap();
    assert_eq!(l.project.services["a"].unsupported_fields(), ["gpus"]);
    assert!(
        l.warnings
            .iter()
            .any(|w| w == "service a: field 'gpus' is not supported by skiff and is ignored"),
        "{:?}",
        l.warnings
    );
    assert!(l
        .warnings
        .iter()
        .any(|w| w.contains("`version` is obsolete")));
}

#[test]
fn env_files_of_services_sit_under_environment() {
    let d = tempfile::tempdir().unwrap();
    write(d.path(), "a.env", "A=from-file\nB=from-file\n");
    write(d.path(), "compose.yaml", "services:\n  s:\n    image: x\n    env_file: [a.env, {path: missing.env, required: false}]\n    environment: [B=own]\n");
    let s = &load(&opts(d.path())).unwrap().project.services["s"];
    assert_eq!(s.environment["A"].as_deref(), Some("from-file"));
    assert_eq!(s.environment["B"].as_deref(), Some("own"));
    write(
        d.path(),
        "compose.yaml",
        "services:\n  s: {image: x, env_file: gone.env}\n",
    );
    assert!(load_err(&opts(d.path())).contains("gone.env"));
}

#[test]
fn start_order_and_hash() {
    let d = tempfile::tempdir().unwrap();
    write(d.path(), "compose.yaml", "services:\n  web: {image: x, depends_on: [api]}\n  api: {image: x, depends_on: {db: {condition: service_healthy}}}\n  db: {image: x}\n  a: {image: y}\n");
    let p = load(&opts(d.path())).unwrap().project;
    assert_eq!(start_order(&p).unwrap(), ["a", "db", "api", "web"]);
    let h = config_hash(&p.services["web"]);
    assert_eq!(h.len(), 64);
    assert_eq!(
        h,
        config_hash(&load(&opts(d.path())).unwrap().project.services["web"])
    );
    assert_ne!(h, config_hash(&p.services["a"]));
}

#[test]
fn extends_from_this_file_and_another() {
    let d = tempfile::tempdir().unwrap();
    write(d.path(), "common/base.yaml", "services:\n  base:\n    image: base\n    volumes: ['./data:/data']\n    environment: {A: 1, B: 1}\n");
    write(
        d.path(),
        "compose.yaml",
        concat!(
        "services:\n",
        "  web:\n    extends: {file: common/base.yaml, service: base}\n    environment: {B: 2}\n",
        "  worker:\n    extends: web\n    command: work\n",
        "  loop1: {extends: loop2}\n  loop2: {extends: loop1}\n",
    ),
    );
    let e = load_err(&opts(d.path()));
    assert!(e.contains("circular extends"), "{e}");
    let text = std::fs::read_to_string(d.path().join("compose.yaml")).unwrap();
    write(
        d.path(),
        "compose.yaml",
        text.split("  loop1").next().unwrap(),
    );
    let p = load(&opts(d.path())).unwrap().project;
    let web = &p.services["web"];
    assert_eq!(web.image.as_deref(), Some("base"));
    let src = web.volumes[0].source.as_deref().unwrap();
    assert_eq!(
        src,
        d.path().join("common/data").to_str().unwrap(),
        "relative to the base's file"
    );
    assert_eq!(
        (
            web.environment["A"].as_deref(),
            web.environment["B"].as_deref()
        ),
        (Some("1"), Some("2"))
    );
    let worker = &p.services["worker"];
    assert_eq!(worker.environment, web.environment);
    assert_eq!(worker.command.as_deref().unwrap(), ["work"]);
}

#[test]
fn include_adds_another_projects_services() {
    let d = tempfile::tempdir().unwrap();
    write(
        d.path(),
        "db/compose.yaml",
        "services:\n  db:\n    image: \"pg:${PGV}\"\n    volumes: ['./init:/init']\n",
    );
    write(d.path(), "db/db.env", "PGV=16\n");
    write(d.path(), "compose.yaml", "include:\n  - path: db/compose.yaml\n    env_file: db/db.env\nservices:\n  web: {image: w, depends_on: [db]}\n");
    let p = load(&opts(d.path())).unwrap().project;
    let db = &p.services["db"];
    assert_eq!(db.image.as_deref(), Some("pg:16"));
    assert_eq!(
        db.volumes[0].source.as_deref(),
        d.path().join("db/init").to_str()
    );
    write(
        d.path(),
        "compose.yaml",
        "include: [db/compose.yaml]\nservices:\n  db: {image: other}\n",
    );
    let e = load_err(&opts(d.path()));
    assert!(e.contains("services.db from the included file"), "{e}");
}

#[test]
fn semantic_errors() {
    let d = tempfile::tempdir().unwrap();
    let err = |text: &str| {
        write(d.path(), "compose.yaml", text);
        load_err(&opts(d.path()))
    };
    let e = err("services:\n  web: {image: x, depends_on: [dbx]}\n");
    assert_eq!(e, "service \"web\" depends on undefined service \"dbx\"");
    let e = err("services:\n  a: {image: x, depends_on: [b]}\n  b: {image: x, depends_on: [c]}\n  c: {image: x, depends_on: [a]}\n");
    assert_eq!(e, "dependency cycle detected: a -> b -> c -> a");
    let e = err("services:\n  a: {image: x, ports: ['8080:80']}\n  b: {image: x, ports: ['127.0.0.1:8080:81']}\n");
    assert_eq!(
        e,
        "port clash: services \"a\" and \"b\" both publish host port 8080/tcp"
    );
    let ok = |text: &str| {
        write(d.path(), "compose.yaml", text);
        load(&opts(d.path())).unwrap()
    };
    ok("services:\n  a: {image: x, ports: ['8080:80/udp']}\n  b: {image: x, ports: ['8080:80', '8081-8085:80']}\n");
    let e = err("services:\n  a: {image: x, networks: [front]}\n");
    assert_eq!(e, "service \"a\" refers to undefined network \"front\"");
    let e = err("services:\n  a: {image: x, volumes: ['data:/d']}\n");
    assert_eq!(e, "service \"a\" refers to undefined volume \"data\"");
    let e = err("services:\n  a: {image: x, secrets: [pw]}\n");
    assert_eq!(e, "service \"a\" refers to undefined secret \"pw\"");
    ok("services:\n  a: {image: x, depends_on: {c: {condition: service_started, required: false}}}\n");
}

#[test]
fn interpolation_and_env_precedence() {
    let d = tempfile::tempdir().unwrap();
    write(d.path(), ".env", "TAG=fromdotenv\nPORT=81\n");
    write(d.path(), "other.env", "TAG=fromother\n");
    write(d.path(), "compose.yaml", "services:\n  a:\n    image: \"x:${TAG}\"\n    ports: ['${PORT:-80}:80']\n    command: echo $$HOME\n");
    let image = |o: &LoadOptions| {
        load(o).unwrap().project.services["a"]
            .image
            .clone()
            .unwrap()
    };
    let mut o = opts(d.path());
    assert_eq!(image(&o), "x:fromdotenv");
    let p = load(&o).unwrap().project;
    assert_eq!(p.services["a"].ports[0].published.as_deref(), Some("81"));
    assert_eq!(
        p.services["a"].command.as_deref().unwrap(),
        ["echo", "$HOME"]
    );
    o.env_files = vec!["other.env".into()];
    assert_eq!(image(&o), "x:fromother");
    o.environ.insert("TAG".into(), "fromprocess".into());
    assert_eq!(image(&o), "x:fromprocess");
    write(
        d.path(),
        "compose.yaml",
        "services:\n  a: {image: \"${NOPE:?set NOPE to the image}\"}\n",
    );
    assert_eq!(
        load_err(&o),
        "required variable NOPE is missing a value: set NOPE to the image"
    );
    o.no_interpolate = true;
    assert_eq!(image(&o), "${NOPE:?set NOPE to the image}");
}

#[test]
fn validation_can_be_skipped() {
    let d = tempfile::tempdir().unwrap();
    write(
        d.path(),
        "compose.yaml",
        "services:\n  a: {image: x, restrat: always}\n",
    );
    let mut o = opts(d.path());
    assert!(load_err(&o).contains("additional properties 'restrat' not allowed"));
    o.skip_validation = true;
    let l = load(&o).unwrap();
    assert_eq!(l.project.services["a"].unsupported_fields(), ["restrat"]);
}
