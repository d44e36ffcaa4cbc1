//! The plan matches the Terraform module and its HA VIP document (DESIGN section 3),
//! starting with the seed document's own examples.

use std::net::IpAddr;

use talos_planner::config::RoleKind;
use talos_planner::{analyze, Format, Plan};

fn base(cp: u32, extra_cluster: &str) -> String {
    format!(
        "cluster:
  name: homelab
  node: pve01
  datastore: local-lvm
  vm_base_id: 700
{extra_cluster}image:
  version: v1.12.0
  extensions: [qemu-guest-agent]
network:
  cidr: 10.10.100.0/24
  gateway: 10.10.100.1
  dns_servers: [1.1.1.1]
controlplane:
  count: {cp}
  specs: {{ cpu: 4, memory: 4096, disk: 100 }}
worker:
  count: 2
  specs: {{ cpu: 2, memory: 4096, disk: 100 }}
"
    )
}

fn plan_of(text: &str) -> Plan {
    let analysis = analyze(text, Format::Yaml);
    analysis
        .plan
        .unwrap_or_else(|| panic!("no plan: {:#?}", analysis.diagnostics))
}

fn ip(s: &str) -> IpAddr {
    s.parse().unwrap()
}

fn ips(plan: &Plan, role: RoleKind) -> Vec<String> {
    plan.nodes
        .iter()
        .filter(|n| n.role == role)
        .map(|n| n.ip_address.map(|i| i.to_string()).unwrap_or_default())
        .collect()
}

#[test]
fn seed_three_control_planes_get_the_next_address_as_vip() {
    let plan = plan_of(&base(3, "  ip_base_offset: 10\n"));
    assert_eq!(
        ips(&plan, RoleKind::Controlplane),
        ["10.10.100.10", "10.10.100.11", "10.10.100.12"]
    );
    assert!(plan.ha_vip_enabled);
    assert_eq!(plan.ha_vip, Some(ip("10.10.100.13")));
    assert_eq!(
        plan.cluster_endpoint.as_deref(),
        Some("https://10.10.100.13:6443")
    );
    assert_eq!(plan.ha_vip_interface.as_deref(), Some("eth0"));
    // Talos endpoints are the control planes, never the VIP.
    assert_eq!(
        plan.talos_endpoints,
        ["10.10.100.10", "10.10.100.11", "10.10.100.12"]
    );
}

#[test]
fn seed_single_control_plane_has_no_vip() {
    let plan = plan_of(&base(1, ""));
    assert!(!plan.ha_vip_enabled);
    assert_eq!(plan.ha_vip, None);
    assert_eq!(
        plan.cluster_endpoint.as_deref(),
        Some("https://10.10.100.10:6443")
    );
    let json = serde_json::to_value(&plan).unwrap();
    assert!(json["ha_vip"].is_null());
    assert_eq!(json["ha_vip_enabled"], false);
}

#[test]
fn seed_custom_vip_is_used_as_is() {
    let plan = plan_of(&base(
        3,
        "  ha_vip: 10.10.100.50\n  ha_vip_interface: ens18\n",
    ));
    assert_eq!(plan.ha_vip, Some(ip("10.10.100.50")));
    assert_eq!(
        plan.cluster_endpoint.as_deref(),
        Some("https://10.10.100.50:6443")
    );
    assert_eq!(plan.ha_vip_interface.as_deref(), Some("ens18"));
}

#[test]
fn keys_hostnames_and_vm_ids() {
    let plan = plan_of(&base(3, ""));
    let rows: Vec<(String, Option<String>, Option<i64>)> = plan
        .nodes
        .iter()
        .map(|n| (n.key.clone(), n.hostname.clone(), n.vm_id))
        .collect();
    assert_eq!(
        rows,
        [
            (
                "controlplane-1".into(),
                Some("homelab-controlplane-01".into()),
                Some(700)
            ),
            (
                "controlplane-2".into(),
                Some("homelab-controlplane-02".into()),
                Some(701)
            ),
            (
                "controlplane-3".into(),
                Some("homelab-controlplane-03".into()),
                Some(702)
            ),
            (
                "worker-1".into(),
                Some("homelab-worker-01".into()),
                Some(710)
            ),
            (
                "worker-2".into(),
                Some("homelab-worker-02".into()),
                Some(711)
            ),
        ]
    );
    // Workers: cidrhost(cidr, ip_base_offset + ip_offset + (j-1)) with ip_offset 10.
    assert_eq!(
        ips(&plan, RoleKind::Worker),
        ["10.10.100.20", "10.10.100.21"]
    );
}

