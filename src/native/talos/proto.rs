//! The Talos machine API messages we use, written by hand with prost derives (field
//! numbers from Talos's `api/machine/machine.proto` and `api/common/common.proto`,
//! siderolabs/talos; the day-two messages checked against commit ad88231 of 2026-08).
//! Fields we never read are left out: protobuf skips unknown fields.

/// `/machine.MachineService/ApplyConfiguration` and friends.
pub mod path {
    pub const APPLY_CONFIGURATION: &str = "/machine.MachineService/ApplyConfiguration";
    pub const BOOTSTRAP: &str = "/machine.MachineService/Bootstrap";
    pub const KUBECONFIG: &str = "/machine.MachineService/Kubeconfig";
    pub const VERSION: &str = "/machine.MachineService/Version";
    pub const UPGRADE: &str = "/machine.MachineService/Upgrade";
    pub const RESET: &str = "/machine.MachineService/Reset";
    pub const ETCD_MEMBER_LIST: &str = "/machine.MachineService/EtcdMemberList";
    pub const ETCD_REMOVE_MEMBER_BY_ID: &str = "/machine.MachineService/EtcdRemoveMemberByID";
    pub const ETCD_LEAVE_CLUSTER: &str = "/machine.MachineService/EtcdLeaveCluster";
    pub const ETCD_STATUS: &str = "/machine.MachineService/EtcdStatus";
}

/// `google.protobuf.Empty`.
#[derive(Clone, Copy, PartialEq, prost::Message)]
pub struct Empty {}

/// `common.Metadata`: which node answered, and its error when a proxy fanned out.
#[derive(Clone, PartialEq, prost::Message)]
pub struct Metadata {
    #[prost(string, tag = "1")]
    pub hostname: String,
    #[prost(string, tag = "2")]
    pub error: String,
}

/// `common.Data`: one chunk of a byte stream.
#[derive(Clone, PartialEq, prost::Message)]
pub struct Data {
    #[prost(message, optional, tag = "1")]
    pub metadata: Option<Metadata>,
    #[prost(bytes = "vec", tag = "2")]
    pub bytes: Vec<u8>,
}

/// `ApplyConfigurationRequest.Mode`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, prost::Enumeration)]
#[repr(i32)]
pub enum ApplyMode {
    Reboot = 0,
    Auto = 1,
    NoReboot = 2,
    Staged = 3,
    Try = 4,
}

/// `machine.ApplyConfigurationRequest`.
#[derive(Clone, PartialEq, prost::Message)]
pub struct ApplyConfigurationRequest {
    /// The whole machine config (YAML, all documents).
    #[prost(bytes = "vec", tag = "1")]
    pub data: Vec<u8>,
    #[prost(enumeration = "ApplyMode", tag = "4")]
    pub mode: i32,
    #[prost(bool, tag = "5")]
    pub dry_run: bool,
}

/// `machine.ApplyConfiguration`.
#[derive(Clone, PartialEq, prost::Message)]
pub struct ApplyConfiguration {
    #[prost(message, optional, tag = "1")]
    pub metadata: Option<Metadata>,
    #[prost(string, repeated, tag = "2")]
    pub warnings: Vec<String>,
    #[prost(enumeration = "ApplyMode", tag = "3")]
    pub mode: i32,
    #[prost(string, tag = "4")]
    pub mode_details: String,
}

/// `machine.ApplyConfigurationResponse`.
#[derive(Clone, PartialEq, prost::Message)]
pub struct ApplyConfigurationResponse {
    #[prost(message, repeated, tag = "1")]
    pub messages: Vec<ApplyConfiguration>,
}

/// `machine.BootstrapRequest`.
#[derive(Clone, Copy, PartialEq, prost::Message)]
pub struct BootstrapRequest {
    #[prost(bool, tag = "1")]
    pub recover_etcd: bool,
    #[prost(bool, tag = "2")]
    pub recover_skip_hash_check: bool,
}

/// `machine.Bootstrap`.
#[derive(Clone, PartialEq, prost::Message)]
pub struct Bootstrap {
    #[prost(message, optional, tag = "1")]
    pub metadata: Option<Metadata>,
}

/// `machine.BootstrapResponse`.
#[derive(Clone, PartialEq, prost::Message)]
pub struct BootstrapResponse {
    #[prost(message, repeated, tag = "1")]
    pub messages: Vec<Bootstrap>,
}

