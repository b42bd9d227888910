//! Pruning: the stopped containers, the networks no container uses, the images no container
//! uses (dangling ones only unless `all`), the unused anonymous volumes and the build cache, as `docker system prune` and
//! `docker image prune` do. What each removed is reported, and the bytes reclaimed are the
//! difference of `system df`'s total before and after (the same measure, so the two agree).
use super::df;
use crate::engine::build::cache;
use crate::engine::container::{self, record, remove as crm};
use crate::engine::image::human::parse_time;
use crate::engine::image::remove::{remove, RemoveEvent, RemoveOptions};
use crate::engine::image::store::{read_config, Index};
use crate::engine::volume;
use crate::store::Paths;
use anyhow::{bail, Result};
use chrono::{DateTime, Utc};
use std::collections::{BTreeMap, HashSet};

/// `--filter until=TIME` and `label=KEY[=VALUE]` / `label!=KEY[=VALUE]` (Docker's prune filters).
#[derive(Debug, Default, Clone)]
pub(crate) struct Filters {
    until: Option<DateTime<Utc>>,
    labels: Vec<(String, Option<String>)>,
    not_labels: Vec<(String, Option<String>)>,
    /// The label filters as given, for the volumes' own filter.
    label_specs: Vec<String>,
}

impl Filters {
    pub(crate) fn parse(specs: &[String]) -> Result<Filters> {
        let mut f = Filters::default();
        let now = Utc::now();
        for s in specs {
            let Some((k, v)) = s.split_once('=') else {
                bail!("bad format of filter {s:?}: expected name=value");
            };
            let label = |v: &str| match v.split_once('=') {
                Some((k, v)) => (k.to_string(), Some(v.to_string())),
                None => (v.to_string(), None),
            };
            match k {
                "until" => f.until = Some(container::logs::parse_time(v, now)?),
                "label" => f.labels.push(label(v)),
                "label!" => f.not_labels.push(label(v)),
                _ => bail!("invalid filter '{k}': prune filters on until and label"),
            }
            if k != "until" {
                f.label_specs.push(s.clone());
            }
        }
        Ok(f)
    }

    pub(crate) fn is_empty(&self) -> bool {
        self.until.is_none() && self.label_specs.is_empty()
    }

    fn matches(&self, created: Option<DateTime<Utc>>, labels: &BTreeMap<String, String>) -> bool {
        let has = |(k, val): &(String, Option<String>)| match labels.get(k) {
            Some(have) => val.as_ref().is_none_or(|x| x == have),
            None => false,
        };
        let old = match (self.until, created) {
            (Some(u), Some(c)) => c < u,
            (Some(_), None) => false,
            (None, _) => true,
        };
        old && self.labels.iter().all(has) && !self.not_labels.iter().any(has)
    }

    fn needs_labels(&self) -> bool {
        !self.label_specs.is_empty()
    }
}

/// What a prune removed.
#[derive(Debug, Default)]
pub(crate) struct Report {
    pub(crate) containers: Vec<String>,
    pub(crate) networks: Vec<String>,
    pub(crate) images: Vec<RemoveEvent>,
    pub(crate) volumes: Vec<String>,
    pub(crate) cache: Vec<String>,
    /// `system df`'s total before minus after.
    pub(crate) reclaimed: u64,
}

/// What `system prune` removes beyond the stopped containers and dangling images.
#[derive(Debug, Default)]
pub(crate) struct Options {
    /// Every image no container uses, and all build cache.
    pub(crate) all: bool,
    /// Anonymous volumes no container uses.
    pub(crate) volumes: bool,
    pub(crate) filters: Filters,
}

/// The stopped containers matching `filters`; returns their ids.
pub(crate) fn containers(paths: &Paths, filters: &Filters) -> Result<Vec<String>> {
    let mut out = Vec::new();
    for r in record::list(paths)? {
        let stopped = r.live_status() != record::Status::Running;
        if stopped
            && filters.matches(Some(r.created), &r.config.labels)
            && crm::remove(paths, &r.id, &crm::RemoveOptions::default()).is_ok()
        {
            out.push(r.id);
        }
    }
    Ok(out)
}

