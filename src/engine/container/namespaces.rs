//! The namespace modes of `--ipc`, `--uts` and `--pid` (Docker's names): a new namespace of the
//! container's own, the host's (no new namespace), or another container's, joined by path at
//! each start (its pid changes with each start, so config.json cannot carry the path).
//!
//! Records keep the resolved mode: `shareable`/`private`/`host`/`container:ID` for ipc,
//! `private`/`host`/`container:ID` for uts and pid (`private` also for records made before
//! these flags, whose fields are empty).
use super::record::{self, CreateOptions, Record, Status};
use crate::error::{coded, ENGINE};
use crate::store::Paths;
use anyhow::Result;
use oci_spec::runtime::{LinuxNamespaceBuilder, LinuxNamespaceType, Spec};

/// One namespace kind a flag chooses the mode of.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Ipc,
    Uts,
    Pid,
}

impl Kind {
    fn flag(self) -> &'static str {
        match self {
            Kind::Ipc => "--ipc",
            Kind::Uts => "--uts",
            Kind::Pid => "--pid",
        }
    }
    /// The name of the namespace in /proc/PID/ns and in messages.
    fn proc_name(self) -> &'static str {
        match self {
            Kind::Ipc => "ipc",
            Kind::Uts => "uts",
            Kind::Pid => "pid",
        }
    }
    fn oci(self) -> LinuxNamespaceType {
        match self {
            Kind::Ipc => LinuxNamespaceType::Ipc,
            Kind::Uts => LinuxNamespaceType::Uts,
            Kind::Pid => LinuxNamespaceType::Pid,
        }
    }
    fn value(self, o: &CreateOptions) -> &str {
        match self {
            Kind::Ipc => &o.ipc,
            Kind::Uts => &o.uts,
            Kind::Pid => &o.pid,
        }
    }
    fn default_mode(self) -> &'static str {
        // Docker's old default, podman's: another container may join it with container:NAME.
        match self {
            Kind::Ipc => "shareable",
            _ => "private",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Mode {
    /// A namespace of the container's own (`private`, or `shareable` for ipc).
    Own,
    Host,
    /// The namespace of the container with this id (or name, before `resolve`).
    Container(String),
}

/// The mode a flag's value (or a record's) names.
pub fn mode(kind: Kind, value: &str) -> Result<Mode> {
    Ok(match (kind, value) {
        (_, "" | "private") | (Kind::Ipc, "shareable") => Mode::Own,
        (_, "host") => Mode::Host,
        (_, v) => match v.strip_prefix("container:") {
            Some(c) if !c.is_empty() => Mode::Container(c.to_string()),
            _ => {
                let modes = match kind {
                    Kind::Ipc => "private, shareable, host or container:NAME",
                    Kind::Uts => "private, host or container:NAME",
                    Kind::Pid => "private or container:NAME",
                };
                return Err(coded(
                    ENGINE,
                    format!("invalid {} {v:?}: use {modes}", kind.flag()),
                ));
            }
        },
    })
}

/// At create: checks the flags and stores their resolved modes in `o` (names become ids, so a
/// rename of the other container changes nothing).
pub fn resolve(paths: &Paths, o: &mut CreateOptions) -> Result<()> {
    for kind in [Kind::Ipc, Kind::Uts, Kind::Pid] {
        let resolved = match mode(kind, kind.value(o))? {
            Mode::Own if kind.value(o).is_empty() => kind.default_mode().to_string(),
            Mode::Own => kind.value(o).to_string(),
            Mode::Host if kind == Kind::Pid => {
                return Err(coded(ENGINE, "--pid host is not supported yet: in a user namespace the host's pid namespace cannot get a /proc of its own; use --pid container:NAME or the default"));
            }
            Mode::Host => "host".into(),
            Mode::Container(key) => format!("container:{}", record::find(paths, &key)?.id),
        };
        match kind {
            Kind::Ipc => o.ipc = resolved,
            Kind::Uts => o.uts = resolved,
            Kind::Pid => o.pid = resolved,
        }
    }
    if o.hostname.is_some() && o.uts != "private" {
        // Docker's text: the host name belongs to the namespace the container does not own.
        return Err(coded(
            ENGINE,
            "conflicting options: hostname and the UTS mode",
        ));
    }
    Ok(())
}

/// True when the container has a uts namespace of its own (and so sets its host name).
pub fn own_uts(o: &CreateOptions) -> bool {
    matches!(mode(Kind::Uts, &o.uts), Ok(Mode::Own))
}

/// The container's host name: `--hostname`, the host's with `--uts host`, the other
/// container's with `--uts container:NAME`, else the short id.
pub fn hostname(paths: &Paths, o: &CreateOptions, id: &str) -> Result<String> {
    Ok(match mode(Kind::Uts, &o.uts)? {
        Mode::Own => o.hostname.clone().unwrap_or_else(|| id[..12].to_string()),
        Mode::Host => nix::unistd::gethostname()
            .map(|h| h.to_string_lossy().to_string())
            .map_err(|e| coded(ENGINE, format!("cannot read the host name: {e}")))?,
        Mode::Container(key) => record::find(paths, &key)?.hostname,
    })
}

/// The namespace types the spec creates anew (the host's are left out; another container's
/// are listed and get their path from `join_spec` at start).
pub fn new_namespaces(o: &CreateOptions) -> Result<Vec<LinuxNamespaceType>> {
    let mut out = Vec::new();
    for kind in [Kind::Pid, Kind::Ipc, Kind::Uts] {
        if mode(kind, kind.value(o))? != Mode::Host {
            out.push(kind.oci());
        }
    }
    Ok(out)
}

/// The running container `key` whose `kind` namespace `rec` joins, as `/proc/PID/ns/NAME`.
fn joined_path(paths: &Paths, key: &str, what: &str, ns: &str) -> Result<String> {
    let other = record::find(paths, key)?;
    if other.live_status() != Status::Running {
        return Err(coded(
            ENGINE,
            format!(
                "cannot join the {what} of container {}: it is not running; start it first",
                other.name
            ),
        ));
    }
    Ok(format!("/proc/{}/ns/{ns}", other.state.pid))
}

/// Puts `path` as the namespace of type `typ` in the spec, replacing a new one.
pub fn set_path(spec: &mut Spec, typ: LinuxNamespaceType, path: String) -> Result<()> {
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
pub fn join_spec(paths: &Paths, rec: &Record, spec: &mut Spec) -> Result<()> {
    for kind in [Kind::Ipc, Kind::Uts, Kind::Pid] {
        let Mode::Container(id) = mode(kind, kind.value(&rec.options))? else {
            continue;
        };
        if kind == Kind::Ipc {
            let other = record::find(paths, &id)?;
            if other.options.ipc == "private" {
                return Err(coded(ENGINE, format!("cannot join the ipc namespace of container {}: its ipc mode is private (create it with --ipc shareable)", other.name)));
            }
        }
        let what = format!("{} namespace", kind.proc_name());
        let path = joined_path(paths, &id, &what, kind.proc_name())?;
        set_path(spec, kind.oci(), path)?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn modes() {
        assert_eq!(mode(Kind::Ipc, "shareable").unwrap(), Mode::Own);
        assert_eq!(mode(Kind::Uts, "host").unwrap(), Mode::Host);
        assert_eq!(
            mode(Kind::Pid, "container:a").unwrap(),
            Mode::Container("a".into())
        );
        assert!(mode(Kind::Uts, "shareable").is_err());
        assert!(mode(Kind::Ipc, "container:").is_err());
        assert!(mode(Kind::Ipc, "bogus").is_err());
    }
}
