//! `cp`: files and tar streams between the host and running, stopped and created containers,
//! with Docker's path rules; container paths resolve inside the container's root.
use crate::support::{sub_ranges, whoami, Env};
use crate::{shared, unique_name};
use std::fs;
use std::io::Read;
use std::os::unix::fs::MetadataExt;

/// A running busybox container (removed by the caller with `rm -f`).
fn running(env: &Env) -> String {
    let name = unique_name("cp");
    env.skiff([
        "run",
        "-d",
        "--name",
        &name,
        "--network",
        "none",
        "busybox",
        "sleep",
        "1000",
    ])
    .ok();
    name
}

fn exec(env: &Env, ctr: &str, script: &str) -> String {
    env.skiff(["exec", ctr, "sh", "-c", script])
        .ok()
        .to_string()
}

/// A host directory for one test, under the store's root (removed with the environment).
fn host_dir(env: &Env) -> tempfile::TempDir {
    tempfile::tempdir_in(&env.root).unwrap()
}

#[test]
fn cp_copies_files_and_directories_both_ways_with_a_running_container() {
    let env = shared();
    let ctr = running(env);
    let host = host_dir(env);
    let h = host.path();
    fs::write(h.join("file"), "one\n").unwrap();
    fs::create_dir_all(h.join("tree/sub")).unwrap();
    fs::write(h.join("tree/sub/deep"), "deep\n").unwrap();
    std::os::unix::fs::symlink("sub/deep", h.join("tree/link")).unwrap();
    let p = |n: &str| h.join(n).to_string_lossy().into_owned();
    // A file into an existing directory keeps its name; a directory onto a missing path
    // becomes it.
    env.skiff(["cp", &p("file"), &format!("{ctr}:/tmp")]).ok();
    env.skiff(["cp", &p("tree"), &format!("{ctr}:/tmp/copied")])
        .ok();
    let seen = exec(
        env,
        &ctr,
        "cat /tmp/file /tmp/copied/sub/deep; readlink /tmp/copied/link; stat -c %u:%g /tmp/file",
    );
    assert_eq!(seen, "one\ndeep\nsub/deep\n0:0\n");
    // Into an existing directory: under the source's own name; `/.`: only the contents.
    env.skiff(["cp", &p("tree"), &format!("{ctr}:/tmp/copied")])
        .ok();
    env.skiff(["cp", &p("tree/."), &format!("{ctr}:/root")])
        .ok();
    let seen = exec(env, &ctr, "cat /tmp/copied/tree/sub/deep /root/sub/deep");
    assert_eq!(seen, "deep\ndeep\n");
    // Out: a directory, a file onto a new name, a file into a directory.
    env.skiff(["cp", &format!("{ctr}:/tmp/copied"), &p("out")])
        .ok();
    assert_eq!(
        fs::read_to_string(h.join("out/sub/deep")).unwrap(),
        "deep\n"
    );
    assert_eq!(
        fs::read_link(h.join("out/link")).unwrap().to_str(),
        Some("sub/deep")
    );
    env.skiff(["cp", &format!("{ctr}:/etc/passwd"), &p("pw")])
        .ok();
    assert!(fs::read_to_string(h.join("pw"))
        .unwrap()
        .starts_with("root:"));
    env.skiff(["cp", &format!("{ctr}:etc/group"), &p("out")])
        .ok();
    assert!(
        h.join("out/group").is_file(),
        "relative to the container's /"
    );
    // Files copied out belong to the user.
    assert_eq!(fs::metadata(h.join("pw")).unwrap().uid(), whoami().1);
    // A host symlink named as the source is copied as a link, or followed with -L.
    std::os::unix::fs::symlink("file", h.join("to-file")).unwrap();
    env.skiff(["cp", &p("to-file"), &format!("{ctr}:/tmp/as-link")])
        .ok();
    env.skiff(["cp", "-L", &p("to-file"), &format!("{ctr}:/tmp/followed")])
        .ok();
    let seen = exec(
        env,
        &ctr,
        "readlink /tmp/as-link; cat /tmp/followed; test -L /tmp/followed || echo plain",
    );
    assert_eq!(
        seen,
        "file
one
plain
"
    );
    env.skiff(["rm", "-f", &ctr]).ok();
}

