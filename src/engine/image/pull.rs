//! `pull`: an image from a registry into the store, and `ensure_image` for `run/create --pull`.
//!
//! The name is resolved through registries.conf (aliases, search registries, remaps, mirrors);
//! the manifest (an index picks the platform) and config are fetched, and the missing layers are
//! streamed in parallel and committed one by one, all without the image lock (DESIGN §3), so
//! `run` of a local image or another pull never waits behind a download. The lock is taken to
//! rename each layer into place and, at the end, to check that every layer is still there and
//! write the config, the manifest and `index.json`. The manifest is stored verbatim, so the
//! image's digest is the registry's.
use super::digest::{self, Digest};
use super::ingest::{sync_store, unpack_options, Ingest};
use super::manifest::{self, Desc, Parsed};
use super::pull_layers::{fetch_all, Job, LayerEvent};
use super::reference::Reference;
use super::registries_conf::{Conf, Source};
use super::registry::{not_found, Client, RegistryOptions, StatusError};
use super::store::{layer_path, read_layer_record, ImageRecord};
use crate::runtime::userns::Mapping;
use crate::store::Paths;
use anyhow::{bail, Context, Result};
use oci_spec::image::ImageConfiguration;
use std::sync::atomic::AtomicUsize;

pub(crate) struct PullOptions {
    pub(crate) registry: RegistryOptions,
    /// `--platform OS/ARCH[/VARIANT]` for indexes; the host's by default.
    pub(crate) platform: Option<String>,
    /// `--all-tags`: every tag of the repository.
    pub(crate) all_tags: bool,
    /// The user namespace's mapping (the CLI has joined it), for layer ownership.
    pub(crate) mapping: Mapping,
}

/// `run/create --pull`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum PullPolicy {
    Always,
    Missing,
    Never,
}

impl std::str::FromStr for PullPolicy {
    type Err = anyhow::Error;
    fn from_str(s: &str) -> Result<Self> {
        match s {
            "always" => Ok(PullPolicy::Always),
            "missing" => Ok(PullPolicy::Missing),
            "never" => Ok(PullPolicy::Never),
            _ => bail!("invalid pull policy {s:?}: use always, missing or never"),
        }
    }
}

/// What a pull reports as it goes; only the CLI prints it.
#[derive(Debug, Clone)]
pub(crate) enum PullEvent {
    /// Trying `name` at `source` (`host/repo`); `alternatives` when others may follow.
    Trying {
        name: String,
        source: String,
        alternatives: bool,
    },
    /// A layer already in the store.
    LayerExists {
        digest: Digest,
    },
    Layer(LayerEvent),
    /// Writing manifest and index.
    Storing,
}

#[derive(Debug, Clone)]
pub(crate) struct PulledImage {
    /// The name given locally (none for a pull by digest).
    pub(crate) name: Option<String>,
    /// The manifest digest, as the registry has it.
    pub(crate) digest: Digest,
    /// What was pulled, in full (`docker.io/library/busybox:latest`, `HOST/NAME@sha256:...`):
    /// the line `docker pull` ends with.
    pub(crate) reference: String,
}

/// Pulls `reference` (or, with `all_tags`, every tag of its repository).
pub(crate) fn pull(
    paths: &Paths,
    reference: &str,
    opts: &PullOptions,
    progress: &mut dyn FnMut(PullEvent),
) -> Result<Vec<PulledImage>> {
    let r = Reference::parse(reference)?;
    let conf = Conf::load(paths)?;
    if opts.all_tags {
        if r.tag.is_some() || r.digest.is_some() {
            bail!("--all-tags pulls every tag: give a repository without a tag or digest");
        }
        let cand = conf.candidates(&r)?.remove(0);
        let src = cand
            .sources
            .last()
            .context("no registry for the name")?
            .clone();
        let client = Client::connect(paths, &src.host, &opts.registry, src.insecure)?;
        let mut out = Vec::new();
        for tag in client.tags(&src.repo)? {
            let name = Reference {
                tag: Some(tag),
                ..cand.name.clone()
            };
            out.push(pull_from(paths, &client, &name, &src, opts, progress)?);
        }
        return Ok(out);
    }
    let mut missing_in: Vec<String> = Vec::new();
    let mut first_err: Option<anyhow::Error> = None;
    let cands = conf.candidates(&r)?;
    let alternatives = cands.iter().map(|c| c.sources.len()).sum::<usize>() > 1;
    for cand in cands {
        for src in &cand.sources {
            progress(PullEvent::Trying {
                name: cand.name.to_string(),
                source: format!("{}/{}", src.host, src.repo),
                alternatives,
            });
            let res = Client::connect(paths, &src.host, &opts.registry, src.insecure)
                .and_then(|c| pull_from(paths, &c, &cand.name, src, opts, progress));
            match res {
                Ok(img) => return Ok(vec![img]),
                Err(e) if is_not_found(&e) => missing_in.push(src.host.clone()),
                Err(e) => {
                    first_err.get_or_insert(e);
                }
            }
        }
    }
    if let Some(e) = first_err {
        return Err(e);
    }
    missing_in.dedup();
    Err(not_found(reference, &missing_in.join(", ")))
}

