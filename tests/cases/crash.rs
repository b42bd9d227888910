//! `kill -9` of skiff in the middle of `load` and `import`, at named fault points: a skiff
//! process reaching `SKIFF_FAULT_POINT` writes the file `SKIFF_FAULT_MARK` and waits, and the
//! test kills it there. Afterwards `images` works, the half-written image is not listed, the next
//! `load` (or `import`) succeeds and collects the killed one's temp files, and the image runs.
//!
//! The points, in order: `<verb>.before-lock` (everything spooled, unpacked and synced under temp
//! names, no lock taken yet), `<verb>.blob-written` (a blob renamed into `blobs/`),
//! `<verb>.layer-unpacked` (a layer renamed into `layers/`), `<verb>.before-index` (all in place
//! but `index.json`).
use crate::isolated_with_busybox;
use crate::support::image::{busybox_plus, Image, Tar};
use crate::support::{kill_group, parse_table, wait_timeout, Env};
use std::path::Path;
use std::time::{Duration, Instant};

/// busybox plus a layer of its own, so the load has new blobs and a new layer to write even
/// though busybox is already in the store.
fn crash_image() -> Image {
    busybox_plus("crashme:latest", |t| {
        t.file("crash-layer-file", 0o644, b"written before the crash?\n");
    })
}

/// The temp and trash entries (`.tmp-…`, `.trash-…`) in `blobs/sha256` and `layers/`.
fn leftovers(env: &Env) -> Vec<String> {
    let store = env.store();
    ["blobs/sha256", "layers"]
        .iter()
        .flat_map(|d| std::fs::read_dir(store.join(d)).expect("store dir"))
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with(".tmp-") || n.starts_with(".trash-"))
        .collect()
}

/// Runs `skiff ARGS` until it reaches fault point `point`, and kills it there. The killed
/// process's temp files are still there (else the checks after would prove nothing).
fn kill_at(env: &Env, args: &[&str], point: &str) {
    let mark = env.root.join("fault.mark");
    let _ = std::fs::remove_file(&mark);
    let mut child = env
        .sk(args)
        .env("SKIFF_FAULT_POINT", point)
        .env("SKIFF_FAULT_MARK", &mark)
        .spawn();
    let deadline = Instant::now() + Duration::from_secs(30);
    while !mark.exists() {
        if let Some(st) = child.try_wait().expect("wait") {
            let out = child.wait_with_output().expect("output");
            panic!(
                "skiff {args:?} ended ({st}) without reaching fault point {point}\n--- stdout:\n{}\n--- stderr:\n{}",
                String::from_utf8_lossy(&out.stdout),
                String::from_utf8_lossy(&out.stderr)
            );
        }
        if Instant::now() > deadline {
            kill_group(child.id() as i32);
            let _ = child.wait();
            panic!("skiff {args:?} did not reach fault point {point} within 30 s");
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    // kill -9 of every process of that skiff (its own process group): whichever of them waits
    // at the fault point, nothing of the write goes on.
    kill_group(child.id() as i32);
    wait_timeout(&mut child, Duration::from_secs(10)).expect("skiff did not die on SIGKILL");
    assert!(
        !leftovers(env).is_empty(),
        "skiff {args:?} killed at {point} left no temp files"
    );
}

/// `images` lists busybox and not `absent`.
fn listed_without(env: &Env, absent: &str) {
    let images = env.skiff(["images"]);
    let rows = parse_table(images.ok());
    assert!(
        rows.iter().any(|r| r["REPOSITORY"].ends_with("busybox")),
        "busybox survives\n{}",
        images.dump()
    );
    assert!(
        !rows.iter().any(|r| r["REPOSITORY"].ends_with(absent)),
        "no half-written image is listed\n{}",
        images.dump()
    );
}

fn kill_load_at(point: &str) {
    let env = isolated_with_busybox();
    let archive = env.root.join("crashme.tar");
    crash_image().write_oci(&archive);
    kill_at(&env, &["load", "-i", archive.to_str().unwrap()], point);
    listed_without(&env, "crashme");

    env.load(&archive);
    assert_eq!(
        leftovers(&env),
        Vec::<String>::new(),
        "collected by the next load"
    );
    let out = env.skiff(["run", "--rm", "crashme", "cat", "/crash-layer-file"]);
    assert_eq!(out.ok(), "written before the crash?\n", "{}", out.dump());
    let out = env.skiff(["run", "--rm", "busybox", "echo", "ok"]);
    assert_eq!(out.ok(), "ok\n", "{}", out.dump());
}

#[test]
fn kill_before_the_load_takes_the_lock() {
    kill_load_at("load.before-lock");
}

#[test]
fn kill_after_a_blob_is_written() {
    kill_load_at("load.blob-written");
}

#[test]
fn kill_after_a_layer_is_unpacked() {
    kill_load_at("load.layer-unpacked");
}

#[test]
fn kill_before_the_index_is_written() {
    kill_load_at("load.before-index");
}

/// A root file system of its own (a layer no image in the store has): busybox as `/bin/cat`.
fn crash_rootfs(path: &Path) {
    let busybox = std::fs::read("/bin/busybox").expect("/bin/busybox (busybox-static)");
    let tar = Tar::new()
        .dir("bin", 0o755)
        .file("bin/cat", 0o755, &busybox)
        .file("crash-file", 0o644, b"imported before the crash?\n")
        .finish();
    std::fs::write(path, tar).expect("write the rootfs tar");
}

fn kill_import_at(point: &str) {
    let env = isolated_with_busybox();
    let tarball = env.root.join("rootfs.tar");
    crash_rootfs(&tarball);
    let tarball = tarball.to_str().unwrap();
    kill_at(&env, &["import", tarball, "crashimp"], point);
    listed_without(&env, "crashimp");

    env.skiff(["import", tarball, "crashimp"]).ok();
    assert_eq!(
        leftovers(&env),
        Vec::<String>::new(),
        "collected by the next import"
    );
    let out = env.skiff(["run", "--rm", "crashimp", "/bin/cat", "/crash-file"]);
    assert_eq!(out.ok(), "imported before the crash?\n", "{}", out.dump());
}

#[test]
fn kill_an_import_before_it_takes_the_lock() {
    kill_import_at("import.before-lock");
}

#[test]
fn kill_an_import_after_its_layer_is_unpacked() {
    kill_import_at("import.layer-unpacked");
}

#[test]
fn kill_an_import_before_the_index_is_written() {
    kill_import_at("import.before-index");
}
