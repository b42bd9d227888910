//! Bind mounts and tmpfs (issue 13): `-v ./dir:/path` relative to the working directory, `:ro`,
//! `--mount type=bind|tmpfs` with Docker's errors, `--read-only` with writable mounts, and the
//! hostile cases: a mount target that is a symlink in the image (to `/`, `/proc`, `../../..`)
//! lands inside the container's root, never on the host.
use crate::support::image::busybox_plus;
use crate::support::whoami;
use crate::{shared, unique_name};
use std::os::unix::fs::MetadataExt;

/// The seed example of the issue, twice: the file grows, and belongs to the user on the host.
#[test]
fn seed_example_bind_of_a_relative_dir_keeps_data_between_runs() {
    let env = shared();
    let dir = unique_name("mydata");
    let script = "echo Ran! >> /data/data.txt; cat /data/data.txt";
    let v = format!("./{dir}:/data");
    let first = env.skiff(["run", "--rm", "-v", &v, "busybox", "sh", "-c", script]);
    assert_eq!(first.ok(), "Ran!\n");
    let second = env.skiff(["run", "--rm", "-v", &v, "busybox", "sh", "-c", script]);
    assert_eq!(second.ok(), "Ran!\nRan!\n");
    let host = env.root.join(&dir).join("data.txt");
    let md = std::fs::metadata(&host).expect("the file is on the host, under the cwd");
    assert_eq!(md.uid(), whoami().1, "owned by the user on the host");
}

/// A `:ro` bind puts the container in a user namespace of its own (nested in skiff's, owning
/// its mount namespace): exec joins it last, after the namespaces skiff's own user namespace
/// owns (joined first, it took the privilege over those away: "cannot join the container's
/// namespaces: operation not permitted").
#[test]
fn exec_enters_a_container_with_a_read_only_bind() {
    let env = shared();
    let dir = unique_name("roexec");
    std::fs::create_dir(env.root.join(&dir)).unwrap();
    std::fs::write(env.root.join(&dir).join("f"), "from the host\n").unwrap();
    let v = format!("./{dir}:/r:ro");
    let name = unique_name("roexec");
    env.skiff([
        "run", "-d", "--name", &name, "-v", &v, "busybox", "sleep", "600",
    ])
    .ok();
    let out = env.skiff([
        "exec",
        &name,
        "sh",
        "-c",
        "cat /r/f; touch /r/x || echo refused",
    ]);
    assert_eq!(out.ok(), "from the host\nrefused\n");
    env.skiff(["rm", "-f", "-t", "0", &name]).ok();
}

#[test]
fn read_only_bind_refuses_writes_and_a_remount() {
    let env = shared();
    let dir = unique_name("robind");
    std::fs::create_dir(env.root.join(&dir)).unwrap();
    let v = format!("./{dir}:/r:ro");
    let out = env.skiff(["run", "--rm", "-v", &v, "busybox", "touch", "/r/x"]);
    assert_ne!(out.code, 0);
    assert!(
        out.stderr.contains("Read-only file system"),
        "{}",
        out.stderr
    );
    // remount,rw asks for the file system (refused in a user namespace); remount,bind,rw for
    // the mount's own flags, which the kernel locks in the container's user namespace.
    let script = "mount -o remount,rw /r; mount -o remount,bind,rw /r; touch /r/y; echo done";
    let out = env.skiff([
        "run",
        "--rm",
        "--privileged",
        "-v",
        &v,
        "busybox",
        "sh",
        "-c",
        script,
    ]);
    assert_eq!(out.ok(), "done\n");
    assert!(
        !env.root.join(&dir).join("y").exists(),
        "the remount made the bind writable"
    );
    assert!(!env.root.join(&dir).join("x").exists());
}

#[test]
fn mount_type_bind_needs_an_existing_source_resolved_from_the_cwd() {
    let env = shared();
    let missing = unique_name("nosuch");
    let spec = format!("type=bind,src=../../{missing},dst=/x");
    let out = env.skiff(["create", "--mount", &spec, "busybox"]);
    // The relative path is resolved as written, never further than it says.
    let want = env.root.parent().unwrap().parent().unwrap().join(&missing);
    out.engine_error(&["bind source path does not exist", &want.to_string_lossy()]);
    assert!(!want.exists(), "--mount must not create the source");
    let out = env.skiff(["create", "--mount", "type=bind,dst=/x", "busybox"]);
    out.engine_error(&["field Source must not be empty"]);
    let out = env.skiff(["create", "--mount", "type=volume,src=v1", "busybox"]);
    out.engine_error(&["target is required"]);
    let out = env.skiff([
        "create",
        "--mount",
        "type=bind,src=/tmp,dst=/x,volume-nocopy",
        "busybox",
    ]);
    out.engine_error(&["cannot mix 'volume-*' options with mount type 'bind'"]);
    let out = env.skiff(["create", "-v", "ab:relative", "busybox"]);
    out.engine_error(&["must be absolute"]);
    let out = env.skiff(["create", "-v", "/a:/b:O", "busybox"]);
    out.engine_error(&["not supported"]);
}

