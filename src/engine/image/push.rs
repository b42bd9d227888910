//! `push`: a local image to a registry. Blobs the registry has are skipped (HEAD); the others
//! are uploaded in one streamed PUT each (POST for a session, then PUT with the digest), and
//! the stored manifest is sent verbatim, so the pushed digest is the local one.
use super::digest::{chain_ids, diff_ids, Digest};
use super::manifest::{self, Parsed};
use super::recompress;
use super::reference::{Origin, Reference};
use super::registries_conf::Conf;
use super::registry::{push_scope, Client, RegistryOptions};
use super::store::{blob_path, read_blob, read_config, read_layer_record};
use crate::store::Paths;
use anyhow::{bail, Context, Result};
use std::fs::File;
use ureq::http::Method;

pub(crate) struct PushOptions {
    pub(crate) registry: RegistryOptions,
    /// `--compression-format`: gzip or zstd; layers stored otherwise are recompressed.
    pub(crate) compression: Option<String>,
}

#[derive(Debug, Clone)]
pub(crate) enum PushEvent {
    /// A blob, uploaded or already there.
    Blob { digest: Digest, existed: bool },
    /// The manifest is being written.
    Manifest,
}

/// What a push sent: Docker's last line is `TAG: digest: DIGEST size: SIZE`.
pub(crate) struct Pushed {
    /// The destination in full (`docker.io/user/app:latest`): what `push -q` prints.
    pub(crate) reference: String,
    pub(crate) tag: String,
    /// The manifest's digest and length in bytes, as the registry stored it.
    pub(crate) digest: Digest,
    pub(crate) size: usize,
}

/// Pushes `source` (a local image) as `dest` (default: its own name).
pub(crate) fn push(
    paths: &Paths,
    source: &str,
    dest: Option<&str>,
    opts: &PushOptions,
    progress: &mut dyn FnMut(PushEvent),
) -> Result<Pushed> {
    let img = super::resolve(paths, source)?;
    let dest = dest.unwrap_or(&img.name);
    if dest.starts_with("sha256:") {
        bail!("image {source:?} has no name to push it to; give a destination: skiff push {source} HOST/NAME[:TAG]");
    }
    let r = Reference::parse(dest)?.normalized(Origin::Hub);
    if r.digest.is_some() {
        bail!("invalid destination {dest:?}: push to a tag, not a digest");
    }
    let conf = Conf::load(paths)?;
    let src = conf.sources(&r, false)?.remove(0);
    let mut bytes = read_blob(paths, &img.digest)?;
    let Parsed::Image { config, layers } =
        manifest::parse(&bytes, "", &img.name).context("cannot push the stored manifest")?
    else {
        bail!("image {source:?} is stored as an index; skiff pushes single images");
    };
    // Layers shared with another image may be stored under that image's blob: push that blob
    // and describe it in a rewritten manifest.
    let cfg = read_config(paths, &img.id)?;
    let chains = chain_ids(&diff_ids(&cfg)?);
    let mut blobs = vec![(config.digest.clone(), config.size)];
    let mut doc: serde_json::Value = serde_json::from_slice(&bytes)?;
    let mut rewritten = false;
    for (i, l) in layers.iter().enumerate() {
        if blob_path(paths, &l.digest).exists() {
            blobs.push((l.digest.clone(), l.size));
            continue;
        }
        let rec = read_layer_record(paths, &chains[i])?;
        let size = std::fs::metadata(blob_path(paths, &rec.blob))
            .with_context(|| {
                format!(
                    "the blob of layer {} is missing from the store",
                    rec.diff_id
                )
            })?
            .len();
        doc["layers"][i]["digest"] = rec.blob.to_string().into();
        doc["layers"][i]["size"] = size.into();
        doc["layers"][i]["mediaType"] = rec.media_type.clone().into();
        blobs.push((rec.blob, size));
        rewritten = true;
    }
    // --compression-format: layers stored otherwise are recompressed for this push.
    let mut temps = Vec::new();
    if let Some(c) = &opts.compression {
        for i in 0..layers.len() {
            let mt = doc["layers"][i]["mediaType"]
                .as_str()
                .unwrap_or_default()
                .to_string();
            if recompress::of_media_type(&mt) == c.as_str() {
                continue;
            }
            let t = recompress::recompress(paths, &blobs[i + 1].0, c)?;
            doc["layers"][i]["digest"] = t.digest.to_string().into();
            doc["layers"][i]["size"] = t.size.into();
            doc["layers"][i]["mediaType"] = recompress::media_type(c).into();
            blobs[i + 1] = (t.digest.clone(), t.size);
            temps.push(t);
            rewritten = true;
        }
        // Docker's manifest format has no zstd layers: name the OCI types instead.
        if rewritten && doc["mediaType"].as_str() == Some(super::registry::DOCKER_MANIFEST) {
            doc["mediaType"] = super::registry::OCI_MANIFEST.into();
            doc["config"]["mediaType"] = "application/vnd.oci.image.config.v1+json".into();
        }
    }
    if rewritten {
        bytes = serde_json::to_vec(&doc)?;
    }
    let client = Client::connect(paths, &src.host, &opts.registry, src.insecure)?;
    let scope = push_scope(&src.repo);
    for (digest, size) in &blobs {
        let file = match temps.iter().find(|t| &t.digest == digest) {
            Some(t) => t.path.clone(),
            None => blob_path(paths, digest),
        };
        let existed = upload_blob(&client, &file, &src.repo, &scope, digest, *size)?;
        progress(PushEvent::Blob {
            digest: digest.clone(),
            existed,
        });
    }
    progress(PushEvent::Manifest);
    let media_type = doc["mediaType"]
        .as_str()
        .unwrap_or(super::registry::OCI_MANIFEST)
        .to_string();
    let tag = r.tag.clone().unwrap_or_else(|| "latest".into());
    let path = format!("/v2/{}/manifests/{tag}", src.repo);
    let mut body: &[u8] = &bytes;
    let len = bytes.len().to_string();
    let resp = client.send(
        Method::PUT,
        &path,
        &scope,
        &[
            ("Content-Type", media_type.as_str()),
            ("Content-Length", len.as_str()),
        ],
        Some(&mut body),
    )?;
    if resp.status().as_u16() != 201 {
        return Err(super::registry::errors_status(
            resp,
            &client.host,
            "push manifest to",
            &src.repo,
        )
        .into());
    }
    crate::engine::events::image(paths, "push", &r.to_string(), &r.to_string());
    Ok(Pushed {
        reference: r.to_string(),
        tag,
        digest: Digest::of(&bytes),
        size: bytes.len(),
    })
}

