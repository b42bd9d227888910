//! `create`: a container record, its spec, its overlay dirs and its /etc files, made in a temp
//! directory and renamed into place under the container lock, so a crash leaves no half container.
use super::files::{self, ContainerFile, StateFile};
use super::network;
use super::record::{HealthCheck, Record, State};
use super::{names, namespaces, reserve, volumes};
use crate::engine::image::digest;
use crate::engine::image::ResolvedImage;
use crate::engine::spec::config::{ContainerConfig, RestartPolicy};
use crate::engine::spec::generate::{self as spec, SpecInput};
use crate::engine::spec::{health, parse, passwd};
use crate::runtime::userns::Mapping;
use crate::store::{self, Lock, Paths};
use anyhow::{bail, Context, Result};
use oci_spec::runtime::Spec;
use std::path::Path;

pub(crate) struct Created {
    pub(crate) record: Record,
    pub(crate) spec: Spec,
    /// What the caller should tell the user about the flags (Docker's create warnings).
    pub(crate) warnings: Vec<String>,
}

fn new_id() -> String {
    let mut b = [0u8; 32];
    getrandom::fill(&mut b).expect("getrandom");
    hex::encode(b)
}

/// The files a container's /etc gets besides its rootfs: hosts, hostname and resolv.conf (from
/// network::prepare), and with `--tz` and `--passwd-entry`/`--hostuser` localtime and passwd.
struct EtcFiles<'a> {
    net: &'a network::NetPlan,
    passwd: Option<String>,
}

fn write_files(dir: &Path, r: &Record, spec: &Spec, etc: &EtcFiles, durable: bool) -> Result<()> {
    for d in ["upper", "work", "merged"] {
        std::fs::create_dir(dir.join(d))
            .with_context(|| format!("cannot create {d} for the container"))?;
    }
    std::fs::write(dir.join("hosts"), &etc.net.hosts)?;
    std::fs::write(dir.join("hostname"), format!("{}\n", r.hostname))?;
    std::fs::write(dir.join("resolv.conf"), &etc.net.resolv_conf)?;
    if let Some(tz) = &r.config.timezone {
        // A copy, as podman makes when the image lacks the zone: a later change of the host's
        // zone files does not change a container's time.
        let src = parse::zone_file(tz)?;
        std::fs::copy(&src, dir.join("localtime"))
            .with_context(|| format!("cannot copy {}", src.display()))?;
    }
    if let Some(p) = &etc.passwd {
        std::fs::write(dir.join("passwd"), p)?;
    }
    store::write_json_atomic(&dir.join("config.json"), spec, false)?;
    store::write_json_compact(&dir.join(files::STATE), &StateFile::of(r), false)?;
    store::write_json_compact(&dir.join(files::CONTAINER), &ContainerFile::of(r), false)?;
    if durable {
        // One journal commit for all the files instead of an fsync each (~3 ms apiece here).
        let d = std::fs::File::open(dir)?;
        nix::unistd::syncfs(&d).context("cannot sync the container to disk")?;
    }
    Ok(())
}

/// A name taken for a container being created, freed on drop unless the container was committed
/// (any error before that, or a panic, gives the name back).
struct Reservation<'a> {
    paths: &'a Paths,
    name: String,
    id: String,
    committed: bool,
}

impl Drop for Reservation<'_> {
    fn drop(&mut self) {
        if !self.committed {
            // We took it and live: nobody else removes or replaces the file meanwhile.
            reserve::release(self.paths, &self.name, &self.id);
        }
    }
}

/// Takes the asked name, or a random one not in use (Docker's style; after a few collisions a
/// number is added, as Docker does, so a crowded store still finds one).
fn take_name<'a>(paths: &'a Paths, asked: Option<&str>, id: &str) -> Result<Reservation<'a>> {
    let name = match asked {
        Some(n) => {
            reserve::reserve(paths, n, id)?;
            n.to_string()
        }
        None => {
            let mut tries = 0u32;
            loop {
                let mut n = names::random_name();
                if tries >= 8 {
                    n.push_str(&names::random_suffix());
                }
                if reserve::try_reserve(paths, &n, id)?.is_none() {
                    break n;
                }
                tries += 1;
                if tries > 100 {
                    bail!("cannot find a free random container name: give one with --name");
                }
            }
        }
    };
    store::fault::point("create.name-reserved");
    Ok(Reservation {
        paths,
        name,
        id: id.to_string(),
        committed: false,
    })
}

