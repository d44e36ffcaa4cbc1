//! Complete machine configs, as `talosctl gen config --with-secrets` makes them, built
//! from a secrets bundle and the plan; then each node's patches merged in.
//!
//! The base documents follow Talos's generator (siderolabs/talos
//! `pkg/machinery/config/generate`: `init.go`, `worker.go`, `network.go`) and its
//! version contract (`pkg/machinery/config/contract.go`) for Talos v1.11, v1.12 and
//! v1.13: what each release turns on by default, in the order Talos writes it. The
//! Kubernetes version is the one `talosctl` of that release defaults to. Control planes
//! get every CA with its key; workers the certificates only.

use yaml_serde::{Mapping, Value};

use super::merge::{self, MachineConfig};
use super::{name_and_endpoint, RenderError, RenderedNode};
use crate::config::RoleKind;
use crate::plan::version::TalosVersion;
use crate::plan::Plan;
use crate::secrets::SecretsBundle;

/// What a base config is made from.
#[derive(Debug, Clone)]
pub struct BaseInput<'a> {
    pub version: &'a TalosVersion,
    pub cluster_name: &'a str,
    /// `https://<vip or controlplane-1>:6443`.
    pub endpoint: &'a str,
    /// Without the `v`: `1.35.0`.
    pub kubernetes_version: &'a str,
    /// `machine.install.disk` and `.image` (talosctl's `--install-disk`,
    /// `--install-image`); `None` leaves them out, as Talos's generator does by default.
    pub install_disk: Option<&'a str>,
    pub install_image: Option<&'a str>,
    pub bundle: &'a SecretsBundle,
}

/// The Kubernetes version `talosctl gen config` of a Talos release uses by default
/// (`constants.DefaultKubernetesVersion` at each release tag); a patch release newer
/// than this table knows gets its minor's latest known default.
pub fn default_kubernetes_version(version: &TalosVersion) -> Option<&'static str> {
    // (minor, first patch with this default, Kubernetes version)
    const TABLE: &[(u64, u64, &str)] = &[
        (11, 0, "1.34.0"),
        (11, 2, "1.34.1"),
        (12, 0, "1.35.0"),
        (12, 5, "1.35.2"),
        (12, 7, "1.35.4"),
        (13, 0, "1.36.0"),
        (13, 3, "1.36.1"),
        (13, 5, "1.36.2"),
        (13, 9, "1.36.3"),
    ];
    if version.major != 1 {
        return None;
    }
    // A pre-release of x.y.0 uses x.y.0's default.
    TABLE
        .iter()
        .filter(|(minor, from, _)| *minor == version.minor && *from <= version.patch)
        .map(|(_, _, k8s)| *k8s)
        .next_back()
}

/// Whether complete configs can be made for this release (one whose default Kubernetes
/// version the table above knows).
pub fn supported(version: &TalosVersion) -> bool {
    default_kubernetes_version(version).is_some()
}

/// A `key: value` mapping in the given order.
fn map<const N: usize>(entries: [(&str, Value); N]) -> Value {
    let mut m = Mapping::new();
    for (k, v) in entries {
        m.insert(Value::String(k.to_owned()), v);
    }
    Value::Mapping(m)
}

fn s(text: &str) -> Value {
    Value::String(text.to_owned())
}

fn b(value: bool) -> Value {
    Value::Bool(value)
}

fn list(items: &[&str]) -> Value {
    Value::Sequence(items.iter().map(|i| s(i)).collect())
}

fn b64(text: &str) -> Value {
    use base64::Engine;
    s(&base64::engine::general_purpose::STANDARD.encode(text))
}

/// `{crt, key}`; workers get an empty key, as Talos writes them.
fn pair(crt: &str, key: Option<&str>) -> Value {
    map([("crt", b64(crt)), ("key", key.map_or_else(|| s(""), b64))])
}

fn insert(target: &mut Value, key: &str, value: Value) {
    if let Value::Mapping(m) = target {
        m.insert(s(key), value);
    }
}

