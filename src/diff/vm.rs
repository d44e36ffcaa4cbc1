//! A VM against its planned node: what `apply` changes (cores and memory, a disk that
//! must grow, a stopped VM) and what it leaves alone but reports (everything else the
//! create request set). The Proxmox property strings are built and read here, so the
//! create request and the comparison agree.

use std::collections::BTreeSet;
use std::net::IpAddr;

use super::observed::ObservedVm;
use super::Change;
use crate::plan::{Plan, PlannedNode};

/// `net0`: VirtIO on the bridge, tagged when the node has a VLAN.
pub fn net0(bridge: &str, vlan: Option<i64>) -> String {
    let mut net = format!("virtio,bridge={bridge}");
    if let Some(tag) = vlan {
        net.push_str(&format!(",tag={tag}"));
    }
    net
}

/// `ipconfig0`: the cloud-init address and gateway (`ip6`/`gw6` for IPv6).
pub fn ipconfig0(ip: IpAddr, prefix: u8, gateway: Option<IpAddr>) -> String {
    let mut parts = vec![format!(
        "{}={ip}/{prefix}",
        if ip.is_ipv6() { "ip6" } else { "ip" }
    )];
    if let Some(gw) = gateway {
        parts.push(format!("{}={gw}", if gw.is_ipv6() { "gw6" } else { "gw" }));
    }
    parts.join(",")
}

/// `nameserver`: space-separated.
pub fn nameserver(dns: &[IpAddr]) -> String {
    dns.iter()
        .map(ToString::to_string)
        .collect::<Vec<_>>()
        .join(" ")
}

/// The default-key value of a property string (`current=4096` or `4096` -> `4096`).
pub fn first_value(text: &str, default_key: &str) -> String {
    let first = text.split(',').next().unwrap_or("").trim();
    first
        .strip_prefix(&format!("{default_key}="))
        .unwrap_or(first)
        .to_owned()
}

/// Model, bridge and tag of a `net0` value (the MAC address Proxmox adds is ignored).
pub fn net_summary(text: &str) -> String {
    let mut model = String::new();
    let mut bridge = String::new();
    let mut tag = String::new();
    for (i, part) in text.split(',').enumerate() {
        let (k, v) = part.split_once('=').unwrap_or((part, ""));
        match k.trim() {
            "bridge" => bridge = v.to_owned(),
            "tag" => tag = v.to_owned(),
            "model" => model = v.to_owned(),
            other if i == 0 => model = other.to_owned(),
            _ => {}
        }
    }
    let mut out = format!("{model},bridge={bridge}");
    if !tag.is_empty() {
        out.push_str(&format!(",tag={tag}"));
    }
    out
}

/// A property string with its parts sorted (Proxmox may reorder them).
pub fn sorted_props(text: &str) -> String {
    let set: BTreeSet<&str> = text
        .split(',')
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .collect();
    set.into_iter().collect::<Vec<_>>().join(",")
}

/// The size in GiB of a disk's property string, from its `size=` option.
pub fn disk_gib(disk: &str) -> Option<f64> {
    let size = disk
        .split(',')
        .find_map(|p| p.trim().strip_prefix("size="))?
        .trim();
    let (num, unit) = size.split_at(
        size.find(|c: char| c.is_ascii_alphabetic())
            .unwrap_or(size.len()),
    );
    let n: f64 = num.parse().ok()?;
    Some(match unit {
        "T" => n * 1024.0,
        "G" | "" => n,
        "M" => n / 1024.0,
        "K" => n / (1024.0 * 1024.0),
        _ => return None,
    })
}

/// Whether the image carries the QEMU guest agent, so the VM's agent is enabled.
pub fn wants_agent(plan: &Plan) -> bool {
    plan.image.as_ref().is_some_and(|i| {
        i.extensions
            .iter()
            .any(|e| e == "siderolabs/qemu-guest-agent")
    })
}

