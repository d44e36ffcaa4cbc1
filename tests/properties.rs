//! Properties over generated configs: collisions are always reported, an enabled VIP is
//! always a free address in the prefix, rendering is deterministic, and a fix removes the
//! diagnostic it fixes.

use std::collections::{HashMap, HashSet};
use std::net::IpAddr;

use proptest::prelude::*;
use talos_planner::diagnostics::apply_edits;
use talos_planner::{analyze, lint, render, Format};

/// A generated config's knobs; `text()` writes the YAML.
#[derive(Debug, Clone)]
struct Knobs {
    prefix: u8,
    ip_base_offset: i64,
    ip_offset: i64,
    controlplanes: u32,
    workers: u32,
    vm_base_id: i64,
    gateway_host: u32,
    dns_hosts: Vec<u32>,
    ha_vip_host: Option<u32>,
    /// (role is worker, index, host number, vm id)
    overrides: Vec<(bool, u32, Option<u32>, Option<i64>)>,
    name: String,
    version: &'static str,
}

impl Knobs {
    fn host(&self, n: u32) -> String {
        let n = n % (1u32 << (32 - self.prefix));
        let base = u32::from(std::net::Ipv4Addr::new(10, 20, 0, 0));
        std::net::Ipv4Addr::from(base + n).to_string()
    }

    fn text(&self) -> String {
        let dns: Vec<String> = self.dns_hosts.iter().map(|h| self.host(*h)).collect();
        let mut out = format!(
            "cluster:\n  name: {}\n  node: pve01\n  datastore: local-lvm\n  vm_base_id: {}\n  ip_base_offset: {}\n",
            self.name, self.vm_base_id, self.ip_base_offset
        );
        if let Some(h) = self.ha_vip_host {
            out.push_str(&format!("  ha_vip: {}\n", self.host(h)));
        }
        out.push_str(&format!(
            "image:\n  version: {}\n  extensions: [qemu-guest-agent]\nnetwork:\n  cidr: 10.20.0.0/{}\n  gateway: {}\n  dns_servers: [{}]\n",
            self.version,
            self.prefix,
            self.host(self.gateway_host),
            dns.join(", ")
        ));
        for worker in [false, true] {
            let (role, count) = if worker {
                ("worker", self.workers)
            } else {
                ("controlplane", self.controlplanes)
            };
            out.push_str(&format!("{role}:\n  count: {count}\n  specs: {{ "));
            if worker {
                out.push_str(&format!("ip_offset: {}, ", self.ip_offset));
            }
            out.push_str("cpu: 4, memory: 4096, disk: 100 }\n");
            let mine: Vec<_> = self.overrides.iter().filter(|o| o.0 == worker).collect();
            let mut seen = HashSet::new();
            let mine: Vec<_> = mine.into_iter().filter(|o| seen.insert(o.1)).collect();
            if !mine.is_empty() {
                out.push_str("  overrides:\n");
                for (_, index, host, vm_id) in mine {
                    out.push_str(&format!(
                        "    {role}-{index}: {{ node: pve0{}",
                        index % 3 + 1
                    ));
                    if let Some(id) = vm_id {
                        out.push_str(&format!(", vm_id: {id}"));
                    }
                    if let Some(h) = host {
                        out.push_str(&format!(
                            ", network: {{ ip_address: {}, cidr: 10.20.0.0/{}, gateway: {} }}",
                            self.host(*h),
                            self.prefix,
                            self.host(self.gateway_host)
                        ));
                    }
                    out.push_str(" }\n");
                }
            }
        }
        out
    }
}

fn knobs() -> impl Strategy<Value = Knobs> {
    (
        (22u8..=29, -20i64..40, -5i64..30, 1u32..8, 0u32..12),
        (
            prop::sample::select(vec![100i64, 700, 999_999_990]),
            0u32..64,
            prop::collection::vec(0u32..64, 0..3),
        ),
        prop::option::of(0u32..64),
        prop::collection::vec(
            (
                any::<bool>(),
                1u32..14,
                prop::option::of(0u32..64),
                prop::option::of(95i64..730),
            ),
            0..5,
        ),
        prop::sample::select(vec!["homelab", "lab-2", "bad.name"]),
        prop::sample::select(vec!["v1.11.5", "v1.12.0", "v1.13.9"]),
    )
        .prop_map(
            |(
                (prefix, ip_base_offset, ip_offset, controlplanes, workers),
                (vm_base_id, gateway_host, dns_hosts),
                ha_vip_host,
                overrides,
                name,
                version,
            )| Knobs {
                prefix,
                ip_base_offset,
                ip_offset,
                controlplanes,
                workers,
                vm_base_id,
                gateway_host,
                dns_hosts,
                ha_vip_host,
                overrides,
                name: name.to_owned(),
                version,
            },
        )
}

