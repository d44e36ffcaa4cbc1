//! The `talos-planner` command line: its arguments and the dispatch to the commands,
//! offline ([`super::offline`]: lint, plan, render, rules, example) and on a cluster
//! ([`super::commands`]: apply, destroy, status; [`super::diff`]: diff).
//!
//! Exit codes: 0 success (lint: no errors), 1 the config has errors (or warnings with
//! `--strict`), 2 usage or I/O errors (lint: a file could not be read; the others are
//! still checked), 141 the reader of standard output went away (`| head`); `diff`: 3 when
//! changes are pending.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};

use super::commands::{self, ApplyArgs, DestroyArgs, StatusArgs};
use super::diff::{self, DiffArgs};
use super::input::{CliError, InputArgs, LevelArgs, SourceArgs};
use super::offline::{self, LintFormat, PlanFormat, RulesFormat};
use super::output;
use super::root_module::{is_root_module_input, no_module_for_vars, VariableArgs};
use super::secrets::{self, SecretsCommand};
use super::terraform_commands;

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
        /// Config files (YAML, JSON, Terraform `.tfvars`), Terraform root modules (`.tf`
        /// files are read with their directory), or directories to check every cluster
        /// config in (each directory holding `.tf` files is a root module); `-` reads
        /// standard input.
        #[arg(required = true)]
        files: Vec<String>,
        #[arg(long, value_enum, default_value_t = LintFormat::Human)]
        format: LintFormat,
        /// Fail on warnings too.
        #[arg(long)]
        strict: bool,
        #[command(flatten)]
        input: InputArgs,
        #[command(flatten)]
        vars: VariableArgs,
        #[command(flatten)]
        levels: LevelArgs,
    },
    /// Show the planned VMs, addresses, VIP and endpoint.
    Plan {
        #[command(flatten)]
        source: SourceArgs,
        #[arg(long, value_enum, default_value_t = PlanFormat::Table)]
        format: PlanFormat,
        #[command(flatten)]
        vars: VariableArgs,
        #[command(flatten)]
        levels: LevelArgs,
    },
    /// Write each node's Talos patches (and complete machine configs with --secrets or
    /// --base-dir).
    Render {
        #[command(flatten)]
        source: SourceArgs,
        /// Directory to write `<node>/<NN-name>.yaml` into.
        #[arg(long)]
        out: PathBuf,
        /// Directory with `controlplane.yaml` and `worker.yaml` from `talosctl gen config`;
        /// writes `<node>/config.yaml` merged with the node's patches.
        #[arg(long, conflicts_with = "secrets")]
        base_dir: Option<PathBuf>,
        #[command(flatten)]
        vars: VariableArgs,
        #[command(flatten)]
        levels: LevelArgs,
        /// A secrets bundle (`talos-planner secrets gen`, or `talosctl gen secrets`):
        /// writes each node's complete `<node>/config.yaml` and DIR/talosconfig.
        #[arg(long, value_name = "FILE")]
        secrets: Option<PathBuf>,
    },
    /// Talos secrets bundles.
    #[command(subcommand)]
    Secrets(SecretsCommand),
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
    /// Show what apply would change on the live cluster, after checking it.
    ///
    /// One line per node: + create, ~ change, - remove, = unchanged. Exits 0 in sync,
    /// 1 on errors in the config or the live preflight, 3 with changes pending.
    Diff(Box<DiffArgs>),
    /// Converge the cluster on Proxmox and Talos with the config.
    ///
    /// VMs, image, machine configs, bootstrap, VIP and kubeconfig; then changes to
    /// running nodes, rolling upgrades and removals (with --yes). Only what differs is
    /// done, so running it again finishes an interrupted run and otherwise changes
    /// nothing.
    Apply(Box<ApplyArgs>),
    /// Stop and remove the VMs tagged for this cluster (with --yes).
    Destroy(Box<DestroyArgs>),
    /// Show each node's VM and Talos API, and the VIP; exits 1 when one is not up.
    Status(Box<StatusArgs>),
}

/// The source when it is a Terraform root module (a directory or a `.tf` file);
/// `--var`/`--var-file` are refused for anything else.
fn root_module_path<'s>(
    source: &'s SourceArgs,
    vars: &VariableArgs,
) -> Result<Option<&'s str>, CliError> {
    let path = source.file.as_deref().filter(|p| is_root_module_input(p));
    if path.is_none() && !vars.is_empty() {
        return Err(no_module_for_vars());
    }
    Ok(path)
}

/// Runs the command line and maps the outcome to an exit code.
pub fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(cli) {
        Ok(code) => code,
        Err(err) => {
            output::eprintln(&format!("error: {err}"));
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
            vars,
            levels,
        } => offline::lint(&files, format, strict, &input, &levels, &vars),
        Command::Plan {
            source,
            format,
            vars,
            levels,
        } => match root_module_path(&source, &vars)? {
            Some(path) => terraform_commands::plan(path, &vars, format, &levels),
            None => offline::plan(&source, format, &levels),
        },
        Command::Render {
            source,
            out,
            base_dir,
            vars,
            levels,
            secrets,
        } => match root_module_path(&source, &vars)? {
            Some(path) => terraform_commands::render(
                path,
                &vars,
                &out,
                base_dir.as_deref(),
                secrets.as_deref(),
                &levels,
            ),
            None => offline::render(
                &source,
                &out,
                base_dir.as_deref(),
                secrets.as_deref(),
                &levels,
            ),
        },
        Command::Secrets(SecretsCommand::Gen(args)) => secrets::gen(&args),
        Command::Schema => {
            output::println(&serde_json::to_string_pretty(&crate::schema())?);
            Ok(ExitCode::SUCCESS)
        }
        Command::Rules { id, format } => offline::rules(id.as_deref(), format),
        Command::Example { name } => offline::example(name.as_deref()),
        Command::Diff(args) => diff::diff(&args),
        Command::Apply(args) => commands::apply(&args),
        Command::Destroy(args) => commands::destroy(&args),
        Command::Status(args) => commands::status(&args),
    }
}
