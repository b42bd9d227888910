//! The `created_by` text of a build step's history entry, as podman (buildah) writes it, so
//! that `history` reads the same whichever tool built the image:
//! - RUN: `/bin/sh -c CMD` (exec form: `/bin/sh -c ["a", "b"]`), prefixed `|N K=V ...` with the
//!   ARGs in its environment (`run_step::run_args`);
//! - COPY/ADD: `/bin/sh -c #(nop) COPY file:HASH in DEST` (`dir:` for one directory, `multi:` for
//!   several sources);
//! - config instructions and ARG: `/bin/sh -c #(nop) INSTRUCTION`, an empty layer.
use super::dockerfile::Cmd;
use super::expand::Vars;

/// A RUN step's `created_by`: `argv` as it runs (a shell form's shell and command), or an exec
/// form's array as buildah shows it.
pub(crate) fn run(cmd: &Cmd, argv: &[String], args: &Vars) -> String {
    let shown = match cmd {
        Cmd::Exec(v) => {
            let items: Vec<String> = v
                .iter()
                .map(|s| serde_json::to_string(s).unwrap_or_default())
                .collect();
            format!("/bin/sh -c [{}]", items.join(", "))
        }
        _ => argv.join(" "),
    };
    match args.is_empty() {
        true => shown,
        false => {
            let kv: Vec<String> = args.iter().map(|(k, v)| format!("{k}={v}")).collect();
            format!("|{} {} {shown}", kv.len(), kv.join(" "))
        }
    }
}

/// What a COPY/ADD copied, as buildah names it: one file, one directory, or several sources.
pub(crate) enum Kind {
    File,
    Dir,
    Multi,
}

impl Kind {
    /// `n` sources, all of them directories or not.
    pub(crate) fn of_sources(n: usize, all_dirs: bool) -> Kind {
        match (n, all_dirs) {
            (1, true) => Kind::Dir,
            (1, false) | (0, _) => Kind::File,
            _ => Kind::Multi,
        }
    }
}

/// A COPY/ADD step's `created_by`; `sum` is the checksum of what it copies.
pub(crate) fn copy(inst: &str, kind: Kind, sum: &str, dest: &str) -> String {
    let kind = match kind {
        Kind::File => "file",
        Kind::Dir => "dir",
        Kind::Multi => "multi",
    };
    let sum = sum.strip_prefix("sha256:").unwrap_or(sum);
    format!("/bin/sh -c #(nop) {inst} {kind}:{sum} in {dest}")
}

/// A metadata-only step's `created_by` (its expanded instruction).
pub(crate) fn nop(shown: &str) -> String {
    format!("/bin/sh -c #(nop) {shown}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn run_forms_read_as_buildah_writes_them() {
        let sh = |s: &str| vec!["/bin/sh".to_string(), "-c".into(), s.into()];
        let none = Vars::new();
        assert_eq!(
            run(&Cmd::Shell("echo x > /x".into()), &sh("echo x > /x"), &none),
            "/bin/sh -c echo x > /x"
        );
        let exec = vec!["sh".to_string(), "-c".into(), "echo $V".into()];
        let mut args = Vars::new();
        args.insert("V".into(), "1".into());
        assert_eq!(
            run(&Cmd::Exec(exec.clone()), &exec, &args),
            "|1 V=1 /bin/sh -c [\"sh\", \"-c\", \"echo $V\"]"
        );
    }
}
