//! `kill -9` of skiff in the middle of `load`, at named fault points: a skiff process reaching
//! `SKIFF_FAULT_POINT` writes the file `SKIFF_FAULT_MARK` and sleeps, and the test kills it
//! there. Afterwards `images` works, the half-loaded image is not listed, the next `load`
//! succeeds, and the image runs.
use crate::isolated_with_busybox;
use crate::support::image::{busybox_plus, Image};
use crate::support::{kill_group, parse_table, wait_timeout};
use std::time::{Duration, Instant};

/// busybox plus a layer of its own, so the load has new blobs and a new layer to write even
/// though busybox is already in the store.
fn crash_image() -> Image {
    busybox_plus("crashme:latest", |t| {
        t.file("crash-layer-file", 0o644, b"written before the crash?\n");
    })
}

fn kill_at(point: &str) {
    let env = isolated_with_busybox();
    let archive = env.root.join("crashme.tar");
    crash_image().write_oci(&archive);
    let mark = env.root.join("fault.mark");
    let mut child = env
        .sk(["load", "-i", archive.to_str().unwrap()])
        .env("SKIFF_FAULT_POINT", point)
        .env("SKIFF_FAULT_MARK", &mark)
        .spawn();
    let deadline = Instant::now() + Duration::from_secs(30);
    while !mark.exists() {
        if let Some(st) = child.try_wait().expect("wait") {
            let out = child.wait_with_output().expect("output");
            panic!(
                "skiff load ended ({st}) without reaching fault point {point}\n--- stdout:\n{}\n--- stderr:\n{}",
                String::from_utf8_lossy(&out.stdout),
                String::from_utf8_lossy(&out.stderr)
            );
        }
        if Instant::now() > deadline {
            kill_group(child.id() as i32);
            let _ = child.wait();
            panic!("skiff load did not reach fault point {point} within 30 s");
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    // kill -9 of every process of that skiff (its own process group): whichever of them sleeps
    // at the fault point, nothing of the load goes on.
    kill_group(child.id() as i32);
    wait_timeout(&mut child, Duration::from_secs(10)).expect("skiff did not die on SIGKILL");

    let images = env.skiff(["images"]);
    let rows = parse_table(images.ok());
    assert!(
        rows.iter().any(|r| r["REPOSITORY"].ends_with("busybox")),
        "busybox survives\n{}",
        images.dump()
    );
    assert!(
        !rows.iter().any(|r| r["REPOSITORY"].ends_with("crashme")),
        "no half-loaded image is listed\n{}",
        images.dump()
    );

    env.load(&archive);
    let out = env.skiff(["run", "--rm", "crashme", "cat", "/crash-layer-file"]);
    assert_eq!(out.ok(), "written before the crash?\n", "{}", out.dump());
    let out = env.skiff(["run", "--rm", "busybox", "echo", "ok"]);
    assert_eq!(out.ok(), "ok\n", "{}", out.dump());
}

#[test]
fn kill_after_a_blob_is_written() {
    kill_at("load.blob-written");
}

#[test]
fn kill_after_a_layer_is_unpacked() {
    kill_at("load.layer-unpacked");
}

#[test]
fn kill_before_the_index_is_written() {
    kill_at("load.before-index");
}
