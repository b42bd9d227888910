//! The Dockerfile, parsed by parse-dockerfile (DESIGN §5) and turned into owned stages of
//! instructions. What this slice of `build` does not do yet (`RUN --mount`, `ADD` of a URL...)
//! is refused here with its line, before anything runs: an
//! instruction is never accepted and ignored.
use super::heredoc::{self, Heredoc};
use anyhow::{bail, Result};
use parse_dockerfile::{
    Command, Flag, HealthcheckArguments, Instruction, JsonOrStringArray, Source,
};

/// An instruction's arguments, raw (variables not yet expanded).
#[derive(Debug, Clone)]
pub(crate) enum Op {
    Run(RunSpec),
    Copy(CopySpec),
    /// ENV, LABEL: the raw `k=v ...` text (or the legacy `k v`).
    Env(String),
    Label(String),
    Arg(String),
    Workdir(String),
    User(String),
    Expose(Vec<String>),
    Volume(Vec<String>),
    Entrypoint(Cmd),
    Cmd(Cmd),
    Stopsignal(String),
    Shell(Vec<String>),
    Maintainer(String),
    /// Docker's `Healthcheck` object, complete (`{"Test": ["NONE"]}` for `HEALTHCHECK NONE`).
    Healthcheck(serde_json::Value),
    /// An ONBUILD trigger as written after the keyword (kept in the config's `OnBuild`).
    Onbuild(String),
}

/// A RUN: its command, heredocs and flags (raw: `--mount` values are expanded when it runs).
#[derive(Debug, Clone)]
pub(crate) struct RunSpec {
    pub(crate) cmd: Cmd,
    pub(crate) heredocs: Vec<Heredoc>,
    pub(crate) mounts: Vec<String>,
    pub(crate) network: Option<String>,
}

/// A command in exec form (a JSON array, used as is) or shell form (run by the shell).
#[derive(Debug, Clone)]
pub(crate) enum Cmd {
    Exec(Vec<String>),
    Shell(String),
}

#[derive(Debug, Clone)]
pub(crate) struct CopySpec {
    pub(crate) add: bool,
    pub(crate) from: Option<String>,
    pub(crate) chown: Option<String>,
    pub(crate) chmod: Option<String>,
    /// ADD `--checksum=sha256:...` of a URL.
    pub(crate) checksum: Option<String>,
    /// `--parents`: each source keeps its path (after a `/./` pivot, if any) under dest.
    pub(crate) parents: bool,
    /// `--exclude` patterns (.dockerignore syntax) the copy leaves out.
    pub(crate) excludes: Vec<String>,
    pub(crate) sources: Vec<String>,
    /// `COPY <<EOF /dest`: files made from the Dockerfile's text.
    pub(crate) heredocs: Vec<CopyHeredoc>,
    pub(crate) dest: String,
}

/// A COPY/ADD heredoc: a file named after its delimiter, its content expanded unless the
/// delimiter was quoted.
#[derive(Debug, Clone)]
pub(crate) struct CopyHeredoc {
    pub(crate) name: String,
    pub(crate) content: String,
    pub(crate) expand: bool,
}

#[derive(Debug, Clone)]
pub(crate) struct Step {
    /// 1-based line in the Dockerfile, for errors.
    pub(crate) line: usize,
    /// The instruction as written (continuations joined), for `STEP n/m:` and errors.
    pub(crate) text: String,
    pub(crate) op: Op,
}

#[derive(Debug, Clone)]
pub(crate) struct Stage {
    pub(crate) line: usize,
    pub(crate) text: String,
    /// The base as written (expanded later with the global ARGs).
    pub(crate) image: String,
    pub(crate) name: Option<String>,
    /// `FROM --platform=...` as written (expanded with the global ARGs when built).
    pub(crate) platform: Option<String>,
    pub(crate) steps: Vec<Step>,
}

#[derive(Debug)]
pub(crate) struct Dockerfile {
    /// What the CLI should tell the user (a `# syntax=` directive, which skiff ignores).
    pub(crate) notes: Vec<String>,
    /// `ARG`s before the first `FROM`: raw `name[=default]`.
    pub(crate) global_args: Vec<String>,
    pub(crate) stages: Vec<Stage>,
}

