//! `system df` and the prunes (issue 16): sizes measured on disk agree with `du` inside the user
//! namespace, shared layers counted once; `system prune -a --volumes -f` empties the store and
//! its `Total reclaimed space` is what `df` lost; `image prune` and `container prune` remove
//! only what they should, with Docker's output.
use crate::isolated_with_busybox;
use crate::support::image::{busybox_plus, Image};
use crate::support::Env;
use serde_json::Value;

/// Docker's human sizes ("107.4MB", "8.192kB", "0B") as bytes.
fn bytes(s: &str) -> f64 {
    let s = s.split(' ').next().unwrap();
    let at = s.find(|c: char| c.is_ascii_alphabetic()).unwrap();
    let (n, unit) = s.split_at(at);
    let mult = match unit {
        "B" => 1.0,
        "kB" => 1e3,
        "MB" => 1e6,
        "GB" => 1e9,
        _ => panic!("unit {unit} in {s}"),
    };
    n.parse::<f64>().unwrap() * mult
}

/// `system df --format json`: each type's line.
fn df(env: &Env) -> Vec<Value> {
    let out = env.skiff(["system", "df", "--format", "json"]);
    let v: Vec<Value> = out
        .ok()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let kinds: Vec<&str> = v.iter().map(|l| l["Type"].as_str().unwrap()).collect();
    assert_eq!(
        kinds,
        ["Images", "Containers", "Local Volumes", "Build Cache"]
    );
    v
}

fn size(line: &Value) -> f64 {
    bytes(line["Size"].as_str().unwrap())
}

/// `du -sb` of the store's `glob` (relative), run inside the user namespace.
fn du(env: &Env, glob: &str) -> f64 {
    let script = format!("cd '{}' && du -scb {glob} | tail -1", env.store().display());
    let out = env.skiff(["unshare", "sh", "-c", &script]);
    out.ok().split_whitespace().next().unwrap().parse().unwrap()
}

fn near(got: f64, want: f64, what: &str) {
    assert!(
        (got - want).abs() <= want * 0.05,
        "{what}: system df says {got} bytes, du {want}"
    );
}

fn load(env: &Env, img: &Image, file: &str) {
    let path = env.root.join(file);
    img.write_oci(&path);
    env.load(&path);
}

/// An image of busybox plus a 300 kB layer.
fn big(name: &str) -> Image {
    busybox_plus(name, |t| {
        t.file("big", 0o644, &vec![7u8; 300_000]);
    })
}

/// Images sharing the busybox layer, a container's writes, a volume's data: each line of `df`
/// is within 5 % of `du` over the same trees, the shared layer counted once, and the
/// RECLAIMABLE column and `-v` tables are Docker's.
#[test]
fn df_sizes_match_du_and_count_shared_layers_once() {
    let env = isolated_with_busybox();
    load(&env, &big("big:1"), "big.tar");
    env.skiff(["tag", "busybox", "other:1"]).ok();
    env.skiff([
        "run", "--name", "writer", "-v", "vol:/data", "busybox", "sh", "-c",
        "dd if=/dev/zero of=/f bs=1k count=200 2>/dev/null; dd if=/dev/zero of=/data/v bs=1k count=50 2>/dev/null",
    ])
    .ok();
    let lines = df(&env);
    near(size(&lines[0]), du(&env, "layers/*/diff/*"), "images");
    near(
        size(&lines[1]),
        du(&env, "containers/*/upper/*"),
        "containers",
    );
    near(size(&lines[2]), du(&env, "volumes/*/_data/*"), "volumes");
    assert_eq!(
        lines[0]["TotalCount"], "2",
        "one image, two names: {lines:?}"
    );
    assert_eq!(lines[0]["Active"], "1");
    assert_eq!(lines[1]["TotalCount"], "1");
    assert_eq!(lines[1]["Active"], "0");
    assert!(lines[1]["Reclaimable"]
        .as_str()
        .unwrap()
        .ends_with("(100%)"));
    assert_eq!(lines[2]["Active"], "1", "the container uses its volume");
    // Only big's own layer is reclaimable: busybox's is used by the container's image.
    let reclaim = bytes(lines[0]["Reclaimable"].as_str().unwrap());
    assert!((290_000.0..400_000.0).contains(&reclaim), "{lines:?}");

    let out = env.skiff(["system", "df"]);
    let text = out.ok();
    assert!(
        text.starts_with("TYPE            TOTAL     ACTIVE    SIZE      RECLAIMABLE\nImages "),
        "{text}"
    );
    let out = env.skiff(["system", "df", "-v"]);
    let text = out.ok();
    for section in [
        "Images space usage:",
        "Containers space usage:",
        "Local Volumes space usage:",
        "Build cache usage: 0B",
    ] {
        assert!(text.contains(section), "{text}");
    }
    assert!(
        text.contains("SHARED SIZE   UNIQUE SIZE   CONTAINERS"),
        "{text}"
    );
    let out = env.skiff(["system", "df", "--format", "{{.Type}}={{.TotalCount}}"]);
    assert_eq!(
        out.ok(),
        "Images=2\nContainers=1\nLocal Volumes=1\nBuild Cache=0\n"
    );
}

