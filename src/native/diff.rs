//! `talos-planner diff`: what `apply` would do. It reads Proxmox (this cluster's VMs by
//! tag, the nodes, storages and bridges) and, with `--talos-dir`, each node's Talos
//! (version, schematic, machine config), runs the live preflight, and prints one line
//! per node: `+` create, `~` change (and what), `-` remove, `=` unchanged.
//!
//! Exit codes: 0 in sync, 1 the config or the preflight has errors, 2 usage, I/O,
//! Proxmox or Talos failures, 3 changes pending (for CI: `diff || [ $? = 3 ]`).

use std::io::IsTerminal;
use std::process::ExitCode;
use std::time::{Duration, Instant};

use clap::ValueEnum;
use serde_json::json;

use super::commands::{
    analyzed_source, connect, fail, reporter, runtime, secrets_path, talos_version, OutputFormat,
};
use super::commands::{ProxmoxArgs, TalosArgs};
use super::input::{CliError, SourceArgs};
use super::output;
use super::provision::diff::{assess, node_line, spread_message, summary_line};
use super::provision::events::{human_line, Event, Reporter};
use super::provision::{CreationWait, DiffOptions, StatusTalos};
use super::report::{self, LintedFile};
use super::secrets;
use super::talos::{TalosBase, Timeouts};
use crate::diagnostics::has_errors;

/// Exit code: changes are pending.
pub const CHANGES_PENDING: u8 = 3;

/// `diff`'s output.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum DiffFormat {
    /// One line per node (`+ ~ - =`) with the machine config diffs.
    Text,
    /// One JSON document: the findings and the diff.
    Json,
}

/// `diff`.
#[derive(Debug, Clone, clap::Args)]
pub struct DiffArgs {
    #[command(flatten)]
    pub source: SourceArgs,
    #[command(flatten)]
    pub proxmox: ProxmoxArgs,
    #[command(flatten)]
    pub talos: TalosArgs,
    /// Ask Proxmox only (no Talos versions or machine configs).
    #[arg(long)]
    pub proxmox_only: bool,
    #[arg(long, value_enum, default_value_t = DiffFormat::Text)]
    pub output: DiffFormat,
    /// Reads at once.
    #[arg(long, default_value_t = 8, value_parser = clap::value_parser!(u16).range(1..=64))]
    pub concurrency: u16,
}

/// Events as plain lines on standard error.
struct StderrLines;

impl Reporter for StderrLines {
    fn emit(&self, event: &Event) {
        output::eprintln(&human_line(event));
    }
}

/// `talos-planner diff`.
pub fn diff(args: &DiffArgs) -> Result<ExitCode, CliError> {
    let started = Instant::now();
    let (input, source) = match analyzed_source(&args.source)? {
        Ok(loaded) => loaded,
        Err(code) => return Ok(code),
    };
    let out = reporter(match args.output {
        DiffFormat::Json => OutputFormat::Json,
        DiffFormat::Text => OutputFormat::Text,
    });
    let (talos, machine_configs) = if args.proxmox_only {
        (None, None)
    } else {
        let (endpoints, fingerprints) = args.talos.resolve(&input)?;
        // The machine configs from --talos-dir, or from the secrets bundle when it is
        // there (diff never makes one: without it there is nothing to compare with).
        let base = match &args.talos.talos_dir {
            Some(dir) => match TalosBase::read(dir) {
                Ok(base) => Some(base),
                Err(e) => return Ok(fail(out.as_ref(), e.to_string())),
            },
            None => {
                let path = secrets_path(&args.source, &args.talos, &input);
                if path.exists() {
                    let version = talos_version(&input)?;
                    let mut notes = secrets::Prepared::default();
                    match secrets::prepare(&path, &input.plan, &version, true, &mut notes) {
                        Ok(prepared) => Some(prepared.base),
                        Err(e) => return Ok(fail(out.as_ref(), e.to_string())),
                    }
                } else {
                    None
                }
            }
        };
        let configs = match &base {
            Some(b) => match input.machine_configs(b) {
                Ok(c) => Some(c),
                Err(e) => return Ok(fail(out.as_ref(), e.to_string())),
            },
            None => None,
        };
        (
            Some(StatusTalos {
                identity: base.map(|b| b.identity),
                endpoints,
                fingerprints,
                rpc: Timeouts {
                    connect: Duration::from_secs(3),
                    request: Duration::from_secs(10),
                },
            }),
            configs,
        )
    };
    let client = match connect(&args.proxmox, out.as_ref()) {
        Ok(c) => c,
        Err(code) => return Ok(code),
    };
    let opts = DiffOptions {
        concurrency: usize::from(args.concurrency),
        creation_wait: CreationWait {
            timeout: Duration::from_secs(600),
            interval: Duration::from_secs(2),
        },
        talos,
        machine_configs,
    };
    // Waiting for an interrupted run's VMs goes to standard error, not into the diff.
    let waits = StderrLines;
    let assessment = match runtime()?.block_on(assess(&input, &client, &opts, &waits)) {
        Ok(a) => a,
        Err(e) => return Ok(fail(out.as_ref(), e.to_string())),
    };
    let errors = has_errors(&assessment.findings);
    let code = if errors {
        1
    } else if assessment.diff.changes_pending {
        CHANGES_PENDING
    } else {
        0
    };
    let file = LintedFile {
        diagnostics: assessment.findings.clone(),
        ..source
    };
    match args.output {
        DiffFormat::Json => {
            let findings = report::json(std::slice::from_ref(&file));
            output::println(&serde_json::to_string(&json!({
                    "cluster": assessment.diff.cluster,
                    "proxmox_release": assessment.live.version.to_string(),
                    "findings": findings["diagnostics"],
                    "nodes": assessment.diff.nodes,
                    "counts": assessment.diff.counts,
                    "changes_pending": assessment.diff.changes_pending,
                    "spread": assessment.spread,
                    "proxmox_requests": client.request_count(),
                    "exit_code": code,
            }))?);
        }
        DiffFormat::Text => {
            if !file.diagnostics.is_empty() {
                let color =
                    std::io::stderr().is_terminal() && std::env::var_os("NO_COLOR").is_none();
                output::eprint(&report::human(std::slice::from_ref(&file), color));
            }
            let mut text = format!(
                "cluster {} on Proxmox VE {}\n",
                assessment.diff.cluster, assessment.live.version
            );
            for n in &assessment.diff.nodes {
                let (line, details) = node_line(n);
                text.push_str(&format!("{} {line}\n", n.action.sign()));
                for d in details {
                    text.push_str(&format!("    {d}\n"));
                }
            }
            text.push_str(&format!(
                "{} ({} Proxmox requests, {:.1} s)\n",
                summary_line(&assessment.diff),
                client.request_count(),
                started.elapsed().as_secs_f64()
            ));
            if let Some(spread) = &assessment.spread {
                text.push_str(&format!("note: {}\n", spread_message(spread)));
            }
            output::print(&text);
            if errors {
                output::eprintln(
                    "error: the live preflight found errors; apply would change nothing",
                );
            }
        }
    }
    Ok(ExitCode::from(code))
}
