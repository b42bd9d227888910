//! `system reset`: every container removed (a running one killed, its helpers released by the
//! removal, as `rm -f`), then the whole store (data and runtime dirs) deleted from inside the
//! user namespace, and the namespace's holder ended. Configuration (registries.conf, auth) is
//! the user's and stays.
use crate::engine::container::{record, remove as crm};
use crate::store::{self, Paths};
use anyhow::{bail, Context, Result};
use nix::sys::signal::{kill, Signal};
use nix::unistd::Pid;

/// Must run inside the user namespace; `holder` is its holder's pid, read before joining.
pub(crate) fn reset(paths: &Paths, holder: Option<i32>) -> Result<()> {
    for d in [&paths.data, &paths.run] {
        let home = std::env::var_os("HOME").map(std::path::PathBuf::from);
        if d.parent().is_none() || home.as_deref() == Some(d.as_path()) {
            bail!(
                "refusing to delete {}: it is not a store directory",
                d.display()
            );
        }
    }
    let o = crm::RemoveOptions {
        force: true,
        volumes: true,
        ..Default::default()
    };
    let mut failed = Vec::new();
    for r in record::list(paths).unwrap_or_default() {
        if let Err(e) = crm::remove(paths, &r.id, &o) {
            failed.push(format!("{}: {e:#}", r.name));
        }
    }
    for d in [&paths.data, &paths.run] {
        match store::remove_tree(d) {
            Err(e) if e.kind() != std::io::ErrorKind::NotFound => {
                return Err(e).with_context(|| format!("cannot delete {}", d.display()));
            }
            _ => {}
        }
    }
    if let Some(pid) = holder {
        let _ = kill(Pid::from_raw(pid), Signal::SIGKILL);
    }
    if !failed.is_empty() {
        bail!(
            "containers could not be removed first: {}",
            failed.join("; ")
        );
    }
    Ok(())
}
