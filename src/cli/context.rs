//! What every verb needs, made once per command and handed to it: the global flags, the store's
//! paths and skiff's user namespace. The paths and the namespace are made on first use, so a
//! verb that needs neither (`completion`) pays nothing, and one that reads the store without the
//! namespace (`ps`, `images`) never creates or joins it.
use crate::runtime::userns::Mapping;
use crate::store::Paths;
use anyhow::Result;
use std::cell::OnceCell;

/// Flags that apply to every verb, given before or after it (podman's persistent flags). A new
/// one is one field here, marked `global = true`: clap parses it once for every verb, and the
/// context reads it where it applies (the store's location in `paths`, for example).
#[derive(clap::Args, Debug, Clone, Default)]
pub(crate) struct GlobalFlags {}

pub(crate) struct Context {
    /// Read by the verbs a global flag applies to (none yet: the next issue adds `--root`...).
    #[allow(dead_code)]
    pub(crate) globals: GlobalFlags,
    paths: OnceCell<Paths>,
    mapping: OnceCell<Mapping>,
}

impl Context {
    pub(crate) fn new(globals: GlobalFlags) -> Context {
        Context {
            globals,
            paths: OnceCell::new(),
            mapping: OnceCell::new(),
        }
    }

    /// Where the store lives: the XDG directories of the environment.
    pub(crate) fn paths(&self) -> Result<&Paths> {
        if let Some(p) = self.paths.get() {
            return Ok(p);
        }
        let paths = Paths::from_env()?;
        Ok(self.paths.get_or_init(|| paths))
    }

    /// Joins skiff's user namespace (creating its holder if none is alive) the first time a verb
    /// asks: verbs that write subordinate-owned files, unpack layers or start containers need it.
    /// Call it before any thread exists: setns into a user namespace needs a single thread.
    pub(crate) fn userns(&self) -> Result<&Mapping> {
        if let Some(m) = self.mapping.get() {
            return Ok(m);
        }
        let mapping = join_userns(self.paths()?)?;
        Ok(self.mapping.get_or_init(|| mapping))
    }
}

/// Joins the user namespace (see `runtime::userns`), printing its one warning if any.
pub(crate) fn join_userns(paths: &Paths) -> Result<Mapping> {
    let entered = crate::runtime::userns::enter(paths)?;
    if let Some(w) = &entered.warning {
        super::output::report::warn(w);
    }
    Ok(entered.mapping)
}
