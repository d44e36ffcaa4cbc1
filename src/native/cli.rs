//! The `talos-planner` command line: lint, plan, render, schema, rules, example, and
//! (in [`super::commands`]) apply, destroy, status.
//!
//! Exit codes: 0 success (lint: no errors), 1 the config has errors (or warnings with
//! `--strict`), 2 usage or I/O errors.

use std::io::{IsTerminal, Read, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};
use thiserror::Error;

use super::report::{self, LintedFile};
use crate::diagnostics::{has_errors, Severity};
use crate::plan::Plan;
use crate::render::merge;
use crate::{analyze, Format};

/// Plan, validate and render Talos Linux clusters on Proxmox VE.
#[derive(Debug, Parser)]
#[command(name = "talos-planner", version, about, propagate_version = true)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Check configs and report every problem.
    Lint {
        /// Config files (YAML, JSON, or Terraform `.tf`/`.tfvars`); `-` reads standard input.
        #[arg(required = true)]
        files: Vec<String>,
        #[arg(long, value_enum, default_value_t = LintFormat::Human)]
        format: LintFormat,
        /// Fail on warnings too.
        #[arg(long)]
        strict: bool,
        #[command(flatten)]
        input: InputArgs,
    },
    /// Show the planned VMs, addresses, VIP and endpoint.
    Plan {
        #[command(flatten)]
        source: SourceArgs,
        #[arg(long, value_enum, default_value_t = PlanFormat::Table)]
        format: PlanFormat,
    },
    /// Write each node's Talos patches (and merged machine configs with --base-dir).
    Render {
        #[command(flatten)]
        source: SourceArgs,
        /// Directory to write `<node>/<NN-name>.yaml` into.
        #[arg(long)]
        out: PathBuf,
        /// Directory with `controlplane.yaml` and `worker.yaml` from `talosctl gen config`;
        /// writes `<node>/config.yaml` merged with the node's patches.
        #[arg(long)]
        base_dir: Option<PathBuf>,
    },
    /// Print the JSON Schema of the config (for `# yaml-language-server: $schema=`).
    Schema,
    /// List the rules, or explain one.
    Rules {
        /// A rule id to explain.
        id: Option<String>,
        #[arg(long, value_enum, default_value_t = RulesFormat::Text)]
        format: RulesFormat,
    },
    /// Print a built-in example config.
    Example {
        /// Name of the example; lists them when omitted.
        name: Option<String>,
    },
    /// Create the cluster's VMs on Proxmox and configure Talos.
    ///
    /// VMs, image, machine configs, bootstrap, VIP and kubeconfig. Only what is missing
    /// is done, so running it again finishes an interrupted run and otherwise changes
    /// nothing.
    Apply(Box<super::commands::ApplyArgs>),
    /// Stop and remove the VMs tagged for this cluster (with --yes).
    Destroy(Box<super::commands::DestroyArgs>),
    /// Show each node's VM and Talos API, and the VIP; exits 1 when one is not up.
    Status(Box<super::commands::StatusArgs>),
}

#[derive(Debug, Clone, clap::Args)]
pub struct InputArgs {
    /// Input format; inferred from the file name (or the text, for stdin).
    #[arg(long = "input-format", value_enum)]
    pub input_format: Option<InputFormat>,
}

