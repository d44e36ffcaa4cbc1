//! The machine API calls of day two: Upgrade, Reset, the etcd membership calls, and the
//! COSI reads of the running config and schematic.

use http::uri::PathAndQuery;
use tonic_prost::ProstCodec;

use super::client::MachineClient;
use super::cosi;
use super::error::TalosError;
use super::proto::{self, RebootMode, WipeMode};

impl MachineClient {
    /// `Upgrade` to an installer image. Talos answers once it has checked the image (and,
    /// on a control plane, etcd's health) and upgrades and reboots after answering.
    pub async fn upgrade(&mut self, image: &str) -> Result<proto::UpgradeResponse, TalosError> {
        let request = proto::UpgradeRequest {
            image: image.to_owned(),
            preserve: false,
            stage: false,
            force: false,
            reboot_mode: RebootMode::Default as i32,
        };
        self.unary("Upgrade", proto::path::UPGRADE, request).await
    }

    /// `Reset`: graceful (drain, and leave etcd on a control plane), wiping the whole
    /// system disk, then powering off. Talos answers before it starts.
    pub async fn reset_graceful(&mut self) -> Result<proto::ResetResponse, TalosError> {
        let request = proto::ResetRequest {
            graceful: true,
            reboot: false,
            mode: WipeMode::All as i32,
        };
        self.unary("Reset", proto::path::RESET, request).await
    }

    /// `EtcdMemberList` through the control planes (not only the local member).
    pub async fn etcd_members(&mut self) -> Result<Vec<proto::EtcdMember>, TalosError> {
        let response: proto::EtcdMemberListResponse = self
            .unary(
                "EtcdMemberList",
                proto::path::ETCD_MEMBER_LIST,
                proto::EtcdMemberListRequest { query_local: false },
            )
            .await?;
        Ok(response
            .messages
            .into_iter()
            .flat_map(|m| m.members)
            .collect())
    }

    /// `EtcdRemoveMemberByID`, from a control plane that stays.
    pub async fn etcd_remove_member(&mut self, member_id: u64) -> Result<(), TalosError> {
        let _: proto::MetadataOnlyResponse = self
            .unary(
                "EtcdRemoveMemberByID",
                proto::path::ETCD_REMOVE_MEMBER_BY_ID,
                proto::EtcdRemoveMemberByIdRequest { member_id },
            )
            .await?;
        Ok(())
    }

    /// `EtcdLeaveCluster` on the control plane that leaves.
    pub async fn etcd_leave(&mut self) -> Result<(), TalosError> {
        let _: proto::MetadataOnlyResponse = self
            .unary(
                "EtcdLeaveCluster",
                proto::path::ETCD_LEAVE_CLUSTER,
                proto::EtcdLeaveClusterRequest {},
            )
            .await?;
        Ok(())
    }

    /// `EtcdStatus` of this node's member.
    pub async fn etcd_status(&mut self) -> Result<proto::EtcdMemberStatus, TalosError> {
        let response: proto::EtcdStatusResponse = self
            .unary("EtcdStatus", proto::path::ETCD_STATUS, proto::Empty {})
            .await?;
        response
            .messages
            .into_iter()
            .find_map(|m| m.member_status)
            .ok_or_else(|| self.empty_answer("EtcdStatus"))
    }

    /// The machine config the node runs (COSI `Get` of `MachineConfigs`).
    pub async fn running_config(&mut self) -> Result<String, TalosError> {
        let (namespace, kind, id) = cosi::MACHINE_CONFIG;
        let response: cosi::GetResponse = self
            .unary(
                "COSI Get",
                cosi::path::GET,
                cosi::GetRequest {
                    namespace: namespace.into(),
                    r#type: kind.into(),
                    id: id.into(),
                },
            )
            .await?;
        response
            .resource
            .and_then(|r| r.spec)
            .and_then(|s| cosi::machine_config_text(&s.yaml_spec))
            .ok_or_else(|| self.empty_answer("COSI Get MachineConfigs"))
    }

    /// The Image Factory schematic the node was installed or upgraded with (COSI `List`
    /// of `ExtensionStatuses`); `None` when it runs an image without one.
    pub async fn schematic(&mut self) -> Result<Option<String>, TalosError> {
        let (namespace, kind) = cosi::EXTENSION_STATUSES;
        self.grpc_ready().await?;
        let codec: ProstCodec<cosi::ListRequest, cosi::ListResponse> = ProstCodec::default();
        let mut stream = self
            .grpc
            .server_streaming(
                tonic::Request::new(cosi::ListRequest {
                    namespace: namespace.into(),
                    r#type: kind.into(),
                }),
                PathAndQuery::from_static(cosi::path::LIST),
                codec,
            )
            .await
            .map_err(|status| self.rpc_error("COSI List", status))?
            .into_inner();
        let mut found = None;
        loop {
            match stream.message().await {
                Ok(Some(item)) => {
                    if let Some(id) = item
                        .resource
                        .and_then(|r| r.spec)
                        .and_then(|s| cosi::schematic_of(&s.yaml_spec))
                    {
                        found = Some(id);
                    }
                }
                Ok(None) => return Ok(found),
                Err(status) => return Err(self.rpc_error("COSI List", status)),
            }
        }
    }
}