#[test]
fn auto_vip_skips_taken_addresses() {
    // A worker override sits on .13 and a DNS server on .14: the VIP moves to .15.
    let text = base(3, "").replace("dns_servers: [1.1.1.1]", "dns_servers: [10.10.100.14]")
        + "  overrides:\n    worker-1:\n      network: { ip_address: 10.10.100.13, cidr: 10.10.100.0/24, gateway: 10.10.100.1 }\n";
    let plan = plan_of(&text);
    assert_eq!(plan.ha_vip, Some(ip("10.10.100.15")));
}

#[test]
fn auto_vip_scans_from_offset_plus_count_even_past_the_workers() {
    // ip_offset 1 puts the workers right after the control planes (.13, .14).
    let text = base(3, "").replace("specs: { cpu: 2,", "specs: { ip_offset: 3, cpu: 2,");
    let plan = plan_of(&text);
    assert_eq!(
        ips(&plan, RoleKind::Worker),
        ["10.10.100.13", "10.10.100.14"]
    );
    assert_eq!(plan.ha_vip, Some(ip("10.10.100.15")));
}

#[test]
fn overrides_apply_including_gateway_and_vlan() {
    let text = base(3, "")
        .replace(
            "  specs: { cpu: 4, memory: 4096, disk: 100 }\n",
            "  specs: { cpu: 4, memory: 4096, disk: 100 }
  overrides:
    controlplane-2:
      node: pve02
      vm_id: 720
      cpu: 8
      memory: 8192
      disk: 80
      datastore: fast
      install_disk: /dev/vda
      network: { ip_address: 10.10.100.5, cidr: 10.10.100.0/25, gateway: 10.10.100.126, vlan_id: 1101 }
",
        );
    let plan = plan_of(&text);
    let cp2 = &plan.nodes[1];
    assert_eq!(cp2.key, "controlplane-2");
    assert_eq!(cp2.proxmox_node.as_deref(), Some("pve02"));
    assert_eq!(cp2.vm_id, Some(720));
    assert_eq!(
        (cp2.cpu, cp2.memory, cp2.disk),
        (Some(8), Some(8192), Some(80))
    );
    assert_eq!(cp2.datastore.as_deref(), Some("fast"));
    assert_eq!(cp2.install_disk.as_deref(), Some("/dev/vda"));
    assert_eq!(cp2.ip_address, Some(ip("10.10.100.5")));
    assert_eq!(cp2.prefix, Some(25));
    assert_eq!(cp2.gateway, Some(ip("10.10.100.126")));
    assert_eq!(cp2.vlan_id, Some(1101));
    // The other nodes keep the defaults.
    assert_eq!(plan.nodes[0].proxmox_node.as_deref(), Some("pve01"));
    assert_eq!(plan.nodes[0].install_disk.as_deref(), Some("/dev/sda"));
    assert_eq!(plan.nodes[0].prefix, Some(24));
}

#[test]
fn negative_offsets_count_back_from_the_broadcast() {
    let plan = plan_of(
        &base(3, "  ip_base_offset: -10\n")
            .replace("specs: { cpu: 2,", "specs: { ip_offset: -20, cpu: 2,"),
    );
    assert_eq!(
        ips(&plan, RoleKind::Controlplane),
        ["10.10.100.246", "10.10.100.247", "10.10.100.248"]
    );
    assert_eq!(
        ips(&plan, RoleKind::Worker),
        ["10.10.100.226", "10.10.100.227"]
    );
    assert_eq!(plan.ha_vip, Some(ip("10.10.100.249")));
}

#[test]
fn out_of_range_host_numbers_are_one_diagnostic() {
    let text = base(3, "").replace("count: 2", "count: 500");
    let analysis = analyze(&text, Format::Yaml);
    let out: Vec<_> = analysis
        .diagnostics
        .iter()
        .filter(|d| d.code() == "host-number-out-of-range")
        .collect();
    assert_eq!(out.len(), 1, "{out:#?}");
    assert!(
        out[0]
            .message
            .contains("does not accommodate a host numbered 256"),
        "{}",
        out[0].message
    );
    assert!(out[0].message.contains("264 nodes"), "{}", out[0].message);
    let plan = analysis.plan.unwrap();
    assert_eq!(
        plan.nodes.iter().filter(|n| n.ip_address.is_none()).count(),
        264
    );
}

