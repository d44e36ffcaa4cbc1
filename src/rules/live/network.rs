//! Bridges: the planned bridge exists on each VM's Proxmox node, and is VLAN-aware when
//! the VM's network has a VLAN tag.

use super::{Live, Reporter};
use crate::diagnostics::{Diagnostic, Rule};

pub(super) fn check(live: &Live<'_>, out: &mut Reporter) {
    let Some(bridge) = live.plan.network.bridge.as_deref() else {
        return;
    };
    let bridge_span = live
        .config
        .network
        .bridge
        .span()
        .unwrap_or(live.config.network.span);
    for (node, origin) in live.nodes() {
        let Some(host) = node.proxmox_node.as_deref() else {
            continue;
        };
        // A missing or offline node is its own finding; its bridges are unknown.
        if !live.inventory.nodes.get(host).is_some_and(|h| h.online) {
            continue;
        }
        let bridges = live.inventory.bridges.get(host);
        match bridges.and_then(|b| b.get(bridge)) {
            None => {
                let have: Vec<&str> = bridges
                    .map(|b| b.keys().map(String::as_str).collect())
                    .unwrap_or_default();
                out.per_node(
                    &node.key,
                    Diagnostic::new(
                        Rule::BridgeMissing,
                        bridge_span,
                        format!(
                            "bridge `{bridge}` does not exist on Proxmox node `{host}` (its \
                             bridges: {})",
                            if have.is_empty() {
                                "none".to_owned()
                            } else {
                                have.join(", ")
                            }
                        ),
                    ),
                );
            }
            Some(b) if !b.vlan_aware => {
                if let Some(tag) = node.vlan_id {
                    out.per_node(
                        &node.key,
                        Diagnostic::new(
                            Rule::BridgeNotVlanAware,
                            origin.vlan_id.unwrap_or(bridge_span),
                            format!(
                                "VLAN {tag} on bridge `{bridge}` of Proxmox node `{host}`, \
                                 which is not VLAN-aware"
                            ),
                        ),
                    );
                }
            }
            Some(_) => {}
        }
    }
}
