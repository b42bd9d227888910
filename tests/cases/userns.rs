//! `--userns=keep-id[:uid=,gid=]`, `--uidmap`, `--gidmap` (podman's): a user namespace of the
//! container's own, and the owners its files get on the host.
use crate::support::{whoami, Env};
use crate::{shared, unique_name};
use std::fs;
use std::io::Read;
use std::os::unix::fs::MetadataExt;

fn host_dir(env: &Env) -> tempfile::TempDir {
    tempfile::tempdir_in(&env.root).unwrap()
}

#[test]
fn keep_id_runs_as_the_user_whose_files_stay_the_users() {
    let env = shared();
    let (name, uid, gid) = whoami();
    let ctr = unique_name("keepid");
    let out = env.skiff([
        "run", "--name", &ctr, "--network", "none", "--userns=keep-id", "busybox", "sh", "-c",
        "id -u; id -g; touch /tmp/made; stat -c %u:%g /bin/busybox /; grep \"^$(id -un):\" /etc/passwd | cut -d: -f3",
    ]);
    assert_eq!(
        out.ok(),
        format!("{uid}\n{gid}\n0:0\n0:0\n{uid}\n"),
        "user {name}: {}",
        out.dump()
    );
    // What the container's user wrote belongs to the user on the host: in its upper dir, and
    // copied out with -a, which keeps the owner.
    let id = env.container_id(&ctr);
    let upper = env
        .store()
        .join("containers")
        .join(id)
        .join("upper/tmp/made");
    let md = fs::metadata(&upper).unwrap();
    assert_eq!((md.uid(), md.gid()), (uid, gid), "{}", upper.display());
    let host = host_dir(env);
    let made = host.path().join("made");
    env.skiff([
        "cp",
        "-a",
        &format!("{ctr}:/tmp/made"),
        made.to_str().unwrap(),
    ])
    .ok();
    let md = fs::metadata(&made).unwrap();
    assert_eq!((md.uid(), md.gid()), (uid, gid));
    // The archives of the container record its own ids.
    let tar = env.skiff(["export", &ctr]);
    tar.ok();
    let mut owners = Vec::new();
    for e in tar::Archive::new(&tar.stdout_bytes[..]).entries().unwrap() {
        let mut e = e.unwrap();
        let p = e.path().unwrap().to_string_lossy().into_owned();
        if p == "tmp/made" || p == "bin/busybox" {
            owners.push((p, e.header().uid().unwrap()));
        }
        std::io::copy(&mut e, &mut std::io::sink()).unwrap();
    }
    owners.sort();
    assert_eq!(
        owners,
        [
            ("bin/busybox".into(), 0),
            ("tmp/made".into(), u64::from(uid))
        ]
    );
    // A file copied in without -a is the container's root's.
    let file = host.path().join("in");
    fs::write(&file, "x").unwrap();
    env.skiff(["cp", file.to_str().unwrap(), &format!("{ctr}:/in")])
        .ok();
    let out = env.skiff(["cp", &format!("{ctr}:/in"), "-"]);
    out.ok();
    let mut ar = tar::Archive::new(&out.stdout_bytes[..]);
    let e = ar.entries().unwrap().next().unwrap().unwrap();
    assert_eq!(
        (e.header().uid().unwrap(), e.header().gid().unwrap()),
        (0, 0)
    );
    drop(e);
    let mode = env.skiff(["inspect", "--format", "{{.HostConfig.UsernsMode}}", &ctr]);
    assert_eq!(mode.ok().trim(), "keep-id");
    env.skiff(["rm", &ctr]).ok();
}

