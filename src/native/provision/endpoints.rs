//! Where the Talos API of each node and the VIP are reached. By default: the node's
//! planned address on port 50000 and the VIP on 6443 (the VIP is never a Talos
//! endpoint). Overrides map a node key (or `vip`) to another address, so tests can
//! point every node at a loopback server.

use std::collections::BTreeMap;
use std::net::{IpAddr, SocketAddr};

use crate::native::talos::{API_PORT, KUBE_API_PORT};
use crate::plan::{Plan, PlannedNode};

/// Address resolution for the Talos and Kubernetes APIs.
#[derive(Debug, Clone, Default)]
pub struct Endpoints {
    overrides: BTreeMap<String, SocketAddr>,
}

impl Endpoints {
    /// Reads `KEY=HOST:PORT` entries (`controlplane-1=127.0.0.1:50001`, `vip=...`).
    pub fn parse(entries: &[String]) -> Result<Self, String> {
        let mut overrides = BTreeMap::new();
        for entry in entries {
            let (key, addr) = entry
                .split_once('=')
                .ok_or_else(|| format!("`{entry}` is not KEY=HOST:PORT"))?;
            let addr: SocketAddr = addr
                .trim()
                .parse()
                .map_err(|_| format!("`{addr}` in `{entry}` is not an IP address and port"))?;
            overrides.insert(key.trim().to_owned(), addr);
        }
        Ok(Endpoints { overrides })
    }

    /// The keys overridden (node keys, `vip`).
    pub fn keys(&self) -> impl Iterator<Item = &str> {
        self.overrides.keys().map(String::as_str)
    }

    /// The node's Talos API.
    pub fn talos(&self, node: &PlannedNode) -> Option<SocketAddr> {
        self.talos_at(&node.key, node.ip_address)
    }

    /// The Talos API of the node `key` at `ip` (also for nodes no longer planned, whose
    /// address comes from their VM).
    pub fn talos_at(&self, key: &str, ip: Option<IpAddr>) -> Option<SocketAddr> {
        self.overrides
            .get(key)
            .copied()
            .or_else(|| ip.map(|ip| SocketAddr::new(ip, API_PORT)))
    }

    /// Where to reach the Kubernetes API instead of the kubeconfig's server: the
    /// `kubernetes` override, else the `vip` one.
    pub fn kubernetes(&self) -> Option<SocketAddr> {
        self.overrides
            .get("kubernetes")
            .or_else(|| self.overrides.get("vip"))
            .copied()
    }

    /// The Kubernetes API on the VIP, when HA is enabled.
    pub fn vip(&self, plan: &Plan) -> Option<SocketAddr> {
        if !plan.ha_vip_enabled {
            return None;
        }
        self.overrides.get("vip").copied().or_else(|| {
            plan.ha_vip
                .map(|ip: IpAddr| SocketAddr::new(ip, KUBE_API_PORT))
        })
    }
}
