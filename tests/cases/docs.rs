//! The checked-in man pages and completions are what the clap definitions generate
//! (`skiff generate-docs DIR`, a hidden verb); this fails when they are stale.
use crate::support::{repo_dir, Env};
use std::collections::BTreeMap;
use std::path::Path;

fn files(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .flatten()
        .filter(|e| e.path().is_file())
        .map(|e| {
            (
                e.file_name().to_string_lossy().into_owned(),
                std::fs::read(e.path()).expect("read"),
            )
        })
        .collect()
}

#[test]
fn man_pages_and_completions_are_up_to_date() {
    let env = Env::isolated();
    let out_dir = env.root.join("docs");
    env.skiff(["generate-docs", out_dir.to_str().unwrap()]).ok();
    let repo = repo_dir();
    for sub in ["man", "completions"] {
        let (want, have) = (files(&out_dir.join(sub)), repo.join(sub));
        assert!(
            have.is_dir(),
            "{sub}/ is not checked in: run `cargo run -- generate-docs .` and commit it"
        );
        let have = files(&have);
        let names = |m: &BTreeMap<String, Vec<u8>>| m.keys().cloned().collect::<Vec<_>>();
        assert_eq!(
            names(&have),
            names(&want),
            "{sub}/ has other files than generated: run `cargo run -- generate-docs .`"
        );
        for (name, data) in &want {
            assert!(
                have[name] == *data,
                "{sub}/{name} is stale: run `cargo run -- generate-docs .` and commit it"
            );
        }
    }
    assert!(
        files(&out_dir.join("man")).contains_key("skiff-run.1"),
        "a man page per verb"
    );
}

#[test]
fn completion_verb_prints_the_checked_in_script() {
    let env = Env::isolated();
    for (shell, file) in [
        ("bash", "skiff.bash"),
        ("zsh", "_skiff"),
        ("fish", "skiff.fish"),
    ] {
        let out = env.skiff(["completion", shell]);
        let want = std::fs::read(repo_dir().join("completions").join(file)).unwrap_or_else(|e| {
            panic!("completions/{file}: {e}: run `cargo run -- generate-docs .`")
        });
        assert!(
            out.ok().as_bytes() == want.as_slice(),
            "skiff completion {shell} differs from completions/{file}"
        );
    }
}

#[test]
fn help_reads_like_dockers() {
    let env = Env::isolated();
    let out = env.skiff(["--help"]);
    let text = out.ok();
    assert!(text.contains("Usage: skiff"), "{}", out.dump());
    for verb in [
        "run", "create", "start", "ps", "rm", "images", "rmi", "load", "save", "import", "inspect",
    ] {
        assert!(
            text.lines().any(|l| l.trim_start().starts_with(verb)),
            "--help lists {verb}\n{}",
            out.dump()
        );
    }
    let out = env.skiff(["run", "--help"]);
    assert!(out.ok().contains("--rm"), "{}", out.dump());
    assert!(!text.contains("generate-docs"), "the docs verb is hidden");
}