/// The base config of a role: the v1alpha1 document, then `HostnameConfig` (`auto:
/// stable`) from v1.12 on.
pub fn base_config(input: &BaseInput<'_>, role: RoleKind) -> Result<MachineConfig, RenderError> {
    let v = input.version;
    if !supported(v) {
        return Err(RenderError::Unsupported(v.to_string()));
    }
    // Contract switches (contract.go) for 1.11 and later.
    let multidoc_network = v.at_least(1, 12); // MultidocNetworkConfigSupported
    let hide_psp = v.at_least(1, 12); // HideDisablePSP
    let hide_rbac = v.at_least(1, 12); // HideRBACAndKeyUsage
    let sans_from_endpoint = !v.at_least(1, 12); // PopulateClusterSANsFromEndpoint
    let grub_uki = v.at_least(1, 12); // GrubUseUKICmdlineDefault
    let kubespan_multidoc = v.at_least(1, 13); // KubeSpanMultidocConfig
    let controlplane = role == RoleKind::Controlplane;
    let bundle = input.bundle;
    let k8s = input.kubernetes_version;

    // machine
    let mut machine = map([
        (
            "type",
            s(if controlplane {
                "controlplane"
            } else {
                "worker"
            }),
        ),
        ("token", s(&bundle.trustd_token)),
        (
            "ca",
            pair(
                &bundle.os.crt,
                controlplane.then_some(bundle.os.key.as_str()),
            ),
        ),
        ("certSANs", Value::Sequence(Vec::new())),
        (
            "kubelet",
            map([
                ("image", s(&format!("ghcr.io/siderolabs/kubelet:v{k8s}"))),
                ("defaultRuntimeSeccompProfileEnabled", b(true)),
                ("disableManifestsDirectory", b(true)),
            ]),
        ),
    ]);
    if !kubespan_multidoc {
        // An empty machine.network, kept for older releases.
        insert(&mut machine, "network", Value::Mapping(Mapping::new()));
    }
    let mut install = Value::Mapping(Mapping::new());
    if let Some(disk) = input.install_disk {
        insert(&mut install, "disk", s(disk));
    }
    if let Some(image) = input.install_image {
        insert(&mut install, "image", s(image));
    }
    insert(&mut install, "wipe", b(false));
    if grub_uki {
        insert(&mut install, "grubUseUKICmdline", b(true));
    }
    insert(&mut machine, "install", install);
    let mut features = Value::Mapping(Mapping::new());
    if !hide_rbac {
        insert(&mut features, "rbac", b(true));
    }
    if !multidoc_network {
        insert(&mut features, "stableHostname", b(true));
    }
    if !hide_rbac {
        insert(&mut features, "apidCheckExtKeyUsage", b(true));
    }
    insert(&mut features, "diskQuotaSupport", b(true));
    insert(
        &mut features,
        "kubePrism",
        map([("enabled", b(true)), ("port", Value::Number(7445.into()))]),
    );
    insert(
        &mut features,
        "hostDNS",
        map([("enabled", b(true)), ("forwardKubeDNSToHost", b(true))]),
    );
    insert(&mut machine, "features", features);
    if controlplane {
        insert(
            &mut machine,
            "nodeLabels",
            map([(
                "node.kubernetes.io/exclude-from-external-load-balancers",
                s(""),
            )]),
        );
    }

    // cluster
    let mut cluster = map([
        ("id", s(&bundle.cluster_id)),
        ("secret", s(&bundle.cluster_secret)),
        ("controlPlane", map([("endpoint", s(input.endpoint))])),
        ("clusterName", s(input.cluster_name)),
        (
            "network",
            map([
                ("dnsDomain", s("cluster.local")),
                ("podSubnets", list(&[pod_subnet(input.endpoint)])),
                ("serviceSubnets", list(&[service_subnet(input.endpoint)])),
            ]),
        ),
        ("token", s(&bundle.bootstrap_token)),
    ]);
    let discovery = map([
        ("enabled", b(true)),
        (
            "registries",
            map([
                ("kubernetes", map([("disabled", b(true))])),
                ("service", Value::Mapping(Mapping::new())),
            ]),
        ),
    ]);
    if controlplane {
        match (
            &bundle.secretbox_encryption_secret,
            &bundle.aescbc_encryption_secret,
        ) {
            (Some(secret), _) => insert(&mut cluster, "secretboxEncryptionSecret", s(secret)),
            (None, Some(secret)) => insert(&mut cluster, "aescbcEncryptionSecret", s(secret)),
            (None, None) => {}
        }
        insert(
            &mut cluster,
            "ca",
            pair(&bundle.k8s.crt, Some(&bundle.k8s.key)),
        );
        insert(
            &mut cluster,
            "aggregatorCA",
            pair(&bundle.k8s_aggregator.crt, Some(&bundle.k8s_aggregator.key)),
        );
        insert(
            &mut cluster,
            "serviceAccount",
            map([("key", b64(&bundle.k8s_service_account_key))]),
        );
        let mut api_server = map([(
            "image",
            s(&format!("registry.k8s.io/kube-apiserver:v{k8s}")),
        )]);
        if sans_from_endpoint {
            if let Some(host) = endpoint_host(input.endpoint) {
                insert(&mut api_server, "certSANs", list(&[host]));
            }
        }
        if !hide_psp {
            insert(&mut api_server, "disablePodSecurityPolicy", b(true));
        }
        insert(&mut api_server, "admissionControl", admission_control());
        insert(&mut api_server, "auditPolicy", audit_policy());
        insert(&mut cluster, "apiServer", api_server);
        for (key, image) in [
            ("controllerManager", "kube-controller-manager"),
            ("proxy", "kube-proxy"),
            ("scheduler", "kube-scheduler"),
        ] {
            insert(
                &mut cluster,
                key,
                map([("image", s(&format!("registry.k8s.io/{image}:v{k8s}")))]),
            );
        }
        insert(&mut cluster, "discovery", discovery);
        insert(
            &mut cluster,
            "etcd",
            map([("ca", pair(&bundle.etcd.crt, Some(&bundle.etcd.key)))]),
        );
    } else {
        insert(&mut cluster, "ca", pair(&bundle.k8s.crt, None));
        insert(&mut cluster, "discovery", discovery);
    }

    let v1alpha1 = map([
        ("version", s("v1alpha1")),
        ("debug", b(false)),
        ("persist", b(true)),
        ("machine", machine),
        ("cluster", cluster),
    ]);
    let mut documents = vec![v1alpha1];
    if multidoc_network {
        documents.push(map([
            ("apiVersion", s("v1alpha1")),
            ("kind", s("HostnameConfig")),
            ("auto", s("stable")),
        ]));
    }
    Ok(MachineConfig { documents })
}

