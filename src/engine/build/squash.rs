//! `--squash-all` (podman's): the target image as one layer holding its whole merged file
//! system (whiteouts applied), written through the same staging as every step's image. The
//! config keeps every history entry, each marked `empty_layer`, and adds one for the layer, so
//! `history` still says how the image was made and its layer count matches the config.
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
    let mut top: Value = serde_json::from_slice(&read_blob(paths, id)?)
        .with_context(|| format!("image config {id} is corrupt"))?;
    let diff_ids: Vec<Digest> =
        serde_json::from_value(top["rootfs"]["diff_ids"].clone()).unwrap_or_default();
    let mut layers = layer_dirs(paths, &diff_ids);
    layers.reverse();
    top["rootfs"]["diff_ids"] = json!([]);
    let now = clock::now();
    let mut history = top["history"].as_array().cloned().unwrap_or_default();
    for h in &mut history {
        h["empty_layer"] = json!(true);
    }
    history.push(json!({ "created": now, "created_by": "/bin/sh -c #(nop) squashed all layers" }));
    top["history"] = Value::Array(history);
    top["created"] = json!(now);
    write_image(
        paths,
        mapping,
        top,
        Some(&mut |tmp| {
            let f = std::fs::File::create(tmp)
                .with_context(|| format!("cannot create {}", tmp.display()))?;
            let out = Hashing::new(BufWriter::with_capacity(256 << 10, f));
            let mut out = pack::pack_merged_stamped(&layers, out, clock::stamp())?;
            out.flush()
                .with_context(|| format!("cannot write {}", tmp.display()))?;
            Ok((out.digest(), out.count))
        }),
    )
}
