//! `diff`: read the live cluster, run the preflight, and compare with the plan; the
//! lines `diff` prints and `apply` shows before it acts.

use std::collections::BTreeMap;

use super::error::ProvisionError;
use super::events::{Event, Reporter};
use super::input::{ClusterInput, StatusTalos};
use super::observe::{self, CreationWait, LiveState};
use crate::diagnostics::{apply_edits, Diagnostic, Severity};
use crate::diff::observed::Observed;
use crate::diff::{self as core, Action, ClusterDiff, Desired, NodeDiff};
use crate::native::proxmox::Client;
use crate::rules::live::Inventory;
use crate::spread::{by_free_memory, spread_controlplanes, OnlineHost};

/// Settings of `diff`. The machine configs hold the cluster's secrets: `Debug` leaves
/// them out.
#[derive(Clone)]
pub struct DiffOptions {
    /// Reads at once.
    pub concurrency: usize,
    /// Waiting for VMs still being created (an interrupted run's).
    pub creation_wait: CreationWait,
    /// `None`: Proxmox only.
    pub talos: Option<StatusTalos>,
    /// Each node's planned machine config, to compare with the running one.
    pub machine_configs: Option<BTreeMap<String, String>>,
}

impl std::fmt::Debug for DiffOptions {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("DiffOptions")
            .field("concurrency", &self.concurrency)
            .field("creation_wait", &self.creation_wait)
            .field("talos", &self.talos)
            .field(
                "machine_configs",
                &self
                    .machine_configs
                    .as_ref()
                    .map(|c| c.keys().collect::<Vec<_>>()),
            )
            .finish()
    }
}

/// The live state, the preflight's findings and the diff.
#[derive(Debug, Clone)]
pub struct Assessment {
    pub live: LiveState,
    pub inventory: Inventory,
    pub findings: Vec<Diagnostic>,
    pub observed: Observed,
    pub diff: ClusterDiff,
    /// When every control plane shares one Proxmox host: the config spread over the
    /// online nodes, most free memory first.
    pub spread: Option<Spread>,
}

/// A suggested edit of the config: control planes round-robin over live hosts.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Spread {
    /// The online Proxmox nodes, most free memory first.
    pub hosts: Vec<String>,
    /// The config before and after, as a unified diff.
    pub diff: String,
}

/// With `controlplanes-share-host` and more than one online Proxmox node: the config
/// with its control planes spread over them (issue 13's [`crate::spread`]).
pub fn spread_suggestion(input: &ClusterInput, live: &LiveState) -> Option<Spread> {
    let shares = crate::lint(&input.text, input.format)
        .iter()
        .any(|d| d.rule == crate::diagnostics::Rule::ControlplanesShareHost);
    if !shares {
        return None;
    }
    let online: Vec<OnlineHost> = live
        .nodes
        .iter()
        .filter(|n| n.status.as_deref() == Some("online"))
        .map(|n| OnlineHost {
            name: n.node.clone(),
            free_memory: n.maxmem.unwrap_or(0).saturating_sub(n.mem.unwrap_or(0)),
        })
        .collect();
    let hosts = by_free_memory(&online);
    if hosts.len() < 2 {
        return None;
    }
    let edit = spread_controlplanes(&input.text, input.format, &hosts).ok()??;
    let spread = apply_edits(&input.text, &[edit])?;
    let diff = similar::TextDiff::from_lines(&input.text, &spread)
        .unified_diff()
        .context_radius(2)
        .header("config", "spread")
        .to_string();
    Some(Spread { hosts, diff })
}

impl Assessment {
    /// Findings of error severity: nothing may be written while there are any.
    pub fn blocking(&self) -> Vec<&Diagnostic> {
        self.findings
            .iter()
            .filter(|d| d.severity == Severity::Error)
            .collect()
    }
}

