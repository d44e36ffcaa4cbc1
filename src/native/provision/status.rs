//! `status`: per node, the VM's state on Proxmox and whether its Talos API answers; and
//! whether the Kubernetes API answers on the VIP.

use std::collections::HashMap;
use std::time::Duration;

use serde::Serialize;

use super::desired::{cluster_tag, is_ours};
use super::error::ProvisionError;
use super::input::{ClusterInput, StatusTalos};
use super::talos_phase::{probe, tcp_answers, NodeApi};
use super::writer::bounded;
use crate::native::proxmox::api;
use crate::native::proxmox::Client;

/// One node's state.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct NodeStatus {
    pub node: String,
    pub hostname: Option<String>,
    pub vm_id: Option<i64>,
    /// Where the VM is (or is planned).
    pub proxmox_node: Option<String>,
    /// `running`, `stopped`, `missing`, or `not ours`.
    pub vm: String,
    /// `mutual TLS (Talos v1.12.0)`, `maintenance mode`, `not answering`, or (without a
    /// talosconfig) `answers, wants mutual TLS`; `None` when not asked.
    pub talos: Option<String>,
    /// Why Talos did not answer.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub talos_detail: Option<String>,
}

/// The VIP's state.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct VipStatus {
    pub address: String,
    pub answering: bool,
}

/// The cluster's state.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ClusterStatus {
    pub cluster: String,
    pub endpoint: Option<String>,
    pub nodes: Vec<NodeStatus>,
    pub vip: Option<VipStatus>,
    /// Every VM runs and every API asked answers (Talos with mutual TLS, the VIP).
    pub healthy: bool,
}

/// Settings of `status`.
#[derive(Debug, Clone)]
pub struct StatusOptions {
    pub concurrency: usize,
    /// `None`: Proxmox only.
    pub talos: Option<StatusTalos>,
}

/// Reads the state; nothing is changed.
pub async fn status(
    input: &ClusterInput,
    client: &Client,
    opts: &StatusOptions,
) -> Result<ClusterStatus, ProvisionError> {
    let vms = api::cluster_guests(client)
        .await
        .map_err(|e| ProvisionError::proxmox(None, "listing the VMs of the cluster", &e))?;
    let by_id: HashMap<u64, &api::ClusterVm> = vms.iter().map(|v| (v.vmid, v)).collect();
    let cluster = input.name();
    let cluster_tag = cluster_tag(&cluster);
    let nodes = bounded(input.plan.nodes.iter().collect(), opts.concurrency, |n| {
        let vm = n
            .vm_id
            .and_then(|id| u64::try_from(id).ok())
            .and_then(|id| by_id.get(&id).copied());
        let cluster_tag = cluster_tag.clone();
        async move {
            let (vm_state, where_) = match vm {
                None => ("missing".to_owned(), n.proxmox_node.clone()),
                Some(vm) => {
                    let state = if is_ours(vm, &cluster_tag) {
                        vm.status.clone().unwrap_or_else(|| "unknown".into())
                    } else {
                        "not ours".into()
                    };
                    (state, Some(vm.node.clone()))
                }
            };
            let (talos, talos_detail) = match &opts.talos {
                None => (None, None),
                Some(t) => match t.endpoints.talos(n) {
                    None => (Some("address unknown".to_owned()), None),
                    Some(addr) => {
                        let fp = t.fingerprints.get(&n.key).copied();
                        match probe(addr, t.identity.as_ref(), fp, t.rpc).await {
                            NodeApi::Configured(tag) => {
                                (Some(format!("mutual TLS (Talos {tag})")), None)
                            }
                            NodeApi::Maintenance => (Some("maintenance mode".into()), None),
                            NodeApi::NeedsClientCert => (
                                Some("answers, wants mutual TLS (give --talos-dir)".into()),
                                None,
                            ),
                            NodeApi::Down(reason) => (Some("not answering".into()), Some(reason)),
                        }
                    }
                },
            };
            Ok(NodeStatus {
                node: n.key.clone(),
                hostname: n.hostname.clone(),
                vm_id: n.vm_id,
                proxmox_node: where_,
                vm: vm_state,
                talos,
                talos_detail,
            })
        }
    })
    .await?;
    // `bounded` finishes in any order; show the plan's order.
    let mut nodes = nodes;
    let order: HashMap<&str, usize> = input
        .plan
        .nodes
        .iter()
        .enumerate()
        .map(|(i, n)| (n.key.as_str(), i))
        .collect();
    nodes.sort_by_key(|n| order.get(n.node.as_str()).copied().unwrap_or(usize::MAX));

    let vip = match &opts.talos {
        Some(t) => match t.endpoints.vip(&input.plan) {
            Some(addr) => Some(VipStatus {
                address: addr.to_string(),
                answering: tcp_answers(addr, Duration::from_secs(3)).await.is_ok(),
            }),
            None => None,
        },
        None => None,
    };
    let healthy = nodes.iter().all(|n| {
        n.vm == "running"
            && n.talos
                .as_deref()
                .is_none_or(|t| t.starts_with("mutual TLS"))
    }) && vip.as_ref().is_none_or(|v| v.answering);
    Ok(ClusterStatus {
        cluster,
        endpoint: input.plan.cluster_endpoint.clone(),
        nodes,
        vip,
        healthy,
    })
}
