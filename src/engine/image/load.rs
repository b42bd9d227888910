//! `load`: images from a docker-archive (`docker save`/`podman save` format: `manifest.json`,
//! config JSON, layer tars) or an oci-archive (tar of an OCI layout), plain or gzip.
//! Every blob is verified against its digest before anything is committed; layers are checked
//! against the config's diff_ids as they are unpacked.
use super::archive::{FileMember, Spool};
use super::digest::{self, verify, Digest, Source};
use super::ingest::{is_gzip_file, oci_manifest, unpack_options};
use super::reference::{is_tag, normalize_name, Origin, Reference};
use super::staging::{LayerSource, NewImage, Staging};
use super::store::{host_arch, ANN_REF_NAME};
use crate::runtime::userns::Mapping;
use crate::store::Paths;
use anyhow::{anyhow, bail, Context, Result};
use oci_spec::image::{Descriptor, ImageConfiguration, ImageIndex, ImageManifest, MediaType};
use serde::Deserialize;
use std::io::Read;

pub(crate) struct LoadOptions {
    /// The user namespace's mapping (the CLI has joined it), for layer ownership.
    pub(crate) mapping: Mapping,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct LoadedImage {
    pub(crate) id: Digest,
    /// Full normalized names given by the archive (may be empty).
    pub(crate) names: Vec<String>,
}

#[derive(Debug, Default)]
pub(crate) struct LoadReport {
    pub(crate) images: Vec<LoadedImage>,
    /// Things the unpacker skipped or changed, to show as warnings.
    pub(crate) notes: Vec<String>,
}

/// What one image of the archive will become in the store.
struct Planned {
    /// The manifest bytes to store (the archive's own for OCI; synthesized for docker).
    manifest: Vec<u8>,
    manifest_type: String,
    config: FileMember,
    layers: Vec<(FileMember, String)>,
    names: Vec<String>,
}

const DOCKER_MANIFEST: &str = "application/vnd.docker.distribution.manifest.v2+json";
const DOCKER_LIST: &str = "application/vnd.docker.distribution.manifest.list.v2+json";
const DOCKER_CONFIG: &str = "application/vnd.docker.container.image.v1+json";
/// containerd's (and Docker 25+'s) annotation for the full image name in an OCI index.
const ANN_CONTAINERD_NAME: &str = "io.containerd.image.name";

/// Loads every image of the archive read from `input`. The archive is spooled, verified and
/// unpacked with no lock (`staging`); the image lock is held only to commit.
pub(crate) fn load<R: Read + 'static>(
    paths: &Paths,
    input: R,
    opts: &LoadOptions,
) -> Result<LoadReport> {
    let mut st = Staging::begin(paths, "load")?;
    let spool = Spool::read(input, st.dir())?;
    let mut report = LoadReport::default();
    let plan = if spool.contains("manifest.json") {
        plan_docker(&spool, &mut report.notes)?
    } else if spool.contains("index.json") {
        plan_oci(&spool, &mut report.notes)?
    } else {
        bail!("the archive is neither a docker-archive (no manifest.json) nor an oci-archive (no index.json)");
    };
    let images = plan
        .iter()
        .map(|p| stage(&mut st, p))
        .collect::<Result<Vec<_>>>()?;
    let mut ing = st.lock(&images, &unpack_options(&opts.mapping))?;
    let now = chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Nanos, true);
    for (p, img) in plan.iter().zip(&images) {
        let idx = st.commit_image(&mut ing, img)?;
        for n in &p.names {
            ing.index.set_name(idx, n, &now);
        }
        match report.images.iter_mut().find(|i| i.id == img.id) {
            Some(i) => {
                for n in &p.names {
                    if !i.names.contains(n) {
                        i.names.push(n.clone());
                    }
                }
            }
            None => report.images.push(LoadedImage {
                id: img.id.clone(),
                names: p.names.clone(),
            }),
        }
    }
    ing.finish_synced()?;
    for i in &report.images {
        let id = i.id.to_string();
        let name = i.names.first().unwrap_or(&id);
        crate::engine::events::image(paths, "load", name, name);
    }
    report.notes.extend(st.take_notes());
    Ok(report)
}

