//! The Dockerfile, parsed by parse-dockerfile (DESIGN §5) and turned into owned stages of
//! instructions. What this slice of `build` does not do yet (`RUN --mount`, `ADD` of a URL...)
//! is refused here with its line, before anything runs: an
//! instruction is never accepted and ignored.
use anyhow::{bail, Result};
use parse_dockerfile::{
    Command, Flag, HealthcheckArguments, Instruction, JsonOrStringArray, Source,
};

/// An instruction's arguments, raw (variables not yet expanded).
#[derive(Debug, Clone)]
pub(crate) enum Op {
    Run(Cmd),
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
    pub(crate) sources: Vec<String>,
    pub(crate) dest: String,
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
pub(crate) fn parse(text: &str, file: &str) -> Result<Dockerfile> {
    let df = match parse_dockerfile::parse(text) {
        Ok(d) => d,
        Err(e) => bail!("{file}:{}: {e}", e.line()),
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
        let shown = shown(&text[span.clone()]);
        let at = At { file, line };
        if let Instruction::From(f) = inst {
            if let Some(flag) = f.options.first() {
                bail!(
                    "{file}:{line}: FROM --{} is not supported by skiff build yet",
                    flag.name.value
                );
            }
            out.stages.push(Stage {
                line,
                text: shown,
                image: f.image.value.to_string(),
                name: f.as_.as_ref().map(|(_, n)| n.value.to_lowercase()),
                steps: Vec::new(),
            });
            continue;
        }
        let op = instruction(inst, text, &at)?;
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

/// Where an instruction is, for its errors.
pub(crate) struct At<'a> {
    pub(crate) file: &'a str,
    pub(crate) line: usize,
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
    let (file, line) = (at.file, at.line);
    Ok(match inst {
        Instruction::Arg(a) => Op::Arg(a.arguments.value.trim().to_string()),
        Instruction::Run(r) => {
            no_flags(&r.options, "RUN", file, line)?;
            if !r.here_docs.is_empty() {
                at.unsupported("RUN with a heredoc (<<EOF)")?;
            }
            Op::Run(command(&r.arguments)?)
        }
        Instruction::Copy(c) => {
            Op::Copy(copy(false, &c.options, &c.src, &c.dest.value, file, line)?)
        }
        Instruction::Add(a) => Op::Copy(copy(true, &a.options, &a.src, &a.dest.value, file, line)?),
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

fn no_flags(flags: &[Flag], inst: &str, file: &str, line: usize) -> Result<()> {
    match flags.first() {
        Some(f) => bail!(
            "{file}:{line}: {inst} --{} is not supported by skiff build yet",
            f.name.value
        ),
        None => Ok(()),
    }
}

fn copy(
    add: bool,
    flags: &[Flag],
    src: &[Source],
    dest: &str,
    file: &str,
    line: usize,
) -> Result<CopySpec> {
    let inst = if add { "ADD" } else { "COPY" };
    let mut spec = CopySpec {
        add,
        from: None,
        chown: None,
        chmod: None,
        sources: Vec::new(),
        dest: dest.to_string(),
    };
    for f in flags {
        let value = f.value.as_ref().map(|v| v.value.to_string());
        let slot = match &*f.name.value {
            "from" if !add => &mut spec.from,
            "chown" => &mut spec.chown,
            "chmod" => &mut spec.chmod,
            other => bail!("{file}:{line}: {inst} --{other} is not supported by skiff build yet"),
        };
        match value {
            Some(v) if !v.is_empty() => *slot = Some(v),
            _ => bail!("{file}:{line}: {inst} --{} needs a value", f.name.value),
        }
    }
    for s in src {
        match s {
            Source::Path(p) => {
                let p = p.value.to_string();
                if add && (p.contains("://") || p.starts_with("git@")) {
                    bail!("{file}:{line}: ADD of a URL ({p}) is not supported by skiff build yet");
                }
                spec.sources.push(p);
            }
            _ => bail!("{file}:{line}: {inst} with a heredoc is not supported by skiff build yet"),
        }
    }
    Ok(spec)
}