fn codes(text: &str) -> Vec<&'static str> {
    lint(text, Format::Yaml).iter().map(|d| d.code()).collect()
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 1000, ..ProptestConfig::default() })]

    #[test]
    fn shared_addresses_and_vm_ids_are_always_reported(k in knobs()) {
        let text = k.text();
        let analysis = analyze(&text, Format::Yaml);
        let codes: Vec<&str> = analysis.diagnostics.iter().map(|d| d.code()).collect();
        let plan = analysis.plan.expect("counts are known, so there is a plan");
        let mut ips: HashMap<IpAddr, usize> = HashMap::new();
        let mut ids: HashMap<i64, usize> = HashMap::new();
        for n in &plan.nodes {
            if let Some(ip) = n.ip_address { *ips.entry(ip).or_default() += 1; }
            if let Some(id) = n.vm_id { *ids.entry(id).or_default() += 1; }
        }
        if ips.values().any(|c| *c > 1) {
            prop_assert!(codes.contains(&"duplicate-ip"), "{text}\n{codes:?}");
        }
        if ids.values().any(|c| *c > 1) {
            prop_assert!(codes.contains(&"duplicate-vm-id"), "{text}\n{codes:?}");
        }
        // A node on the gateway or a DNS server is a collision too.
        let infra: HashSet<IpAddr> = plan.network.gateway.into_iter()
            .chain(plan.network.dns_servers.clone().unwrap_or_default()).collect();
        if plan.nodes.iter().filter_map(|n| n.ip_address).any(|ip| infra.contains(&ip)) {
            prop_assert!(codes.contains(&"duplicate-ip"), "{text}\n{codes:?}");
        }
    }

    #[test]
    fn an_enabled_vip_is_free_and_in_the_prefix(k in knobs()) {
        let text = k.text();
        let analysis = analyze(&text, Format::Yaml);
        let codes: Vec<&str> = analysis.diagnostics.iter().map(|d| d.code()).collect();
        let plan = analysis.plan.expect("plan");
        prop_assert_eq!(plan.ha_vip_enabled, k.controlplanes > 1);
        if !plan.ha_vip_enabled {
            prop_assert!(plan.ha_vip.is_none());
            return Ok(());
        }
        let Some(vip) = plan.ha_vip else {
            // No VIP only when the prefix is full (or a custom one did not parse).
            prop_assert!(codes.contains(&"vip-no-free-address"), "{text}\n{codes:?}");
            return Ok(());
        };
        let custom_problem = codes.contains(&"vip-conflict") || codes.contains(&"vip-outside-subnet");
        if k.ha_vip_host.is_some() && custom_problem {
            return Ok(());
        }
        let cidr = talos_planner::plan::addresses::Cidr::parse(&format!("10.20.0.0/{}", k.prefix)).unwrap();
        prop_assert!(cidr.contains(vip), "{text}");
        prop_assert!(vip != cidr.network() && vip != cidr.last(), "{text}");
        prop_assert!(plan.nodes.iter().all(|n| n.ip_address != Some(vip)), "{text}\n{codes:?}");
        prop_assert!(plan.network.gateway != Some(vip), "{text}");
        prop_assert!(!plan.network.dns_servers.clone().unwrap_or_default().contains(&vip), "{text}");
        prop_assert_eq!(plan.cluster_endpoint.clone(), Some(format!("https://{vip}:6443")));
        // Talos endpoints are the control planes, never the VIP.
        prop_assert!(!plan.talos_endpoints.contains(&vip.to_string()));
    }

    #[test]
    fn rendering_is_deterministic(k in knobs()) {
        let text = k.text();
        let first = render(&text, Format::Yaml).map_err(|e| e.to_string());
        let second = render(&text, Format::Yaml).map_err(|e| e.to_string());
        prop_assert_eq!(first, second);
    }

    #[test]
    fn fixes_remove_the_diagnostic_they_fix(k in knobs()) {
        let text = k.text();
        for d in lint(&text, Format::Yaml) {
            for fix in &d.fixes {
                let fixed = apply_edits(&text, &fix.edits);
                prop_assert!(fixed.is_some(), "fix {:?} does not apply", fix.title);
                let fixed = fixed.unwrap_or_default();
                let after = lint(&fixed, Format::Yaml);
                let edit = fix.edits[0].span;
                // The same problem at the edited place is gone.
                let still = after.iter().any(|a| a.rule == d.rule && a.span.start == edit.start && a.message == d.message);
                prop_assert!(!still, "{} still fires after {:?}\n{fixed}", d.code(), fix.title);
                // And nothing new: no kind of problem that was not there before.
                let before = codes(&text);
                let new: Vec<&str> = codes(&fixed).into_iter().filter(|c| !before.contains(c)).collect();
                prop_assert!(new.is_empty(), "{:?} brought {new:?}\n{fixed}", fix.title);
            }
        }
        prop_assert!(codes(&text).len() < 1000);
    }
}
