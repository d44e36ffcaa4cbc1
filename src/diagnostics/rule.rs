//! Rule ids: the name and default severity of every diagnostic, at the bottom of the
//! crate so that every layer can report one. What a rule means (why it matters, its
//! examples, its fix) is the catalogue's business, in `rules/catalogue.rs`, one layer up.

use super::severity::Severity;

macro_rules! rule_ids {
    ($($variant:ident = $id:literal, $severity:ident;)*) => {
        /// Every rule, by name. Serialised as its kebab-case id.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum Rule { $($variant,)* }

        impl Rule {
            /// Every rule, in catalogue order.
            pub const ALL: &'static [Rule] = &[$(Rule::$variant,)*];

            /// The stable kebab-case id (`vip-outside-subnet`).
            pub const fn id(self) -> &'static str {
                match self { $(Rule::$variant => $id,)* }
            }

            /// The severity a diagnostic of this rule has unless configured otherwise.
            pub const fn default_severity(self) -> Severity {
                match self { $(Rule::$variant => Severity::$severity,)* }
            }

            pub fn from_id(id: &str) -> Option<Rule> {
                Rule::ALL.iter().copied().find(|r| r.id() == id)
            }
        }
    };
}

rule_ids! {
    SyntaxError = "syntax-error", Error;
    DuplicateKey = "duplicate-key", Error;
    UnknownField = "unknown-field", Error;
    MissingField = "missing-field", Error;
    InvalidType = "invalid-type", Error;
    InvalidValue = "invalid-value", Error;
    InvalidClusterName = "invalid-cluster-name", Error;
    HostnameTooLong = "hostname-too-long", Error;
    VmIdOutOfRange = "vm-id-out-of-range", Error;
    DuplicateVmId = "duplicate-vm-id", Error;
    InvalidCidr = "invalid-cidr", Error;
    InvalidIpAddress = "invalid-ip-address", Error;
    GatewayOutsideSubnet = "gateway-outside-subnet", Error;
    IpOutsideSubnet = "ip-outside-subnet", Error;
    HostNumberOutOfRange = "host-number-out-of-range", Error;
    ReservedAddress = "reserved-address", Error;
    DuplicateIp = "duplicate-ip", Error;
    InvalidVlanId = "invalid-vlan-id", Error;
    InvalidDnsServer = "invalid-dns-server", Error;
    VipOutsideSubnet = "vip-outside-subnet", Error;
    VipConflict = "vip-conflict", Error;
    VipNoFreeAddress = "vip-no-free-address", Error;
    VipIgnored = "vip-ignored", Warning;
    InvalidInterfaceName = "invalid-interface-name", Error;
    InterfacePlatformMismatch = "interface-platform-mismatch", Warning;
    ControlplaneCount = "controlplane-count", Error;
    EvenControlplaneCount = "even-controlplane-count", Warning;
    ControlplanesShareHost = "controlplanes-share-host", Warning;
    UnusedOverride = "unused-override", Warning;
    InvalidOverrideKey = "invalid-override-key", Error;
    BelowTalosMinimum = "below-talos-minimum", Error;
    BelowTalosRecommended = "below-talos-recommended", Info;
    InvalidTalosVersion = "invalid-talos-version", Error;
    InvalidArch = "invalid-arch", Error;
    InvalidPlatform = "invalid-platform", Error;
    InvalidConfigPatch = "invalid-config-patch", Error;
    VipOnWorker = "vip-on-worker", Error;
    LegacyVipPatch = "legacy-vip-patch", Warning;
    HostnameInPatch = "hostname-in-patch", Error;
    Json6902OnMultidoc = "json6902-on-multidoc", Error;
    UnknownValues = "unknown-values", Info;
    NothingToCheck = "nothing-to-check", Info;
    ModuleIgnoresOverrideNetwork = "module-ignores-override-network", Warning;
    ModuleIpv4Only = "module-ipv4-only", Error;
    ModuleAutomaticVip = "module-automatic-vip", Warning;
    UnusedIgnore = "unused-ignore", Warning;
    ProxmoxNodeUnavailable = "proxmox-node-unavailable", Error;
    DatastoreUnusable = "datastore-unusable", Error;
    DatastoreFull = "datastore-full", Error;
    ImageStorageUnusable = "image-storage-unusable", Error;
    BridgeMissing = "bridge-missing", Error;
    BridgeNotVlanAware = "bridge-not-vlan-aware", Error;
    VmIdTaken = "vm-id-taken", Error;
    ProxmoxNodeOvercommitted = "proxmox-node-overcommitted", Warning;
    DiskShrink = "disk-shrink", Error;
}

impl Rule {
    /// A rule of the live Proxmox: `diff` and `apply` check it against the cluster; lint,
    /// from the text alone, never reports it (the catalogue's `proxmox` category).
    pub const fn is_live(self) -> bool {
        matches!(
            self,
            Rule::ProxmoxNodeUnavailable
                | Rule::DatastoreUnusable
                | Rule::DatastoreFull
                | Rule::ImageStorageUnusable
                | Rule::BridgeMissing
                | Rule::BridgeNotVlanAware
                | Rule::VmIdTaken
                | Rule::ProxmoxNodeOvercommitted
                | Rule::DiskShrink
        )
    }
}

impl serde::Serialize for Rule {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.id())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_unique_kebab_case_and_round_trip() {
        let mut seen = std::collections::HashSet::new();
        for rule in Rule::ALL {
            let id = rule.id();
            assert!(seen.insert(id), "duplicate id {id}");
            assert!(
                id.bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-'),
                "{id}"
            );
            assert_eq!(Rule::from_id(id), Some(*rule));
        }
    }
}