/// Parses `text` (named `file` in errors).
pub(crate) fn parse(original: &str, file: &str) -> Result<Dockerfile> {
    let (hidden, mut heredocs) =
        heredoc::extract(original).map_err(|e| anyhow::anyhow!("{file}:{e:#}"))?;
    // Spans index both texts alike: `extract` keeps every length.
    let text = hidden.as_str();
    let df = match parse_dockerfile::parse(text) {
        Ok(d) => d,
        Err(e) => bail!("{}", parse_error(&e, file)),
    };
    let line_of = |pos: usize| text[..pos.min(text.len())].matches('\n').count() + 1;
    let mut out = Dockerfile {
        notes: Vec::new(),
        global_args: Vec::new(),
        stages: Vec::new(),
    };
    if let Some(syntax) = &df.parser_directives.syntax {
        out.notes.push(format!(
            "{file}: the # syntax={} directive is ignored: skiff builds with its own frontend",
            syntax.value.value
        ));
    }
    for inst in &df.instructions {
        let span = span(inst);
        let line = line_of(span.start);
        let shown = shown(&original[span.clone()]);
        let at = At {
            file,
            line,
            heredocs: heredocs.remove(&line).unwrap_or_default(),
        };
        if let Instruction::From(f) = inst {
            let mut platform = None;
            for flag in &f.options {
                match (&*flag.name.value, &flag.value) {
                    ("platform", Some(v)) if !v.value.is_empty() => {
                        platform = Some(v.value.to_string())
                    }
                    ("platform", _) => bail!("{file}:{line}: FROM --platform needs a value"),
                    (other, _) => at.unsupported(&format!("FROM --{other}"))?,
                }
            }
            out.stages.push(Stage {
                line,
                text: shown,
                image: f.image.value.to_string(),
                name: f.as_.as_ref().map(|(_, n)| n.value.to_lowercase()),
                platform,
                steps: Vec::new(),
            });
            continue;
        }
        let op = instruction(inst, original, &at)?;
        match (out.stages.last_mut(), op) {
            (None, Op::Arg(a)) => out.global_args.push(a),
            (Some(stage), op) => stage.steps.push(Step {
                line,
                text: shown,
                op,
            }),
            (None, _) => {
                bail!("{file}:{line}: the first instruction must be FROM (or ARG before FROM)")
            }
        }
    }
    if out.stages.is_empty() {
        bail!("{file}: no FROM instruction: a Dockerfile starts with FROM IMAGE");
    }
    Ok(out)
}

/// parse-dockerfile's error as `FILE:LINE:COLUMN: message`, the position said once (its own
/// text repeats it as "at line L column C"). A bare `ONBUILD` gets Docker's message: the parser
/// reads the missing trigger as an instruction with an empty name.
fn parse_error(e: &parse_dockerfile::Error, file: &str) -> String {
    let msg = format!("{e:#}");
    if msg == "unknown instruction ''" || msg == "expected instruction after ONBUILD" {
        return format!(
            "{file}:{}: ONBUILD requires at least one argument: give the instruction it triggers (ONBUILD RUN ...)",
            e.line()
        );
    }
    match (e.line(), e.column()) {
        (0, _) => format!("{file}: {msg}"),
        (line, 0) => format!("{file}:{line}: {msg}"),
        (line, col) => format!("{file}:{line}:{col}: {msg}"),
    }
}

/// Where an instruction is, for its errors.
pub(crate) struct At<'a> {
    pub(crate) file: &'a str,
    pub(crate) line: usize,
    /// The RUN heredocs `heredoc::extract` found on this line.
    pub(crate) heredocs: Vec<Heredoc>,
}

impl At<'_> {
    fn unsupported<T>(&self, what: &str) -> Result<T> {
        bail!(
            "{}:{}: {what} is not supported by skiff build yet",
            self.file,
            self.line
        )
    }
}