/// The images no container uses (only untagged ones unless `all`; build steps only with `all`,
/// they are the build cache's) matching `filters`.
pub(crate) fn images(paths: &Paths, all: bool, filters: &Filters) -> Result<Vec<RemoveEvent>> {
    let index = Index::read(paths)?;
    let steps: HashSet<_> = cache::entries(paths)?.into_iter().map(|e| e.1).collect();
    let used: HashSet<_> = record::list(paths)?
        .into_iter()
        .map(|r| r.image_id)
        .collect();
    let mut refs = Vec::new();
    for img in &index.images {
        let dangling = img.names.is_empty() && !steps.contains(&img.id);
        if used.contains(&img.id) || !(all || dangling) {
            continue;
        }
        let created = img.created.as_deref().and_then(parse_time);
        let labels = match filters.needs_labels() {
            true => read_config(paths, &img.id)
                .ok()
                .and_then(|c| c.config().clone())
                .and_then(|c| c.labels().clone())
                .map(|l| l.into_iter().collect())
                .unwrap_or_default(),
            false => BTreeMap::new(),
        };
        if !filters.matches(created, &labels) {
            continue;
        }
        match img.names.is_empty() {
            true => refs.push(img.id.to_string()),
            false => refs.extend(img.names.iter().cloned()),
        }
    }
    let users = |id: &_| container::users_of_image(paths, id);
    let mut events = Vec::new();
    for o in remove(paths, &refs, &RemoveOptions::default(), &users)? {
        // An image a container started using meanwhile is refused, and stays.
        events.extend(o.result.unwrap_or_default());
    }
    Ok(events)
}

/// `system prune`: containers, then the networks and images they held, volumes, build cache.
pub(crate) fn system(paths: &Paths, o: &Options) -> Result<Report> {
    let before = df::usage(paths)?.total();
    let mut r = Report {
        containers: containers(paths, &o.filters)?,
        ..Report::default()
    };
    r.networks = crate::engine::network::manage::prune(paths, |n| {
        o.filters.matches(Some(n.created), &n.labels)
    })?;
    r.images = images(paths, o.all, &o.filters)?;
    if o.volumes {
        let vf = volume::Filters::parse(&o.filters.label_specs)?;
        r.volumes = volume::remove::prune(paths, false, |v| vf.matches(v, false))?;
    }
    // The build cache has no creation times or labels to filter on: a filtered prune keeps it.
    if o.filters.is_empty() {
        let users = |id: &_| container::users_of_image(paths, id);
        r.cache = crate::engine::build::prune::prune(paths, o.all, &users)?.removed;
    }
    r.reclaimed = before.saturating_sub(df::usage(paths)?.total());
    Ok(r)
}

/// `image prune`.
pub(crate) fn image(paths: &Paths, all: bool, filters: &Filters) -> Result<Report> {
    let before = df::usage(paths)?.total();
    let images = images(paths, all, filters)?;
    Ok(Report {
        images,
        reclaimed: before.saturating_sub(df::usage(paths)?.total()),
        ..Report::default()
    })
}

/// `container prune`.
pub(crate) fn container(paths: &Paths, filters: &Filters) -> Result<Report> {
    let before = df::usage(paths)?.total();
    let containers = containers(paths, filters)?;
    Ok(Report {
        containers,
        reclaimed: before.saturating_sub(df::usage(paths)?.total()),
        ..Report::default()
    })
}

/// `volume prune`: the unused volumes (anonymous ones unless `all`) that `keep` keeps.
pub(crate) fn volumes(
    paths: &Paths,
    all: bool,
    keep: impl Fn(&volume::Volume) -> bool,
) -> Result<Report> {
    let before = df::usage(paths)?.total();
    let volumes = volume::remove::prune(paths, all, keep)?;
    Ok(Report {
        volumes,
        reclaimed: before.saturating_sub(df::usage(paths)?.total()),
        ..Report::default()
    })
}
