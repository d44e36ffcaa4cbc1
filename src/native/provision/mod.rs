//! Provisioning: `apply` takes a linted plan to a running Talos cluster on Proxmox,
//! `destroy` removes the cluster's VMs, `status` shows where things stand.
//!
//! Every run reads the state first and only sends what is missing, so a run that was
//! interrupted anywhere (a 500, a failed task, a killed process) is finished by running
//! it again. Nothing is changed before the safety checks pass (VM IDs that are not ours,
//! unknown Proxmox nodes, storages that cannot hold the image).

mod apply;
pub mod desired;
mod destroy;
pub mod endpoints;
mod error;
pub mod events;
pub mod factory;
mod status;
mod talos_phase;

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

pub use apply::{apply, ApplySummary};
pub use destroy::{destroy, DestroySummary};
pub use endpoints::Endpoints;
pub use error::ProvisionError;
pub use events::{Event, Reporter};
pub use status::{status, ClusterStatus, NodeStatus, StatusOptions};

use crate::config::{Config, RoleKind};
use crate::diagnostics::Diagnostic;
use crate::native::proxmox::task::{self, TaskOutcome, TaskPolicy};
use crate::native::proxmox::{Call, Client};
use crate::native::talos::{ClientIdentity, TalosBase, Timeouts};
use crate::native::tls::Fingerprint;
use crate::plan::Plan;
use crate::render::merge;
use crate::{Format, RenderedNode};

/// A config that passed lint: its model, plan and rendered patches.
#[derive(Debug, Clone)]
pub struct ClusterInput {
    pub config: Config,
    pub plan: Plan,
    pub rendered: Vec<RenderedNode>,
}

impl ClusterInput {
    /// Analyses a config text; its diagnostics come back when it has errors.
    pub fn analyze(text: &str, format: Format) -> Result<Self, Vec<Diagnostic>> {
        let (config, plan) = crate::complete_plan(text, format, "building the cluster")?;
        let rendered = crate::render::render(&config, &plan).map_err(|e| {
            vec![Diagnostic::new(
                crate::rules::Rule::InvalidValue,
                crate::diagnostics::Span::default(),
                e.to_string(),
            )]
        })?;
        Ok(ClusterInput {
            config,
            plan,
            rendered,
        })
    }

    /// The cluster's name (for messages).
    pub fn name(&self) -> String {
        self.plan
            .cluster_name
            .clone()
            .unwrap_or_else(|| "(unnamed)".into())
    }

    /// Each node's full machine config: the base of its role merged with its patches
    /// (the VIP patch only on control planes, as rendering decides).
    pub fn machine_configs(
        &self,
        base: &TalosBase,
    ) -> Result<BTreeMap<String, String>, ProvisionError> {
        let mut out = BTreeMap::new();
        for node in &self.rendered {
            let (text, name) = match node.role {
                RoleKind::Controlplane => (&base.controlplane, "controlplane.yaml"),
                RoleKind::Worker => (&base.worker, "worker.yaml"),
            };
            let patches: Vec<&str> = node.patches.iter().map(|p| p.content.as_str()).collect();
            let merged = merge::apply_all(text, &patches).map_err(|e| ProvisionError::Step {
                node: Some(node.key.clone()),
                what: format!("merging the patches into {name}"),
                cause: e.to_string(),
                next: "Fix the patch (see `talos-planner render --base-dir`) and run apply again"
                    .into(),
            })?;
            out.insert(node.key.clone(), merged);
        }
        Ok(out)
    }
}

/// Talos settings of `apply`.
#[derive(Debug, Clone)]
pub struct TalosOptions {
    pub base: TalosBase,
    /// Where the kubeconfig is written.
    pub kubeconfig: PathBuf,
    pub endpoints: Endpoints,
    /// Pinned maintenance-mode certificate fingerprints, by node key.
    pub fingerprints: BTreeMap<String, Fingerprint>,
    /// How long each wait (node up, bootstrap, VIP, kubeconfig) may take.
    pub timeout: Duration,
    /// Time between attempts while waiting.
    pub interval: Duration,
    pub rpc: Timeouts,
}

