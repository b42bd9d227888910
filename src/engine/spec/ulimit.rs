//! `--ulimit NAME=SOFT[:HARD]` (Docker's names and syntax; -1 or podman's `unlimited` is
//! unlimited): process rlimits,
//! no cgroup needed. A rootless container may lower limits and raise a soft one up to its hard
//! one, never raise a hard limit above skiff's own: that is refused when the container is
//! created, not found out at its start.
use anyhow::{bail, Result};
use nix::sys::resource::{getrlimit, Resource};
use oci_spec::runtime::PosixRlimitType as T;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub(crate) struct Ulimit {
    pub(crate) name: String,
    /// -1: unlimited.
    pub(crate) soft: i64,
    pub(crate) hard: i64,
}

/// Docker's names, with the rlimit each sets.
const NAMES: [(&str, T, Resource); 16] = [
    ("as", T::RlimitAs, Resource::RLIMIT_AS),
    ("core", T::RlimitCore, Resource::RLIMIT_CORE),
    ("cpu", T::RlimitCpu, Resource::RLIMIT_CPU),
    ("data", T::RlimitData, Resource::RLIMIT_DATA),
    ("fsize", T::RlimitFsize, Resource::RLIMIT_FSIZE),
    ("locks", T::RlimitLocks, Resource::RLIMIT_LOCKS),
    ("memlock", T::RlimitMemlock, Resource::RLIMIT_MEMLOCK),
    ("msgqueue", T::RlimitMsgqueue, Resource::RLIMIT_MSGQUEUE),
    ("nice", T::RlimitNice, Resource::RLIMIT_NICE),
    ("nofile", T::RlimitNofile, Resource::RLIMIT_NOFILE),
    ("nproc", T::RlimitNproc, Resource::RLIMIT_NPROC),
    ("rss", T::RlimitRss, Resource::RLIMIT_RSS),
    ("rtprio", T::RlimitRtprio, Resource::RLIMIT_RTPRIO),
    ("rttime", T::RlimitRttime, Resource::RLIMIT_RTTIME),
    (
        "sigpending",
        T::RlimitSigpending,
        Resource::RLIMIT_SIGPENDING,
    ),
    ("stack", T::RlimitStack, Resource::RLIMIT_STACK),
];

/// Parses one `--ulimit` value and checks it against what this process may grant.
pub(crate) fn parse(s: &str) -> Result<Ulimit> {
    let bad =
        || anyhow::anyhow!("invalid --ulimit {s:?}: use NAME=SOFT[:HARD], e.g. nofile=1024:2048");
    let (name, values) = s.split_once('=').ok_or_else(bad)?;
    let Some((_, _, res)) = NAMES.iter().find(|(n, _, _)| *n == name) else {
        let names: Vec<&str> = NAMES.iter().map(|(n, _, _)| *n).collect();
        bail!(
            "invalid --ulimit {s:?}: unknown limit {name:?}; use one of {}",
            names.join(", ")
        );
    };
    let number = |v: &str| -> Result<i64> {
        match v.parse::<i64>() {
            _ if v == "unlimited" => Ok(-1),
            Ok(n) if n >= -1 => Ok(n),
            _ => Err(bad()),
        }
    };
    let (soft, hard) = match values.split_once(':') {
        Some((s, h)) => (number(s)?, number(h)?),
        None => (number(values)?, number(values)?),
    };
    let rank = |v: i64| if v < 0 { u64::MAX } else { v as u64 };
    if rank(soft) > rank(hard) {
        bail!("invalid --ulimit {s:?}: the soft limit {soft} is above the hard limit {hard}");
    }
    if let Ok((_, max)) = getrlimit(*res) {
        if rank(hard) > max {
            bail!(
                "--ulimit {s}: a rootless container cannot raise the hard {name} limit above \
                 skiff's own ({max}): ask for at most that, or raise it for your user (limits.conf)"
            );
        }
    }
    Ok(Ulimit {
        name: name.to_string(),
        soft,
        hard,
    })
}

impl Ulimit {
    /// The spec's rlimit type, and the values as the kernel takes them.
    pub(crate) fn rlimit(&self) -> Option<(T, u64, u64)> {
        let (_, typ, _) = NAMES.iter().find(|(n, _, _)| *n == self.name)?;
        let v = |x: i64| if x < 0 { u64::MAX } else { x as u64 };
        Some((*typ, v(self.soft), v(self.hard)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dockers_syntax_and_errors() {
        let u = parse("nofile=64:128").unwrap();
        assert_eq!((u.soft, u.hard), (64, 128));
        assert_eq!(parse("nproc=10").unwrap().hard, 10);
        assert!(parse("nofile").is_err());
        assert!(parse("bogus=1")
            .unwrap_err()
            .to_string()
            .contains("unknown limit"));
        assert!(parse("nofile=10:5")
            .unwrap_err()
            .to_string()
            .contains("above the hard"));
        assert!(parse("nofile=x").is_err());
        assert_eq!(parse("as=unlimited").unwrap().rlimit().unwrap().2, u64::MAX);
        let (_, max) = getrlimit(Resource::RLIMIT_NOFILE).unwrap();
        if max < u64::MAX / 2 {
            let err = parse(&format!("nofile={}", max + 1))
                .unwrap_err()
                .to_string();
            assert!(err.contains("cannot raise"), "{err}");
        }
        let rt = parse("rttime=-1").unwrap().rlimit().unwrap();
        assert_eq!((rt.0, rt.1, rt.2), (T::RlimitRttime, u64::MAX, u64::MAX));
    }
}
