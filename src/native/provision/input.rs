//! What a provisioning run starts from: the checked config with its plan and patches,
//! and the run's options.

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

use super::endpoints::Endpoints;
use super::error::ProvisionError;
use crate::config::{Config, RoleKind};
use crate::diagnostics::Diagnostic;
use crate::native::proxmox::task::TaskPolicy;
use crate::native::talos::client::Timeouts;
use crate::native::talos::config::{ClientIdentity, TalosBase};
use crate::native::tls::Fingerprint;
use crate::plan::Plan;
use crate::render::{machine_config, merge};
use crate::{Format, RenderedNode};

/// A config that passed lint: its text, model, plan and rendered patches.
#[derive(Debug, Clone)]
pub struct ClusterInput {
    pub config: Config,
    pub plan: Plan,
    pub rendered: Vec<RenderedNode>,
    /// The source text and its format (for suggestions that edit it).
    pub text: String,
    pub format: Format,
}

impl ClusterInput {
    /// Analyses a config text; its diagnostics come back when it has errors.
    pub fn analyze(text: &str, format: Format) -> Result<Self, Vec<Diagnostic>> {
        let (config, plan) = crate::complete_plan(text, format, "building the cluster")?;
        let rendered = crate::render::render(&config, &plan).map_err(|e| {
            vec![Diagnostic::new(
                crate::diagnostics::Rule::InvalidValue,
                crate::diagnostics::Span::default(),
                e.to_string(),
            )]
        })?;
        Ok(ClusterInput {
            config,
            plan,
            rendered,
            text: text.to_owned(),
            format,
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
        // A base made for another Talos release is refused before anything changes.
        if let Some(version) = self
            .config
            .image
            .version
            .get()
            .and_then(|v| crate::plan::version::TalosVersion::parse(v))
        {
            for (text, name) in [
                (&base.controlplane, "controlplane.yaml"),
                (&base.worker, "worker.yaml"),
            ] {
                let path = base.dir.join(name).display().to_string();
                machine_config::check_base(&path, text, &version).map_err(|e| {
                    ProvisionError::Refused {
                        message: e.to_string(),
                        next: "Make the base configs for image.version, or leave out \
                               --talos-dir to have them made from the secrets bundle, then \
                               run apply again"
                            .into(),
                    }
                })?;
            }
        }
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

impl TalosOptions {
    /// What reading the nodes (`diff`, and `apply` before it acts) uses.
    pub fn access(&self) -> StatusTalos {
        StatusTalos {
            identity: Some(self.base.identity.clone()),
            endpoints: self.endpoints.clone(),
            fingerprints: self.fingerprints.clone(),
            rpc: self.rpc,
        }
    }
}

/// Asks whether the nodes (keys) may be removed.
pub type Confirm = Arc<dyn Fn(&[String]) -> bool + Send + Sync>;

/// Whether `apply` may remove the nodes the plan no longer has.
#[derive(Clone, Default)]
pub enum Removals {
    /// No: a run with removals stops before it changes anything.
    #[default]
    Refuse,
    /// Yes (`--yes`).
    Allow,
    /// Ask (a terminal): called with the nodes to remove, before anything is changed.
    Ask(Confirm),
}

impl std::fmt::Debug for Removals {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            Removals::Refuse => "Refuse",
            Removals::Allow => "Allow",
            Removals::Ask(_) => "Ask",
        })
    }
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
    /// Scale-down.
    pub removals: Removals,
}

/// What the Talos side of `status` uses.
#[derive(Debug, Clone)]
pub struct StatusTalos {
    pub identity: Option<ClientIdentity>,
    pub endpoints: Endpoints,
    pub fingerprints: BTreeMap<String, Fingerprint>,
    pub rpc: Timeouts,
}
