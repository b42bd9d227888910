//! `attach` against a container's monitor: a client that reads slowly, clients that come and
//! go while the monitor is busy.
use crate::support::wait::{monitor_pids, quick, until, Cleanup, KillOnDrop};
use crate::{shared, unique_name};
use std::io::Read;
use std::time::Duration;

/// The output of a background skiff, read by a thread while `reading` is set.
struct Slow {
    text: std::sync::Arc<std::sync::Mutex<Vec<u8>>>,
    reading: std::sync::Arc<std::sync::atomic::AtomicBool>,
}

impl Slow {
    fn of(out: impl std::io::Read + Send + 'static) -> Slow {
        use std::sync::atomic::Ordering;
        let slow = Slow {
            text: Default::default(),
            reading: std::sync::Arc::new(true.into()),
        };
        let (text, reading) = (slow.text.clone(), slow.reading.clone());
        let mut out = out;
        std::thread::spawn(move || {
            let mut buf = vec![0u8; 64 * 1024];
            loop {
                if !reading.load(Ordering::SeqCst) {
                    std::thread::sleep(Duration::from_millis(10));
                    continue;
                }
                match out.read(&mut buf) {
                    Ok(0) | Err(_) => return,
                    Ok(n) => text.lock().unwrap().extend_from_slice(&buf[..n]),
                }
            }
        });
        slow
    }

    fn has(&self, what: &str) -> bool {
        let text = self.text.lock().unwrap();
        String::from_utf8_lossy(&text).contains(what)
    }

    #[track_caller]
    fn until_has(&self, what: &str) {
        until(what, Duration::from_secs(30), || match self.has(what) {
            true => Ok(()),
            false => Err(format!("{} bytes so far", self.text.lock().unwrap().len())),
        });
    }
}