/// Checks one planned image's config and stages its blobs.
fn stage(st: &mut Staging, p: &Planned) -> Result<NewImage> {
    let config_bytes = std::fs::read(&p.config.path).context("cannot read the spooled config")?;
    let id = Digest::of(&config_bytes);
    let config: ImageConfiguration = serde_json::from_slice(&config_bytes)
        .with_context(|| format!("the image config {id} in the archive is not valid"))?;
    // Parsed before anything is stored: the first diff id is the first layer's directory name.
    let diff_ids = digest::diff_ids(&config)
        .with_context(|| format!("the image config {id} in the archive is not valid"))?;
    if diff_ids.len() != p.layers.len() {
        bail!(
            "image {id} has {} layers but its config lists {} diff_ids: the archive is corrupt",
            p.layers.len(),
            diff_ids.len()
        );
    }
    st.add_blob_file(&p.config.path, &id);
    let chains = digest::chain_ids(&diff_ids);
    let mut layers = Vec::new();
    for (((file, media_type), diff_id), chain) in p.layers.iter().zip(diff_ids).zip(chains) {
        st.add_blob_file(&file.path, &file.digest);
        layers.push(LayerSource {
            blob: file.digest.clone(),
            media_type: media_type.clone(),
            diff_id,
            chain,
        });
    }
    Ok(NewImage {
        id,
        manifest: st.add_blob_bytes(&p.manifest)?,
        manifest_size: p.manifest.len() as u64,
        manifest_type: p.manifest_type.clone(),
        created: config.created().clone(),
        layers,
    })
}

/// One entry of a docker-archive's `manifest.json`.
#[derive(Deserialize)]
#[serde(rename_all = "PascalCase")]
struct DockerEntry {
    config: String,
    #[serde(default)]
    repo_tags: Option<Vec<String>>,
    layers: Vec<String>,
}

fn plan_docker(spool: &Spool, notes: &mut Vec<String>) -> Result<Vec<Planned>> {
    let entries: Vec<DockerEntry> = spool.json("manifest.json")?;
    if entries.is_empty() {
        bail!("the archive's manifest.json lists no image");
    }
    let mut out = Vec::new();
    for e in entries {
        let config = spool.file(&e.config)?.clone();
        let mut layers = Vec::new();
        for l in &e.layers {
            let f = spool.file(l)?.clone();
            let mt = if is_gzip_file(&f.path)? {
                MediaType::ImageLayerGzip
            } else {
                MediaType::ImageLayer
            };
            layers.push((f, mt.to_string()));
        }
        let blobs: Vec<(&Digest, u64, &str)> = layers
            .iter()
            .map(|(f, mt)| (&f.digest, f.size, mt.as_str()))
            .collect();
        let manifest = oci_manifest(&config.digest, config.size, &blobs)?;
        let names = e
            .repo_tags
            .unwrap_or_default()
            .iter()
            .filter_map(|t| valid_name(t, normalize_name(t, Origin::Hub), notes))
            .collect();
        out.push(Planned {
            manifest,
            manifest_type: MediaType::ImageManifest.to_string(),
            config,
            layers,
            names,
        });
    }
    Ok(out)
}

fn plan_oci(spool: &Spool, notes: &mut Vec<String>) -> Result<Vec<Planned>> {
    let index: ImageIndex = spool.json("index.json")?;
    if index.manifests().is_empty() {
        bail!("the archive's index.json lists no image");
    }
    let mut out: Vec<Planned> = Vec::new();
    for d in index.manifests() {
        let names = oci_names(d, notes);
        let (manifest_type, manifest) = pick_manifest(spool, d, 0)?;
        if let Some(p) = out.iter_mut().find(|p| p.manifest == manifest) {
            p.names.extend(names);
            continue;
        }
        let m: ImageManifest = serde_json::from_slice(&manifest)
            .with_context(|| format!("manifest {} in the archive is not valid", d.digest()))?;
        let ct = m.config().media_type().to_string();
        if ct != MediaType::ImageConfig.to_string() && ct != DOCKER_CONFIG {
            bail!(
                "manifest {} is not a container image (its config is {ct})",
                d.digest()
            );
        }
        let config = verified(spool, m.config())?.clone();
        let layers = m
            .layers()
            .iter()
            .map(|l| Ok((verified(spool, l)?.clone(), l.media_type().to_string())))
            .collect::<Result<Vec<_>>>()?;
        out.push(Planned {
            manifest,
            manifest_type,
            config,
            layers,
            names,
        });
    }
    Ok(out)
}

