//! Hostile and damaged layers: each is refused with an error naming the entry, and nothing
//! appears outside `dest`.
use super::tests::{gzip, names, Layer, Scratch};
use std::fs;
use std::os::unix::fs::{MetadataExt, PermissionsExt};
use tar::EntryType;

#[test]
fn dotdot_paths_are_refused() {
    for name in ["../escaped", "a/../../escaped", "./../escaped"] {
        let s = Scratch::new();
        let layer = Layer::new()
            .raw(EntryType::Regular, name, "", b"pwned")
            .bytes();
        s.refuse(&layer, name, "path leaves the layer root");
    }
}

#[test]
fn absolute_paths_are_refused() {
    let s = Scratch::new();
    let target = s.outside.join("pwned");
    let name = target.to_str().unwrap();
    let layer = Layer::new()
        .raw(EntryType::Regular, name, "", b"pwned")
        .bytes();
    s.refuse(&layer, name, "absolute");
}

#[test]
fn empty_names_are_refused() {
    let s = Scratch::new();
    let layer = Layer::new().raw(EntryType::Regular, "", "", b"x").bytes();
    s.refuse(&layer, "", "empty name");
}

#[test]
fn writing_through_a_symlink_to_outside_is_refused() {
    let s = Scratch::new();
    // Stands for `evil -> /`: an absolute link out of the layer, then a file through it.
    let outside = s.outside.to_str().unwrap().to_string();
    let layer = Layer::new()
        .symlink("evil", &outside)
        .file("evil/pwned", b"pwned", 0o644)
        .bytes();
    s.refuse(&layer, "evil/pwned", "goes through symlink \"evil\"");

    let s = Scratch::new();
    let layer = Layer::new()
        .symlink("root", "/")
        .file("root/tmp/pwned", b"pwned", 0o644)
        .bytes();
    s.refuse(&layer, "root/tmp/pwned", "goes through symlink \"root\"");
}

#[test]
fn symlink_chains_do_not_escape() {
    let s = Scratch::new();
    let layer = Layer::new()
        .symlink("a", "b")
        .symlink("b", "../../..")
        .file("a/x", b"pwned", 0o644)
        .bytes();
    s.refuse(&layer, "a/x", "goes through symlink \"a\"");

    let s = Scratch::new();
    let layer = Layer::new()
        .dir("d/", 0o755)
        .symlink("d/up", "../../outside")
        .file("d/up/x", b"pwned", 0o644)
        .bytes();
    s.refuse(&layer, "d/up/x", "goes through symlink \"d/up\"");
}

#[test]
fn hard_links_out_of_the_layer_are_refused() {
    let s = Scratch::new();
    let secret = s.outside.join("secret");
    let layer = Layer::new()
        .raw(EntryType::Link, "passwd", secret.to_str().unwrap(), b"")
        .bytes();
    fs::write(&secret, b"secret").unwrap();
    let err = s.unpack(&layer).unwrap_err().to_string();
    assert!(
        err.contains("\"passwd\"") && err.contains("absolute"),
        "{err}"
    );
    assert_eq!(fs::metadata(&secret).unwrap().nlink(), 1);
    assert!(names(&s.dest).is_empty());

    for target in ["/etc/passwd", "../../etc/passwd", "a/../../etc/passwd"] {
        let s = Scratch::new();
        let layer = Layer::new()
            .raw(EntryType::Link, "passwd", target, b"")
            .bytes();
        let err = s.refuse(&layer, "passwd", "hard link target");
        assert!(err.contains(&format!("{target:?}")), "{err}");
    }
}

#[test]
fn hard_links_to_missing_or_unfit_targets_are_refused() {
    let s = Scratch::new();
    let layer = Layer::new().hardlink("x", "etc/shadow").bytes();
    s.refuse(&layer, "x", "no earlier entry");

    // Through a symlink: `l/secret` names nothing this layer created.
    let s = Scratch::new();
    fs::write(s.outside.join("secret"), b"secret").unwrap();
    let outside = s.outside.to_str().unwrap().to_string();
    let layer = Layer::new()
        .symlink("l", &outside)
        .hardlink("x", "l/secret")
        .bytes();
    let err = s.unpack(&layer).unwrap_err().to_string();
    assert!(
        err.contains("\"x\"") && err.contains("no earlier entry"),
        "{err}"
    );
    assert_eq!(fs::metadata(s.outside.join("secret")).unwrap().nlink(), 1);

    let s = Scratch::new();
    let layer = Layer::new().dir("d/", 0o755).hardlink("x", "d").bytes();
    s.refuse(&layer, "x", "is a directory");
}