/// Settings of `apply`.
#[derive(Debug, Clone)]
pub struct ApplyOptions {
    /// VMs (and Talos nodes) worked on at once.
    pub concurrency: usize,
    /// Read, and print the writes instead of sending them.
    pub dry_run: bool,
    pub tasks: TaskPolicy,
    /// `None`: Proxmox only.
    pub talos: Option<TalosOptions>,
}

/// What the Talos side of `status` uses.
#[derive(Debug, Clone)]
pub struct StatusTalos {
    pub identity: Option<ClientIdentity>,
    pub endpoints: Endpoints,
    pub fingerprints: BTreeMap<String, Fingerprint>,
    pub rpc: Timeouts,
}

/// Runs a command's body; its error is also reported as an [`Event::Error`].
pub(crate) async fn reported<T>(
    out: &dyn Reporter,
    body: impl std::future::Future<Output = Result<T, ProvisionError>>,
) -> Result<T, ProvisionError> {
    let result = body.await;
    if let Err(e) = &result {
        out.emit(&Event::Error {
            node: e.node().map(str::to_owned),
            message: e.to_string(),
        });
    }
    result
}

/// Sends writes (or prints them in a dry run) and waits for their tasks.
pub(crate) struct Writer<'a> {
    pub client: &'a Client,
    pub out: &'a dyn Reporter,
    pub dry_run: bool,
    pub tasks: TaskPolicy,
}

impl<'a> Writer<'a> {
    pub fn new(client: &'a Client, out: &'a dyn Reporter, opts: &ApplyOptions) -> Self {
        Writer {
            client,
            out,
            dry_run: opts.dry_run,
            tasks: opts.tasks,
        }
    }

    /// One step of a node: shows `step`, then writes `call` (`what` names it in errors).
    pub async fn step(
        &self,
        node: &str,
        step: String,
        what: &str,
        call: Call,
    ) -> Result<bool, ProvisionError> {
        self.out.emit(&Event::Step {
            node: node.to_owned(),
            message: step,
        });
        self.write(Some(node), what, call).await
    }

    /// Sends `call`; when it answers with a task, waits for the task. Returns whether
    /// it was sent (false in a dry run).
    pub async fn write(
        &self,
        node: Option<&str>,
        what: &str,
        call: Call,
    ) -> Result<bool, ProvisionError> {
        if self.dry_run {
            self.out.emit(&Event::WouldCall {
                node: node.map(str::to_owned),
                call: call.to_string(),
            });
            return Ok(false);
        }
        let data = self
            .client
            .execute(&call)
            .await
            .map_err(|e| ProvisionError::proxmox(node, what, &e))?;
        if let Some(upid) = data.as_str().filter(|s| s.starts_with("UPID:")) {
            match task::wait(self.client, upid, &self.tasks).await {
                Ok(TaskOutcome::Warnings(n)) => self.out.emit(&Event::Warning {
                    node: node.map(str::to_owned),
                    message: format!("{what} finished with {n} warning(s); see its task log"),
                }),
                Ok(TaskOutcome::Ok) => {}
                Err(e) => return Err(ProvisionError::proxmox(node, what, &e)),
            }
        }
        Ok(true)
    }
}

/// Runs `f` over `items` with at most `limit` at once; after the first error no new
/// item starts, the running ones finish, and the first error is returned.
pub(crate) async fn bounded<T, R, F, Fut>(
    items: Vec<T>,
    limit: usize,
    f: F,
) -> Result<Vec<R>, ProvisionError>
where
    F: Fn(T) -> Fut,
    Fut: std::future::Future<Output = Result<R, ProvisionError>>,
{
    use futures_util::stream::{self, StreamExt};
    use std::sync::atomic::{AtomicBool, Ordering};

    let failed = Arc::new(AtomicBool::new(false));
    let results: Vec<Option<Result<R, ProvisionError>>> = stream::iter(items)
        .map(|item| {
            let failed = failed.clone();
            let fut = f(item);
            async move {
                if failed.load(Ordering::SeqCst) {
                    return None;
                }
                let result = fut.await;
                if result.is_err() {
                    failed.store(true, Ordering::SeqCst);
                }
                Some(result)
            }
        })
        .buffer_unordered(limit.max(1))
        .collect()
        .await;
    let mut out = Vec::new();
    for r in results.into_iter().flatten() {
        out.push(r?);
    }
    Ok(out)
}
