//! The rows and columns of `images` and `history`.
use super::format;
use crate::engine::image::digest::Digest;
use crate::engine::image::history::{HistoryRow, MISSING};
use crate::engine::image::human::{ellipsis, human_since, human_size};
use crate::engine::image::list::{ImageRow, NONE};
use chrono::{DateTime, Utc};

pub(crate) const IMAGES_FORMAT: &str = "table {{.Repository}}\t{{.Tag}}\t{{.ID}}\t{{if .CreatedSince}}{{.CreatedSince}}{{else}}N/A{{end}}\t{{.Size}}";
pub(crate) const IMAGES_DIGEST_FORMAT: &str = "table {{.Repository}}\t{{.Tag}}\t{{.Digest}}\t{{.ID}}\t{{if .CreatedSince}}{{.CreatedSince}}{{else}}N/A{{end}}\t{{.Size}}";

/// `images`' fields: Docker's `ImageContext`, then podman's and Go's other names.
pub(crate) const IMAGES_COLUMNS: format::Columns = format::Columns {
    docker: &[
        ("ID", "IMAGE ID"),
        ("Repository", "REPOSITORY"),
        ("Tag", "TAG"),
        ("Digest", "DIGEST"),
        ("CreatedSince", "CREATED"),
        ("CreatedAt", "CREATED AT"),
        ("Size", "SIZE"),
        ("Containers", "CONTAINERS"),
        ("VirtualSize", "SIZE"),
    ],
    more: &[
        ("Id", "IMAGE ID"),
        ("Created", "CREATED"),
        ("Dangling", "DANGLING"),
    ],
};

pub(crate) const HISTORY_FORMAT: &str =
    "table {{.ID}}\t{{.CreatedSince}}\t{{.CreatedBy}}\t{{.Size}}\t{{.Comment}}";
/// Docker's non-human table shows CreatedAt under "CREATED AT".
pub(crate) const HISTORY_RAW_FORMAT: &str =
    "table {{.ID}}\t{{.CreatedAt}}\t{{.CreatedBy}}\t{{.Size}}\t{{.Comment}}";

/// `history`'s fields: Docker's `HistoryContext`, then podman's and Go's other names.
pub(crate) const HISTORY_COLUMNS: format::Columns = format::Columns {
    docker: &[
        ("ID", "IMAGE"),
        ("CreatedSince", "CREATED"),
        ("CreatedAt", "CREATED AT"),
        ("CreatedBy", "CREATED BY"),
        ("Size", "SIZE"),
        ("Comment", "COMMENT"),
    ],
    more: &[("Id", "IMAGE"), ("Created", "CREATED")],
};

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
pub(crate) struct ImageLine<'a> {
    pub(crate) row: &'a ImageRow,
    pub(crate) no_trunc: bool,
    pub(crate) now: DateTime<Utc>,
}

impl format::Row for ImageLine<'_> {
    fn field(&self, name: &str) -> String {
        let r = self.row;
        match name {
            "ID" | "Id" => image_id(&r.id, self.no_trunc),
            "Repository" => r.repository.clone(),
            "Tag" => r.tag.clone(),
            "Digest" => r.digest.to_string(),
            "CreatedSince" | "Created" => r
                .created
                .map(|_| human_since(r.created, self.now))
                .unwrap_or_default(),
            "CreatedAt" => format::go_time(r.created.unwrap_or_default()),
            "Size" | "VirtualSize" => human_size(r.size),
            // Counting users reads every container record: Docker shows N/A too unless asked.
            "Containers" => "N/A".to_string(),
            "Dangling" => (r.repository == NONE).to_string(),
            _ => String::new(),
        }
    }
}

/// One layer of `history`: sizes and dates for people (`human`) or for scripts.
pub(crate) struct HistoryLine<'a> {
    pub(crate) row: &'a HistoryRow,
    pub(crate) human: bool,
    pub(crate) no_trunc: bool,
    pub(crate) now: DateTime<Utc>,
}

impl format::Row for HistoryLine<'_> {
    fn field(&self, name: &str) -> String {
        let r = self.row;
        let at = || {
            r.created
                .map(|t| t.to_rfc3339_opts(chrono::SecondsFormat::Secs, true))
                .unwrap_or_default()
        };
        match name {
            "ID" | "Id" => history_id(r.id.as_ref(), self.no_trunc),
            "CreatedSince" | "Created" if self.human => human_since(r.created, self.now),
            "CreatedSince" | "Created" | "CreatedAt" => at(),
            "CreatedBy" if self.no_trunc => r.created_by.replace('\t', " "),
            "CreatedBy" => ellipsis(&r.created_by.replace('\t', " "), 45),
            "Size" if self.human => human_size(r.size),
            "Size" => r.size.to_string(),
            "Comment" => r.comment.clone(),
            _ => String::new(),
        }
    }
}