/// IPv6 endpoints get IPv6 pod and service networks (`NewInput`).
fn is_ipv6_endpoint(endpoint: &str) -> bool {
    endpoint.parse::<std::net::Ipv6Addr>().is_ok()
}

fn pod_subnet(endpoint: &str) -> &'static str {
    if is_ipv6_endpoint(endpoint) {
        "fc00:db8:10::/56"
    } else {
        "10.244.0.0/16"
    }
}

fn service_subnet(endpoint: &str) -> &'static str {
    if is_ipv6_endpoint(endpoint) {
        "fc00:db8:20::/112"
    } else {
        "10.96.0.0/12"
    }
}

/// The host of `https://host:port`, without IPv6 brackets (Go's `url.Hostname`).
fn endpoint_host(endpoint: &str) -> Option<&str> {
    let rest = endpoint.split_once("://").map_or(endpoint, |(_, r)| r);
    let authority = rest.split(['/', '?', '#']).next()?;
    let authority = authority.rsplit_once('@').map_or(authority, |(_, h)| h);
    if let Some(inner) = authority.strip_prefix('[') {
        return inner.split_once(']').map(|(h, _)| h);
    }
    Some(authority.split_once(':').map_or(authority, |(h, _)| h))
}

/// The PodSecurity admission plugin's defaults (`init.go`), keys sorted as Go writes a map.
fn admission_control() -> Value {
    Value::Sequence(vec![map([
        ("name", s("PodSecurity")),
        (
            "configuration",
            map([
                (
                    "apiVersion",
                    s("pod-security.admission.config.k8s.io/v1alpha1"),
                ),
                (
                    "defaults",
                    map([
                        ("audit", s("restricted")),
                        ("audit-version", s("latest")),
                        ("enforce", s("baseline")),
                        ("enforce-version", s("latest")),
                        ("warn", s("restricted")),
                        ("warn-version", s("latest")),
                    ]),
                ),
                (
                    "exemptions",
                    map([
                        ("namespaces", list(&["kube-system"])),
                        ("runtimeClasses", Value::Sequence(Vec::new())),
                        ("usernames", Value::Sequence(Vec::new())),
                    ]),
                ),
                ("kind", s("PodSecurityConfiguration")),
            ]),
        ),
    ])])
}

