//! The Talos image: Image Factory schematic, its ID computed offline, and the URLs the
//! provisioner downloads.

use serde::Serialize;
use sha2::{Digest, Sha256};

/// What the Image Factory needs to build our image, and where to get it. The schematic
/// depends on the extensions only; the URLs also on the factory, version, platform and
/// architecture, and are `None` while one of those is unknown (a Terraform expression).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ImagePlan {
    /// The schematic's canonical YAML (what `POST /schematics` receives).
    pub schematic: String,
    /// SHA-256 of `schematic`: the ID the factory answers with.
    pub schematic_id: String,
    /// Compressed raw disk image (the Terraform module's download).
    pub disk_image_url: Option<String>,
    /// Uncompressed qcow2 of the same image, for Proxmox 8.4's `import` content (which
    /// Proxmox does not decompress).
    pub disk_import_url: Option<String>,
    /// Boot ISO, for Proxmox releases that cannot import disk images.
    pub iso_url: Option<String>,
    /// Installer image reference for `machine.install.image` and upgrades.
    pub installer_image: Option<String>,
    /// Official extensions, as `siderolabs/<name>`, sorted.
    pub extensions: Vec<String>,
}

/// Official extension names as the factory knows them: short names gain `siderolabs/`.
pub fn official_extensions<'a>(names: impl IntoIterator<Item = &'a str>) -> Vec<String> {
    let mut out: Vec<String> = names
        .into_iter()
        .map(str::trim)
        .filter(|n| !n.is_empty())
        .map(|n| {
            if n.contains('/') {
                n.to_owned()
            } else {
                format!("siderolabs/{n}")
            }
        })
        .collect();
    // The module passes the factory's own (alphabetical) extension list through, so
    // the same set gives the same ID whatever order the user wrote it in.
    out.sort();
    out.dedup();
    out
}

/// The schematic's canonical YAML, byte for byte what the factory's Go YAML encoder
/// (4-space indent) writes, since the ID is the hash of exactly these bytes.
pub fn schematic_yaml(extensions: &[String]) -> String {
    if extensions.is_empty() {
        return "customization: {}\n".to_owned();
    }
    let mut out =
        String::from("customization:\n    systemExtensions:\n        officialExtensions:\n");
    for ext in extensions {
        out.push_str("            - ");
        out.push_str(&go_yaml_scalar(ext));
        out.push('\n');
    }
    out
}

/// Quotes a string the way Go's YAML encoder does when a plain scalar would not
/// round-trip; extension names are normally plain.
fn go_yaml_scalar(s: &str) -> String {
    let plain = !s.is_empty()
        && s.chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '/' | '-' | '_' | '.'))
        && !s.starts_with(['-', '.'])
        && crate::config::yaml::resolve_plain(s)
            == crate::config::tree::Value::String(s.to_owned());
    if plain {
        s.to_owned()
    } else {
        format!("\"{}\"", s.replace('\\', "\\\\").replace('"', "\\\""))
    }
}

/// The hex SHA-256 of the canonical schematic.
pub fn schematic_id(schematic: &str) -> String {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    let digest = Sha256::digest(schematic.as_bytes());
    let mut out = String::with_capacity(64);
    for b in digest {
        out.push(char::from(HEX[usize::from(b >> 4)]));
        out.push(char::from(HEX[usize::from(b & 0xf)]));
    }
    out
}

/// Builds the image plan for a factory, version, platform and architecture.
pub fn image_plan(
    factory_url: &str,
    version: &str,
    platform: &str,
    arch: &str,
    extensions: Vec<String>,
) -> ImagePlan {
    let schematic = schematic_yaml(&extensions);
    let id = schematic_id(&schematic);
    let factory = factory_url.trim_end_matches('/');
    let registry = factory
        .split_once("://")
        .map_or(factory, |(_, rest)| rest)
        .to_owned();
    // Talos 1.10 introduced platform-specific installer images in the factory.
    let installer =
        if super::version::TalosVersion::parse(version).is_some_and(|v| v.at_least(1, 10)) {
            format!("{platform}-installer")
        } else {
            "installer".to_owned()
        };
    ImagePlan {
        disk_image_url: Some(format!(
            "{factory}/image/{id}/{version}/{platform}-{arch}.raw.gz"
        )),
        disk_import_url: Some(format!(
            "{factory}/image/{id}/{version}/{platform}-{arch}.qcow2"
        )),
        iso_url: Some(format!(
            "{factory}/image/{id}/{version}/{platform}-{arch}.iso"
        )),
        installer_image: Some(format!("{registry}/{installer}/{id}:{version}")),
        schematic,
        schematic_id: id,
        extensions,
    }
}

/// The schematic alone, for when a part of the URLs is not known.
pub fn schematic_plan(extensions: Vec<String>) -> ImagePlan {
    let schematic = schematic_yaml(&extensions);
    ImagePlan {
        schematic_id: schematic_id(&schematic),
        schematic,
        disk_image_url: None,
        disk_import_url: None,
        iso_url: None,
        installer_image: None,
        extensions,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn known_schematic_ids() {
        let empty = schematic_yaml(&official_extensions([]));
        assert_eq!(
            schematic_id(&empty),
            "376567988ad370138ad8b2698212367b8edcb69b5fd68c80be1f2ec7d603b4ba"
        );
        let qga = schematic_yaml(&official_extensions(["qemu-guest-agent"]));
        assert_eq!(
            schematic_id(&qga),
            "ce4c980550dd2ab1b17bbf2b08801c7eb59418eafe8f279833297925d67c7515"
        );
        let full = schematic_yaml(&official_extensions(["siderolabs/qemu-guest-agent"]));
        assert_eq!(qga, full);
    }

    #[test]
    fn order_does_not_change_the_id() {
        let a = official_extensions(["iscsi-tools", "qemu-guest-agent"]);
        let b = official_extensions(["qemu-guest-agent", "iscsi-tools", "iscsi-tools"]);
        assert_eq!(a, b);
    }

    #[test]
    fn urls() {
        let plan = image_plan(
            "https://factory.talos.dev/",
            "v1.12.0",
            "nocloud",
            "amd64",
            official_extensions(["qemu-guest-agent"]),
        );
        assert_eq!(
            plan.disk_image_url.as_deref(),
            Some("https://factory.talos.dev/image/ce4c980550dd2ab1b17bbf2b08801c7eb59418eafe8f279833297925d67c7515/v1.12.0/nocloud-amd64.raw.gz")
        );
        assert_eq!(
            plan.installer_image.as_deref(),
            Some("factory.talos.dev/nocloud-installer/ce4c980550dd2ab1b17bbf2b08801c7eb59418eafe8f279833297925d67c7515:v1.12.0")
        );
        let old = image_plan(
            "https://factory.talos.dev",
            "v1.9.5",
            "nocloud",
            "amd64",
            vec![],
        );
        assert!(old
            .installer_image
            .is_some_and(|i| i.starts_with("factory.talos.dev/installer/")));
        let partial = schematic_plan(official_extensions(["qemu-guest-agent"]));
        assert_eq!(partial.schematic_id, plan.schematic_id);
        assert_eq!(partial.disk_image_url, None);
    }
}
