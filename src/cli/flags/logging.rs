//! The logging flags `run` and `create` share: `--log-driver`, `--log-opt`, `-a/--attach`.
use crate::engine::spec::logging::{self, Attach, LogConfig};
use anyhow::Result;

#[derive(clap::Args, Debug, Clone)]
pub(crate) struct LogFlags {
    /// Attach to STDIN, STDOUT or STDERR (repeatable; every stream is logged all the same)
    #[arg(short = 'a', long = "attach", value_name = "STREAM")]
    pub(crate) attach: Vec<String>,
    /// Logging driver for the container (k8s-file, json-file, none, passthrough)
    #[arg(long = "log-driver", value_name = "DRIVER")]
    pub(crate) log_driver: Option<String>,
    /// Log driver options (max-size=SIZE, max-file=N, path=FILE, tag=TAG)
    #[arg(long = "log-opt", value_name = "KEY=VALUE")]
    pub(crate) log_opt: Vec<String>,
}

impl LogFlags {
    pub(crate) fn log(&self) -> Result<LogConfig> {
        logging::log_config(self.log_driver.as_deref(), &self.log_opt)
    }
    pub(crate) fn attach(&self) -> Result<Attach> {
        logging::attach(&self.attach)
    }
    /// `run -d` with `-a` (Docker's conflict) or the passthrough driver (podman's refusal),
    /// checked before anything is created.
    pub(crate) fn check_detached(&self) -> Result<()> {
        if !self.attach.is_empty() {
            anyhow::bail!("conflicting options: cannot specify both --attach and --detach");
        }
        if self.log()?.driver == logging::LogDriver::Passthrough {
            anyhow::bail!("{}", crate::engine::container::output::PASSTHROUGH_DETACHED);
        }
        Ok(())
    }
}