/// The instruction as shown in `STEP n/m:` lines: continuations joined, spaces collapsed.
fn shown(raw: &str) -> String {
    raw.replace("\\\n", " ")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// One instruction other than FROM, as an `Op`.
fn instruction(inst: &Instruction, text: &str, at: &At) -> Result<Op> {
    Ok(match inst {
        Instruction::Arg(a) => Op::Arg(a.arguments.value.trim().to_string()),
        Instruction::Run(r) => Op::Run(run(r, text, at)?),
        Instruction::Copy(c) => {
            let raw = &text[span(inst)];
            Op::Copy(copy(false, &c.options, &c.src, &c.dest.value, raw, at)?)
        }
        Instruction::Add(a) => {
            let raw = &text[span(inst)];
            Op::Copy(copy(true, &a.options, &a.src, &a.dest.value, raw, at)?)
        }
        Instruction::Env(e) => Op::Env(e.arguments.value.to_string()),
        Instruction::Label(l) => Op::Label(l.arguments.value.to_string()),
        Instruction::Workdir(w) => Op::Workdir(w.arguments.value.trim().to_string()),
        Instruction::User(u) => Op::User(u.arguments.value.trim().to_string()),
        Instruction::Expose(e) => {
            Op::Expose(e.arguments.iter().map(|s| s.value.to_string()).collect())
        }
        Instruction::Volume(v) => Op::Volume(match &v.arguments {
            JsonOrStringArray::Json(j) => j.value.iter().map(|s| s.value.to_string()).collect(),
            JsonOrStringArray::String(s) => s.iter().map(|s| s.value.to_string()).collect(),
        }),
        Instruction::Entrypoint(e) => Op::Entrypoint(command(&e.arguments)?),
        Instruction::Cmd(c) => Op::Cmd(command(&c.arguments)?),
        Instruction::Stopsignal(s) => Op::Stopsignal(s.arguments.value.trim().to_string()),
        Instruction::Shell(s) => {
            Op::Shell(s.arguments.iter().map(|s| s.value.to_string()).collect())
        }
        Instruction::Maintainer(m) => Op::Maintainer(m.name.value.trim().to_string()),
        Instruction::Healthcheck(h) => Op::Healthcheck(super::health::parse(h, at)?),
        Instruction::Onbuild(o) => Op::Onbuild(super::onbuild::trigger(o, text, at)?),
        _ => at.unsupported("this instruction")?,
    })
}

/// The instruction's whole text: from its keyword to the end of its last argument.
pub(crate) fn span(inst: &Instruction) -> std::ops::Range<usize> {
    let (start, end) = match inst {
        Instruction::Add(i) => (i.add.span.start, i.dest.span.end),
        Instruction::Arg(i) => (i.arg.span.start, i.arguments.span.end),
        Instruction::Cmd(i) => (i.cmd.span.start, cmd_end(&i.arguments)),
        Instruction::Copy(i) => (i.copy.span.start, i.dest.span.end),
        Instruction::Entrypoint(i) => (i.entrypoint.span.start, cmd_end(&i.arguments)),
        Instruction::Env(i) => (i.env.span.start, i.arguments.span.end),
        Instruction::Expose(i) => (
            i.expose.span.start,
            i.arguments.last().map_or(0, |a| a.span.end),
        ),
        Instruction::From(i) => (
            i.from.span.start,
            i.as_.as_ref().map_or(i.image.span.end, |(_, n)| n.span.end),
        ),
        Instruction::Healthcheck(i) => (
            i.healthcheck.span.start,
            match &i.arguments {
                HealthcheckArguments::Cmd { arguments, .. } => cmd_end(arguments),
                HealthcheckArguments::None { none, .. } => none.span.end,
                _ => i.healthcheck.span.end,
            },
        ),
        Instruction::Label(i) => (i.label.span.start, i.arguments.span.end),
        Instruction::Maintainer(i) => (i.maintainer.span.start, i.name.span.end),
        Instruction::Onbuild(i) => (i.onbuild.span.start, span(&i.instruction).end),
        Instruction::Run(i) => (i.run.span.start, cmd_end(&i.arguments)),
        Instruction::Shell(i) => (
            i.shell.span.start,
            i.arguments.last().map_or(0, |a| a.span.end),
        ),
        Instruction::Stopsignal(i) => (i.stopsignal.span.start, i.arguments.span.end),
        Instruction::User(i) => (i.user.span.start, i.arguments.span.end),
        Instruction::Volume(i) => (
            i.volume.span.start,
            match &i.arguments {
                JsonOrStringArray::Json(j) => j.span.end,
                JsonOrStringArray::String(s) => s.last().map_or(0, |a| a.span.end),
            },
        ),
        Instruction::Workdir(i) => (i.workdir.span.start, i.arguments.span.end),
        _ => (0, 0),
    };
    start..end.max(start)
}

fn cmd_end(c: &Command) -> usize {
    match c {
        Command::Exec(e) => e.span.end,
        Command::Shell(s) => s.span.end,
        _ => 0,
    }
}

pub(crate) fn command(c: &Command) -> Result<Cmd> {
    match c {
        Command::Exec(e) => Ok(Cmd::Exec(
            e.value.iter().map(|s| s.value.to_string()).collect(),
        )),
        // Line continuations are joined as Docker does: the backslash and newline go.
        Command::Shell(s) => Ok(Cmd::Shell(s.value.replace("\\\n", ""))),
        _ => bail!("this form of command is not supported by skiff build yet"),
    }
}

/// A RUN: its flags, and its command as written (heredoc markers included, from `text`).
fn run(r: &parse_dockerfile::RunInstruction, text: &str, at: &At) -> Result<RunSpec> {
    let (file, line) = (at.file, at.line);
    let mut spec = RunSpec {
        cmd: match &r.arguments {
            Command::Shell(s) if !at.heredocs.is_empty() => {
                Cmd::Shell(text[s.span.clone()].replace("\\\n", ""))
            }
            c => command(c)?,
        },
        heredocs: at.heredocs.clone(),
        mounts: Vec::new(),
        network: None,
    };
    for f in &r.options {
        let value = f.value.as_ref().map(|v| v.value.to_string());
        match (&*f.name.value, value) {
            ("mount", Some(v)) if !v.is_empty() => {
                // Checked now when it has no variables, so a bad one fails before any step.
                if !v.contains('$') {
                    super::mounts::parse(&v, "/")
                        .map_err(|e| anyhow::anyhow!("{file}:{line}: RUN {e:#}"))?;
                }
                spec.mounts.push(v)
            }
            ("network", Some(v)) if !v.is_empty() => spec.network = Some(v),
            ("mount" | "network", _) => {
                bail!("{file}:{line}: RUN --{} needs a value", f.name.value)
            }
            (other, _) => at.unsupported(&format!("RUN --{other}"))?,
        }
    }
    Ok(spec)
}

fn copy(
    add: bool,
    flags: &[Flag],
    src: &[Source],
    dest: &str,
    raw: &str,
    at: &At,
) -> Result<CopySpec> {
    let (file, line) = (at.file, at.line);
    // The heredocs' names, which the parser does not keep: the markers on the first line.
    let mut names = heredoc::markers(raw.lines().next().unwrap_or("")).into_iter();
    let inst = if add { "ADD" } else { "COPY" };
    let mut spec = CopySpec {
        add,
        from: None,
        chown: None,
        chmod: None,
        checksum: None,
        parents: false,
        excludes: Vec::new(),
        sources: Vec::new(),
        heredocs: Vec::new(),
        dest: dest.to_string(),
    };
    for f in flags {
        let value = f.value.as_ref().map(|v| v.value.to_string());
        copy_flag(&mut spec, &f.name.value, value)
            .map_err(|e| anyhow::anyhow!("{file}:{line}: {inst} {e:#}"))?;
    }
    for s in src {
        match s {
            Source::Path(p) => {
                let p = p.value.to_string();
                let url = p.starts_with("http://") || p.starts_with("https://");
                if p.contains("://") && !(add && url) || p.starts_with("git@") {
                    bail!("{file}:{line}: {inst} of {p}: only ADD fetches URLs, and only http(s) ones (git sources are not supported by skiff build)");
                }
                spec.sources.push(p);
            }
            Source::HereDoc(h) => spec.heredocs.push(CopyHeredoc {
                name: names
                    .next()
                    .map(|(_, n, _)| n)
                    .unwrap_or_else(|| "EOF".into()),
                content: h.value.to_string(),
                expand: h.expand,
            }),
            _ => at.unsupported(&format!("this {inst} source"))?,
        }
    }
    if let Some(c) = &spec.checksum {
        if !spec.sources.iter().all(|s| s.contains("://")) {
            bail!("{file}:{line}: ADD --checksum is for URL sources only");
        }
        super::url::parse_checksum(c).map_err(|e| anyhow::anyhow!("{file}:{line}: ADD {e:#}"))?;
    }
    Ok(spec)
}

/// One COPY/ADD flag. `--link` is accepted and copies as without it (skiff's layers are
/// always made from the sources alone).
fn copy_flag(spec: &mut CopySpec, name: &str, value: Option<String>) -> Result<()> {
    let add = spec.add;
    let bool_flag = |v: &Option<String>| match v.as_deref() {
        None | Some("true") => Ok(true),
        Some("false") => Ok(false),
        Some(o) => bail!("--{name}={o}: give true or false"),
    };
    let slot = match name {
        "link" => return bool_flag(&value).map(|_| ()),
        "parents" => {
            spec.parents = bool_flag(&value)?;
            return Ok(());
        }
        "from" if !add => &mut spec.from,
        "chown" => &mut spec.chown,
        "chmod" => &mut spec.chmod,
        "checksum" if add => &mut spec.checksum,
        "exclude" => {
            match value {
                Some(v) if !v.is_empty() => spec.excludes.push(v),
                _ => bail!("--exclude needs a pattern"),
            }
            return Ok(());
        }
        other => bail!("--{other} is not supported by skiff build"),
    };
    match value {
        Some(v) if !v.is_empty() => *slot = Some(v),
        _ => bail!("--{name} needs a value"),
    }
    Ok(())
}
