//! Proxmox tasks: UPIDs and waiting for a task to stop.
//!
//! A write that forks a worker answers with a UPID,
//! `UPID:{node}:{pid:08X}:{pstart:08X}:{starttime:08X}:{type}:{id}:{user}:`. The task's
//! status is read from the node in the UPID until it is `stopped`; its `exitstatus` is
//! `OK`, `WARNINGS: n` (both success) or the error.

use std::str::FromStr;
use std::time::{Duration, Instant};

use serde::Deserialize;

use super::client::{seg, Call, Client, Method};
use super::error::ProxmoxError;

/// A parsed task ID.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Upid {
    pub node: String,
    pub pid: u32,
    pub pstart: u64,
    pub starttime: u64,
    /// `qmcreate`, `qmstart`, `download`, ...
    pub kind: String,
    /// The object: a VM ID, a storage, or empty.
    pub id: String,
    pub user: String,
    /// The text as Proxmox gave it.
    pub raw: String,
}

impl FromStr for Upid {
    type Err = ProxmoxError;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        let bad = || ProxmoxError::Upid(text.to_owned());
        let rest = text.strip_prefix("UPID:").ok_or_else(bad)?;
        // The user may contain `:`-free `!` and `@`; it is everything up to the final `:`.
        let parts: Vec<&str> = rest.splitn(7, ':').collect();
        let [node, pid, pstart, starttime, kind, id, user_tail] = parts.as_slice() else {
            return Err(bad());
        };
        let hex32 = |s: &str| u32::from_str_radix(s, 16).map_err(|_| bad());
        let hex64 = |s: &str| u64::from_str_radix(s, 16).map_err(|_| bad());
        let user = user_tail.strip_suffix(':').unwrap_or(user_tail);
        if node.is_empty() || kind.is_empty() || user.is_empty() {
            return Err(bad());
        }
        Ok(Upid {
            node: (*node).to_owned(),
            pid: hex32(pid)?,
            pstart: hex64(pstart)?,
            starttime: hex64(starttime)?,
            kind: (*kind).to_owned(),
            id: (*id).to_owned(),
            user: user.to_owned(),
            raw: text.to_owned(),
        })
    }
}

/// How a successful task ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TaskOutcome {
    Ok,
    /// `WARNINGS: n`: done, with warnings in the task log.
    Warnings(u32),
}

/// How to poll.
#[derive(Debug, Clone, Copy)]
pub struct TaskPolicy {
    /// The first wait between polls; it doubles up to `max_interval`.
    pub first_interval: Duration,
    pub max_interval: Duration,
    /// Give up after this long.
    pub timeout: Duration,
    /// Right after creation a task may not be known yet (another node of the cluster,
    /// the task index not written); errors are tolerated this long.
    pub not_found_grace: Duration,
}

#[derive(Debug, Deserialize)]
struct TaskStatus {
    status: String,
    #[serde(default)]
    exitstatus: Option<String>,
}

/// Reads an exit status: `OK` and `WARNINGS: n` are success.
pub fn exit_outcome(exitstatus: &str) -> Option<TaskOutcome> {
    let s = exitstatus.trim();
    if s == "OK" {
        return Some(TaskOutcome::Ok);
    }
    s.strip_prefix("WARNINGS:")
        .and_then(|n| n.trim().parse().ok())
        .map(TaskOutcome::Warnings)
}

/// Waits for a task to stop; its failure is an error.
pub async fn wait(
    client: &Client,
    upid_text: &str,
    policy: &TaskPolicy,
) -> Result<TaskOutcome, ProxmoxError> {
    let upid: Upid = upid_text.parse()?;
    let call = Call::new(
        Method::Get,
        format!("/nodes/{}/tasks/{}/status", seg(&upid.node), seg(&upid.raw)),
    );
    let started = Instant::now();
    let mut interval = policy.first_interval;
    loop {
        match client.get::<TaskStatus>(&call).await {
            Ok(status) if status.status == "stopped" => {
                let exit = status.exitstatus.unwrap_or_else(|| "unknown".into());
                return exit_outcome(&exit).ok_or(ProxmoxError::TaskFailed {
                    node: upid.node.clone(),
                    kind: upid.kind.clone(),
                    upid: upid.raw.clone(),
                    exitstatus: exit,
                });
            }
            Ok(_) => {}
            Err(e)
                if started.elapsed() < policy.not_found_grace
                    && matches!(e.status(), Some(404 | 500 | 595)) => {}
            Err(e) => return Err(e),
        }
        if started.elapsed() >= policy.timeout {
            return Err(ProxmoxError::TaskTimeout {
                node: upid.node.clone(),
                kind: upid.kind.clone(),
                upid: upid.raw.clone(),
                secs: policy.timeout.as_secs(),
            });
        }
        tokio::time::sleep(interval).await;
        interval = (interval * 2).min(policy.max_interval);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_upids() {
        let u: Upid = "UPID:pve01:0003A2B1:01C7E0F2:6650A1B2:qmcreate:700:root@pam!ci:"
            .parse()
            .unwrap();
        assert_eq!(u.node, "pve01");
        assert_eq!(u.pid, 0x3A2B1);
        assert_eq!(u.kind, "qmcreate");
        assert_eq!(u.id, "700");
        assert_eq!(u.user, "root@pam!ci");
        let dl: Upid = "UPID:pve1:00000400:00001C00:6650A1B2:download:local:root@pam:"
            .parse()
            .unwrap();
        assert_eq!((dl.kind.as_str(), dl.id.as_str()), ("download", "local"));
        assert!("UPID:pve1:zz".parse::<Upid>().is_err());
        assert!("not a upid".parse::<Upid>().is_err());
    }

    #[test]
    fn exit_statuses() {
        assert_eq!(exit_outcome("OK"), Some(TaskOutcome::Ok));
        assert_eq!(exit_outcome("WARNINGS: 2"), Some(TaskOutcome::Warnings(2)));
        assert_eq!(exit_outcome("unable to create VM 700 - no space"), None);
    }
}