#[test]
fn cp_works_with_created_and_stopped_containers() {
    let env = shared();
    let host = host_dir(env);
    let file = host.path().join("msg");
    fs::write(&file, "hello\n").unwrap();
    let created = unique_name("cp-created");
    env.skiff(["create", "--name", &created, "busybox", "cat", "/msg"])
        .ok();
    env.skiff(["cp", file.to_str().unwrap(), &format!("{created}:/msg")])
        .ok();
    let out = env.skiff(["start", "-a", &created]);
    assert_eq!(out.ok(), "hello\n");
    // Now stopped: in and out again, without starting it.
    env.skiff(["cp", file.to_str().unwrap(), &format!("{created}:/etc/")])
        .ok();
    let back = host.path().join("back");
    env.skiff(["cp", &format!("{created}:/etc/msg"), back.to_str().unwrap()])
        .ok();
    assert_eq!(fs::read_to_string(&back).unwrap(), "hello\n");
    let state = env.skiff(["inspect", "--format", "{{.State.Status}}", &created]);
    assert_eq!(state.ok().trim(), "exited");
    env.skiff(["rm", &created]).ok();
}

#[test]
fn cp_resolves_symlinks_inside_the_container_root() {
    let env = shared();
    let ctr = running(env);
    let host = host_dir(env);
    let h = host.path().to_string_lossy().into_owned();
    // The same directory exists in the container; symlinks point at it by an absolute path,
    // by `../..`, and at `/`: followed on the host, a copy would land in the host's directory.
    exec(
        env,
        &ctr,
        &format!("mkdir -p {h} && ln -s {h} /abs && ln -s ../../../../../../../..{h} /tmp/up && ln -s / /data"),
    );
    fs::write(host.path().join("src"), "payload\n").unwrap();
    let src = format!("{h}/src");
    env.skiff(["cp", &src, &format!("{ctr}:/abs/by-abs")]).ok();
    env.skiff(["cp", &src, &format!("{ctr}:/tmp/up/by-dotdot")])
        .ok();
    env.skiff(["cp", &src, &format!("{ctr}:/data{h}/by-root")])
        .ok();
    for n in ["by-abs", "by-dotdot", "by-root"] {
        assert!(
            !host.path().join(n).exists(),
            "cp wrote {n} on the host, outside the container"
        );
        assert_eq!(exec(env, &ctr, &format!("cat {h}/{n}")), "payload\n");
    }
    // Out through `/data -> /`: the container's file, not the host's.
    exec(env, &ctr, "echo inside > /marker");
    let out = host.path().join("marker");
    env.skiff(["cp", &format!("{ctr}:/data/marker"), out.to_str().unwrap()])
        .ok();
    assert_eq!(fs::read_to_string(&out).unwrap(), "inside\n");
    // A source symlink is copied as a link, or followed with -L (inside the container).
    let link = host.path().join("link");
    env.skiff(["cp", &format!("{ctr}:/data"), link.to_str().unwrap()])
        .ok();
    assert_eq!(fs::read_link(&link).unwrap().to_str(), Some("/"));
    let followed = host.path().join("followed");
    env.skiff([
        "cp",
        "-L",
        &format!("{ctr}:/abs"),
        followed.to_str().unwrap(),
    ])
    .ok();
    assert!(followed.join("by-abs").is_file());
    env.skiff(["rm", "-f", &ctr]).ok();
}

#[test]
fn cp_into_a_stopped_container_through_a_symlink_to_root_stays_inside() {
    let env = shared();
    let ctr = unique_name("cp-hostile");
    let host = host_dir(env);
    let h = host.path().to_string_lossy().into_owned();
    env.skiff([
        "run",
        "--name",
        &ctr,
        "--network",
        "none",
        "busybox",
        "sh",
        "-c",
        &format!("mkdir -p {h} && ln -s / /data"),
    ])
    .ok();
    fs::write(host.path().join("src"), "x\n").unwrap();
    env.skiff([
        "cp",
        &format!("{h}/src"),
        &format!("{ctr}:/data{h}/planted"),
    ])
    .ok();
    assert!(!host.path().join("planted").exists(), "written on the host");
    let back = host.path().join("back");
    env.skiff(["cp", &format!("{ctr}:{h}/planted"), back.to_str().unwrap()])
        .ok();
    assert_eq!(fs::read_to_string(back).unwrap(), "x\n");
    env.skiff(["rm", &ctr]).ok();
}

