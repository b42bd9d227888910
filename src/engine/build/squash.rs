//! `--squash-all` (podman's): the target image as one layer holding its whole merged file
//! system (whiteouts applied). `--squash` (podman's documented meaning): the layers the target stage added, as
//! one layer over its base image's layers (their deletions kept as whiteouts). Both write
//! through the same staging as every step's image. The config keeps every history entry, the
//! squashed ones marked `empty_layer`, and adds one for the new layer, so `history` still says
//! how the image was made and its layer count matches the config.
use super::clock;
use crate::engine::image::commit::write_image;
use crate::engine::image::digest::{Digest, Hashing};
use crate::engine::image::pack;
use crate::engine::image::store::{layer_dirs, read_blob};
use crate::runtime::userns::Mapping;
use crate::store::Paths;
use anyhow::{Context, Result};
use serde_json::{json, Value};
use std::io::{BufWriter, Write};

pub(crate) fn all(paths: &Paths, mapping: &Mapping, id: &Digest) -> Result<Digest> {
    squash(paths, mapping, id, (0, 0), "squashed all layers")
}

/// `--squash`: the layers above the first `base.0` (whose history is the first `base.1`
/// entries) as one. An image with no new layer is left as it is.
pub(crate) fn new_layers(
    paths: &Paths,
    mapping: &Mapping,
    id: &Digest,
    base: (usize, usize),
) -> Result<Digest> {
    squash(paths, mapping, id, base, "squashed new layers")
}

fn squash(
    paths: &Paths,
    mapping: &Mapping,
    id: &Digest,
    (keep, keep_history): (usize, usize),
    what: &str,
) -> Result<Digest> {
    let mut top: Value = serde_json::from_slice(&read_blob(paths, id)?)
        .with_context(|| format!("image config {id} is corrupt"))?;
    let diff_ids: Vec<Digest> =
        serde_json::from_value(top["rootfs"]["diff_ids"].clone()).unwrap_or_default();
    let keep = keep.min(diff_ids.len());
    if keep > 0 && keep == diff_ids.len() {
        return Ok(id.clone());
    }
    // Chain ids name the layer dirs: computed over all of them, the kept ones then dropped.
    let mut layers = layer_dirs(paths, &diff_ids).split_off(keep);
    layers.reverse();
    top["rootfs"]["diff_ids"] = json!(diff_ids[..keep]);
    let now = clock::now();
    let mut history = top["history"].as_array().cloned().unwrap_or_default();
    for h in history.iter_mut().skip(keep_history) {
        h["empty_layer"] = json!(true);
    }
    history.push(json!({ "created": now, "created_by": format!("/bin/sh -c #(nop) {what}") }));
    top["history"] = Value::Array(history);
    top["created"] = json!(now);
    let over_base = keep > 0;
    write_image(
        paths,
        mapping,
        top,
        Some(&mut |tmp| {
            let f = std::fs::File::create(tmp)
                .with_context(|| format!("cannot create {}", tmp.display()))?;
            let out = Hashing::new(BufWriter::with_capacity(256 << 10, f));
            let mut out = match over_base {
                true => pack::pack_squashed(&layers, out, clock::stamp())?,
                false => pack::pack_merged_stamped(&layers, out, clock::stamp())?,
            };
            out.flush()
                .with_context(|| format!("cannot write {}", tmp.display()))?;
            Ok((out.digest(), out.count))
        }),
    )
}
