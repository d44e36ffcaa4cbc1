//! The COSI resource API that Talos serves next to the machine API (`talosctl get`):
//! hand-written prost messages of `cosi.resource.State` (field numbers from
//! cosi-project/runtime `api/v1alpha1/resource.proto` and `state.proto`, checked against
//! commit 61ea7ec), and the two resources `diff` reads: the running machine config and
//! the Image Factory schematic (the `schematic` extension factory images carry).

/// `/cosi.resource.State/...`.
pub mod path {
    pub const GET: &str = "/cosi.resource.State/Get";
    pub const LIST: &str = "/cosi.resource.State/List";
}

/// The machine config applied to the running OS: `MachineConfigs.config.talos.dev`,
/// id `v1alpha1`, namespace `config` (siderolabs/talos
/// `pkg/machinery/resources/config/machine_config.go`). Its YAML spec is the config
/// text as one YAML string.
pub const MACHINE_CONFIG: (&str, &str, &str) =
    ("config", "MachineConfigs.config.talos.dev", "v1alpha1");

/// System extensions: `ExtensionStatuses.runtime.talos.dev` in namespace `runtime`;
/// the one named `schematic` has the schematic ID as its version
/// (`constants.ImageFactorySchematicExtensionName`).
pub const EXTENSION_STATUSES: (&str, &str) = ("runtime", "ExtensionStatuses.runtime.talos.dev");

/// The name of the extension Image Factory adds for the schematic.
pub const SCHEMATIC_EXTENSION: &str = "schematic";

/// `cosi.resource.Metadata` (the part we read).
#[derive(Clone, PartialEq, prost::Message)]
pub struct Metadata {
    #[prost(string, tag = "1")]
    pub namespace: String,
    #[prost(string, tag = "2")]
    pub r#type: String,
    #[prost(string, tag = "3")]
    pub id: String,
    #[prost(string, tag = "4")]
    pub version: String,
}

/// `cosi.resource.Spec`.
#[derive(Clone, PartialEq, prost::Message)]
pub struct Spec {
    #[prost(bytes = "vec", tag = "1")]
    pub proto_spec: Vec<u8>,
    #[prost(string, tag = "2")]
    pub yaml_spec: String,
}

/// `cosi.resource.Resource`.
#[derive(Clone, PartialEq, prost::Message)]
pub struct Resource {
    #[prost(message, optional, tag = "1")]
    pub metadata: Option<Metadata>,
    #[prost(message, optional, tag = "2")]
    pub spec: Option<Spec>,
}

/// `cosi.resource.GetRequest` (no options).
#[derive(Clone, PartialEq, prost::Message)]
pub struct GetRequest {
    #[prost(string, tag = "1")]
    pub namespace: String,
    #[prost(string, tag = "2")]
    pub r#type: String,
    #[prost(string, tag = "3")]
    pub id: String,
}

/// `cosi.resource.GetResponse`.
#[derive(Clone, PartialEq, prost::Message)]
pub struct GetResponse {
    #[prost(message, optional, tag = "1")]
    pub resource: Option<Resource>,
}

/// `cosi.resource.ListRequest` (no options).
#[derive(Clone, PartialEq, prost::Message)]
pub struct ListRequest {
    #[prost(string, tag = "1")]
    pub namespace: String,
    #[prost(string, tag = "2")]
    pub r#type: String,
}

/// `cosi.resource.ListResponse`: one resource per streamed message.
#[derive(Clone, PartialEq, prost::Message)]
pub struct ListResponse {
    #[prost(message, optional, tag = "1")]
    pub resource: Option<Resource>,
}

/// The machine config text of a `MachineConfig` resource's YAML spec (a YAML string;
/// a spec that is a mapping is taken as the config itself).
pub fn machine_config_text(yaml_spec: &str) -> Option<String> {
    match yaml_serde::from_str::<yaml_serde::Value>(yaml_spec).ok()? {
        yaml_serde::Value::String(text) => Some(text),
        yaml_serde::Value::Mapping(_) => Some(yaml_spec.to_owned()),
        _ => None,
    }
}

/// The schematic ID in an `ExtensionStatus` YAML spec (`metadata.name: schematic`,
/// `metadata.version: <id>`), if it is that extension.
pub fn schematic_of(yaml_spec: &str) -> Option<String> {
    let value: yaml_serde::Value = yaml_serde::from_str(yaml_spec).ok()?;
    let metadata = value.get("metadata")?;
    (metadata.get("name")?.as_str()? == SCHEMATIC_EXTENSION)
        .then(|| metadata.get("version")?.as_str().map(str::to_owned))
        .flatten()
}

#[cfg(test)]
mod tests {
    use super::*;
    use prost::Message;

    #[test]
    fn specs_are_read_as_talos_writes_them() {
        let spec = yaml_serde::to_string("version: v1alpha1\nmachine:\n  type: worker\n").unwrap();
        assert_eq!(
            machine_config_text(&spec).as_deref(),
            Some("version: v1alpha1\nmachine:\n  type: worker\n")
        );
        let ext = "image: 000-schematic.sqsh\nmetadata:\n    name: schematic\n    version: abc123\n    author: Image Factory\n";
        assert_eq!(schematic_of(ext).as_deref(), Some("abc123"));
        assert_eq!(
            schematic_of("metadata:\n    name: qemu-guest-agent\n    version: 9.2\n"),
            None
        );
        // Spec: yaml_spec is field 2.
        let s = Spec {
            proto_spec: vec![],
            yaml_spec: "a".into(),
        };
        assert_eq!(s.encode_to_vec(), vec![0x12, 0x01, b'a']);
    }
}