/// `machine.VersionInfo`.
#[derive(Clone, PartialEq, prost::Message)]
pub struct VersionInfo {
    #[prost(string, tag = "1")]
    pub tag: String,
    #[prost(string, tag = "2")]
    pub sha: String,
    #[prost(string, tag = "3")]
    pub built: String,
    #[prost(string, tag = "4")]
    pub go_version: String,
    #[prost(string, tag = "5")]
    pub os: String,
    #[prost(string, tag = "6")]
    pub arch: String,
}

/// `machine.PlatformInfo`.
#[derive(Clone, PartialEq, prost::Message)]
pub struct PlatformInfo {
    #[prost(string, tag = "1")]
    pub name: String,
    #[prost(string, tag = "2")]
    pub mode: String,
}

/// `machine.Version`.
#[derive(Clone, PartialEq, prost::Message)]
pub struct Version {
    #[prost(message, optional, tag = "1")]
    pub metadata: Option<Metadata>,
    #[prost(message, optional, tag = "2")]
    pub version: Option<VersionInfo>,
    #[prost(message, optional, tag = "3")]
    pub platform: Option<PlatformInfo>,
}

/// `machine.VersionResponse`.
#[derive(Clone, PartialEq, prost::Message)]
pub struct VersionResponse {
    #[prost(message, repeated, tag = "1")]
    pub messages: Vec<Version>,
}

/// `machine.UpgradeRequest.RebootMode`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, prost::Enumeration)]
#[repr(i32)]
pub enum RebootMode {
    Default = 0,
    Powercycle = 1,
}

/// `machine.UpgradeRequest`: the installer image to upgrade to.
#[derive(Clone, PartialEq, prost::Message)]
pub struct UpgradeRequest {
    #[prost(string, tag = "1")]
    pub image: String,
    /// Keep the node's data (EPHEMERAL); also skips Talos's etcd health check.
    #[prost(bool, tag = "2")]
    pub preserve: bool,
    #[prost(bool, tag = "3")]
    pub stage: bool,
    #[prost(bool, tag = "4")]
    pub force: bool,
    #[prost(enumeration = "RebootMode", tag = "5")]
    pub reboot_mode: i32,
}

/// `machine.Upgrade`.
#[derive(Clone, PartialEq, prost::Message)]
pub struct Upgrade {
    #[prost(message, optional, tag = "1")]
    pub metadata: Option<Metadata>,
    /// `Upgrade request received`.
    #[prost(string, tag = "2")]
    pub ack: String,
    #[prost(string, tag = "3")]
    pub actor_id: String,
}

/// `machine.UpgradeResponse`.
#[derive(Clone, PartialEq, prost::Message)]
pub struct UpgradeResponse {
    #[prost(message, repeated, tag = "1")]
    pub messages: Vec<Upgrade>,
}

/// `machine.ResetRequest.WipeMode`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, prost::Enumeration)]
#[repr(i32)]
pub enum WipeMode {
    All = 0,
    SystemDisk = 1,
    UserDisks = 2,
}

/// `machine.ResetRequest` (the partition lists are left out: empty wipes them all).
#[derive(Clone, PartialEq, prost::Message)]
pub struct ResetRequest {
    /// Cordon and drain, and on a control plane leave etcd first.
    #[prost(bool, tag = "1")]
    pub graceful: bool,
    /// Reboot (into maintenance mode) instead of powering off.
    #[prost(bool, tag = "2")]
    pub reboot: bool,
    #[prost(enumeration = "WipeMode", tag = "5")]
    pub mode: i32,
}

/// `machine.Reset`.
#[derive(Clone, PartialEq, prost::Message)]
pub struct Reset {
    #[prost(message, optional, tag = "1")]
    pub metadata: Option<Metadata>,
    #[prost(string, tag = "2")]
    pub actor_id: String,
}

/// `machine.ResetResponse`.
#[derive(Clone, PartialEq, prost::Message)]
pub struct ResetResponse {
    #[prost(message, repeated, tag = "1")]
    pub messages: Vec<Reset>,
}

/// `machine.EtcdMemberListRequest`.
#[derive(Clone, Copy, PartialEq, prost::Message)]
pub struct EtcdMemberListRequest {
    /// Ask the local etcd only, not the cluster through the control plane addresses.
    #[prost(bool, tag = "1")]
    pub query_local: bool,
}

/// `machine.EtcdMember`.
#[derive(Clone, PartialEq, prost::Message)]
pub struct EtcdMember {
    #[prost(uint64, tag = "2")]
    pub id: u64,
    /// The member's name: the node's hostname (empty while it has not started).
    #[prost(string, tag = "3")]
    pub hostname: String,
    #[prost(string, repeated, tag = "4")]
    pub peer_urls: Vec<String>,
    #[prost(string, repeated, tag = "5")]
    pub client_urls: Vec<String>,
    #[prost(bool, tag = "6")]
    pub is_learner: bool,
}

