//! A project as the store holds it: its containers, found by Docker Compose's labels (so
//! containers are the only record of a project, as with Docker: nothing else to keep in step).
use super::model::{Project, Service};
use super::plan::{HASH, NUMBER, ONEOFF, PROJECT, SERVICE};
use crate::engine::container::record::{self, Record, Status};
use crate::store::Paths;
use anyhow::Result;

/// One container of a project.
pub(crate) struct Member {
    pub(crate) record: Record,
    pub(crate) service: String,
    pub(crate) number: u32,
    pub(crate) hash: String,
    /// Made by `compose run` (not a service replica).
    pub(crate) oneoff: bool,
}

impl Member {
    pub(crate) fn running(&self) -> bool {
        self.record.live_status() == Status::Running
    }
}

/// The project's containers, by service then number.
pub(crate) fn members(paths: &Paths, project: &str) -> Result<Vec<Member>> {
    let mut out: Vec<Member> = record::list(paths)?
        .into_iter()
        .filter(|r| r.config.labels.get(PROJECT).map(String::as_str) == Some(project))
        .map(|record| {
            let l = &record.config.labels;
            Member {
                service: l.get(SERVICE).cloned().unwrap_or_default(),
                number: l.get(NUMBER).and_then(|n| n.parse().ok()).unwrap_or(0),
                hash: l.get(HASH).cloned().unwrap_or_default(),
                oneoff: l
                    .get(ONEOFF)
                    .is_some_and(|o| o.eq_ignore_ascii_case("true")),
                record,
            }
        })
        .collect();
    out.sort_by(|a, b| (&a.service, a.number).cmp(&(&b.service, b.number)));
    Ok(out)
}

/// Every project in the store with its containers' states (`compose ls`): name, running
/// count, total and the config files of its newest container.
pub(crate) struct ProjectSummary {
    pub(crate) name: String,
    pub(crate) running: usize,
    pub(crate) total: usize,
    pub(crate) config_files: String,
}

pub(crate) fn projects(paths: &Paths) -> Result<Vec<ProjectSummary>> {
    let mut out: Vec<ProjectSummary> = Vec::new();
    for r in record::list(paths)? {
        let Some(name) = r.config.labels.get(PROJECT) else {
            continue;
        };
        let files = r.config.labels.get(super::plan::CONFIG_FILES);
        let i = match out.iter().position(|p| &p.name == name) {
            Some(i) => i,
            None => {
                out.push(ProjectSummary {
                    name: name.clone(),
                    running: 0,
                    total: 0,
                    config_files: files.cloned().unwrap_or_default(),
                });
                out.len() - 1
            }
        };
        out[i].total += 1;
        out[i].running += usize::from(r.live_status() == Status::Running);
    }
    out.sort_by(|a, b| a.name.cmp(&b.name));
    Ok(out)
}

/// Fails on a service name the project does not have (Docker's "no such service").
pub(crate) fn check_services(p: &Project, services: &[String]) -> Result<()> {
    match services.iter().find(|s| !p.services.contains_key(*s)) {
        Some(s) => anyhow::bail!("no such service: {s}"),
        None => Ok(()),
    }
}

/// The project's containers of `services` (all when empty), one-off `run` containers left out:
/// what `compose stop`, `kill`, `ps` and the like act on.
pub(crate) fn select(paths: &Paths, p: &Project, services: &[String]) -> Result<Vec<Member>> {
    check_services(p, services)?;
    Ok(members(paths, &p.name)?
        .into_iter()
        .filter(|m| !m.oneoff && (services.is_empty() || services.contains(&m.service)))
        .collect())
}

/// The project's services of `services` (all when empty), by name: what `compose build`,
/// `pull` and `push` walk.
pub(crate) fn chosen<'a>(
    p: &'a Project,
    services: &[String],
) -> Result<Vec<(&'a String, &'a Service)>> {
    check_services(p, services)?;
    Ok(p.services
        .iter()
        .filter(|(n, _)| services.is_empty() || services.contains(n))
        .collect())
}
