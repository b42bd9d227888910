//! `create`: a container record, its spec, its overlay dirs and its /etc files, made in a temp
//! directory and renamed into place under the container lock, so a crash leaves no half container.
use super::record::{self, CreateOptions, Record, State};
use super::spec::{self, SpecInput};
use super::{config, names};
use crate::error::coded;
use crate::runtime::userns::Mapping;
use crate::store::{self, Lock, Paths};
use anyhow::{bail, Context, Result};
use oci_spec::runtime::Spec;
use std::path::Path;

pub struct Created {
    pub record: Record,
    pub spec: Spec,
}

fn new_id() -> String {
    let mut b = [0u8; 32];
    getrandom::fill(&mut b).expect("getrandom");
    hex::encode(b)
}

const HOSTS: &str = "127.0.0.1\tlocalhost\n::1\tlocalhost ip6-localhost ip6-loopback\nfe00::0\tip6-localnet\nff00::0\tip6-mcastprefix\nff02::1\tip6-allnodes\nff02::2\tip6-allrouters\n";

/// The host's resolv.conf without loopback servers (unreachable from a private network
/// namespace), or public resolvers if nothing is left, as Docker does.
fn resolv_conf(host_net: bool) -> String {
    let host = std::fs::read_to_string("/etc/resolv.conf").unwrap_or_default();
    if host_net {
        return host;
    }
    let kept: Vec<&str> = host
        .lines()
        .filter(|l| {
            let mut w = l.split_whitespace();
            !(w.next() == Some("nameserver")
                && w.next()
                    .is_some_and(|a| a.starts_with("127.") || a == "::1"))
        })
        .collect();
    let mut out = kept.join("\n");
    if !out.is_empty() {
        out.push('\n');
    }
    if !kept.iter().any(|l| l.starts_with("nameserver")) {
        out.push_str("nameserver 8.8.8.8\nnameserver 8.8.4.4\n");
    }
    out
}

fn write_files(dir: &Path, r: &Record, spec: &Spec, durable: bool) -> Result<()> {
    for d in ["upper", "work", "merged"] {
        std::fs::create_dir(dir.join(d))
            .with_context(|| format!("cannot create {d} for the container"))?;
    }
    let host_net = r.options.network == "host";
    let hosts = if host_net {
        std::fs::read_to_string("/etc/hosts").unwrap_or_else(|_| HOSTS.to_string())
    } else {
        format!("{HOSTS}127.0.0.1\t{}\n", r.hostname)
    };
    std::fs::write(dir.join("hosts"), hosts)?;
    std::fs::write(dir.join("hostname"), format!("{}\n", r.hostname))?;
    std::fs::write(dir.join("resolv.conf"), resolv_conf(host_net))?;
    store::write_json_atomic(&dir.join("config.json"), spec, false)?;
    store::write_json_atomic(&dir.join("record.json"), r, false)?;
    if durable {
        // One journal commit for all the files instead of an fsync each (~3 ms apiece here).
        let d = std::fs::File::open(dir)?;
        nix::unistd::syncfs(&d).context("cannot sync the container to disk")?;
    }
    Ok(())
}

fn check_name(all: &[Record], name: &str) -> Result<()> {
    if let Some(other) = all.iter().find(|r| r.name == name) {
        return Err(coded(
            crate::error::ENGINE,
            format!(
                "the container name \"{name}\" is already in use by container \"{}\": remove (skiff rm {name}) or rename that container to reuse the name",
                other.id
            ),
        ));
    }
    Ok(())
}

/// Creates a container. The caller has joined the user namespace.
pub fn create(paths: &Paths, o: CreateOptions, mapping: &Mapping) -> Result<Created> {
    if let Some(n) = &o.name {
        if !names::valid(n) {
            bail!("invalid container name {n:?}: only [a-zA-Z0-9][a-zA-Z0-9_.-] are allowed");
        }
    }
    match o.network.as_str() {
        "none" | "host" | "private" => {}
        n => bail!("network {n:?} is not available: use none or host (the default network and user networks come with skiff's network support)"),
    }
    spec::wants_seccomp(&o)?;
    let mut o = o;
    config::restart_policy(&o.restart)?;
    o.labels = config::labels(&o)?;
    if o.auto_remove && o.restart != "no" {
        bail!("conflicting options: --restart and --rm: a removed container cannot restart");
    }
    if let Some(s) = &o.stop_signal {
        config::parse_signal(s)?;
    }
    if let Some(f) = &o.cidfile {
        if f.exists() {
            bail!(
                "container ID file found, make sure the other container isn't running or delete {}",
                f.display()
            );
        }
    }
    // Held until the record exists, so an `rmi` cannot delete the layers in between (rmi checks
    // for containers under the exclusive lock).
    let _image_lock = Lock::shared(&paths.image_lock())?;
    let img = crate::engine::image::resolve(paths, &o.image)?;
    let id = new_id();
    let hostname = o.hostname.clone().unwrap_or_else(|| id[..12].to_string());
    let args = spec::command(&o, &img)?;
    let containers = paths.containers();
    std::fs::create_dir_all(&containers)?;
    let tmp = containers.join(store::tmp_name());
    let spec = spec::generate(&SpecInput {
        opts: &o,
        img: &img,
        args: args.clone(),
        hostname: &hostname,
        files: &paths.container(&id),
        single_id: mapping.single(),
    })?;
    let _lock = Lock::exclusive(&paths.container_lock())?;
    let all = record::list(paths)?;
    let name = match &o.name {
        Some(n) => {
            check_name(&all, n)?;
            n.clone()
        }
        None => loop {
            let n = names::random_name();
            if check_name(&all, &n).is_ok() {
                break n;
            }
        },
    };
    let image_config: Option<serde_json::Value> = std::fs::read(paths.blob(&img.id))
        .ok()
        .and_then(|b| serde_json::from_slice::<serde_json::Value>(&b).ok())
        .and_then(|v| v.get("config").cloned());
    let healthcheck =
        config::healthcheck(&o, image_config.as_ref().and_then(|c| c.get("Healthcheck")))?;
    let stop_signal = o
        .stop_signal
        .clone()
        .or_else(|| {
            img.config
                .config()
                .as_ref()
                .and_then(|c| c.stop_signal().clone())
        })
        .unwrap_or_else(|| "SIGTERM".into());
    let r = Record {
        id: id.clone(),
        name,
        image: o.image.clone(),
        image_name: img.name.clone(),
        image_id: img.id.clone(),
        created: chrono::Utc::now(),
        path: args[0].clone(),
        args: args[1..].to_vec(),
        layers: img.layers.clone(),
        hostname,
        stop_signal,
        healthcheck,
        state: State::default(),
        options: o,
    };
    std::fs::create_dir(&tmp).context("cannot create the container directory")?;
    let durable = !r.options.auto_remove;
    if let Err(e) = write_files(&tmp, &r, &spec, durable) {
        let _ = std::fs::remove_dir_all(&tmp);
        return Err(e);
    }
    std::fs::rename(&tmp, paths.container(&id)).context("cannot commit the container")?;
    if durable {
        std::fs::File::open(&containers)?.sync_all()?;
    }
    if let Some(f) = &r.options.cidfile {
        std::fs::write(f, &r.id)
            .with_context(|| format!("cannot write the container ID file {}", f.display()))?;
    }
    Ok(Created { record: r, spec })
}
