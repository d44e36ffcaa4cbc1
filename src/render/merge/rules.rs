//! Where Talos's merge departs from "maps merge, lists append, scalars override".
//!
//! Talos merges typed Go structs (pkg/machinery/config/merge): the exceptions come from
//! `merge:"replace"` struct tags and from list and map types with their own `Merge` method.
//! This crate merges untyped YAML, so those exceptions are listed here by document kind and
//! path. Sources (github.com/siderolabs/talos, pkg/machinery/config/types/):
//! `v1alpha1/v1alpha1_types.go` (`NetworkDeviceList`, `VlanList`, `AdmissionPluginConfigList`,
//! `auditPolicy`, `podSubnets`, `serviceSubnets`), `meta/args.go` (`Args`: extraArgs),
//! `runtime/extensions/service_config.go` (`ConfigFileList`),
//! `security/image_verification.go` (`ImageVerificationRules`), and the `merge:"replace"`
//! fields of `cri/`, `k8s/` and `network/`.

/// One step of the path being merged, from the document root.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PathSegment {
    /// A mapping key.
    Key(String),
    /// Any item of a list.
    Item,
}

/// How the value at one path is merged.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FieldRule {
    /// The default: mappings merge key by key, lists append, scalars override.
    Merge,
    /// `merge:"replace"` fields and unstructured blobs tagged so: the patch's value replaces
    /// the whole value.
    Replace,
    /// `meta.Args` (`extraArgs`): each key of the patch replaces that key's value whole
    /// (a list-valued argument is replaced, not appended to); other keys stay.
    Args,
    /// A list whose items are matched by a key; see [`ListKey`].
    Keyed(ListKey),
}

/// How items of a keyed list are matched.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ListKey {
    /// `machine.network.interfaces`: an item with `interface` matches the item with the same
    /// `interface`; otherwise an item with `deviceSelector` matches the item with an equal
    /// selector. A match is merged into, anything else is appended.
    NetworkDevice,
    /// Items with equal values of this field are merged; a missing field counts as the zero
    /// value (so two items without it match), as with Go struct fields.
    MergeBy(&'static str),
    /// Items with equal values of this field are replaced whole; only items that were in the
    /// list before the patch are candidates (Talos indexes them first).
    ReplaceBy(&'static str),
}

/// Marks "any list item" in a rule's path.
const ITEM: &str = "[]";

struct Rule {
    /// Document kind (`v1alpha1` for the legacy document).
    kind: &'static str,
    /// Path from the document root; `[]` stands for any list item.
    path: &'static [&'static str],
    rule: FieldRule,
}

const fn rule(kind: &'static str, path: &'static [&'static str], rule: FieldRule) -> Rule {
    Rule { kind, path, rule }
}

use FieldRule::{Args, Keyed, Replace};
use ListKey::{MergeBy, NetworkDevice, ReplaceBy};

const RULES: &[Rule] = &[
    // The legacy v1alpha1 document.
    rule(
        "v1alpha1",
        &["machine", "network", "interfaces"],
        Keyed(NetworkDevice),
    ),
    rule(
        "v1alpha1",
        &["machine", "network", "interfaces", ITEM, "vlans"],
        Keyed(MergeBy("vlanId")),
    ),
    rule(
        "v1alpha1",
        &["cluster", "apiServer", "admissionControl"],
        Keyed(MergeBy("name")),
    ),
    rule(
        "v1alpha1",
        &["cluster", "apiServer", "auditPolicy"],
        Replace,
    ),
    rule("v1alpha1", &["cluster", "network", "podSubnets"], Replace),
    rule(
        "v1alpha1",
        &["cluster", "network", "serviceSubnets"],
        Replace,
    ),
    rule("v1alpha1", &["machine", "kubelet", "extraArgs"], Args),
    rule("v1alpha1", &["cluster", "apiServer", "extraArgs"], Args),
    rule(
        "v1alpha1",
        &["cluster", "controllerManager", "extraArgs"],
        Args,
    ),
    rule("v1alpha1", &["cluster", "proxy", "extraArgs"], Args),
    rule("v1alpha1", &["cluster", "scheduler", "extraArgs"], Args),
    rule("v1alpha1", &["cluster", "etcd", "extraArgs"], Args),
    // Multi-document kinds.
    rule(
        "ExtensionServiceConfig",
        &["configFiles"],
        Keyed(MergeBy("mountPath")),
    ),
    rule(
        "ImageVerificationConfig",
        &["rules"],
        Keyed(ReplaceBy("image")),
    ),
    rule("CRIBaseRuntimeSpecConfig", &["overrides"], Replace),
    rule("KubeAuditPolicyConfig", &["configuration"], Replace),
    rule("KubeAuthenticationConfig", &["configuration"], Replace),
    rule("KubeCredentialProviderConfig", &["configuration"], Replace),
    rule("KubeNetworkConfig", &["podSubnets"], Replace),
    rule("KubeNetworkConfig", &["serviceSubnets"], Replace),
    rule("KubeStaticPodConfig", &["pod"], Replace),
    rule("BGPInstanceConfig", &["advertise"], Replace),
    rule("BGPInstanceConfig", &["importRoutes"], Replace),
    rule("BGPInstanceConfig", &["neighbors"], Replace),
    rule("NetworkRuleConfig", &["ingress"], Replace),
    rule("NetworkRuleConfig", &["portSelector", "ports"], Replace),
    rule("KubeAPIServerConfig", &["extraArgs"], Args),
    rule("KubeControllerManagerConfig", &["extraArgs"], Args),
    rule("KubeletConfig", &["extraArgs"], Args),
    rule("KubeProxyConfig", &["extraArgs"], Args),
    rule("KubeSchedulerConfig", &["extraArgs"], Args),
];

/// The rule for the value at `path` in a document of `kind`.
pub fn rule_for(kind: &str, path: &[PathSegment]) -> FieldRule {
    RULES
        .iter()
        .find(|rule| rule.kind == kind && path_matches(rule.path, path))
        .map_or(FieldRule::Merge, |rule| rule.rule)
}

fn path_matches(pattern: &[&str], path: &[PathSegment]) -> bool {
    pattern.len() == path.len()
        && pattern
            .iter()
            .zip(path)
            .all(|(expected, segment)| match segment {
                PathSegment::Item => *expected == ITEM,
                PathSegment::Key(key) => *expected != ITEM && expected == key,
            })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn path(segments: &[&str]) -> Vec<PathSegment> {
        segments
            .iter()
            .map(|segment| match *segment {
                ITEM => PathSegment::Item,
                key => PathSegment::Key(key.to_owned()),
            })
            .collect()
    }

    #[test]
    fn looks_up_rules_by_kind_and_path() {
        assert_eq!(
            rule_for(
                "v1alpha1",
                &path(&["machine", "network", "interfaces", "[]", "vlans"])
            ),
            Keyed(MergeBy("vlanId"))
        );
        assert_eq!(
            rule_for("v1alpha1", &path(&["cluster", "apiServer", "auditPolicy"])),
            Replace
        );
        assert_eq!(
            rule_for("LinkConfig", &path(&["addresses"])),
            FieldRule::Merge
        );
        assert_eq!(
            rule_for("v1alpha1", &path(&["extraArgs"])),
            FieldRule::Merge
        );
        assert_eq!(rule_for("KubeletConfig", &path(&["extraArgs"])), Args);
    }
}