/// Uploads one blob unless the registry has it; true if it was there.
fn upload_blob(
    client: &Client,
    file: &std::path::Path,
    repo: &str,
    scope: &str,
    digest: &Digest,
    size: u64,
) -> Result<bool> {
    let head = client.send(
        Method::HEAD,
        &format!("/v2/{repo}/blobs/{digest}"),
        scope,
        &[],
        None,
    )?;
    if head.status().as_u16() == 200 {
        return Ok(true);
    }
    let start = client.send(
        Method::POST,
        &format!("/v2/{repo}/blobs/uploads/"),
        scope,
        &[("Content-Length", "0")],
        None,
    )?;
    if start.status().as_u16() != 202 {
        return Err(super::registry::errors_status(
            start,
            &client.host,
            "start an upload to",
            repo,
        )
        .into());
    }
    let location = start
        .headers()
        .get("location")
        .and_then(|v| v.to_str().ok())
        .context("the registry gave no upload location")?
        .to_string();
    let sep = if location.contains('?') { '&' } else { '?' };
    let url = format!("{location}{sep}digest={digest}");
    let mut f = File::open(file).with_context(|| format!("cannot open blob {digest}"))?;
    let len = size.to_string();
    let resp = client.send(
        Method::PUT,
        &url,
        scope,
        &[
            ("Content-Type", "application/octet-stream"),
            ("Content-Length", len.as_str()),
        ],
        Some(&mut f),
    )?;
    if resp.status().as_u16() != 201 {
        return Err(
            super::registry::errors_status(resp, &client.host, "upload a blob to", repo).into(),
        );
    }
    Ok(false)
}