/// A tar with `dir/` and `dir/f` (content `data`) owned by 1234:4321.
fn small_tar() -> Vec<u8> {
    let mut b = tar::Builder::new(Vec::new());
    let mut h = tar::Header::new_gnu();
    h.set_entry_type(tar::EntryType::Directory);
    h.set_mode(0o755);
    h.set_uid(1234);
    h.set_gid(4321);
    h.set_size(0);
    b.append_data(&mut h, "dir/", std::io::empty()).unwrap();
    let mut h = tar::Header::new_gnu();
    h.set_mode(0o640);
    h.set_uid(1234);
    h.set_gid(4321);
    h.set_size(4);
    b.append_data(&mut h, "dir/f", &b"data"[..]).unwrap();
    b.into_inner().unwrap()
}

#[test]
fn cp_reads_and_writes_tar_streams_and_keeps_owners_with_archive() {
    let env = shared();
    let ctr = running(env);
    env.sk(["cp", "-", &format!("{ctr}:/tmp")])
        .stdin(small_tar())
        .run()
        .ok();
    env.sk(["cp", "-a", "-", &format!("{ctr}:/root")])
        .stdin(small_tar())
        .run()
        .ok();
    let seen = exec(
        env,
        &ctr,
        "cat /tmp/dir/f; echo; stat -c '%u:%g %a' /tmp/dir/f /root/dir/f /root/dir",
    );
    assert_eq!(seen, "data\n0:0 640\n1234:4321 640\n1234:4321 755\n");
    // Out as a stream: the entries under the source's name, owners as the container has them.
    let out = env.skiff(["cp", &format!("{ctr}:/root/dir"), "-"]);
    out.ok();
    let mut ar = tar::Archive::new(&out.stdout_bytes[..]);
    let mut seen = Vec::new();
    for e in ar.entries().unwrap() {
        let mut e = e.unwrap();
        let mut body = String::new();
        e.read_to_string(&mut body).unwrap();
        let path = e.path().unwrap().to_string_lossy().into_owned();
        seen.push((path, e.header().uid().unwrap(), body));
    }
    assert_eq!(
        seen,
        [
            ("dir/".to_string(), 1234, String::new()),
            ("dir/f".to_string(), 1234, "data".to_string()),
        ]
    );
    // -a out: the container's owner as the matching subordinate id on the host.
    let host = host_dir(env);
    let kept = host.path().join("kept");
    env.skiff([
        "cp",
        "-a",
        &format!("{ctr}:/root/dir/f"),
        kept.to_str().unwrap(),
    ])
    .ok();
    let ((uid_start, _), (gid_start, _)) = sub_ranges();
    let md = fs::metadata(&kept).unwrap();
    assert_eq!((md.uid(), md.gid()), (uid_start + 1233, gid_start + 4320));
    env.skiff(["unshare", "rm", "-f", kept.to_str().unwrap()])
        .ok();
    env.skiff(["rm", "-f", &ctr]).ok();
}

#[test]
fn cp_errors_say_what_is_wrong_and_exit_1() {
    let env = shared();
    let ctr = running(env);
    let host = host_dir(env);
    let h = |n: &str| host.path().join(n).to_string_lossy().into_owned();
    fs::create_dir(h("adir")).unwrap();
    let check = |args: &[&str], want: &str| {
        let out = env.skiff(args);
        assert_eq!(out.code, 1, "{}", out.dump());
        let err = out.err_lines().join("\n");
        assert!(
            err.starts_with("error: ") && err.contains(want),
            "{want}: {}",
            out.dump()
        );
    };
    check(
        &["cp", &format!("{ctr}:/nope"), &h("x")],
        &format!("could not find the file /nope in container {ctr}"),
    );
    check(
        &["cp", &h("missing"), &format!("{ctr}:/tmp")],
        "no such file or directory",
    );
    check(
        &["cp", &h("adir"), &h("other")],
        "must specify at least one container",
    );
    check(
        &["cp", &h("adir"), &format!("{ctr}:/etc/passwd")],
        "cannot copy a directory onto the file /etc/passwd",
    );
    check(
        &["cp", &h("adir"), &format!("{ctr}:/no/such/dir")],
        "could not find the file /no/such",
    );
    check(
        &["cp", &format!("{ctr}:/etc/passwd"), &format!("{ctr}:/tmp")],
        "between containers",
    );
    check(
        &["cp", "-", &format!("{ctr}:/etc/passwd")],
        "must be a directory",
    );
    check(
        &["cp", &format!("{ctr}:/x"), &format!("nosuch{}:/x", ctr)],
        "between containers",
    );
    check(
        &["cp", &h("adir"), "no-such-container-h4:/x"],
        "no such container",
    );
    env.skiff(["rm", "-f", &ctr]).ok();
}
