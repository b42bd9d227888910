//! Running commands with a timeout and capturing what they print.
use std::io::{Read, Write};
use std::os::unix::process::{CommandExt, ExitStatusExt};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

// ---------------------------------------------------------------------------------------------
// Running commands

/// What a finished command left: its output and its exit code (128+n when killed by signal n,
/// as a shell reports it).
#[derive(Debug, Clone)]
pub struct Out {
    pub stdout: String,
    pub stdout_bytes: Vec<u8>,
    pub stderr: String,
    pub code: i32,
    pub what: String,
}

impl Out {
    /// Panics with the whole output unless the command exited 0; returns stdout.
    #[track_caller]
    pub fn ok(&self) -> &str {
        assert_eq!(self.code, 0, "{} failed\n{}", self.what, self.dump());
        &self.stdout
    }
    /// Panics unless the command exited `code`.
    #[track_caller]
    pub fn code_is(&self, code: i32) -> &Self {
        assert_eq!(
            self.code,
            code,
            "{}: unexpected exit code\n{}",
            self.what,
            self.dump()
        );
        self
    }
    /// The non-empty lines of stderr.
    pub fn err_lines(&self) -> Vec<&str> {
        self.stderr
            .lines()
            .filter(|l| !l.trim().is_empty())
            .collect()
    }
    /// Asserts Docker's engine-error shape: exit 125, nothing on stdout, exactly one stderr line
    /// `error: <lowercase text>` that contains every one of `needles`.
    #[track_caller]
    pub fn engine_error(&self, needles: &[&str]) {
        self.code_is(125);
        let lines = self.err_lines();
        assert_eq!(
            lines.len(),
            1,
            "{}: want one error line\n{}",
            self.what,
            self.dump()
        );
        let line = lines[0];
        let rest = line.strip_prefix("error: ").unwrap_or_else(|| {
            panic!(
                "{}: error line must start with 'error: '\n{}",
                self.what,
                self.dump()
            )
        });
        assert!(
            rest.chars().next().is_some_and(|c| !c.is_uppercase()),
            "{}: error text must start lowercase\n{}",
            self.what,
            self.dump()
        );
        for n in needles {
            assert!(
                line.contains(n),
                "{}: error must mention {n:?}\n{}",
                self.what,
                self.dump()
            );
        }
    }
    pub fn dump(&self) -> String {
        format!(
            "--- command: {}\n--- exit code: {}\n--- stdout:\n{}\n--- stderr:\n{}",
            self.what, self.code, self.stdout, self.stderr
        )
    }
}

fn read_all(mut r: impl Read + Send + 'static) -> std::thread::JoinHandle<Vec<u8>> {
    std::thread::spawn(move || {
        let mut v = Vec::new();
        let _ = r.read_to_end(&mut v);
        v
    })
}

/// Runs `cmd` to completion with `stdin` (None: /dev/null) and a timeout; panics if it cannot
/// start or does not finish in time.
pub fn run_cmd(cmd: Command, stdin: Option<&[u8]>, timeout: Duration) -> Out {
    try_run(cmd, stdin, timeout).unwrap_or_else(|e| panic!("{e}"))
}

/// As `run_cmd`, but a command that cannot start or times out is an `Err` (for cleanup code,
/// which must not panic). The command gets its own process group so that a timeout kills
/// everything it started in the foreground.
pub fn try_run(mut cmd: Command, stdin: Option<&[u8]>, timeout: Duration) -> Result<Out, String> {
    let what = describe(&cmd);
    cmd.stdout(Stdio::piped()).stderr(Stdio::piped());
    cmd.stdin(if stdin.is_some() {
        Stdio::piped()
    } else {
        Stdio::null()
    });
    cmd.process_group(0);
    let mut child = cmd
        .spawn()
        .map_err(|e| format!("cannot start {what}: {e}"))?;
    let writer = match (stdin, child.stdin.take()) {
        (Some(data), Some(mut w)) => {
            let data = data.to_vec();
            // A thread, so a command that never reads stdin cannot deadlock the test.
            Some(std::thread::spawn(move || {
                let _ = w.write_all(&data);
            }))
        }
        _ => None,
    };
    let out = child.stdout.take().map(read_all);
    let err = child.stderr.take().map(read_all);
    let status = wait_timeout(&mut child, timeout);
    let stdout_bytes = out.and_then(|h| h.join().ok()).unwrap_or_default();
    let stderr = err.and_then(|h| h.join().ok()).unwrap_or_default();
    if let Some(w) = writer {
        let _ = w.join();
    }
    let stdout = String::from_utf8_lossy(&stdout_bytes).into_owned();
    let stderr = String::from_utf8_lossy(&stderr).into_owned();
    let Some(status) = status else {
        return Err(format!(
            "{what} did not finish within {timeout:?} and was killed\n--- stdout:\n{stdout}\n--- stderr:\n{stderr}"
        ));
    };
    let code = status
        .code()
        .unwrap_or_else(|| 128 + status.signal().unwrap_or(0));
    Ok(Out {
        stdout,
        stdout_bytes,
        stderr,
        code,
        what,
    })
}

/// Waits for `child`; on timeout kills its process group and returns None.
pub fn wait_timeout(child: &mut Child, timeout: Duration) -> Option<std::process::ExitStatus> {
    let deadline = Instant::now() + timeout;
    loop {
        if let Ok(Some(st)) = child.try_wait() {
            return Some(st);
        }
        if Instant::now() >= deadline {
            kill_group(child.id() as i32);
            let _ = child.wait();
            return None;
        }
        std::thread::sleep(Duration::from_millis(10));
    }
}

/// SIGKILLs a process group we started (its leader's pid is the group id).
pub fn kill_group(pgid: i32) {
    // SAFETY: kill(2) with a negative pid signals the process group this test created.
    unsafe { libc::kill(-pgid, libc::SIGKILL) };
}

fn describe(cmd: &Command) -> String {
    let mut s = cmd.get_program().to_string_lossy().into_owned();
    for a in cmd.get_args() {
        let a = a.to_string_lossy();
        if a.is_empty() || a.contains([' ', '\'', '"', '$']) {
            s.push_str(&format!(" '{}'", a.replace('\'', "'\\''")));
        } else {
            s.push(' ');
            s.push_str(&a);
        }
    }
    s
}
