//! What every verb needs, made once per command and handed to it: the global flags, the store's
//! paths and skiff's user namespace. The paths and the namespace are made on first use, so a
//! verb that needs neither (`completion`) pays nothing, and one that reads the store without the
//! namespace (`ps`, `images`) never creates or joins it.
use crate::runtime::userns::Mapping;
use crate::store::Paths;
use anyhow::{bail, Result};
use std::cell::OnceCell;
use std::path::PathBuf;

/// Flags that apply to every verb, given before or after it (podman's persistent flags). A new
/// one is one field here, marked `global = true`: clap parses it once for every verb, and the
/// context reads it where it applies (the store's location in `paths`, for example).
#[derive(clap::Args, Debug, Clone, Default)]
pub(crate) struct GlobalFlags {
    /// Where images, layers and containers are stored (default: $XDG_DATA_HOME/skiff)
    #[arg(long, global = true, value_name = "DIR", help_heading = GLOBAL)]
    pub(crate) root: Option<PathBuf>,
    /// Where volatile state is kept: mount points, sockets, pid files (default: $XDG_RUNTIME_DIR/skiff)
    #[arg(
        long,
        global = true,
        value_name = "DIR",
        help_heading = GLOBAL,
        long_help = "Where volatile state is kept: mount points, sockets, pid files. Default: \
$XDG_RUNTIME_DIR/skiff; without XDG_RUNTIME_DIR (su -, sudo -u, cron, ssh without logind), \
podman's rule: /run/user/UID/skiff when /run/user/UID exists and belongs to the user, else \
${TMPDIR:-/tmp}/skiff-run-UID (mode 0700, which must belong to the user)"
    )]
    pub(crate) runroot: Option<PathBuf>,
    /// The storage driver: overlay, the only one skiff has
    #[arg(long, global = true, value_name = "DRIVER", help_heading = GLOBAL)]
    pub(crate) storage_driver: Option<String>,
    /// Show messages of this level and above: trace, debug, info, warn (default), error, fatal, panic
    #[arg(long, global = true, value_name = "LEVEL", help_heading = GLOBAL, value_parser = LEVELS)]
    pub(crate) log_level: Option<String>,
    /// Redirect stdout to /dev/null
    #[arg(long, global = true, help_heading = GLOBAL)]
    pub(crate) noout: bool,
    // podman-remote's flags, and the OCI runtime's: refused with the reason (see `check`).
    #[arg(long, global = true, hide = true)]
    pub(crate) url: Option<String>,
    #[arg(long, global = true, hide = true)]
    pub(crate) remote: bool,
    #[arg(long, global = true, hide = true)]
    pub(crate) connection: Option<String>,
    #[arg(long, global = true, hide = true)]
    pub(crate) runtime: Option<String>,
}

const GLOBAL: &str = "Global options";

/// podman's (logrus') levels, least severe first.
const LEVELS: [&str; 8] = [
    "trace", "debug", "info", "warn", "warning", "error", "fatal", "panic",
];

impl GlobalFlags {
    /// Refuses what skiff cannot do, with the reason: a flag is never accepted and ignored.
    fn check(&self) -> Result<()> {
        if let Some(d) = self.storage_driver.as_deref() {
            if !matches!(d, "overlay" | "overlay2") {
                bail!("storage driver {d:?} is not supported: skiff stores layers with overlay only (--storage-driver overlay, or leave it out)");
            }
        }
        let remote = [
            ("--url", self.url.is_some()),
            ("--remote", self.remote),
            ("--connection", self.connection.is_some()),
        ];
        if let Some((flag, _)) = remote.iter().find(|(_, given)| *given) {
            bail!("{flag}: skiff is daemonless: there is no remote service to connect to; run skiff on the machine that should run the containers");
        }
        if let Some(r) = &self.runtime {
            bail!("--runtime {r}: skiff runs containers with its own built-in runtime (skiff), which cannot be replaced");
        }
        Ok(())
    }
}

pub(crate) struct Context {
    pub(crate) globals: GlobalFlags,
    paths: OnceCell<Paths>,
    mapping: OnceCell<Mapping>,
}

impl Context {
    /// The context of the command `matches`: the global flags checked and applied (the log
    /// level, `--noout`); the paths and the namespace wait for their first use.
    pub(crate) fn new(globals: GlobalFlags, matches: &clap::ArgMatches) -> Result<Context> {
        globals.check()?;
        if let Some(l) = &globals.log_level {
            let level = LEVELS.iter().position(|x| x == l).unwrap_or(3);
            // warn and warning are one level.
            super::output::report::set_level(if level > 3 { level - 1 } else { level });
        }
        // podman's --noout silences podman, not the containers it runs.
        if globals.noout && !relays_container_output(matches) {
            super::output::report::stdout_to_null()?;
        }
        Ok(Context {
            globals,
            paths: OnceCell::new(),
            mapping: OnceCell::new(),
        })
    }

    /// Where the store lives: `--root` and `--runroot`, else the XDG directories of the
    /// environment. The processes skiff starts (monitors, health checks) are handed these
    /// (`Paths::global_args`) rather than work them out again.
    pub(crate) fn paths(&self) -> Result<&Paths> {
        if let Some(p) = self.paths.get() {
            return Ok(p);
        }
        let g = &self.globals;
        let paths = Paths::resolve(g.root.as_deref(), g.runroot.as_deref())?;
        let debug = super::output::report::debug;
        debug(&format!("using graph root {}", paths.data.display()));
        debug(&format!("using run root {}", paths.run.display()));
        debug("using storage driver overlay");
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

/// Whether the command's standard output is a container's (`run` in the foreground, `start
/// -a`, `exec`, `attach`, `logs`), which `--noout` leaves alone.
fn relays_container_output(matches: &clap::ArgMatches) -> bool {
    let Some((mut verb, mut m)) = matches.subcommand() else {
        return false;
    };
    if let ("container", Some((v, sub))) = (verb, m.subcommand()) {
        (verb, m) = (v, sub);
    }
    let flag = |id: &str| m.try_get_one::<bool>(id).ok().flatten() == Some(&true);
    match verb {
        "run" => !flag("detach"),
        "start" => flag("attach"),
        "exec" => !flag("detach"),
        "attach" | "logs" => true,
        _ => false,
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