/// `machine.EtcdMembers`.
#[derive(Clone, PartialEq, prost::Message)]
pub struct EtcdMembers {
    #[prost(message, optional, tag = "1")]
    pub metadata: Option<Metadata>,
    #[prost(string, repeated, tag = "2")]
    pub legacy_members: Vec<String>,
    #[prost(message, repeated, tag = "3")]
    pub members: Vec<EtcdMember>,
}

/// `machine.EtcdMemberListResponse`.
#[derive(Clone, PartialEq, prost::Message)]
pub struct EtcdMemberListResponse {
    #[prost(message, repeated, tag = "1")]
    pub messages: Vec<EtcdMembers>,
}

/// `machine.EtcdRemoveMemberByIDRequest`.
#[derive(Clone, Copy, PartialEq, prost::Message)]
pub struct EtcdRemoveMemberByIdRequest {
    #[prost(uint64, tag = "1")]
    pub member_id: u64,
}

/// `machine.EtcdRemoveMemberByIDResponse` (and `EtcdLeaveClusterResponse`, which has the
/// same shape: repeated messages that carry only metadata).
#[derive(Clone, PartialEq, prost::Message)]
pub struct MetadataOnlyResponse {
    #[prost(message, repeated, tag = "1")]
    pub messages: Vec<MetadataOnly>,
}

/// A response message with only `common.Metadata` (field 1).
#[derive(Clone, PartialEq, prost::Message)]
pub struct MetadataOnly {
    #[prost(message, optional, tag = "1")]
    pub metadata: Option<Metadata>,
}

/// `machine.EtcdLeaveClusterRequest`.
#[derive(Clone, Copy, PartialEq, prost::Message)]
pub struct EtcdLeaveClusterRequest {}

/// `machine.EtcdMemberStatus` (the part we read).
#[derive(Clone, PartialEq, prost::Message)]
pub struct EtcdMemberStatus {
    #[prost(string, tag = "1")]
    pub protocol_version: String,
    #[prost(uint64, tag = "4")]
    pub leader: u64,
    #[prost(string, repeated, tag = "8")]
    pub errors: Vec<String>,
    #[prost(bool, tag = "9")]
    pub is_learner: bool,
    #[prost(uint64, tag = "10")]
    pub member_id: u64,
}

/// `machine.EtcdStatus`.
#[derive(Clone, PartialEq, prost::Message)]
pub struct EtcdStatus {
    #[prost(message, optional, tag = "1")]
    pub metadata: Option<Metadata>,
    #[prost(message, optional, tag = "2")]
    pub member_status: Option<EtcdMemberStatus>,
}

/// `machine.EtcdStatusResponse`.
#[derive(Clone, PartialEq, prost::Message)]
pub struct EtcdStatusResponse {
    #[prost(message, repeated, tag = "1")]
    pub messages: Vec<EtcdStatus>,
}

#[cfg(test)]
mod tests {
    use super::*;
    use prost::Message;

    #[test]
    fn apply_request_wire_format() {
        let req = ApplyConfigurationRequest {
            data: b"version: v1alpha1\n".to_vec(),
            mode: ApplyMode::Auto as i32,
            dry_run: false,
        };
        let bytes = req.encode_to_vec();
        // field 1, length-delimited; then field 4 varint 1.
        assert_eq!(bytes[0], 0x0a);
        assert_eq!(&bytes[bytes.len() - 2..], &[0x20, 0x01]);
        assert_eq!(ApplyConfigurationRequest::decode(&bytes[..]).unwrap(), req);
    }

    #[test]
    fn day_two_wire_format() {
        let upgrade = UpgradeRequest {
            image: "i".into(),
            preserve: false,
            stage: false,
            force: false,
            reboot_mode: RebootMode::Default as i32,
        };
        assert_eq!(upgrade.encode_to_vec(), vec![0x0a, 0x01, b'i']);
        let reset = ResetRequest {
            graceful: true,
            reboot: false,
            mode: WipeMode::All as i32,
        };
        assert_eq!(reset.encode_to_vec(), vec![0x08, 0x01]);
        let remove = EtcdRemoveMemberByIdRequest { member_id: 300 };
        assert_eq!(remove.encode_to_vec(), vec![0x08, 0xac, 0x02]);
        // EtcdMember: id is field 2 (varint), hostname field 3.
        let member = EtcdMember {
            id: 1,
            hostname: "h".into(),
            ..Default::default()
        };
        assert_eq!(member.encode_to_vec(), vec![0x10, 0x01, 0x1a, 0x01, b'h']);
    }
}