#[test]
fn tmpfs_mounts_are_tmpfs_with_their_size() {
    let env = shared();
    let name = unique_name("tmpfs");
    let out = env.skiff([
        "run",
        "--name",
        &name,
        "--tmpfs",
        "/scratch",
        "busybox",
        "sh",
        "-c",
        "grep ' /scratch ' /proc/mounts; ls /scratch; touch /scratch/left",
    ]);
    assert!(
        out.ok().starts_with("tmpfs /scratch tmpfs "),
        "{}",
        out.stdout
    );
    // A second start gets a new, empty tmpfs: what the first wrote is gone.
    let again = env.skiff(["start", "-a", &name]);
    assert!(!again.ok().contains("left"), "{}", again.stdout);
    env.skiff(["rm", &name]).ok();
    let out = env.skiff([
        "run",
        "--rm",
        "--mount",
        "type=tmpfs,destination=/s,tmpfs-size=1m",
        "busybox",
        "sh",
        "-c",
        "dd if=/dev/zero of=/s/f bs=1M count=2 2>&1; grep ' /s ' /proc/mounts",
    ]);
    assert!(
        out.stdout.contains("No space left on device"),
        "{}",
        out.stdout
    );
    assert!(out.stdout.contains("size=1024k"), "{}", out.stdout);
}

#[test]
fn read_only_root_keeps_volumes_and_tmpfs_writable() {
    let env = shared();
    let vol = unique_name("rovol");
    let v = format!("{vol}:/d");
    let out = env.skiff([
        "run",
        "--rm",
        "--read-only",
        "-v",
        &v,
        "--tmpfs",
        "/t",
        "busybox",
        "sh",
        "-c",
        "touch /d/a && touch /t/b && echo ok; touch /etc/c",
    ]);
    assert_eq!(out.stdout, "ok\n");
    assert!(
        out.stderr.contains("Read-only file system"),
        "{}",
        out.stderr
    );
    env.skiff(["volume", "rm", &vol]).ok();
}

/// An image whose mount targets are symlinks out of the root: the mounts land inside the
/// container's root (where the link points within it), and nothing is written on the host; a
/// link to `/` is refused.
#[test]
fn hostile_symlink_targets_stay_inside_the_container() {
    let env = shared();
    let img = unique_name("hostile-links").to_lowercase();
    let tar = env.root.join(format!("{img}.tar"));
    busybox_plus(&format!("{img}:latest"), |t| {
        t.symlink("data", "/");
        t.symlink("p", "/proc");
        t.symlink("up", "../../..");
        t.symlink("esc", "../../../tmp");
    })
    .write_oci(&tar);
    env.load(&tar);
    // A link to the root itself: a mount there would cover the whole root; refused.
    for target in ["/data", "/up"] {
        let vol = unique_name("hv");
        let v = format!("{vol}:{target}");
        let out = env.skiff(["run", "--rm", "-v", &v, &img, "true"]);
        out.engine_error(&[target, "root directory"]);
        env.skiff(["volume", "rm", &vol]).ok();
    }
    for (target, mark) in [("/p", "m2"), ("/esc", "m3")] {
        let mark = unique_name(mark);
        let vol = unique_name("hv");
        let v = format!("{vol}:{target}");
        let touch = format!("touch {target}/{mark}");
        env.skiff(["run", "--rm", "-v", &v, &img, "sh", "-c", &touch])
            .ok();
        for host in ["/", "/tmp", "/proc"] {
            assert!(
                !std::path::Path::new(host).join(&mark).exists(),
                "{target}: {mark} reached the host's {host}"
            );
        }
        assert!(!env.root.join(&mark).exists());
        let data = env
            .store()
            .join("volumes")
            .join(&vol)
            .join("_data")
            .join(&mark);
        assert!(
            data.exists(),
            "{target}: the write did not go into the volume"
        );
        env.skiff(["volume", "rm", &vol]).ok();
    }
}

/// `:rshared` (and `bind-propagation=`) is applied, not only accepted: the mount is a peer.
#[test]
fn bind_propagation_is_applied() {
    let env = shared();
    let dir = unique_name("prop");
    let v = format!("./{dir}:/p:rshared");
    let out = env.skiff([
        "run",
        "--rm",
        "-v",
        &v,
        "busybox",
        "grep",
        " /p ",
        "/proc/self/mountinfo",
    ]);
    assert!(out.ok().contains(" shared:"), "{}", out.stdout);
    let m = format!("type=bind,src=./{dir},dst=/p");
    let out = env.skiff([
        "run",
        "--rm",
        "--mount",
        &m,
        "busybox",
        "grep",
        " /p ",
        "/proc/self/mountinfo",
    ]);
    assert!(
        !out.ok().contains(" shared:"),
        "rprivate by default: {}",
        out.stdout
    );
}
