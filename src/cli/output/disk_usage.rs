//! The rows and columns of `system df`, and its `-v` tables.
use super::format::{self, Row};
use crate::engine::container::list::{command_text, status_text};
use crate::engine::image::human::{human_since, human_size4, parse_time, table};
use crate::engine::image::list::NONE;
use crate::engine::image::reference::split_name;
use crate::engine::system::df::{Summary, Usage};
use chrono::{DateTime, Utc};

pub(crate) const DF_FORMAT: &str =
    "table {{.Type}}\t{{.TotalCount}}\t{{.Active}}\t{{.Size}}\t{{.Reclaimable}}";

/// Docker's `DiskUsageContext` fields.
pub(crate) const DF_COLUMNS: format::Columns = format::Columns {
    docker: &[
        ("Type", "TYPE"),
        ("TotalCount", "TOTAL"),
        ("Active", "ACTIVE"),
        ("Size", "SIZE"),
        ("Reclaimable", "RECLAIMABLE"),
    ],
    more: &[],
};

impl Row for Summary {
    fn field(&self, name: &str) -> String {
        match name {
            "Type" => self.kind.into(),
            "TotalCount" => self.total.to_string(),
            "Active" => self.active.to_string(),
            "Size" => human_size4(self.size),
            // As the docker CLI: a percentage of the size, but none for the build cache.
            "Reclaimable" if self.size > 0 && self.kind != "Build Cache" => format!(
                "{} ({}%)",
                human_size4(self.reclaimable),
                self.reclaimable * 100 / self.size
            ),
            "Reclaimable" => human_size4(self.reclaimable),
            _ => String::new(),
        }
    }
}

/// `system df -v`: Docker's four sections, each a table.
pub(crate) fn verbose(u: &Usage, now: DateTime<Utc>) -> String {
    let mut out = String::from("Images space usage:\n\n");
    let mut rows = vec![cells(&[
        "REPOSITORY",
        "TAG",
        "IMAGE ID",
        "CREATED",
        "SIZE",
        "SHARED SIZE",
        "UNIQUE SIZE",
        "CONTAINERS",
    ])];
    for i in &u.images {
        let names = match i.record.names.is_empty() {
            true => vec![None],
            false => i.record.names.iter().map(Some).collect(),
        };
        for n in names {
            let (repo, tag) = n.map_or((NONE, NONE), |n| split_name(n));
            let created = i.record.created.as_deref().and_then(parse_time);
            rows.push(vec![
                repo.to_string(),
                tag.to_string(),
                i.record.id.hex()[..12].to_string(),
                human_since(created, now),
                human_size4(i.size),
                human_size4(i.shared),
                human_size4(i.size - i.shared),
                i.containers.to_string(),
            ]);
        }
    }
    out.push_str(&table(&rows));
    out.push_str("\nContainers space usage:\n\n");
    let mut rows = vec![cells(&[
        "CONTAINER ID",
        "IMAGE",
        "COMMAND",
        "LOCAL VOLUMES",
        "SIZE",
        "CREATED",
        "STATUS",
        "NAMES",
    ])];
    for c in &u.containers {
        let r = &c.record;
        let vols = u
            .volumes
            .iter()
            .filter(|v| crate::engine::volume::uses(&r.config.mounts, &v.volume.name));
        rows.push(vec![
            r.short_id().to_string(),
            r.image_name.clone(),
            command_text(r, true),
            vols.count().to_string(),
            human_size4(c.size),
            human_since(Some(r.created), now),
            status_text(r, now),
            r.name.clone(),
        ]);
    }
    out.push_str(&table(&rows));
    out.push_str("\nLocal Volumes space usage:\n\n");
    let mut rows = vec![cells(&["VOLUME NAME", "LINKS", "SIZE"])];
    for v in &u.volumes {
        let size = human_size4(v.size);
        rows.push(vec![v.volume.name.clone(), v.links.to_string(), size]);
    }
    out.push_str(&table(&rows));
    let cache: u64 = u.summary()[3].size;
    out.push_str(&format!("\nBuild cache usage: {}\n\n", human_size4(cache)));
    let mut rows = vec![cells(&[
        "CACHE ID",
        "CACHE TYPE",
        "SIZE",
        "CREATED",
        "LAST USED",
        "USAGE",
        "SHARED",
    ])];
    for c in &u.cache {
        let created = c.created.map(DateTime::<Utc>::from);
        rows.push(vec![
            c.key.chars().take(12).collect(),
            "regular".into(),
            human_size4(c.size),
            human_since(created, now),
            human_since(created, now),
            "1".into(),
            c.in_use.to_string(),
        ]);
    }
    out.push_str(&table(&rows));
    out
}

fn cells(titles: &[&str]) -> Vec<String> {
    titles.iter().map(|t| t.to_string()).collect()
}