/// What `apply` would change on the VM, and what differs that it leaves alone.
pub(super) fn compare(
    plan: &Plan,
    node: &PlannedNode,
    vm: &ObservedVm,
) -> (Vec<Change>, Vec<String>) {
    let mut changes = Vec::new();
    let mut notes = Vec::new();
    // Cores and memory: Proxmox keeps a change to a running VM pending until it next
    // starts (neither is hotplugged with the settings we create VMs with).
    let number = |v: Option<&str>, key: &str, default: i64| {
        v.map(|t| first_value(t, key))
            .and_then(|t| t.parse::<i64>().ok())
            .unwrap_or(default)
    };
    for (key, planned, default, unit) in [
        ("cores", node.cpu, 1, ""),
        ("memory", node.memory, 512, " MiB"),
    ] {
        let Some(planned) = planned else { continue };
        let effective = number(vm.effective(key), "current", default);
        let current = number(vm.config.get(key).map(String::as_str), "current", default);
        if effective != planned {
            let reboot = vm.running;
            changes.push(match key {
                "cores" => Change::Cores {
                    from: effective,
                    to: planned,
                    reboot,
                },
                _ => Change::Memory {
                    from: effective,
                    to: planned,
                    reboot,
                },
            });
        } else if vm.running && current != planned {
            notes.push(format!(
                "{key} {planned}{unit} is pending (now {current}{unit}): it takes effect when \
                 the VM is next started from Proxmox (shut down, then start)"
            ));
        }
    }
    if let (Some(planned), Some(size)) = (node.disk, vm.effective("scsi0").and_then(disk_gib)) {
        let planned = planned as f64;
        if size + 0.01 < planned {
            changes.push(Change::Disk {
                from_gib: size,
                to_gib: planned,
            });
        } else if size > planned + 0.01 {
            notes.push(format!(
                "disk scsi0 is {size} GiB, more than the planned {planned} GiB: disks are never \
                 shrunk (disk-shrink)"
            ));
        }
    }
    if !vm.running {
        changes.push(Change::Start);
    }
    notes.extend(drift(plan, node, vm));
    (changes, notes)
}

/// Settings of the create request that differ now; `apply` does not change them.
fn drift(plan: &Plan, node: &PlannedNode, vm: &ObservedVm) -> Vec<String> {
    let mut out = Vec::new();
    let value = |k: &str| vm.effective(k).map(str::to_owned);
    let mut differs = |what: &str, actual: Option<String>, planned: String| {
        if actual.as_deref() != Some(planned.as_str()) {
            out.push(format!(
                "{what} is {}, the plan says {planned}",
                actual.unwrap_or_else(|| "unset".into())
            ));
        }
    };
    if let Some(host) = &node.proxmox_node {
        if *host != vm.node {
            differs("Proxmox node", Some(vm.node.clone()), host.clone());
        }
    }
    if let Some(hostname) = &node.hostname {
        differs("name", value("name"), hostname.clone());
    }
    differs(
        "cpu",
        value("cpu").map(|c| first_value(&c, "cputype")),
        "host".into(),
    );
    differs(
        "machine",
        value("machine").map(|m| first_value(&m, "type")),
        "q35".into(),
    );
    differs("scsihw", value("scsihw"), "virtio-scsi-single".into());
    if let Some(bridge) = &plan.network.bridge {
        differs(
            "net0",
            value("net0").map(|n| net_summary(&n)),
            net_summary(&net0(bridge, node.vlan_id)),
        );
    }
    if let (Some(ip), Some(prefix)) = (node.ip_address, node.prefix) {
        differs(
            "ipconfig0",
            value("ipconfig0").map(|i| sorted_props(&i)),
            sorted_props(&ipconfig0(ip, prefix, node.gateway)),
        );
    }
    if let Some(dns) = plan.network.dns_servers.as_ref().filter(|d| !d.is_empty()) {
        differs(
            "nameserver",
            value("nameserver").map(|n| {
                n.split([' ', ',', ';'])
                    .filter(|s| !s.is_empty())
                    .collect::<Vec<_>>()
                    .join(" ")
            }),
            nameserver(dns),
        );
    }
    let agent_on = value("agent").is_some_and(|a| {
        let v = first_value(&a, "enabled");
        v == "1" || v == "true"
    });
    let agent = wants_agent(plan);
    if agent_on != agent {
        out.push(format!(
            "the QEMU guest agent is {}, the plan says {}",
            if agent_on { "on" } else { "off" },
            if agent { "on" } else { "off" }
        ));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn property_strings() {
        assert_eq!(net0("vmbr0", Some(1100)), "virtio,bridge=vmbr0,tag=1100");
        assert_eq!(
            net_summary("virtio=BC:24:11:00:00:01,bridge=vmbr0,firewall=1,tag=1100"),
            "virtio,bridge=vmbr0,tag=1100"
        );
        assert_eq!(
            ipconfig0("10.0.0.5".parse().unwrap(), 24, "10.0.0.1".parse().ok()),
            "ip=10.0.0.5/24,gw=10.0.0.1"
        );
        assert_eq!(
            ipconfig0("fd00::5".parse().unwrap(), 64, None),
            "ip6=fd00::5/64"
        );
        assert_eq!(first_value("current=4096,balloon=0", "current"), "4096");
        assert_eq!(
            disk_gib("local-lvm:vm-700-disk-0,iothread=1,size=50G"),
            Some(50.0)
        );
        assert_eq!(disk_gib("x,size=1T"), Some(1024.0));
        assert_eq!(disk_gib("x,size=512M"), Some(0.5));
        assert_eq!(disk_gib("x"), None);
    }
}