/// The checks that span fields, for every producer of a config (the CLI parsed each flag).
fn check_config(c: &ContainerConfig) -> Result<()> {
    if let Some(n) = &c.name {
        if !names::valid(n) {
            bail!("invalid container name {n:?}: only [a-zA-Z0-9][a-zA-Z0-9_.-] are allowed");
        }
    }
    if c.auto_remove && c.restart != RestartPolicy::No {
        bail!("conflicting options: --restart and --rm: a removed container cannot restart");
    }
    for (flag, f) in [
        ("--pidfile", &c.pidfile),
        ("--conmon-pidfile", &c.conmon_pidfile),
    ] {
        if let Some(d) = f
            .as_deref()
            .and_then(|f| f.parent())
            .filter(|d| !d.is_dir())
        {
            bail!(
                "{flag}: the directory {} does not exist: create it or choose another file",
                d.display()
            );
        }
    }
    if let Some(f) = &c.cidfile {
        if f.exists() {
            bail!(
                "container ID file found, make sure the other container isn't running or delete {}",
                f.display()
            );
        }
    }
    Ok(())
}

/// The health check and stop signal: the config's, else the image's.
fn image_defaults(c: &ContainerConfig, img: &ResolvedImage) -> (Option<HealthCheck>, String) {
    let healthcheck = health::healthcheck(&c.health, img.healthcheck.as_ref());
    let stop_signal = c
        .stop_signal
        .clone()
        .or_else(|| {
            img.config
                .config()
                .as_ref()
                .and_then(|c| c.stop_signal().clone())
        })
        .unwrap_or_else(|| "SIGTERM".into());
    (healthcheck, stop_signal)
}

/// `--passwd-entry` and `--hostuser`'s lines, the host's accounts looked up now.
fn passwd_entries(c: &ContainerConfig, img: &ResolvedImage) -> Result<Vec<String>> {
    let hosts = (c.host_users.iter())
        .map(|h| passwd::host_account(h))
        .collect::<Result<Vec<_>>>()?;
    let workdir = (c.workdir.clone())
        .or_else(|| img.config.config().as_ref()?.working_dir().clone())
        .filter(|w| !w.is_empty())
        .unwrap_or_else(|| "/".into());
    passwd::entries(c, &img.layers, &hosts, &workdir)
}

/// `--userns=keep-id`: the maps worked out against skiff's namespace; the container runs as
/// the kept ids unless `--user` says otherwise, and (podman's) the user gets a line in its
/// /etc/passwd when the image has none.
fn keep_id(c: &mut ContainerConfig, mapping: &Mapping) -> Result<()> {
    let Some((uid, gid)) = c.userns.resolve(mapping)? else {
        return Ok(());
    };
    if c.user.is_none() {
        c.user = Some(format!("{uid}:{gid}"));
    }
    let me = mapping
        .uids
        .iter()
        .find(|e| e.container == 0)
        .map(|e| e.host);
    if me == Some(uid) && c.passwd_entry.is_none() {
        let name = nix::unistd::User::from_uid(nix::unistd::Uid::from_raw(uid))
            .ok()
            .flatten()
            .map(|u| u.name);
        if let Some(n) = name.filter(|n| !c.host_users.contains(n)) {
            c.host_users.push(n);
        }
    }
    Ok(())
}

/// Where `create` gets its image: a reference to look up in the store (`ps` shows it as given),
/// or an image a caller already resolved (a build step's, which is not in the index).
pub(crate) enum ImageSource {
    Reference,
    Resolved(Box<ResolvedImage>),
}