fn is_not_found(e: &anyhow::Error) -> bool {
    e.downcast_ref::<StatusError>()
        .is_some_and(StatusError::is_not_found)
}

/// Makes sure `reference` is in the store as `policy` says (`run/create --pull`); returns the
/// pulled images (empty when nothing was pulled). An invalid reference fails first, with
/// neither a lookup nor a registry contacted.
pub(crate) fn ensure_image(
    paths: &Paths,
    reference: &str,
    opts: &PullOptions,
    policy: PullPolicy,
    progress: &mut dyn FnMut(PullEvent),
) -> Result<Vec<PulledImage>> {
    let query = super::lookup::parse_query(reference)?;
    // An unreadable index is the store's error, not a missing image: a pull would not mend it.
    let index = super::store::Index::read(paths)?;
    let present = super::resolve_in(paths, &index, reference).is_ok();
    match policy {
        PullPolicy::Never if !present => bail!(
            "image {reference:?} not found locally and --pull=never forbids pulling it; pull it \
             with skiff pull {reference}"
        ),
        PullPolicy::Never => Ok(Vec::new()),
        PullPolicy::Missing if present => Ok(Vec::new()),
        // An id or id prefix is never pulled: it names a local image.
        _ if matches!(query, super::lookup::Query::Id(_)) => {
            Err(super::lookup::not_found(reference))
        }
        _ => pull(paths, reference, opts, progress)
            .with_context(|| format!("image {reference:?} is not here and pulling it failed")),
    }
}

/// Pulls one tag or digest of `name` from `src`.
fn pull_from(
    paths: &Paths,
    client: &Client,
    name: &Reference,
    src: &Source,
    opts: &PullOptions,
    progress: &mut dyn FnMut(PullEvent),
) -> Result<PulledImage> {
    let what = name.to_string();
    let tag_or_digest = name
        .digest
        .clone()
        .or_else(|| name.tag.clone())
        .unwrap_or_else(|| "latest".into());
    let mut m = client.manifest(&src.repo, &tag_or_digest)?;
    let (config_desc, layers) = match manifest::parse(&m.bytes, &m.media_type, &what)? {
        Parsed::Image { config, layers } => (config, layers),
        Parsed::Index(list) => {
            let want = manifest::parse_platform(opts.platform.as_deref())?;
            let child = manifest::pick(&list, &want, &what)?;
            m = client.manifest(&src.repo, child.digest.as_str())?;
            match manifest::parse(&m.bytes, &m.media_type, &what)? {
                Parsed::Image { config, layers } => (config, layers),
                Parsed::Index(_) => bail!("{what}: an index inside an index is not supported"),
            }
        }
    };
    let config_bytes = match super::store::read_blob(paths, &config_desc.digest) {
        Ok(b) if Digest::of(&b) == config_desc.digest => b,
        _ => client.blob_bytes(&src.repo, &config_desc.digest)?,
    };
    let config: ImageConfiguration = serde_json::from_slice(&config_bytes)
        .with_context(|| format!("the image config of {what} is not valid"))?;
    let keep_name = name.digest.is_none().then(|| name.name_with_tag());
    let image = Fetched {
        manifest: m.bytes,
        manifest_type: if m.media_type.is_empty() {
            super::registry::OCI_MANIFEST.to_string()
        } else {
            m.media_type
        },
        config_bytes,
        config,
        layers,
    };
    let pulled = store(paths, client, &src.repo, image, keep_name, opts, progress)?;
    crate::engine::events::image(paths, "pull", &what, &what);
    Ok(PulledImage {
        reference: what,
        ..pulled
    })
}