/// `APIServerDefaultAuditPolicy`: metadata for every request.
fn audit_policy() -> Value {
    map([
        ("apiVersion", s("audit.k8s.io/v1")),
        ("kind", s("Policy")),
        (
            "rules",
            Value::Sequence(vec![map([("level", s("Metadata"))])]),
        ),
    ])
}

/// Document kinds each release added (from Talos's config schemas): a base config with
/// a kind its target release does not know was made for a later release.
const KINDS_SINCE: &[((u64, u64), &[&str])] = &[
    (
        (1, 12),
        &[
            "BondConfig",
            "BridgeConfig",
            "DHCPv4Config",
            "DHCPv6Config",
            "DummyLinkConfig",
            "HCloudVIPConfig",
            "HostnameConfig",
            "Layer2VIPConfig",
            "LinkAliasConfig",
            "LinkConfig",
            "OOMConfig",
            "RegistryAuthConfig",
            "RegistryMirrorConfig",
            "RegistryTLSConfig",
            "ResolverConfig",
            "StaticHostConfig",
            "TimeSyncConfig",
            "VLANConfig",
            "WireguardConfig",
        ],
    ),
    (
        (1, 13),
        &[
            "BlackholeRouteConfig",
            "EnvironmentConfig",
            "ExternalVolumeConfig",
            "KubeSpanConfig",
            "RoutingRuleConfig",
            "TCPProbeConfig",
            "VRFConfig",
        ],
    ),
];

/// Checks that a base config (`talosctl gen config` output) fits `image.version`: its
/// document kinds tell which release it was made for. A v1.12+ base always has a
/// `HostnameConfig` document; one without it was made for v1.11 or earlier.
pub fn check_base(name: &str, text: &str, version: &TalosVersion) -> Result<(), RenderError> {
    let config = MachineConfig::parse(text).map_err(|e| RenderError::Base {
        name: name.to_owned(),
        reason: e.to_string(),
    })?;
    let kinds: Vec<String> = config
        .documents
        .iter()
        .filter_map(|d| d.as_mapping())
        .filter_map(|m| merge::DocumentId::of(m).ok())
        .map(|id| id.kind)
        .collect();
    let mismatch = |reason: String| {
        Err(RenderError::Base {
            name: name.to_owned(),
            reason: format!(
                "{reason}, but image.version is {version}: make the base configs for \
                 {version} (`talosctl gen config --talos-version v{}.{}`) or fix \
                 image.version",
                version.major, version.minor
            ),
        })
    };
    for ((major, minor), added) in KINDS_SINCE {
        if version.at_least(*major, *minor) {
            continue;
        }
        if let Some(kind) = kinds.iter().find(|k| added.contains(&k.as_str())) {
            return mismatch(format!(
                "it has a `{kind}` document, which Talos knows from v{major}.{minor} on"
            ));
        }
    }
    if version.uses_network_documents() && !kinds.iter().any(|k| k == "HostnameConfig") {
        return mismatch(
            "it has no `HostnameConfig` document, which `talosctl gen config` writes from \
             v1.12 on, so it was made for v1.11 or earlier"
                .to_owned(),
        );
    }
    Ok(())
}