#[test]
fn keep_id_takes_other_ids_and_exec_joins_the_namespace() {
    let env = shared();
    let (_, uid, _) = whoami();
    let ctr = unique_name("keepid-uid");
    env.skiff([
        "run",
        "-d",
        "--name",
        &ctr,
        "--network",
        "none",
        "--userns=keep-id:uid=200,gid=300",
        "busybox",
        "sleep",
        "1000",
    ])
    .ok();
    let out = env.skiff([
        "exec",
        &ctr,
        "sh",
        "-c",
        "id -u; id -g; touch /tmp/t; cat /proc/self/uid_map",
    ]);
    let text = out.ok();
    assert!(text.starts_with("200\n300\n"), "{}", out.dump());
    let maps: Vec<Vec<u32>> = text
        .lines()
        .skip(2)
        .map(|l| l.split_whitespace().map(|n| n.parse().unwrap()).collect())
        .collect();
    assert!(maps.contains(&vec![200, 0, 1]), "200 is the user: {maps:?}");
    let host = host_dir(env);
    let t = host.path().join("t");
    env.skiff(["cp", "-a", &format!("{ctr}:/tmp/t"), t.to_str().unwrap()])
        .ok();
    assert_eq!(fs::metadata(&t).unwrap().uid(), uid);
    // A tar stream out has the container's ids.
    let out = env.skiff(["cp", &format!("{ctr}:/tmp/t"), "-"]);
    out.ok();
    let mut ar = tar::Archive::new(&out.stdout_bytes[..]);
    let mut e = ar.entries().unwrap().next().unwrap().unwrap();
    assert_eq!(e.header().uid().unwrap(), 200);
    e.read_to_end(&mut Vec::new()).unwrap();
    env.skiff(["rm", "-f", &ctr]).ok();
}

#[test]
fn uidmap_maps_the_container_ids_as_given() {
    let env = shared();
    let out = env.skiff([
        "run",
        "--rm",
        "--network",
        "none",
        "--uidmap",
        "0:1:1000",
        "--uidmap",
        "1000:0:1",
        "busybox",
        "sh",
        "-c",
        "cat /proc/self/uid_map /proc/self/gid_map; id -u",
    ]);
    let rows: Vec<Vec<u32>> = out
        .ok()
        .lines()
        .filter(|l| l.split_whitespace().count() == 3)
        .map(|l| l.split_whitespace().map(|n| n.parse().unwrap()).collect())
        .collect();
    let want = vec![vec![0, 1, 1000], vec![1000, 0, 1]];
    assert_eq!(rows, [want.clone(), want].concat(), "{}", out.dump());
    assert!(out.stdout.ends_with("0\n"));
}

#[test]
fn unsupported_user_namespace_modes_fail_clearly() {
    let env = shared();
    for (args, want) in [
        (vec!["--userns=auto"], "--userns=auto is not supported"),
        (vec!["--userns=nomap"], "--userns=nomap is not supported"),
        (
            vec!["--userns=keep-id:size=2"],
            "invalid --userns keep-id option",
        ),
        (vec!["--userns=bogus"], "invalid --userns"),
        (vec!["--uidmap", "0:1"], "invalid --uidmap"),
        (
            vec!["--uidmap", "0:1:100"],
            "must map id 0 of skiff's user namespace",
        ),
        (
            vec!["--uidmap", "0:0:99999999"],
            "skiff's user namespace has ids 0 to",
        ),
        (
            vec!["--userns=keep-id", "--uidmap", "0:0:1"],
            "cannot be combined",
        ),
    ] {
        let mut a = vec!["run", "--rm", "--network", "none"];
        a.extend(args);
        a.extend(["busybox", "true"]);
        let out = env.skiff(&a);
        assert_eq!(out.code, 125, "{}", out.dump());
        assert!(
            out.stderr.starts_with("error: ") && out.stderr.contains(want),
            "{want}: {}",
            out.dump()
        );
    }
}

/// Issue 13's keep-id item with a bind mount: a host file of the user's shows as the
/// container user's own, and what that user writes there belongs to the user on the host.
#[test]
fn keep_id_bind_mounted_files_are_the_users_on_both_sides() {
    let env = shared();
    let (_, uid, gid) = whoami();
    let host = host_dir(env);
    fs::write(host.path().join("mine"), "hi\n").unwrap();
    let bind = format!("{}:/work", host.path().display());
    let out = env.skiff([
        "run",
        "--rm",
        "--network",
        "none",
        "--userns=keep-id",
        "-v",
        &bind,
        "busybox",
        "sh",
        "-c",
        "stat -c %u:%g /work/mine; echo new > /work/made",
    ]);
    assert_eq!(out.ok(), format!("{uid}:{gid}\n"), "{}", out.dump());
    let md = fs::metadata(host.path().join("made")).unwrap();
    assert_eq!((md.uid(), md.gid()), (uid, gid));
}