/// Rounds of "fetch what is missing, then commit" before a pull gives up on a store whose layers
/// keep being removed under it.
const MAX_ROUNDS: usize = 3;

/// Fetches and commits the layers in `want`, then takes the image lock with every layer of the
/// image in place. A layer found in place may be collected by an `rmi` of the image that had it
/// before this commits: checked again under the lock, and fetched again if so.
fn fetch_then_lock<'a>(
    paths: &'a Paths,
    job: &Job,
    mut want: Vec<usize>,
    progress: &mut dyn FnMut(LayerEvent),
) -> Result<Ingest<'a>> {
    for _ in 0..MAX_ROUNDS {
        fetch_all(job, &want, progress)?;
        sync_store(paths)?;
        let ing = Ingest::begin(paths, "pull")?;
        want = ing.missing_layers(job.chains);
        if want.is_empty() {
            return Ok(ing);
        }
    }
    bail!(
        "the layers of this image were removed {MAX_ROUNDS} times while it was being pulled (a \
         concurrent rmi); pull it again"
    )
}

struct Fetched {
    manifest: Vec<u8>,
    manifest_type: String,
    config_bytes: Vec<u8>,
    config: ImageConfiguration,
    layers: Vec<Desc>,
}

fn store(
    paths: &Paths,
    client: &Client,
    repo: &str,
    img: Fetched,
    name: Option<String>,
    opts: &PullOptions,
    progress: &mut dyn FnMut(PullEvent),
) -> Result<PulledImage> {
    let id = Digest::of(&img.config_bytes);
    // The config came from the registry: its diff ids are parsed before any becomes a path.
    let diff_ids = digest::diff_ids(&img.config)
        .with_context(|| format!("image {id} has an invalid config"))?;
    if diff_ids.len() != img.layers.len() {
        bail!(
            "image {id} has {} layers but its config lists {} diff_ids: the image is corrupt",
            img.layers.len(),
            diff_ids.len()
        );
    }
    let chains = digest::chain_ids(&diff_ids);
    super::store::ensure_dirs(paths)?;
    let uopts = unpack_options(&opts.mapping);
    let job = Job {
        paths,
        client,
        repo,
        layers: &img.layers,
        diff_ids: &diff_ids,
        chains: &chains,
        uopts: &uopts,
        blobs_committed: AtomicUsize::new(0),
    };
    let mut want = Vec::new();
    for (i, l) in img.layers.iter().enumerate() {
        if layer_path(paths, &chains[i]).join("layer.json").exists() {
            progress(PullEvent::LayerExists {
                digest: l.digest.clone(),
            });
        } else {
            want.push(i);
        }
    }
    let mut ing = fetch_then_lock(paths, &job, want, &mut |e| progress(PullEvent::Layer(e)))?;
    progress(PullEvent::Storing);
    ing.commit_blob_bytes(&img.config_bytes)?;
    let mut size = 0;
    for c in &chains {
        size += read_layer_record(paths, c)?.size;
    }
    let manifest = ing.commit_blob_bytes(&img.manifest)?;
    let rec = ImageRecord {
        id: id.clone(),
        manifest: manifest.clone(),
        manifest_size: img.manifest.len() as u64,
        manifest_type: img.manifest_type.clone(),
        names: Vec::new(),
        tagged: Vec::new(),
        created: img.config.created().clone(),
        size,
    };
    let idx = ing.index.upsert(rec.clone());
    // The image may be stored already under another manifest (loaded from an archive): it
    // now carries the registry's, so RepoDigests name what the registry has.
    let stored = &mut ing.index.images[idx];
    stored.manifest = rec.manifest;
    stored.manifest_size = rec.manifest_size;
    stored.manifest_type = rec.manifest_type;
    if let Some(n) = &name {
        let now = chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Nanos, true);
        ing.index.set_name(idx, n, &now);
    }
    ing.finish_synced()?;
    Ok(PulledImage {
        name,
        digest: manifest,
        reference: String::new(),
    })
}
