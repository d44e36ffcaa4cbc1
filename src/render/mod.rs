//! Rendering: the Talos patches for each node (from the embedded templates, then the
//! user's `config_patches`), and merging them into `talosctl gen config` output.

#[cfg(feature = "secrets")]
pub mod machine_config;
pub mod merge;
pub mod templates;

use serde::Serialize;
use thiserror::Error;

use crate::config::{Config, RoleKind};
use crate::plan::version::TalosVersion;
use crate::plan::{Plan, PlannedNode};
use templates::TemplateError;

/// Why rendering could not produce patches.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum RenderError {
    #[error("{0} is not known, so its patch cannot be rendered")]
    Unknown(&'static str),
    #[error("image.version `{0}` is not a Talos release tag")]
    Version(String),
    #[error(transparent)]
    Template(#[from] TemplateError),
    #[error(
        "complete machine configs are made for Talos {releases}; image.version is {0}",
        releases = SUPPORTED_RELEASES
    )]
    Unsupported(String),
    #[error("the base config {name} does not fit: {reason}")]
    Base { name: String, reason: String },
    #[error("{node}: merging the patches into the machine config failed: {reason}")]
    Merge { node: String, reason: String },
    #[cfg(feature = "secrets")]
    #[error(transparent)]
    Secrets(#[from] crate::secrets::SecretsError),
}

/// The Talos releases whose complete machine configs the planner makes.
pub const SUPPORTED_RELEASES: &str = "v1.11, v1.12 and v1.13";

/// Where a patch came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "lowercase")]
pub enum PatchOrigin {
    /// One of the planner's templates.
    Template,
    /// `cluster.config_patches[index]`.
    User { index: usize },
}

/// One patch file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RenderedPatch {
    /// A file name that sorts in application order (`01-install-disk.yaml`).
    pub name: String,
    pub content: String,
    pub origin: PatchOrigin,
}

/// The patches of one node, in the order Talos must apply them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RenderedNode {
    pub key: String,
    pub role: RoleKind,
    pub hostname: String,
    pub patches: Vec<RenderedPatch>,
}

/// The config's Talos release (`image.version`), which decides the patches' shape.
pub fn talos_version(config: &Config) -> Result<TalosVersion, RenderError> {
    let text = config
        .image
        .version
        .get()
        .ok_or(RenderError::Unknown("image.version"))?;
    TalosVersion::parse(text).ok_or_else(|| RenderError::Version(text.clone()))
}

/// Renders every node's patches: install disk and hostname, control plane scheduling,
/// the VIP (control planes, HA only), the endpoint and cluster name (every node), then
/// the user's patches.
pub fn render(config: &Config, plan: &Plan) -> Result<Vec<RenderedNode>, RenderError> {
    let version = talos_version(config)?;
    let user: Vec<&str> = config
        .cluster
        .config_patches
        .get()
        .ok_or(RenderError::Unknown("cluster.config_patches"))?
        .iter()
        .map(|p| p.value.as_str())
        .collect();
    let vip = if plan.ha_vip_enabled {
        let vip = plan.ha_vip.ok_or(RenderError::Unknown("the HA VIP"))?;
        let interface = plan
            .ha_vip_interface
            .as_deref()
            .ok_or(RenderError::Unknown("cluster.ha_vip_interface"))?;
        let endpoint = plan
            .cluster_endpoint
            .as_deref()
            .ok_or(RenderError::Unknown("the cluster endpoint"))?;
        let values = [
            ("vip", vip.to_string()),
            ("interface", interface.to_owned()),
            ("endpoint", endpoint.to_owned()),
        ];
        let values: Vec<(&str, &str)> = values.iter().map(|(k, v)| (*k, v.as_str())).collect();
        let template = if version.uses_network_documents() {
            templates::HA_VIP_LAYER2
        } else {
            templates::HA_VIP_V1ALPHA1
        };
        Some(template.render(&values)?)
    } else {
        None
    };
    let (cluster_name, endpoint) = name_and_endpoint(plan)?;
    let cluster = templates::CLUSTER_ENDPOINT
        .render(&[("endpoint", endpoint), ("cluster_name", cluster_name)])?;
    plan.nodes
        .iter()
        .map(|node| render_node(node, &version, vip.as_deref(), &cluster, &user))
        .collect()
}

/// The planned cluster name and endpoint, which every node's config carries.
fn name_and_endpoint(plan: &Plan) -> Result<(&str, &str), RenderError> {
    let cluster_name = plan
        .cluster_name
        .as_deref()
        .ok_or(RenderError::Unknown("cluster.name"))?;
    let endpoint = plan
        .cluster_endpoint
        .as_deref()
        .ok_or(RenderError::Unknown("the cluster endpoint"))?;
    Ok((cluster_name, endpoint))
}

fn render_node(
    node: &PlannedNode,
    version: &TalosVersion,
    vip: Option<&str>,
    cluster: &str,
    user: &[&str],
) -> Result<RenderedNode, RenderError> {
    let hostname = node
        .hostname
        .clone()
        .ok_or(RenderError::Unknown("cluster.name"))?;
    let install_disk = node
        .install_disk
        .as_deref()
        .ok_or(RenderError::Unknown("install_disk"))?;
    let mut patches = Vec::new();
    let mut add = |name: &str, content: String, origin: PatchOrigin| {
        let n = patches.len() + 1;
        patches.push(RenderedPatch {
            name: format!("{n:02}-{name}.yaml"),
            content,
            origin,
        });
    };
    add(
        "install-disk",
        templates::INSTALL_DISK.render(&[("install_disk", install_disk)])?,
        PatchOrigin::Template,
    );
    let hostname_template = if version.uses_network_documents() {
        templates::HOSTNAME_CONFIG
    } else {
        templates::HOSTNAME_V1ALPHA1
    };
    add(
        "hostname",
        hostname_template.render(&[("hostname", &hostname)])?,
        PatchOrigin::Template,
    );
    if node.role == RoleKind::Controlplane {
        add(
            "cp-scheduling",
            templates::CP_SCHEDULING.render(&[])?,
            PatchOrigin::Template,
        );
        if let Some(vip) = vip {
            add("ha-vip", vip.to_owned(), PatchOrigin::Template);
        }
    }
    // Every node, workers too, points at the cluster's endpoint and carries its name,
    // whatever the base config says (a worker pointing elsewhere never joins).
    add(
        "cluster-endpoint",
        cluster.to_owned(),
        PatchOrigin::Template,
    );
    for (index, patch) in user.iter().enumerate() {
        add(
            &format!("user-{}", index + 1),
            (*patch).to_owned(),
            PatchOrigin::User { index },
        );
    }
    Ok(RenderedNode {
        key: node.key.clone(),
        role: node.role,
        hostname,
        patches,
    })
}
