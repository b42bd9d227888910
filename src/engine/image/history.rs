//! `history`: the config's history entries, newest first, each with the size of the layer it
//! made (0 for entries that made none). The newest row carries the image id; an older one
//! carries the id of the local image it made when that image is still in the store (a build's
//! step images, as Docker and podman show them), else `<missing>`, as Docker shows pulled images.
use super::digest::{chain_ids, diff_ids, Digest};
use super::human::parse_time;
use super::lookup;
use super::store::{read_config, read_layer_record, Index};
use crate::store::Paths;
use anyhow::Result;
use chrono::{DateTime, Utc};

/// What Docker shows for a row without an image id.
pub(crate) const MISSING: &str = "<missing>";

#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct HistoryRow {
    /// The image id for the newest row, none (`<missing>`) for the others.
    pub(crate) id: Option<Digest>,
    pub(crate) created: Option<DateTime<Utc>>,
    pub(crate) created_by: String,
    pub(crate) size: u64,
    pub(crate) comment: String,
}

pub(crate) fn history(paths: &Paths, reference: &str) -> Result<Vec<HistoryRow>> {
    let index = Index::read(paths)?;
    let img = &index.images[lookup::find(&index, reference)?.idx];
    let config = read_config(paths, &img.id)?;
    let mut sizes = Vec::new();
    for chain in chain_ids(&diff_ids(&config)?) {
        sizes.push(
            read_layer_record(paths, &chain)
                .map(|r| r.size)
                .unwrap_or(0),
        );
    }
    let mut layer_sizes = sizes.iter();
    let mut rows: Vec<HistoryRow> = Vec::new();
    for h in config.history().as_deref().unwrap_or_default() {
        let size = match h.empty_layer() {
            Some(true) => 0,
            _ => layer_sizes.next().copied().unwrap_or(0),
        };
        rows.push(HistoryRow {
            id: None,
            created: h.created().as_deref().and_then(parse_time),
            created_by: h.created_by().clone().unwrap_or_default(),
            size,
            comment: h.comment().clone().unwrap_or_default(),
        });
    }
    // Layers the history does not describe (images built without history) still get a row.
    for &size in layer_sizes {
        rows.push(HistoryRow {
            id: None,
            created: None,
            created_by: String::new(),
            size,
            comment: String::new(),
        });
    }
    steps(paths, &index, img, &config, &mut rows)?;
    rows.reverse();
    match rows.first_mut() {
        Some(top) => top.id = Some(img.id.clone()),
        None => rows.push(HistoryRow {
            id: Some(img.id.clone()),
            created: config.created().as_deref().and_then(parse_time),
            created_by: String::new(),
            size: 0,
            comment: String::new(),
        }),
    }
    Ok(rows)
}

/// Gives each row (oldest first) the id of the local image whose history and layers are this
/// image's up to that row: the images a build made step by step. Only images created at one of
/// the history's instants are read, so `history` reads no config of an unrelated image.
fn steps(
    paths: &Paths,
    index: &Index,
    img: &super::store::ImageRecord,
    config: &oci_spec::image::ImageConfiguration,
    rows: &mut [HistoryRow],
) -> Result<()> {
    let history = config.history().as_deref().unwrap_or_default();
    let times: std::collections::HashSet<&str> = history
        .iter()
        .filter_map(|h| h.created().as_deref())
        .collect();
    let own = diff_ids(config)?;
    for cand in &index.images {
        let when = cand.created.as_deref().unwrap_or_default();
        if cand.id == img.id || !times.contains(when) {
            continue;
        }
        let Ok(c) = read_config(paths, &cand.id) else {
            continue;
        };
        let theirs = c.history().as_deref().unwrap_or_default();
        let n = theirs.len();
        let same = n > 0
            && n <= history.len()
            && n <= rows.len()
            && theirs
                .iter()
                .zip(history)
                .all(|(a, b)| a.created() == b.created() && a.created_by() == b.created_by())
            && diff_ids(&c).is_ok_and(|d| own.starts_with(&d));
        if same && rows[n - 1].id.is_none() {
            rows[n - 1].id = Some(cand.id.clone());
        }
    }
    Ok(())
}