#[test]
fn a_directory_over_a_symlink_is_a_duplicate() {
    let s = Scratch::new();
    let outside = s.outside.to_str().unwrap().to_string();
    let before = fs::metadata(&s.outside).unwrap().permissions().mode();
    let layer = Layer::new().symlink("s", &outside).dir("s/", 0o777).bytes();
    s.refuse(&layer, "s", "duplicate entry");
    assert_eq!(
        fs::metadata(&s.outside).unwrap().permissions().mode(),
        before
    );
}

#[test]
fn duplicate_entries_are_refused() {
    let s = Scratch::new();
    let layer = Layer::new()
        .file("etc/passwd", b"root", 0o644)
        .file("./etc//passwd", b"evil", 0o644)
        .bytes();
    s.refuse(&layer, "etc/passwd", "duplicate entry");
    assert_eq!(fs::read(s.dest.join("etc/passwd")).unwrap(), b"root");

    let s = Scratch::new();
    let layer = Layer::new().dir("d/", 0o755).dir("d/", 0o700).bytes();
    s.refuse(&layer, "d", "duplicate entry");

    let s = Scratch::new();
    let layer = Layer::new().dir("d/", 0o755).file("d", b"", 0o644).bytes();
    s.refuse(&layer, "d", "duplicate entry");
}

#[test]
fn a_file_is_not_a_parent() {
    let s = Scratch::new();
    let layer = Layer::new()
        .file("f", b"", 0o644)
        .file("f/x", b"", 0o644)
        .bytes();
    s.refuse(&layer, "f/x", "not a directory");
}

#[test]
fn whiteouts_must_name_one_file() {
    for name in ["a/.wh.", "a/.wh..", "a/.wh..."] {
        let s = Scratch::new();
        let layer = Layer::new().raw(EntryType::Regular, name, "", b"").bytes();
        s.refuse(&layer, name.trim_end_matches('/'), "whiteout");
    }
}

#[test]
fn truncated_gzip_is_an_error() {
    let layer = Layer::new()
        .file("big", &vec![7u8; 300_000], 0o644)
        .file("small", b"x", 0o644)
        .bytes();
    let zipped = gzip(&layer);
    for cut in [zipped.len() / 2, zipped.len() - 8, 5] {
        let s = Scratch::new();
        let err = format!("{:#}", s.unpack(&zipped[..cut]).unwrap_err());
        assert!(err.contains("truncated"), "cut at {cut}: {err}");
        s.assert_contained();
    }
}

#[test]
fn truncated_tar_is_an_error() {
    let layer = Layer::new()
        .file("big", &vec![7u8; 300_000], 0o644)
        .file("small", b"x", 0o644)
        .bytes();
    let s = Scratch::new();
    let err = format!("{:#}", s.unpack(&layer[..100_000]).unwrap_err());
    assert!(
        err.contains("\"big\"") && err.contains("truncated"),
        "{err}"
    );

    // Cut exactly after the last entry: only the end-of-archive marker is missing.
    let s = Scratch::new();
    let err = format!("{:#}", s.unpack(&layer[..layer.len() - 1024]).unwrap_err());
    assert!(
        err.contains("end-of-archive") && err.contains("truncated"),
        "{err}"
    );

    // Cut inside a header.
    let s = Scratch::new();
    let err = format!("{:#}", s.unpack(&layer[..512 + 300_032 + 100]).unwrap_err());
    assert!(err.contains("truncated"), "{err}");

    let s = Scratch::new();
    let err = format!("{:#}", s.unpack(&[]).unwrap_err());
    assert!(err.contains("truncated"), "{err}");
}

#[test]
fn corrupt_zstd_is_an_error() {
    let s = Scratch::new();
    // The zstd magic with a frame header that cannot be decoded.
    let err = s.unpack(&[0x28, 0xb5, 0x2f, 0xfd, 0, 0, 0, 0]).unwrap_err();
    let text = format!("{err:#}");
    assert!(!text.is_empty() && !text.contains('\n'), "{text}");
}

#[test]
fn corrupt_headers_are_refused() {
    let mut layer = Layer::new().file("f", b"data", 0o644).bytes();
    layer[0] ^= 0x20;
    let s = Scratch::new();
    let err = format!("{:#}", s.unpack(&layer).unwrap_err());
    assert!(err.contains("checksum"), "{err}");
}