/// The names an OCI index entry gives: containerd's full-name annotation, else
/// `org.opencontainers.image.ref.name` when it is a name (not just a tag such as `latest`),
/// under `localhost/` when it is a bare name with no registry (as podman loads it; a namespaced
/// one is Docker Hub's, see `Origin::Local`). An invalid name is left out with a note: the image
/// still loads, untagged.
fn oci_names(d: &Descriptor, notes: &mut Vec<String>) -> Vec<String> {
    let ann = d.annotations().clone().unwrap_or_default();
    if let Some(n) = ann.get(ANN_CONTAINERD_NAME) {
        if let Some(name) = valid_name(n, normalize_name(n, Origin::Hub), notes) {
            return vec![name];
        }
    }
    let Some(n) = ann.get(ANN_REF_NAME) else {
        return Vec::new();
    };
    let res = match Reference::parse(n) {
        Ok(r) if r.digest.is_some() => Err(anyhow!("an image name cannot contain a digest")),
        Ok(r) if r.tag.is_some() || r.domain.is_some() || r.path.contains('/') => {
            // podman's rule: a bare OCI name without a registry is a local name (localhost/…);
            // docker-archive RepoTags come from Docker and keep Docker Hub's normalization.
            Ok(r.normalized(Origin::Local).name_with_tag())
        }
        // The annotation may be just a tag (`latest`, `v1.0`, `Stable`): then the image has no
        // name, and nothing is wrong.
        Ok(_) => return Vec::new(),
        Err(_) if is_tag(n) => return Vec::new(),
        Err(e) => Err(e),
    };
    valid_name(n, res, notes).into_iter().collect()
}

/// The name the archive gives, or `None` and a note saying it was ignored and why.
fn valid_name(given: &str, parsed: Result<String>, notes: &mut Vec<String>) -> Option<String> {
    match parsed {
        Ok(n) => Some(n),
        Err(e) => {
            notes.push(format!(
                "ignoring the invalid image name {given:?} in the archive: {e:#}"
            ));
            None
        }
    }
}

/// Follows an index entry to an image manifest, choosing the host's platform in nested indexes
/// (multi-arch images). Returns the manifest's media type and bytes.
fn pick_manifest(spool: &Spool, d: &Descriptor, depth: usize) -> Result<(String, Vec<u8>)> {
    let mt = d.media_type().to_string();
    let bytes = spool.bytes(&blob_member(&verified(spool, d)?.digest))?;
    if mt == MediaType::ImageManifest.to_string() || mt == DOCKER_MANIFEST {
        return Ok((mt, bytes));
    }
    if mt != MediaType::ImageIndex.to_string() && mt != DOCKER_LIST {
        bail!(
            "the archive's entry {} has unsupported media type {mt}",
            d.digest()
        );
    }
    if depth > 4 {
        bail!("the archive's indexes are nested too deeply");
    }
    let nested: ImageIndex = serde_json::from_slice(&bytes)
        .with_context(|| format!("index {} in the archive is not valid", d.digest()))?;
    let arch = host_arch();
    let fits = |x: &&Descriptor| {
        x.platform()
            .as_ref()
            .is_some_and(|p| p.os().to_string() == "linux" && p.architecture().to_string() == arch)
    };
    match nested.manifests().iter().find(fits) {
        Some(x) => pick_manifest(spool, x, depth + 1),
        None => {
            let have: Vec<String> = nested
                .manifests()
                .iter()
                .filter_map(|x| {
                    x.platform()
                        .as_ref()
                        .map(|p| format!("{}/{}", p.os(), p.architecture()))
                })
                .collect();
            bail!(
                "the archive has no image for linux/{arch} (it has: {})",
                if have.is_empty() {
                    "none with a platform".into()
                } else {
                    have.join(", ")
                }
            )
        }
    }
}

/// The archive blob a descriptor names, checked against the descriptor's digest and size. The
/// digest is parsed first: it becomes a member name here and a blob file name later.
fn verified<'s>(spool: &'s Spool, d: &Descriptor) -> Result<&'s FileMember> {
    let want = Digest::from_oci(d.digest(), "the archive's descriptors")?;
    let f = spool.file(&blob_member(&want))?;
    verify(&f.digest, want.as_str(), Source::Archive)?;
    if f.size != d.size() {
        bail!(
            "blob {} has {} bytes but its descriptor says {}: the archive is corrupt, nothing was loaded",
            d.digest(),
            f.size,
            d.size()
        );
    }
    Ok(f)
}

/// The member name of a blob in an OCI layout.
fn blob_member(d: &Digest) -> String {
    format!("blobs/sha256/{}", d.hex())
}
