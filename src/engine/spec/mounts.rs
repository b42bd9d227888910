//! A container's bind, volume and tmpfs mounts as OCI mounts. Docker's defaults: binds are
//! recursive (`rbind`) and `rprivate`; a tmpfs is `nosuid,nodev,noexec` with mode 1777. The
//! runtime resolves every destination inside the container's root.
use super::config::{Mount, MountKind, Tmpfs};
use anyhow::Result;
use oci_spec::runtime::MountBuilder;
use std::path::Path;

/// Where a mount's content comes from on the host, resolved by create.
pub(crate) enum Source<'a> {
    /// A directory (a bind's source, a volume's data dir or its `device`).
    Dir(&'a Path),
    /// A new file system per container (`--mount type=tmpfs`, a `type=tmpfs` volume): its type
    /// and options.
    Fs(&'a str, &'a [String]),
}

/// The OCI mount of `m`.
pub(crate) fn oci(m: &Mount, src: Source) -> Result<oci_spec::runtime::Mount> {
    let mut opts: Vec<String> = Vec::new();
    let (typ, source) = match src {
        Source::Dir(p) => {
            opts.push(if m.nonrecursive { "bind" } else { "rbind" }.into());
            opts.extend(m.flags.iter().cloned());
            opts.push(match m.propagation.as_str() {
                "" => "rprivate".into(),
                p => p.into(),
            });
            ("bind".to_string(), p.to_string_lossy().into_owned())
        }
        Source::Fs(typ, o) if m.kind == MountKind::Tmpfs || typ == "tmpfs" => {
            let mut options: Vec<String> = o.to_vec();
            options.extend(m.flags.iter().cloned());
            if let Some(s) = m.tmpfs_size {
                options.push(format!("size={s}"));
            }
            if let Some(mode) = m.tmpfs_mode {
                options.push(format!("mode={mode:o}"));
            }
            let t = Tmpfs {
                destination: m.destination.clone(),
                options,
            };
            let mut om = super::generate::tmpfs_mount(&t)?;
            if m.read_only {
                let mut o = om.options().clone().unwrap_or_default();
                o.push("ro".into());
                om.set_options(Some(o));
            }
            return Ok(om);
        }
        Source::Fs(typ, o) => {
            opts.extend(o.iter().cloned());
            opts.extend(m.flags.iter().cloned());
            (typ.to_string(), typ.to_string())
        }
    };
    if m.read_only {
        opts.push("ro".into());
    }
    Ok(MountBuilder::default()
        .destination(&m.destination)
        .typ(typ)
        .source(source)
        .options(opts)
        .build()?)
}

/// Mounts in the order they can be made: a parent's before its children's (Docker sorts by
/// the number of path components).
pub(crate) fn sorted(mounts: &[Mount]) -> Vec<&Mount> {
    let mut v: Vec<&Mount> = mounts.iter().collect();
    v.sort_by_key(|m| m.destination.split('/').filter(|c| !c.is_empty()).count());
    v
}