#[test]
fn an_attach_that_reads_slowly_gets_all_the_output_then_detaches_and_comes_back() {
    // Before: the monitor wrote to attach clients without blocking and dropped one whose
    // socket was full for a moment (a client slowed by a loaded machine); closing it with its
    // input unread reset its connection. CI saw `run -it` fail so ("connection reset by
    // peer"). Here the client stops reading while the container writes 1.3 MB.
    use std::sync::atomic::Ordering;
    let env = shared();
    let name = unique_name("slowattach");
    let _c = Cleanup::names(env, &[&name]);
    let script = "until [ -e /tmp/go ]; do echo tick; sleep 0.2; done; seq 1 200000; \
                  echo end-of-output; while :; do echo tock; sleep 0.2; done";
    quick(
        env,
        ["run", "-d", "--name", &name, "busybox", "sh", "-c", script],
    )
    .ok();
    let mut attach = env.sk(["attach", &name]).spawn_with_stdin();
    let _a = KillOnDrop(attach.id() as i32);
    let out = Slow::of(attach.stdout.take().unwrap());
    out.until_has("tick\n");
    out.reading.store(false, Ordering::SeqCst);
    quick(env, ["exec", &name, "touch", "/tmp/go"]).ok();
    // The container writes on while the client reads nothing: until the log has it all (the
    // old monitor dropped the client on the way), or, as a monitor that holds the output back
    // for the client does, for a while.
    let t = std::time::Instant::now();
    while t.elapsed() < Duration::from_secs(3) {
        let tail = quick(env, ["logs", "--tail", "3", &name]);
        if tail.stdout.contains("end-of-output") || tail.stdout.contains("tock") {
            break;
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    out.reading.store(true, Ordering::SeqCst);
    out.until_has("end-of-output\n");
    let all: String = (1..=200000).map(|i| format!("{i}\n")).collect();
    assert!(
        out.has(&format!("tick\n{all}end-of-output\n")),
        "every line, in order"
    );
    assert!(
        attach.try_wait().unwrap().is_none(),
        "the client is still attached"
    );
    // The detach keys end it; attached again, the container's output comes on.
    use std::io::Write;
    attach
        .stdin
        .as_mut()
        .unwrap()
        .write_all(b"\x10\x11")
        .unwrap();
    let st = crate::support::wait_timeout(&mut attach, Duration::from_secs(20));
    assert_eq!(st.and_then(|s| s.code()), Some(0), "detached");
    let mut again = env.sk(["attach", "--no-stdin", &name]).spawn();
    let _b = KillOnDrop(again.id() as i32);
    let out = Slow::of(again.stdout.take().unwrap());
    out.until_has("tock\n");
    quick(env, ["kill", &name]).ok();
    let st = crate::support::wait_timeout(&mut again, Duration::from_secs(20));
    assert_eq!(st.and_then(|s| s.code()), Some(137), "the container's code");
}

/// Whether process `pid` has a connected unix socket (`skiff attach` connected to a monitor,
/// accepted or still in the listener's backlog).
fn connected(pid: u32) -> bool {
    let unix = std::fs::read_to_string("/proc/net/unix").unwrap_or_default();
    let Ok(fds) = std::fs::read_dir(format!("/proc/{pid}/fd")) else {
        return false;
    };
    fds.flatten().any(|fd| {
        let link = std::fs::read_link(fd.path()).unwrap_or_default();
        let link = link.to_string_lossy();
        let Some(inode) = link
            .strip_prefix("socket:[")
            .and_then(|l| l.strip_suffix(']'))
        else {
            return false;
        };
        // Num RefCount Protocol Flags Type St Inode [Path]: St 03 is connected.
        unix.lines().any(|l| {
            let f: Vec<&str> = l.split_whitespace().collect();
            f.len() >= 7 && f[6] == inode && f[5] == "03"
        })
    })
}

/// Resumes a stopped process when the test ends, also when it fails.
struct ContOnDrop(i32);

impl Drop for ContOnDrop {
    fn drop(&mut self) {
        // SAFETY: kill(2) on the monitor pid this test found and stopped.
        unsafe { libc::kill(self.0, libc::SIGCONT) };
    }
}

#[test]
fn an_attach_that_connects_as_another_leaves_and_output_comes_is_served() {
    // CI saw `attach` fail with "connection reset by peer" just after `run -it` detached. The
    // monitor, in one turn of its loop, found the container's output, the departed client's
    // hang-up and the new client: writing the output to the departed client dropped it, which
    // shifted the client indexes the loop went on to read by, and the read of index 0 in an
    // empty list panicked. The monitor died with the new connection in its listener's backlog,
    // and the kernel reset it. Here the monitor is stopped while that turn is set up.
    let env = shared();
    let name = unique_name("attachturn");
    let _c = Cleanup::names(env, &[&name]);
    let script = "while :; do if [ -e /tmp/go ]; then rm /tmp/go; echo out; fi; sleep 0.05; done";
    quick(
        env,
        ["run", "-d", "--name", &name, "busybox", "sh", "-c", script],
    )
    .ok();
    let id = env.container_id(&name);
    let first = env.sk(["attach", "--no-stdin", &name]).spawn();
    let _f = KillOnDrop(first.id() as i32);
    let mut first = first;
    let out = Slow::of(first.stdout.take().unwrap());
    quick(env, ["exec", &name, "touch", "/tmp/go"]).ok();
    out.until_has("out\n"); // served: the monitor accepted it
    let monitor = match monitor_pids(&id)[..] {
        [m] => m,
        ref other => panic!("one monitor of {id}: {other:?}"),
    };
    // SAFETY: kill(2) on the monitor of this test's own container.
    unsafe { libc::kill(monitor, libc::SIGSTOP) };
    let _m = ContOnDrop(monitor);
    // The first client leaves, the container writes, a second client connects.
    crate::support::kill_group(first.id() as i32);
    let _ = first.wait();
    quick(env, ["exec", &name, "touch", "/tmp/go"]).ok();
    until(
        "the container wrote",
        Duration::from_secs(20),
        || match quick(env, ["exec", &name, "test", "-e", "/tmp/go"]).code {
            1 => Ok(()),
            c => Err(format!("test -e: {c}")),
        },
    );
    let mut second = env.sk(["attach", "--no-stdin", &name]).spawn();
    let _s = KillOnDrop(second.id() as i32);
    until(
        "the second attach connected",
        Duration::from_secs(20),
        || match connected(second.id()) {
            true => Ok(()),
            false => Err("not yet".to_string()),
        },
    );
    // SAFETY: kill(2) on the monitor this test stopped.
    unsafe { libc::kill(monitor, libc::SIGCONT) };
    let out = Slow::of(second.stdout.take().unwrap());
    quick(env, ["exec", &name, "touch", "/tmp/go"]).ok();
    let ended = until("output or the end", Duration::from_secs(30), || {
        match (out.has("out\n"), second.try_wait().unwrap()) {
            (true, st) => Ok(st),
            (false, Some(st)) => Ok(Some(st)),
            (false, None) => Err("neither yet".to_string()),
        }
    });
    if let Some(st) = ended {
        let mut err = String::new();
        let _ = second.stderr.take().unwrap().read_to_string(&mut err);
        panic!(
            "the second client ended ({st}), monitor alive: {}\n{err}",
            crate::support::wait::alive(monitor)
        );
    }
    quick(env, ["kill", &name]).ok();
    let st = crate::support::wait_timeout(&mut second, Duration::from_secs(20));
    let mut err = String::new();
    let _ = second.stderr.take().unwrap().read_to_string(&mut err);
    assert_eq!(
        st.and_then(|s| s.code()),
        Some(137),
        "the container's code\n{err}"
    );
}
