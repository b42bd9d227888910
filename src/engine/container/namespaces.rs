//! The namespace modes of `--ipc`, `--uts` and `--pid` (Docker's names): a new namespace of the
//! container's own, the host's (no new namespace), or another container's, joined by path at
//! each start (its pid changes with each start, so config.json cannot carry the path).
//!
//! `resolve` (at create) fixes the defaults (`shareable` for ipc, `private` otherwise) and turns
//! another container's name into its id, so a rename of it changes nothing.
use super::record::{self, Record, Status};
use crate::engine::spec::config::{ContainerConfig, NsMode};
use crate::store::Paths;
use anyhow::Result;
use oci_spec::runtime::{LinuxNamespaceBuilder, LinuxNamespaceType, Spec};

/// The three modes of a config, with their namespace type and name in /proc/PID/ns.
fn modes(c: &ContainerConfig) -> [(&NsMode, LinuxNamespaceType, &'static str); 3] {
    let n = &c.namespaces;
    [
        (&n.ipc, LinuxNamespaceType::Ipc, "ipc"),
        (&n.uts, LinuxNamespaceType::Uts, "uts"),
        (&n.pid, LinuxNamespaceType::Pid, "pid"),
    ]
}

/// At create: the defaults made explicit, other containers named by id.
pub(crate) fn resolve(paths: &Paths, c: &mut ContainerConfig) -> Result<()> {
    let n = &mut c.namespaces;
    if n.pid == NsMode::Host {
        return Err(anyhow::Error::msg("--pid host is not supported yet: in a user namespace the host's pid namespace cannot get a /proc of its own; use --pid container:NAME or the default"));
    }
    for (mode, default) in [
        (&mut n.ipc, NsMode::Shareable),
        (&mut n.uts, NsMode::Private),
        (&mut n.pid, NsMode::Private),
    ] {
        match mode {
            NsMode::Default => *mode = default,
            NsMode::Container(key) => *key = record::find(paths, key)?.id,
            _ => {}
        }
    }
    if c.hostname.is_some() && c.namespaces.uts != NsMode::Private {
        // Docker's text: the host name belongs to the namespace the container does not own.
        return Err(anyhow::Error::msg(
            "conflicting options: hostname and the UTS mode",
        ));
    }
    Ok(())
}

/// The container's host name: `--hostname`, the host's with `--uts host`, the other
/// container's with `--uts container:NAME`, else the short id.
pub(crate) fn hostname(paths: &Paths, c: &ContainerConfig, id: &str) -> Result<String> {
    Ok(match &c.namespaces.uts {
        NsMode::Host => nix::unistd::gethostname()
            .map(|h| h.to_string_lossy().to_string())
            .map_err(|e| anyhow::Error::msg(format!("cannot read the host name: {e}")))?,
        NsMode::Container(key) => record::find(paths, key)?.hostname,
        _ => c.hostname.clone().unwrap_or_else(|| id[..12].to_string()),
    })
}

/// The running container `key` whose `kind` namespace `rec` joins, as `/proc/PID/ns/NAME`.
fn joined_path(paths: &Paths, key: &str, what: &str, ns: &str) -> Result<String> {
    let other = record::find(paths, key)?;
    if other.live_status() != Status::Running {
        return Err(anyhow::Error::msg(format!(
            "cannot join the {what} of container {}: it is not running; start it first",
            other.name
        )));
    }
    Ok(format!("/proc/{}/ns/{ns}", other.state.pid))
}

/// Puts `path` as the namespace of type `typ` in the spec, replacing a new one.
pub(crate) fn set_path(spec: &mut Spec, typ: LinuxNamespaceType, path: String) -> Result<()> {
    let ns = LinuxNamespaceBuilder::default()
        .typ(typ)
        .path(path)
        .build()?;
    let mut linux = spec.linux().clone().unwrap_or_default();
    let mut list = linux.namespaces().clone().unwrap_or_default();
    list.retain(|n| n.typ() != typ);
    list.push(ns);
    linux.set_namespaces(Some(list));
    spec.set_linux(Some(linux));
    Ok(())
}

/// At start: the ipc, uts and pid namespaces of other containers that `rec` joins.
pub(crate) fn join_spec(paths: &Paths, rec: &Record, spec: &mut Spec) -> Result<()> {
    for (mode, typ, name) in modes(&rec.config) {
        let NsMode::Container(id) = mode else {
            continue;
        };
        if typ == LinuxNamespaceType::Ipc {
            let other = record::find(paths, id)?;
            if other.config.namespaces.ipc == NsMode::Private {
                return Err(anyhow::Error::msg(format!("cannot join the ipc namespace of container {}: its ipc mode is private (create it with --ipc shareable)", other.name)));
            }
        }
        let what = format!("{name} namespace");
        let path = joined_path(paths, id, &what, name)?;
        set_path(spec, typ, path)?;
    }
    Ok(())
}