/// One node's complete machine config.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct CompleteNode {
    pub key: String,
    pub role: RoleKind,
    pub hostname: String,
    /// The whole machine config (YAML, documents separated by `---`).
    pub config: String,
}

/// The base configs of both roles (control plane, worker) from `bundle` and the plan,
/// as `talosctl gen config --with-secrets` writes them for this cluster: its name and
/// endpoint, the release's Kubernetes version and the plan's installer image. The
/// install disk comes with each node's patch.
pub fn role_bases(
    plan: &Plan,
    version: &TalosVersion,
    bundle: &SecretsBundle,
) -> Result<(String, String), RenderError> {
    let (cluster_name, endpoint) = name_and_endpoint(plan)?;
    let kubernetes_version = default_kubernetes_version(version)
        .ok_or_else(|| RenderError::Unsupported(version.to_string()))?;
    let input = BaseInput {
        version,
        cluster_name,
        endpoint,
        kubernetes_version,
        install_disk: None,
        install_image: plan
            .image
            .as_ref()
            .and_then(|i| i.installer_image.as_deref()),
        bundle,
    };
    Ok((
        base_config(&input, RoleKind::Controlplane)?.to_yaml(),
        base_config(&input, RoleKind::Worker)?.to_yaml(),
    ))
}

/// Every node's complete config: the base of its role ([`role_bases`]) merged with the
/// node's rendered patches. `apply` sends exactly these.
pub fn complete_configs(
    plan: &Plan,
    version: &TalosVersion,
    rendered: &[RenderedNode],
    bundle: &SecretsBundle,
) -> Result<Vec<CompleteNode>, RenderError> {
    let (controlplane, worker) = role_bases(plan, version, bundle)?;
    rendered
        .iter()
        .map(|node| {
            let base = match node.role {
                RoleKind::Controlplane => &controlplane,
                RoleKind::Worker => &worker,
            };
            Ok(CompleteNode {
                key: node.key.clone(),
                role: node.role,
                hostname: node.hostname.clone(),
                config: merged(base, node)?,
            })
        })
        .collect()
}

/// The talosconfig of the cluster: context = the cluster's name, endpoints = the
/// control planes' addresses, and a new admin certificate valid from `now`.
pub fn talosconfig(
    plan: &Plan,
    bundle: &SecretsBundle,
    now: crate::secrets::UnixTime,
    seed: [u8; 32],
) -> Result<String, RenderError> {
    let name = plan
        .cluster_name
        .as_deref()
        .ok_or(RenderError::Unknown("cluster.name"))?;
    let admin = bundle.admin_certificate(now, seed)?;
    Ok(crate::secrets::talosconfig(
        bundle,
        name,
        &plan.talos_endpoints,
        &admin,
    ))
}

/// A node's patches merged into a base config text.
pub fn merged(base: &str, node: &RenderedNode) -> Result<String, RenderError> {
    let patches: Vec<&str> = node.patches.iter().map(|p| p.content.as_str()).collect();
    merge::apply_all(base, &patches).map_err(|e| RenderError::Merge {
        node: node.key.clone(),
        reason: e.to_string(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kubernetes_defaults_follow_talosctl() {
        let k = |v: &str| default_kubernetes_version(&TalosVersion::parse(v).unwrap());
        assert_eq!(k("v1.11.0"), Some("1.34.0"));
        assert_eq!(k("v1.11.6"), Some("1.34.1"));
        assert_eq!(k("v1.12.0"), Some("1.35.0"));
        assert_eq!(k("v1.12.0-beta.1"), Some("1.35.0"));
        assert_eq!(k("v1.12.11"), Some("1.35.4"));
        assert_eq!(k("v1.13.9"), Some("1.36.3"));
        assert_eq!(k("v1.13.40"), Some("1.36.3"));
        assert_eq!(k("v1.10.7"), None);
    }

    #[test]
    fn endpoint_hosts() {
        assert_eq!(endpoint_host("https://base:6443"), Some("base"));
        assert_eq!(endpoint_host("https://[fd00::5]:6443"), Some("fd00::5"));
        assert_eq!(endpoint_host("https://10.0.0.1"), Some("10.0.0.1"));
    }
}
