//! Errors that carry Docker's exit codes. Anything else that reaches the CLI exits 125.

/// Docker's exit code for an error of the engine itself (bad flag, unknown image, store trouble).
pub(crate) const ENGINE: i32 = 125;
/// The container's command exists but cannot be executed.
pub(crate) const CANNOT_EXEC: i32 = 126;
/// The container's command was not found.
pub(crate) const NOT_FOUND: i32 = 127;

/// An error with the exit code the CLI must return for it (callers branch on it: `exit_code`).
#[derive(Debug, thiserror::Error)]
#[error("{msg}")]
pub(crate) struct Coded {
    pub(crate) code: i32,
    pub(crate) msg: String,
}

/// An object the store does not hold: callers branch on it (`inspect` looks for an image next,
/// `rm --ignore` and `container exists` take it as an answer, not a failure).
#[derive(Debug, thiserror::Error)]
#[error("no such {kind}: {name}")]
pub(crate) struct NoSuch {
    pub(crate) kind: &'static str,
    pub(crate) name: String,
}

/// `NoSuch` container `name`, as an error.
pub(crate) fn no_such_container(name: &str) -> anyhow::Error {
    anyhow::Error::new(NoSuch {
        kind: "container",
        name: name.to_string(),
    })
}

/// True when `e` says an object is not there (a `NoSuch` anywhere in its chain).
pub(crate) fn is_no_such(e: &anyhow::Error) -> bool {
    e.chain().any(|c| c.is::<NoSuch>())
}

/// A container name another container holds: `run --replace` and compose branch on it.
#[derive(Debug, thiserror::Error)]
#[error("the container name \"{name}\" is already in use by container \"{holder}\": remove (skiff rm {name}) or rename that container to reuse the name")]
pub(crate) struct NameInUse {
    pub(crate) name: String,
    pub(crate) holder: String,
}

/// An `anyhow::Error` that exits with `code`.
pub(crate) fn coded(code: i32, msg: impl Into<String>) -> anyhow::Error {
    anyhow::Error::new(Coded {
        code,
        msg: msg.into(),
    })
}

/// The exit code for an error: the first `Coded` in its chain, else 125.
pub(crate) fn exit_code(e: &anyhow::Error) -> i32 {
    e.chain()
        .find_map(|c| c.downcast_ref::<Coded>().map(|c| c.code))
        .unwrap_or(ENGINE)
}

/// An error chain as one `a: b: c` line, with system errors in lowercase and without Rust's
/// "(os error N)" suffix (`not a directory`, as Docker and runc print them).
pub(crate) fn describe(e: &anyhow::Error) -> String {
    e.chain()
        .map(|c| {
            let errno = c
                .downcast_ref::<std::io::Error>()
                .and_then(std::io::Error::raw_os_error)
                .map(nix::errno::Errno::from_raw)
                .or_else(|| c.downcast_ref::<nix::errno::Errno>().copied());
            match errno {
                Some(n) => lower_first(n.desc()),
                None => c.to_string(),
            }
        })
        .collect::<Vec<_>>()
        .join(": ")
}

fn lower_first(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_lowercase().chain(c).collect(),
        None => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use anyhow::Context;

    #[test]
    fn system_errors_read_lowercase_without_the_os_error_suffix() {
        let io = std::io::Error::from_raw_os_error(libc::ENOTDIR);
        let e = Err::<(), _>(io).context("cannot chdir to /x").unwrap_err();
        assert_eq!(super::describe(&e), "cannot chdir to /x: not a directory");
        let n = Err::<(), _>(nix::errno::Errno::EINVAL)
            .context("cannot switch")
            .unwrap_err();
        assert_eq!(super::describe(&n), "cannot switch: invalid argument");
    }
}