#[derive(Debug, Clone, clap::Args)]
pub struct SourceArgs {
    /// Config file (YAML, JSON, or Terraform `.tf`/`.tfvars`); `-` reads standard input.
    #[arg(required_unless_present = "example")]
    pub file: Option<String>,
    /// Use a built-in example instead of a file (see `talos-planner example`).
    #[arg(long, conflicts_with = "file")]
    pub example: Option<String>,
    #[command(flatten)]
    pub input: InputArgs,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum LintFormat {
    Human,
    Json,
    Sarif,
    Github,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum PlanFormat {
    Table,
    Json,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum RulesFormat {
    Text,
    Json,
    Markdown,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum InputFormat {
    Yaml,
    Json,
    /// Terraform: module blocks for terraform-proxmox-talos-cluster, or `.tfvars`.
    Hcl,
}

/// What can go wrong in the command line layer.
#[derive(Debug, Error)]
pub enum CliError {
    #[error("cannot read {path}: {source}")]
    Read {
        path: String,
        source: std::io::Error,
    },
    #[error("cannot write {path}: {source}")]
    Write {
        path: String,
        source: std::io::Error,
    },
    #[error("{0}")]
    Usage(String),
    #[error("{0}")]
    Output(#[from] serde_json::Error),
    #[error("cannot merge the patches of {node} into {base}: {source}")]
    Merge {
        node: String,
        base: String,
        source: merge::MergeError,
    },
    #[error(transparent)]
    Render(#[from] crate::RenderError),
}

/// Runs the command line and maps the outcome to an exit code.
pub fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(cli) {
        Ok(code) => code,
        Err(err) => {
            eprintln!("error: {err}");
            ExitCode::from(2)
        }
    }
}

/// Runs one command; `Ok` carries the exit code for a completed command.
pub fn run(cli: Cli) -> Result<ExitCode, CliError> {
    match cli.command {
        Command::Lint {
            files,
            format,
            strict,
            input,
        } => lint(&files, format, strict, &input),
        Command::Plan { source, format } => plan(&source, format),
        Command::Render {
            source,
            out,
            base_dir,
        } => render(&source, &out, base_dir.as_deref()),
        Command::Schema => {
            println!("{}", serde_json::to_string_pretty(&crate::schema())?);
            Ok(ExitCode::SUCCESS)
        }
        Command::Rules { id, format } => rules(id.as_deref(), format),
        Command::Example { name } => example(name.as_deref()),
        Command::Apply(args) => super::commands::apply(&args),
        Command::Destroy(args) => super::commands::destroy(&args),
        Command::Status(args) => super::commands::status(&args),
    }
}

/// Reads a file's bytes, or standard input's for `-`.
fn read_bytes(path: &str) -> Result<Vec<u8>, CliError> {
    let mut bytes = Vec::new();
    let result = if path == "-" {
        std::io::stdin().read_to_end(&mut bytes).map(|_| ())
    } else {
        std::fs::read(path).map(|b| bytes = b)
    };
    result.map_err(|source| CliError::Read {
        path: path.to_owned(),
        source,
    })?;
    Ok(bytes)
}

/// Reads a file, or standard input for `-`.
pub fn read_source(path: &str) -> Result<String, CliError> {
    let mut text = String::new();
    let result = if path == "-" {
        std::io::stdin().read_to_string(&mut text).map(|_| ())
    } else {
        std::fs::read(path).and_then(|bytes| {
            text = String::from_utf8(bytes).map_err(|e| {
                std::io::Error::new(
                    std::io::ErrorKind::InvalidData,
                    format!("not UTF-8 text (byte {})", e.utf8_error().valid_up_to()),
                )
            })?;
            Ok(())
        })
    };
    result.map_err(|source| CliError::Read {
        path: path.to_owned(),
        source,
    })?;
    Ok(text)
}

fn format_for(path: &str, text: &str, input: &InputArgs) -> Format {
    match input.input_format {
        Some(InputFormat::Yaml) => Format::Yaml,
        Some(InputFormat::Json) => Format::Json,
        Some(InputFormat::Hcl) => Format::Hcl,
        None if path == "-" => Format::sniff(text),
        None => Format::from_path(path),
    }
}

/// The text, display name and format of a `SourceArgs`.
pub fn load(source: &SourceArgs) -> Result<(String, String, Format), CliError> {
    if let Some(name) = &source.example {
        let (file, text) = crate::examples::example(name).ok_or_else(|| {
            CliError::Usage(format!(
                "no built-in example `{name}`; `talos-planner example` lists them"
            ))
        })?;
        return Ok((
            text.to_owned(),
            format!("example:{file}"),
            Format::from_path(file),
        ));
    }
    let path = source
        .file
        .as_deref()
        .ok_or_else(|| CliError::Usage("give a config file or --example".into()))?;
    let text = read_source(path)?;
    let format = format_for(path, &text, &source.input);
    Ok((text, path.to_owned(), format))
}

fn lint(
    files: &[String],
    format: LintFormat,
    strict: bool,
    input: &InputArgs,
) -> Result<ExitCode, CliError> {
    let mut linted = Vec::new();
    for path in files {
        let bytes = read_bytes(path)?;
        let (text, diagnostics) = match crate::config::text_from_bytes(&bytes) {
            Ok(text) => (
                text.to_owned(),
                crate::lint(text, format_for(path, text, input)),
            ),
            // Not text: one diagnostic (shown against the lossy text), not an I/O error.
            Err(d) => (String::from_utf8_lossy(&bytes).into_owned(), vec![d]),
        };
        linted.push(LintedFile {
            path: path.clone(),
            text,
            diagnostics,
        });
    }
    let out = match format {
        LintFormat::Human => {
            let color = std::io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none();
            let mut text = report::human(&linted, color);
            text.push_str(&summary(&linted));
            text
        }
        LintFormat::Json => serde_json::to_string_pretty(&report::json(&linted))? + "\n",
        LintFormat::Sarif => report::sarif(&linted)? + "\n",
        LintFormat::Github => report::github(&linted),
    };
    print!("{out}");
    let failed = linted.iter().any(|f| {
        f.diagnostics
            .iter()
            .any(|d| d.severity == Severity::Error || (strict && d.severity == Severity::Warning))
    });
    Ok(if failed {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

fn summary(files: &[LintedFile]) -> String {
    let count = |s: Severity| {
        files
            .iter()
            .flat_map(|f| &f.diagnostics)
            .filter(|d| d.severity == s)
            .count()
    };
    let (errors, warnings) = (count(Severity::Error), count(Severity::Warning));
    let plural = |n: usize, word: &str| format!("{n} {word}{}", if n == 1 { "" } else { "s" });
    if errors + warnings == 0 {
        format!("{}: no problems found\n", plural(files.len(), "file"))
    } else {
        format!(
            "{} checked: {}, {}\n",
            plural(files.len(), "file"),
            plural(errors, "error"),
            plural(warnings, "warning")
        )
    }
}

/// Prints the diagnostics of a config that has errors to stderr, rustc-style.
fn report_errors(name: &str, text: &str, diagnostics: Vec<crate::Diagnostic>) {
    let color = std::io::stderr().is_terminal() && std::env::var_os("NO_COLOR").is_none();
    let file = LintedFile {
        path: name.to_owned(),
        text: text.to_owned(),
        diagnostics,
    };
    eprint!("{}", report::human(std::slice::from_ref(&file), color));
}

fn plan(source: &SourceArgs, format: PlanFormat) -> Result<ExitCode, CliError> {
    let (text, name, input) = load(source)?;
    let analysis = analyze(&text, input);
    let Some(plan) = analysis
        .plan
        .as_ref()
        .filter(|_| !has_errors(&analysis.diagnostics))
    else {
        // No errors but no plan: node counts that are Terraform expressions.
        let diagnostics = match &analysis.config {
            Some(config) if !has_errors(&analysis.diagnostics) => {
                crate::expression_errors(config, "the plan")
            }
            _ => analysis.diagnostics,
        };
        report_errors(&name, &text, diagnostics);
        return Ok(ExitCode::from(1));
    };
    if let Some(config) = &analysis.config {
        if !config.expressions.is_empty() {
            eprintln!(
                "note: {name} has {} Terraform expression(s); what depends on them is shown as `-`",
                config.expressions.len()
            );
        }
    }
    match format {
        PlanFormat::Json => println!("{}", serde_json::to_string_pretty(plan)?),
        PlanFormat::Table => print!("{}", plan_table(plan)),
    }
    Ok(ExitCode::SUCCESS)
}

/// The plan as an aligned text table with the endpoint above it.
pub fn plan_table(plan: &Plan) -> String {
    let or_dash = |v: Option<String>| v.unwrap_or_else(|| "-".into());
    let mut out = String::new();
    out.push_str(&format!(
        "cluster     {}\nendpoint    {}\nHA VIP      {}\n\n",
        or_dash(plan.cluster_name.clone()),
        or_dash(plan.cluster_endpoint.clone()),
        match (plan.ha_vip_enabled, plan.ha_vip) {
            (true, Some(vip)) => format!(
                "{vip} on {} (enabled: {} control planes)",
                or_dash(plan.ha_vip_interface.clone()),
                plan.talos_endpoints.len()
            ),
            (true, None) => "enabled, address unknown".into(),
            (false, _) => "disabled (one control plane)".into(),
        }
    ));
    let header = [
        "NODE", "ROLE", "HOSTNAME", "VM ID", "PROXMOX", "ADDRESS", "GATEWAY", "VLAN", "CPU",
        "MEMORY", "DISK",
    ];
    let mut rows: Vec<Vec<String>> = vec![header.iter().map(|s| (*s).to_owned()).collect()];
    for n in &plan.nodes {
        rows.push(vec![
            n.key.clone(),
            match n.role {
                crate::config::RoleKind::Controlplane => "controlplane".into(),
                crate::config::RoleKind::Worker => "worker".into(),
            },
            or_dash(n.hostname.clone()),
            or_dash(n.vm_id.map(|v| v.to_string())),
            or_dash(n.proxmox_node.clone()),
            match (n.ip_address, n.prefix) {
                (Some(ip), Some(p)) => format!("{ip}/{p}"),
                (Some(ip), None) => ip.to_string(),
                _ => "-".into(),
            },
            or_dash(n.gateway.map(|g| g.to_string())),
            or_dash(n.vlan_id.map(|v| v.to_string())),
            or_dash(n.cpu.map(|v| v.to_string())),
            or_dash(n.memory.map(|v| format!("{v} MiB"))),
            or_dash(n.disk.map(|v| format!("{v} GiB"))),
        ]);
    }
    out.push_str(&aligned(&rows));
    if let Some(image) = &plan.image {
        out.push_str(&format!(
            "\nimage       {}\ninstaller   {}\n",
            image.disk_image_url, image.installer_image
        ));
    }
    out
}

/// Rows as columns, each padded to its widest cell, two spaces apart.
pub(crate) fn aligned(rows: &[Vec<String>]) -> String {
    let columns = rows.iter().map(Vec::len).max().unwrap_or(0);
    let widths: Vec<usize> = (0..columns)
        .map(|c| {
            rows.iter()
                .filter_map(|r| r.get(c))
                .map(|cell| cell.chars().count())
                .max()
                .unwrap_or(0)
        })
        .collect();
    let mut out = String::new();
    for row in rows {
        let line: Vec<String> = row
            .iter()
            .zip(&widths)
            .map(|(cell, w)| format!("{cell:<w$}"))
            .collect();
        out.push_str(line.join("  ").trim_end());
        out.push('\n');
    }
    out
}

fn render(source: &SourceArgs, out: &Path, base_dir: Option<&Path>) -> Result<ExitCode, CliError> {
    let (text, name, input) = load(source)?;
    let nodes = match crate::render(&text, input) {
        Ok(nodes) => nodes,
        Err(crate::RenderFailure::Diagnostics(diagnostics)) => {
            report_errors(&name, &text, diagnostics);
            return Ok(ExitCode::from(1));
        }
        Err(crate::RenderFailure::Render(e)) => return Err(e.into()),
    };
    let bases = match base_dir {
        Some(dir) => {
            let read = |file: &str| {
                let path = dir.join(file);
                read_source(&path.to_string_lossy())
            };
            Some((read("controlplane.yaml")?, read("worker.yaml")?))
        }
        None => None,
    };
    let write = |path: &Path, content: &str| -> Result<(), CliError> {
        let err = |source| CliError::Write {
            path: path.display().to_string(),
            source,
        };
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).map_err(err)?;
        }
        std::fs::File::create(path)
            .and_then(|mut f| f.write_all(content.as_bytes()))
            .map_err(err)
    };
    let mut written = 0;
    for node in &nodes {
        let dir = out.join(&node.key);
        for patch in &node.patches {
            write(&dir.join(&patch.name), &patch.content)?;
            written += 1;
        }
        if let Some((cp, worker)) = &bases {
            let (base, base_name) = match node.role {
                crate::config::RoleKind::Controlplane => (cp, "controlplane.yaml"),
                crate::config::RoleKind::Worker => (worker, "worker.yaml"),
            };
            let patches: Vec<&str> = node.patches.iter().map(|p| p.content.as_str()).collect();
            let merged = merge::apply_all(base, &patches).map_err(|source| CliError::Merge {
                node: node.key.clone(),
                base: base_name.into(),
                source,
            })?;
            write(&dir.join("config.yaml"), &merged)?;
            written += 1;
        }
    }
    eprintln!(
        "wrote {written} files for {} nodes to {}",
        nodes.len(),
        out.display()
    );
    Ok(ExitCode::SUCCESS)
}

fn rules(id: Option<&str>, format: RulesFormat) -> Result<ExitCode, CliError> {
    let selected: Vec<&crate::RuleInfo> = match id {
        Some(id) => vec![crate::Rule::from_id(id)
            .ok_or_else(|| {
                CliError::Usage(format!("no rule `{id}`; `talos-planner rules` lists them"))
            })?
            .info()],
        None => crate::rules().iter().collect(),
    };
    match format {
        RulesFormat::Json => println!("{}", serde_json::to_string_pretty(&selected)?),
        RulesFormat::Markdown => print!("{}", crate::rules::docs::markdown_table()),
        RulesFormat::Text => {
            for r in &selected {
                if id.is_some() {
                    print!("{}", crate::rules::docs::explain(r));
                } else {
                    println!("{:<28} {:<8} {}", r.id, r.severity.as_str(), r.summary);
                }
            }
        }
    }
    Ok(ExitCode::SUCCESS)
}

fn example(name: Option<&str>) -> Result<ExitCode, CliError> {
    match name {
        None => {
            for (name, file, _) in crate::examples::EXAMPLES {
                println!("{name:<22} {file}");
            }
        }
        Some(name) => {
            let (_, text) = crate::examples::example(name)
                .ok_or_else(|| CliError::Usage(format!("no built-in example `{name}`")))?;
            print!("{text}");
        }
    }
    Ok(ExitCode::SUCCESS)
}
