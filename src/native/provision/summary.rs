//! What an `apply` run did, for its last message and its callers.

use super::desired::DiskPath;

/// What a run did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ApplySummary {
    /// Anything was (or, in a dry run, would be) changed.
    pub changed: bool,
    pub vms_created: usize,
    pub vms_started: usize,
    pub disks_grown: usize,
    pub images_downloaded: usize,
    pub configs_applied: usize,
    pub bootstrapped: bool,
    pub kubeconfig_written: bool,
    /// Drift found on VMs of ours: (node key, what differs).
    pub drift: Vec<(String, String)>,
    /// The disk path chosen from the Proxmox version.
    pub disk_path: Option<DiskPath>,
    /// HTTP requests sent to Proxmox.
    pub requests: u64,
    /// VMs whose cores or memory were changed.
    pub vms_resized: usize,
    /// Running VMs that take their new cores or memory at their next start.
    pub restart_needed: Vec<String>,
    /// Machine configs applied to running nodes.
    pub configs_updated: usize,
    /// Nodes upgraded, in order.
    pub upgraded: Vec<String>,
    /// Nodes removed, in order.
    pub removed: Vec<String>,
}