#[test]
fn ipv6_endpoint_uses_brackets() {
    let (_, text) = talos_planner::examples::example("ipv6").unwrap();
    let plan = plan_of(text);
    assert_eq!(plan.ha_vip, Some(ip("fd00:10:100::13")));
    assert_eq!(
        plan.cluster_endpoint.as_deref(),
        Some("https://[fd00:10:100::13]:6443")
    );
    assert_eq!(plan.nodes[0].prefix, Some(64));
}

#[test]
fn ipv6_auto_vip_never_takes_the_network_address() {
    // The scan starts at host number 0 (offset -3 plus three control planes, which
    // count back from the end): 0 is the network (subnet-router anycast) address, 1 the
    // gateway, 2 the DNS server.
    let (_, text) = talos_planner::examples::example("ipv6").unwrap();
    let text = text
        .replace("ip_base_offset: 16", "ip_base_offset: -3")
        .replace("2606:4700:4700::1111", "fd00:10:100::2")
        .replace("count: 1", "count: 0");
    let plan = plan_of(&text);
    assert_eq!(plan.ha_vip, Some(ip("fd00:10:100::3")));

    // A node planned there is reported, as in IPv4.
    let on_network = text.replace("ip_base_offset: -3", "ip_base_offset: 0");
    let codes: Vec<_> = analyze(&on_network, Format::Yaml)
        .diagnostics
        .iter()
        .map(|d| d.code())
        .collect();
    assert!(codes.contains(&"reserved-address"), "{codes:?}");
}

#[test]
fn plan_json_contract() {
    let plan = plan_of(&base(3, ""));
    let json = serde_json::to_value(&plan).unwrap();
    for key in [
        "cluster_name",
        "ha_vip_enabled",
        "ha_vip",
        "ha_vip_interface",
        "cluster_endpoint",
        "talos_endpoints",
        "nodes",
        "image",
    ] {
        assert!(json.get(key).is_some(), "missing {key}");
    }
    let node = &json["nodes"][0];
    for key in [
        "key",
        "role",
        "hostname",
        "vm_id",
        "proxmox_node",
        "datastore",
        "ip_address",
        "prefix",
        "gateway",
        "vlan_id",
        "cpu",
        "memory",
        "disk",
        "install_disk",
    ] {
        assert!(node.get(key).is_some(), "node is missing {key}");
    }
    assert_eq!(node["role"], "controlplane");
    assert_eq!(node["ip_address"], "10.10.100.10");
    assert_eq!(json["ha_vip"], "10.10.100.13");
    for key in [
        "schematic",
        "schematic_id",
        "disk_image_url",
        "installer_image",
    ] {
        assert!(json["image"].get(key).is_some(), "image is missing {key}");
    }
    assert_eq!(
        json["image"]["schematic_id"],
        "ce4c980550dd2ab1b17bbf2b08801c7eb59418eafe8f279833297925d67c7515"
    );
}

#[test]
fn json_and_yaml_give_the_same_plan() {
    let (_, json) = talos_planner::examples::example("tfvars-json").unwrap();
    let from_json = analyze(json, Format::Json).plan.unwrap();
    let yaml = base(3, "").replace(
        "  specs: { cpu: 4, memory: 4096, disk: 100 }\n",
        "  specs: { cpu: 4, memory: 4096, disk: 100 }\n  overrides:\n    controlplane-2: { node: pve02 }\n    controlplane-3: { node: pve03 }\n",
    );
    let from_yaml = analyze(&yaml, Format::Yaml).plan.unwrap();
    assert_eq!(
        serde_json::to_value(&from_json).unwrap(),
        serde_json::to_value(&from_yaml).unwrap()
    );
}

#[test]
fn every_example_plans_without_errors() {
    for (name, file, text) in talos_planner::examples::EXAMPLES {
        let analysis = analyze(text, Format::from_path(file));
        assert!(
            !analysis.has_errors(),
            "{name}: {:#?}",
            analysis.diagnostics
        );
        assert!(analysis.plan.is_some(), "{name}");
    }
}