/// `system prune -a --volumes -f` leaves nothing: no container, network, image, volume, blob or layer,
/// every df line 0B; the reclaimed space it prints is what `df` counted before.
#[test]
fn system_prune_all_volumes_empties_the_store_and_reports_what_df_lost() {
    let env = isolated_with_busybox();
    load(&env, &big("big:1"), "big.tar");
    env.skiff([
        "run", "-v", "/anon", "busybox", "sh", "-c",
        "dd if=/dev/zero of=/f bs=1k count=100 2>/dev/null; dd if=/dev/zero of=/anon/v bs=1k count=20 2>/dev/null",
    ])
    .ok();
    env.skiff(["create", "big:1", "true"]).ok();
    env.skiff(["network", "create", "unused-net"]).ok();
    let before: f64 = df(&env).iter().map(size).sum();
    let out = env.skiff(["system", "prune", "-a", "--volumes", "-f"]);
    let text = out.ok().to_string();
    for section in [
        "Deleted Containers:",
        "Deleted Networks:\nunused-net\n",
        "Deleted Volumes:",
        "Deleted Images:",
        "untagged: ",
        "deleted: sha256:",
    ] {
        assert!(text.contains(section), "{text}");
    }
    let total = text
        .lines()
        .find_map(|l| l.strip_prefix("Total reclaimed space: "))
        .unwrap_or_else(|| panic!("no total\n{text}"));
    near(bytes(total), before, "reclaimed");
    for l in df(&env) {
        assert_eq!(l["Size"], "0B", "{l}");
        assert_eq!(l["TotalCount"], "0", "{l}");
    }
    for verb in [
        &["ps", "-a", "-q"][..],
        &["images", "-a", "-q"],
        &["volume", "ls", "-q"],
        &["network", "ls", "-q"],
    ] {
        assert_eq!(env.skiff(verb).ok(), "", "{verb:?}");
    }
    for dir in ["layers", "blobs/sha256", "containers", "volumes"] {
        let left: Vec<_> = std::fs::read_dir(env.store().join(dir))
            .map(|d| d.flatten().map(|e| e.file_name()).collect())
            .unwrap_or_default();
        assert!(left.is_empty(), "{dir} still holds {left:?}");
    }
}

/// `image prune` removes the dangling image only (a tag moved away from it), keeps one a
/// container uses even when dangling, and `-a` then every image no container uses; `--filter
/// label=` narrows it.
#[test]
fn image_prune_removes_dangling_images_then_all_unused() {
    let env = isolated_with_busybox();
    let old = big("app:1");
    load(&env, &old, "old.tar");
    // A new app:1 leaves the old one dangling.
    load(
        &env,
        &busybox_plus("app:1", |t| {
            t.file("new", 0o644, b"new");
        }),
        "new.tar",
    );
    load(
        &env,
        &busybox_plus("keep:1", |t| {
            t.file("keep", 0o644, b"keep");
        }),
        "keep.tar",
    );
    env.skiff(["create", "--name", "user", "busybox", "true"])
        .ok();
    let out = env.skiff(["image", "prune", "-f"]);
    let text = out.ok();
    let head = format!(
        "Deleted Images:\ndeleted: {}\n\nTotal reclaimed space: ",
        old.id()
    );
    let total = text.strip_prefix(&head).unwrap_or_else(|| panic!("{text}"));
    let total = bytes(total.trim_end());
    assert!(
        (290_000.0..400_000.0).contains(&total),
        "its 300 kB layer: {text}"
    );
    let out = env.skiff(["image", "prune", "-a", "-f", "--filter", "label=nope"]);
    assert_eq!(out.ok(), "Total reclaimed space: 0B\n");
    let out = env.skiff(["image", "prune", "-a", "-f"]);
    let text = out.ok();
    assert!(
        text.contains("untagged: localhost/app:1") && text.contains("untagged: localhost/keep:1"),
        "{text}"
    );
    assert!(!text.contains("busybox"), "busybox has a container: {text}");
    let left = env.skiff(["images", "--format", "{{.Repository}}"]);
    assert_eq!(
        left.ok().trim_end().trim_start_matches("localhost/"),
        "busybox"
    );
    // Off a terminal without -f it refuses.
    env.skiff(["image", "prune"]).engine_error(&["-f"]);
}

/// `container prune --filter label=` removes the stopped containers with the label only, and
/// prints Docker's report.
#[test]
fn container_prune_filters_by_label() {
    let env = isolated_with_busybox();
    env.skiff(["create", "--name", "ca", "-l", "x=1", "busybox", "true"])
        .ok();
    env.skiff(["create", "--name", "cb", "busybox", "true"])
        .ok();
    let a = env.container_id("ca");
    let out = env.skiff(["container", "prune", "-f", "--filter", "label=x=1"]);
    assert_eq!(
        out.ok(),
        format!("Deleted Containers:\n{a}\n\nTotal reclaimed space: 0B\n")
    );
    assert_eq!(
        env.skiff(["ps", "-a", "--format", "{{.Names}}"]).ok(),
        "cb\n"
    );
    let out = env.skiff(["container", "prune", "-f", "--filter", "until=1h"]);
    assert_eq!(
        out.ok(),
        "Total reclaimed space: 0B\n",
        "cb is newer than an hour"
    );
}

/// `volume prune -a` reports what the removed volume's data took (before: always 0B).
#[test]
fn volume_prune_reports_the_space_it_reclaimed() {
    let env = isolated_with_busybox();
    env.skiff([
        "run",
        "--rm",
        "-v",
        "data:/d",
        "busybox",
        "sh",
        "-c",
        "dd if=/dev/zero of=/d/v bs=1k count=100 2>/dev/null",
    ])
    .ok();
    let out = env.skiff(["volume", "prune", "-a", "-f"]);
    let text = out.ok();
    let total = text
        .strip_prefix("Deleted Volumes:\ndata\n\nTotal reclaimed space: ")
        .unwrap_or_else(|| panic!("{text}"));
    near(bytes(total.trim_end()), 102_400.0, "reclaimed");
}
