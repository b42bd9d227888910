//! `history`: the config's history entries, newest first, each with the size of the layer it
//! made (0 for entries that made none). Only the newest row carries the image id; older ones
//! are `<missing>`, as Docker shows pulled images.
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
