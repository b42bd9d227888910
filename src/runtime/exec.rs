//! The last step: find the command in the container's PATH and execve it, turning failures into
//! Docker's exit codes (127 not found, 126 cannot execute).
use crate::error::{CANNOT_EXEC, NOT_FOUND};
use nix::errno::Errno;
use nix::unistd::{access, AccessFlags};
use std::ffi::CString;
use std::os::unix::fs::PermissionsExt;
use std::path::Path;

/// A failure to exec, with the exit code Docker gives it.
pub(crate) struct ExecError {
    pub(crate) code: i32,
    pub(crate) msg: String,
}

const DEFAULT_PATH: &str = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";

/// The executable for `cmd`: as given when it has a `/`, else the first executable regular file
/// in `PATH` (Go's exec.LookPath, which is what Docker users see the messages of).
pub(crate) fn look_path(cmd: &str, env: &[String]) -> Result<String, ExecError> {
    if cmd.contains('/') {
        return Ok(cmd.to_string());
    }
    let path = env
        .iter()
        .find_map(|e| e.strip_prefix("PATH="))
        .unwrap_or(DEFAULT_PATH);
    let mut denied = None;
    for dir in path.split(':') {
        let dir = if dir.is_empty() { "." } else { dir };
        let p = format!("{dir}/{cmd}");
        let Ok(md) = std::fs::metadata(&p) else {
            continue;
        };
        if md.is_file() && md.permissions().mode() & 0o111 != 0 {
            return Ok(p);
        }
        denied.get_or_insert(p);
    }
    match denied {
        Some(p) => Ok(p),
        None => Err(ExecError {
            code: NOT_FOUND,
            msg: format!("exec: \"{cmd}\": executable file not found in $PATH"),
        }),
    }
}

/// Replaces the process image; returns only on failure.
pub(crate) fn exec(args: &[String], env: &[String]) -> ExecError {
    let Some(cmd) = args.first() else {
        return ExecError {
            code: crate::error::ENGINE,
            msg: "no command specified".into(),
        };
    };
    let path = match look_path(cmd, env) {
        Ok(p) => p,
        Err(e) => return e,
    };
    let cstr = |s: &str| CString::new(s.as_bytes()).unwrap_or_default();
    let c_path = cstr(&path);
    let c_args: Vec<CString> = args.iter().map(|a| cstr(a)).collect();
    let c_env: Vec<CString> = env.iter().map(|a| cstr(a)).collect();
    let err = nix::unistd::execve(&c_path, &c_args, &c_env).unwrap_err();
    let is_dir = Path::new(&path).is_dir();
    let (code, what) = match err {
        Errno::ENOENT if access(Path::new(&path), AccessFlags::F_OK).is_err() => {
            (NOT_FOUND, "no such file or directory".to_string())
        }
        // The file exists but its interpreter (#!) or loader does not.
        Errno::ENOENT => (
            NOT_FOUND,
            "no such file or directory (its interpreter is missing)".to_string(),
        ),
        Errno::EACCES if is_dir => (CANNOT_EXEC, "is a directory".to_string()),
        Errno::EACCES | Errno::EPERM => (CANNOT_EXEC, "permission denied".to_string()),
        Errno::ENOEXEC => (CANNOT_EXEC, "exec format error".to_string()),
        e => (CANNOT_EXEC, e.desc().to_lowercase()),
    };
    ExecError {
        code,
        msg: format!("exec: \"{path}\": {what}"),
    }
}
