//! Capabilities: the bounding set is cut first (it needs CAP_SETPCAP), then after the uid switch
//! the effective/permitted/inheritable/ambient sets are set as the spec says. For a non-root
//! user execve then clears the effective set, exactly as with Docker.
use anyhow::{Context, Result};
use caps::{CapSet, Capability};
use oci_spec::runtime::{Capabilities, LinuxCapabilities};
use std::collections::HashSet;
use std::str::FromStr;

type CapsSet = HashSet<Capability>;

fn convert(set: Option<&Capabilities>) -> CapsSet {
    set.into_iter()
        .flatten()
        .filter_map(|c| Capability::from_str(&format!("CAP_{c}")).ok())
        .collect()
}

/// The spec's sets in the caps crate's terms, computed before the fork so the child only applies.
/// Serializable: `exec` hands it to `skiff-enter` (see `tenant`).
#[derive(Clone, serde::Serialize, serde::Deserialize)]
pub(crate) struct Plan {
    bounding: CapsSet,
    effective: CapsSet,
    permitted: CapsSet,
    inheritable: CapsSet,
    ambient: CapsSet,
}

pub(crate) fn plan(c: &LinuxCapabilities) -> Plan {
    Plan {
        bounding: convert(c.bounding().as_ref()),
        effective: convert(c.effective().as_ref()),
        permitted: convert(c.permitted().as_ref()),
        inheritable: convert(c.inheritable().as_ref()),
        ambient: convert(c.ambient().as_ref()),
    }
}

/// Drops every capability outside the bounding set (before the uid switch).
pub(crate) fn drop_bounding(p: &Plan) -> Result<()> {
    for cap in caps::all() {
        if !p.bounding.contains(&cap) && caps::has_cap(None, CapSet::Bounding, cap).unwrap_or(false)
        {
            caps::drop(None, CapSet::Bounding, cap)
                .with_context(|| format!("cannot drop {cap}"))?;
        }
    }
    Ok(())
}

/// Sets the process's own sets (after the uid switch, with PR_SET_KEEPCAPS held).
pub(crate) fn apply(p: &Plan) -> Result<()> {
    // The kernel wants effective ⊆ permitted at every capset, so shrink effective first.
    caps::set(None, CapSet::Effective, &p.effective)
        .context("cannot set effective capabilities")?;
    caps::set(None, CapSet::Permitted, &p.permitted)
        .context("cannot set permitted capabilities")?;
    caps::set(None, CapSet::Inheritable, &p.inheritable)
        .context("cannot set inheritable capabilities")?;
    if !p.ambient.is_empty() {
        caps::set(None, CapSet::Ambient, &p.ambient).context("cannot set ambient capabilities")?;
    }
    Ok(())
}
