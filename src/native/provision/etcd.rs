//! etcd as the control planes report it: the member list, each member's health, and
//! waiting until every member is healthy (after an upgrade, before the next node).

use std::net::SocketAddr;

use super::input::TalosOptions;
use super::talos_phase::polling;
use crate::diff::quorum::Member;
use crate::native::talos::proto::EtcdMember;
use crate::native::talos::{MachineClient, Mode, TalosError};

/// A control plane's Talos API.
#[derive(Debug, Clone)]
pub(super) struct ControlPlane {
    pub key: String,
    pub hostname: String,
    pub addr: SocketAddr,
}

/// The members and their health.
#[derive(Debug, Clone)]
pub(super) struct Members {
    pub list: Vec<EtcdMember>,
    pub health: Vec<Member>,
}

impl Members {
    /// The member of a hostname.
    pub fn of(&self, hostname: &str) -> Option<&EtcdMember> {
        self.list.iter().find(|m| m.hostname == hostname)
    }

    /// Every member healthy, and each of `expected` a member.
    pub fn all_healthy(&self, expected: &[&str]) -> Result<(), String> {
        let sick: Vec<&str> = self
            .health
            .iter()
            .filter(|m| !m.healthy)
            .map(|m| m.name.as_str())
            .collect();
        if !sick.is_empty() {
            return Err(format!("not healthy yet: {}", sick.join(", ")));
        }
        let missing: Vec<&str> = expected
            .iter()
            .copied()
            .filter(|h| self.of(h).is_none())
            .collect();
        if !missing.is_empty() {
            return Err(format!("not members yet: {}", missing.join(", ")));
        }
        Ok(())
    }
}

async fn connect(addr: SocketAddr, t: &TalosOptions) -> Result<MachineClient, TalosError> {
    MachineClient::connect(addr, &Mode::Authenticated(t.base.identity.clone()), t.rpc).await
}

/// The member list from the first control plane that answers (`skip`: a node that is
/// leaving), and each member's health: started (named), not a learner, and its own
/// node's etcd answering without errors.
pub(super) async fn members(
    cps: &[ControlPlane],
    skip: Option<&str>,
    t: &TalosOptions,
) -> Result<Members, String> {
    let mut reasons = Vec::new();
    let mut list = None;
    for cp in cps.iter().filter(|c| Some(c.key.as_str()) != skip) {
        match connect(cp.addr, t).await {
            Ok(mut c) => match c.etcd_members().await {
                Ok(members) => {
                    list = Some(members);
                    break;
                }
                Err(e) => reasons.push(format!("{}: {e}", cp.key)),
            },
            Err(e) => reasons.push(format!("{}: {e}", cp.key)),
        }
    }
    let Some(list) = list else {
        return Err(format!(
            "no control plane lists the etcd members ({})",
            reasons.join("; ")
        ));
    };
    let mut health = Vec::new();
    for m in &list {
        let healthy = if m.hostname.is_empty() || m.is_learner {
            false
        } else {
            match cps.iter().find(|c| c.hostname == m.hostname) {
                Some(cp) => match connect(cp.addr, t).await {
                    Ok(mut c) => c
                        .etcd_status()
                        .await
                        .is_ok_and(|s| s.errors.is_empty() && !s.is_learner),
                    Err(_) => false,
                },
                // A member we cannot reach by its node: what the list says must do.
                None => true,
            }
        };
        health.push(Member {
            name: if m.hostname.is_empty() {
                format!("{:016x}", m.id)
            } else {
                m.hostname.clone()
            },
            healthy,
        });
    }
    Ok(Members { list, health })
}

/// Waits until every member is healthy and each of `expected` is one.
pub(super) async fn wait_healthy(
    cps: &[ControlPlane],
    expected: &[&str],
    t: &TalosOptions,
) -> Result<Members, String> {
    polling(t.timeout, t.interval, || async move {
        let m = members(cps, None, t).await?;
        m.all_healthy(expected)?;
        Ok(m)
    })
    .await
    .map_err(|last: String| {
        format!(
            "etcd was not healthy within {} s ({last})",
            t.timeout.as_secs()
        )
    })
}