/// Creates a container from `config` (its `image` is what `ps` shows). The caller has joined
/// the user namespace.
pub(crate) fn create(
    paths: &Paths,
    config: ContainerConfig,
    source: ImageSource,
    mapping: &Mapping,
) -> Result<Created> {
    let mut c = config;
    check_config(&c)?;
    keep_id(&mut c, mapping)?;
    namespaces::resolve(paths, &mut c)?;
    // Held until the record exists, so an `rmi` cannot delete the layers in between (rmi checks
    // for containers under the exclusive lock).
    let _image_lock = Lock::shared(&paths.image_lock())?;
    // A build step's RUN writes into the image's VOLUME directories (BuildKit's behaviour):
    // only containers of images by reference get anonymous volumes there.
    let image_volumes = matches!(source, ImageSource::Reference);
    let img = match source {
        ImageSource::Reference => crate::engine::image::resolve(paths, &c.image)?,
        ImageSource::Resolved(img) => *img,
    };
    let id = new_id();
    if let (true, Some(n)) = (c.replace, &c.name) {
        super::remove::replace(paths, n)?;
    }
    // The name first: a conflict costs nothing more, and no lock is needed to take it.
    let mut name = take_name(paths, c.name.as_deref(), &id)?;
    let hostname = namespaces::hostname(paths, &c, &id)?;
    let args = spec::command(&c, &img)?;
    // network: validates -p/--dns/--add-host..., checks host ports, makes hosts/resolv.conf
    let net = network::prepare(paths, &c, &img, &hostname)?;
    c.network = net.network.clone();
    let extra_passwd = passwd_entries(&c, &img)?;
    // Held until the record names the volumes, so `volume rm` cannot take one in between.
    let volume_lock = Lock::exclusive(&paths.volume_lock())?;
    let mut made = Vec::new();
    let res = commit(
        paths,
        c,
        img,
        Parts {
            id,
            name: &mut name,
            hostname,
            args,
            net,
            extra_passwd,
            mapping,
            image_volumes,
        },
        &mut made,
    );
    if res.is_err() {
        crate::engine::volume::remove::discard_locked(paths, &made);
    }
    drop(volume_lock);
    if let Ok(c) = &res {
        crate::engine::events::container(paths, &c.record, "create", &[]);
    }
    res
}

/// The spec; the sources of `U` mounts are chowned to the user it runs as.
fn spec_with_owners(paths: &Paths, input: &SpecInput) -> Result<Spec> {
    let spec = spec::generate(input)?;
    if let Some(u) = spec.process().as_ref().map(|p| p.user()) {
        volumes::chown(paths, input.config, u.uid(), u.gid())?;
    }
    Ok(spec)
}

/// What `create` found before the volumes were made.
struct Parts<'a, 'b> {
    id: String,
    name: &'a mut Reservation<'b>,
    hostname: String,
    args: Vec<String>,
    net: network::NetPlan,
    extra_passwd: Vec<String>,
    mapping: &'a Mapping,
    image_volumes: bool,
}

/// The volumes, the spec, the files, and the record renamed into place.
fn commit(
    paths: &Paths,
    mut c: ContainerConfig,
    img: ResolvedImage,
    p: Parts,
    made: &mut Vec<String>,
) -> Result<Created> {
    let Parts {
        id,
        name,
        hostname,
        args,
        net,
        extra_passwd,
        mapping,
        image_volumes,
    } = p;
    let chain_ids = digest::chain_ids(&digest::diff_ids(&img.config)?);
    volumes::resolve(paths, &mut c, &img, image_volumes)?;
    let user_mounts = volumes::prepare(paths, &c, &img, mapping, made)?;
    let containers = paths.containers();
    std::fs::create_dir_all(&containers)?;
    let tmp = containers.join(store::tmp_name());
    let input = SpecInput {
        config: &c,
        img: &img,
        args: args.clone(),
        hostname: &hostname,
        files: &paths.container(&id),
        single_id: mapping.single(),
        extra_passwd: &extra_passwd,
        user_mounts: &user_mounts,
    };
    let spec = spec_with_owners(paths, &input)?;
    let etc = EtcFiles {
        net: &net,
        passwd: match extra_passwd.is_empty() {
            true => None,
            false => Some(passwd::file(&img.layers, &extra_passwd)?),
        },
    };
    let (healthcheck, stop_signal) = image_defaults(&c, &img);
    // Taken to write the container dir: `rm` collects temp dirs in containers/ under it.
    let _lock = Lock::exclusive(&paths.container_lock())?;
    let r = Record {
        id: id.clone(),
        name: name.name.clone(),
        image_name: img.name.clone(),
        image_id: img.id.clone(),
        chain_ids,
        created: chrono::Utc::now(),
        path: args[0].clone(),
        args: args[1..].to_vec(),
        hostname,
        stop_signal,
        healthcheck,
        state: State::default(),
        config: Box::new(c),
        net: net.state.clone(),
    };
    std::fs::create_dir(&tmp).context("cannot create the container directory")?;
    let durable = !r.config.auto_remove;
    if let Err(e) = write_files(&tmp, &r, &spec, &etc, durable) {
        let _ = std::fs::remove_dir_all(&tmp);
        return Err(e);
    }
    std::fs::rename(&tmp, paths.container(&id)).context("cannot commit the container")?;
    name.committed = true;
    if durable {
        std::fs::File::open(&containers)?.sync_all()?;
    }
    if let Some(f) = &r.config.cidfile {
        std::fs::write(f, &r.id)
            .with_context(|| format!("cannot write the container ID file {}", f.display()))?;
    }
    Ok(Created {
        record: r,
        spec,
        warnings: net.warnings,
    })
}