/// Reads Proxmox and (with `opts.talos`) Talos, runs the preflight and compares.
pub async fn assess(
    input: &ClusterInput,
    client: &Client,
    opts: &DiffOptions,
    out: &dyn Reporter,
) -> Result<Assessment, ProvisionError> {
    let live =
        observe::read_proxmox(input, client, opts.concurrency, opts.creation_wait, out).await?;
    let inventory = live.inventory();
    let findings = crate::preflight_of(
        &input.text,
        input.format,
        &input.config,
        &input.plan,
        &inventory,
    );
    let talos = match &opts.talos {
        Some(access) => {
            let targets = observe::talos_targets(input, &live, access);
            observe::read_talos(targets, access, opts.concurrency).await
        }
        None => BTreeMap::new(),
    };
    let observed = Observed {
        vms: live.vms.clone(),
        talos,
    };
    let diff = core::diff(
        &Desired {
            config: &input.config,
            plan: &input.plan,
            machine_configs: opts.machine_configs.as_ref(),
        },
        &observed,
    );
    let spread = spread_suggestion(input, &live);
    Ok(Assessment {
        live,
        inventory,
        findings,
        observed,
        diff,
        spread,
    })
}

/// A node's line and its details (machine config diff, notes).
pub fn node_line(n: &NodeDiff) -> (String, Vec<String>) {
    let vm = match (n.vm_id, &n.proxmox_node) {
        (Some(id), Some(host)) => format!("VM {id} on {host}"),
        (Some(id), None) => format!("VM {id}"),
        _ => "VM".to_owned(),
    };
    let line = match n.action {
        Action::Create => format!(
            "{}  {vm}: {} cores, {} MiB, {} GiB",
            n.key,
            n.cores.unwrap_or_default(),
            n.memory.unwrap_or_default(),
            n.disk.unwrap_or_default()
        ),
        Action::Change => format!(
            "{}  {vm}: {}{}",
            n.key,
            n.changes
                .iter()
                .map(core::Change::summary)
                .collect::<Vec<_>>()
                .join("; "),
            if n.changes.iter().any(core::Change::needs_restart) {
                " (new cores and memory apply at the VM's next start from Proxmox)"
            } else {
                ""
            }
        ),
        Action::Remove => format!(
            "{}  {vm} ({}): {}",
            n.key,
            n.hostname.as_deref().unwrap_or("unnamed"),
            match n.role {
                Some(crate::config::RoleKind::Controlplane) => {
                    "leave etcd, delete the Node, reset, destroy the VM"
                }
                Some(crate::config::RoleKind::Worker) => "delete the Node, reset, destroy the VM",
                None => "destroy the VM",
            }
        ),
        Action::Unchanged => format!("{}  {vm}", n.key),
    };
    let mut details = Vec::new();
    for change in &n.changes {
        if let core::Change::MachineConfig { diff, .. } = change {
            details.extend(diff.lines().map(str::to_owned));
        }
    }
    details.extend(n.notes.iter().map(|note| format!("note: {note}")));
    (line, details)
}

/// `3 to create, 1 to change, 1 to remove, 2 unchanged`.
pub fn summary_line(d: &ClusterDiff) -> String {
    let c = d.counts;
    format!(
        "{} to create, {} to change, {} to remove, {} unchanged",
        c.create, c.change, c.remove, c.unchanged
    )
}

/// Reports the findings and the diff as events.
pub fn emit(assessment: &Assessment, out: &dyn Reporter) {
    for d in &assessment.findings {
        out.emit(&Event::Finding {
            rule: d.rule.id().to_owned(),
            severity: d.severity.as_str().to_owned(),
            message: d.message.clone(),
        });
    }
    for n in &assessment.diff.nodes {
        let (line, details) = node_line(n);
        out.emit(&Event::Diff {
            node: n.key.clone(),
            action: n.action,
            line,
            details,
        });
    }
    out.emit(&Event::Info {
        message: summary_line(&assessment.diff),
    });
    if let Some(spread) = &assessment.spread {
        out.emit(&Event::Warning {
            node: None,
            message: spread_message(spread),
        });
    }
}

/// The suggestion for people.
pub fn spread_message(spread: &Spread) -> String {
    format!(
        "every control plane runs on one Proxmox host (controlplanes-share-host); to spread \
         them over the online nodes, most free memory first ({}), change the config so:\n{}",
        spread.hosts.join(", "),
        spread
            .diff
            .lines()
            .map(|l| format!("    {l}"))
            .collect::<Vec<_>>()
            .join("\n")
    )
}
