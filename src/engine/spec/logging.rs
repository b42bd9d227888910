//! How a container's output is kept and shown: `--log-driver`, `--log-opt` and `-a/--attach`,
//! typed once here and stored in `ContainerConfig` (old records, without these fields, read
//! as the defaults: k8s-file, no options, stdout and stderr attached).
use anyhow::{bail, Result};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::path::PathBuf;

/// `--log-driver`.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub(crate) enum LogDriver {
    /// podman's default: `TIME STREAM F|P TEXT` lines in ctr.log.
    #[default]
    K8sFile,
    /// Accepted as podman does, and written in the k8s-file format (the man page says so).
    JsonFile,
    /// No log: `logs` refuses, with Docker's message.
    None,
    /// podman's: the container's stdio is the caller's (no log; foreground only).
    Passthrough,
}

impl LogDriver {
    pub(crate) fn name(self) -> &'static str {
        match self {
            LogDriver::K8sFile => "k8s-file",
            LogDriver::JsonFile => "json-file",
            LogDriver::None => "none",
            LogDriver::Passthrough => "passthrough",
        }
    }

    /// Whether a log file is written.
    pub(crate) fn keeps_log(self) -> bool {
        matches!(self, LogDriver::K8sFile | LogDriver::JsonFile)
    }
}

/// Docker's text for `logs` on a container that keeps none.
pub(crate) const NO_READING: &str = "configured logging driver does not support reading";

/// `--log-driver` and `--log-opt` together.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub(crate) struct LogConfig {
    pub(crate) driver: LogDriver,
    /// `max-size`: rotate the log when it would grow past this many bytes (0: never).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) max_size: Option<u64>,
    /// `max-file`: how many files to keep in all, the current one included (Docker's default 1).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) max_file: Option<u32>,
    /// `path`: the log file, instead of ctr.log in the container's directory (absolute).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) path: Option<PathBuf>,
    /// `tag`: stored and shown by inspect (the k8s-file format has no field for it).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) tag: Option<String>,
    /// The options as given, for inspect's `HostConfig.LogConfig.Config`.
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    pub(crate) given: BTreeMap<String, String>,
}

impl LogConfig {
    /// Files kept in all (1 when unset: a full log is truncated, Docker's json-file rule).
    pub(crate) fn files(&self) -> u32 {
        self.max_file.unwrap_or(1).max(1)
    }
}

/// `--log-driver NAME` and `--log-opt KEY=VALUE...`.
pub(crate) fn log_config(driver: Option<&str>, opts: &[String]) -> Result<LogConfig> {
    let driver = match driver.unwrap_or("k8s-file") {
        "k8s-file" | "" => LogDriver::K8sFile,
        "json-file" => LogDriver::JsonFile,
        "none" => LogDriver::None,
        "passthrough" => LogDriver::Passthrough,
        "journald" => bail!(
            "the journald log driver needs the systemd journal (systemd-journald and its socket \
             /run/systemd/journal/socket), which this host does not run: use --log-driver k8s-file"
        ),
        other => {
            bail!("unknown log driver {other:?}: use k8s-file, json-file, none or passthrough")
        }
    };
    let mut c = LogConfig {
        driver,
        ..Default::default()
    };
    for o in opts {
        let Some((k, v)) = o.split_once('=') else {
            bail!("invalid --log-opt {o:?}: use KEY=VALUE (max-size, max-file, path, tag)");
        };
        match k {
            "max-size" => c.max_size = Some(super::parse::memory_bytes("--log-opt max-size", v)?),
            "max-file" => {
                let n = v.parse::<u32>().ok().filter(|n| *n > 0);
                let Some(n) = n else {
                    bail!("invalid --log-opt max-file={v:?}: use a number of files, 1 or more")
                };
                c.max_file = Some(n)
            }
            "path" => c.path = Some(absolute(v)?),
            "tag" => c.tag = Some(v.to_string()),
            _ => bail!("unknown --log-opt {k:?}: use max-size, max-file, path or tag"),
        }
        c.given.insert(k.to_string(), v.to_string());
    }
    if !driver.keeps_log() && !c.given.is_empty() {
        bail!(
            "--log-opt cannot be used with --log-driver {}: it keeps no log",
            driver.name()
        );
    }
    Ok(c)
}

/// `path=FILE`, made absolute against the current directory (the monitor runs elsewhere).
fn absolute(v: &str) -> Result<PathBuf> {
    if v.is_empty() {
        bail!("invalid --log-opt path=: name a file");
    }
    let p = PathBuf::from(v);
    if p.is_absolute() {
        return Ok(p);
    }
    Ok(std::env::current_dir()?.join(p))
}

/// `-a/--attach`: the streams a foreground run shows on the terminal (Docker's; every stream is
/// logged all the same). The default, none given, is stdout and stderr.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub(crate) struct Attach {
    pub(crate) stdin: bool,
    pub(crate) stdout: bool,
    pub(crate) stderr: bool,
}

impl Default for Attach {
    fn default() -> Attach {
        Attach {
            stdin: false,
            stdout: true,
            stderr: true,
        }
    }
}

impl Attach {
    /// Whether a foreground run gives the container our stdin: `-i` without `-a`, or `-a
    /// STDIN` named (Docker's: `-i -a STDOUT` keeps stdin away from the terminal).
    pub(crate) fn takes_stdin(&self, interactive: bool) -> bool {
        self.stdin || (interactive && *self == Attach::default())
    }

    /// Whether output stream `s` (0 stdout, 1 stderr) goes to the terminal.
    pub(crate) fn shows(&self, s: usize) -> bool {
        match s {
            0 => self.stdout,
            _ => self.stderr,
        }
    }
}

/// `-a STREAM...` (case-insensitive, Docker's names).
pub(crate) fn attach(streams: &[String]) -> Result<Attach> {
    if streams.is_empty() {
        return Ok(Attach::default());
    }
    let mut a = Attach {
        stdin: false,
        stdout: false,
        stderr: false,
    };
    for s in streams {
        match s.to_ascii_lowercase().as_str() {
            "stdin" => a.stdin = true,
            "stdout" => a.stdout = true,
            "stderr" => a.stderr = true,
            _ => bail!("invalid argument {s:?} for -a/--attach: use STDIN, STDOUT or STDERR"),
        }
    }
    Ok(a)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn log_options_parse_like_docker() {
        let c = log_config(None, &["max-size=10k".into(), "max-file=3".into()]).unwrap();
        assert_eq!(c.driver, LogDriver::K8sFile);
        assert_eq!(c.max_size, Some(10 << 10));
        assert_eq!(c.files(), 3);
        assert_eq!(c.given["max-size"], "10k");
        assert_eq!(
            log_config(Some("none"), &[]).unwrap().driver,
            LogDriver::None
        );
        assert!(log_config(Some("journald"), &[]).is_err());
        assert!(log_config(Some("syslog"), &[]).is_err());
        assert!(log_config(None, &["max-file=0".into()]).is_err());
        assert!(log_config(None, &["colour=red".into()]).is_err());
        assert!(log_config(Some("none"), &["max-size=1k".into()]).is_err());
        let a = attach(&["STDOUT".into()]).unwrap();
        assert!(a.shows(0) && !a.shows(1) && !a.stdin);
        assert!(attach(&["stdio".into()]).is_err());
        let v = serde_json::to_value(LogConfig::default()).unwrap();
        assert_eq!(v, serde_json::json!({"driver": "k8s-file"}));
    }
}
