//! The rows and columns of `images` and `history`.
use super::format;
use crate::engine::image::digest::Digest;
use crate::engine::image::history::{HistoryRow, MISSING};
use crate::engine::image::human::{ellipsis, human_since, human_size};
use crate::engine::image::list::ImageRow;
use chrono::{DateTime, Utc};

pub(crate) const IMAGES_FORMAT: &str = "table {{.Repository}}\t{{.Tag}}\t{{.ID}}\t{{if .CreatedSince}}{{.CreatedSince}}{{else}}N/A{{end}}\t{{.Size}}";
pub(crate) const IMAGES_DIGEST_FORMAT: &str = "table {{.Repository}}\t{{.Tag}}\t{{.Digest}}\t{{.ID}}\t{{if .CreatedSince}}{{.CreatedSince}}{{else}}N/A{{end}}\t{{.Size}}";

/// Docker's column titles for `images` table templates.
pub(crate) const IMAGES_HEADER: &[(&str, &str)] = &[
    ("ID", "IMAGE ID"),
    ("Repository", "REPOSITORY"),
    ("Tag", "TAG"),
    ("Digest", "DIGEST"),
    ("CreatedSince", "CREATED"),
    ("CreatedAt", "CREATED AT"),
    ("Size", "SIZE"),
    ("Containers", "CONTAINERS"),
    ("VirtualSize", "SIZE"),
];

pub(crate) const HISTORY_FORMAT: &str =
    "table {{.ID}}\t{{.CreatedSince}}\t{{.CreatedBy}}\t{{.Size}}\t{{.Comment}}";
/// Docker's non-human table shows CreatedAt under "CREATED AT".
pub(crate) const HISTORY_RAW_FORMAT: &str =
    "table {{.ID}}\t{{.CreatedAt}}\t{{.CreatedBy}}\t{{.Size}}\t{{.Comment}}";

/// Docker's column titles for `history` table templates.
pub(crate) const HISTORY_HEADER: &[(&str, &str)] = &[
    ("ID", "IMAGE"),
    ("CreatedSince", "CREATED"),
    ("CreatedAt", "CREATED AT"),
    ("CreatedBy", "CREATED BY"),
    ("Size", "SIZE"),
    ("Comment", "COMMENT"),
];

/// An image id as Docker shows it: in full with `--no-trunc`, else 12 hex digits.
pub(crate) fn image_id(full: &Digest, no_trunc: bool) -> String {
    match no_trunc {
        true => full.to_string(),
        false => full.hex()[..12].to_string(),
    }
}

/// A history entry's id: `<missing>` (a layer with no image of its own) stays as it is.
pub(crate) fn history_id(id: Option<&Digest>, no_trunc: bool) -> String {
    match id {
        None => MISSING.to_string(),
        Some(id) => image_id(id, no_trunc),
    }
}

/// One image as the docker CLI's `ImageContext` shows it.
pub(crate) fn image_row(r: &ImageRow, no_trunc: bool, now: DateTime<Utc>) -> gotmpl::Value {
    format::strings([
        ("ID", image_id(&r.id, no_trunc)),
        ("Repository", r.repository.clone()),
        ("Tag", r.tag.clone()),
        ("Digest", r.digest.to_string()),
        (
            "CreatedSince",
            r.created
                .map(|_| human_since(r.created, now))
                .unwrap_or_default(),
        ),
        ("CreatedAt", format::go_time(r.created.unwrap_or_default())),
        ("Size", human_size(r.size)),
        // Counting users reads every container record: Docker shows N/A too unless asked.
        ("Containers", "N/A".to_string()),
        ("VirtualSize", human_size(r.size)),
    ])
}

/// One layer of `history`: sizes and dates for people (`human`) or for scripts.
pub(crate) fn history_row(
    r: &HistoryRow,
    human: bool,
    no_trunc: bool,
    now: DateTime<Utc>,
) -> gotmpl::Value {
    let by = r.created_by.replace('\t', " ");
    let at = r
        .created
        .map(|t| t.to_rfc3339_opts(chrono::SecondsFormat::Secs, true))
        .unwrap_or_default();
    format::strings([
        ("ID", history_id(r.id.as_ref(), no_trunc)),
        (
            "CreatedSince",
            if human {
                human_since(r.created, now)
            } else {
                at.clone()
            },
        ),
        ("CreatedAt", at),
        ("CreatedBy", if no_trunc { by } else { ellipsis(&by, 45) }),
        (
            "Size",
            if human {
                human_size(r.size)
            } else {
                r.size.to_string()
            },
        ),
        ("Comment", r.comment.clone()),
    ])
}
