//! What Proxmox should have: one VM per planned node, and the Talos image on the
//! storages that need it. The create requests are built here, exactly per plan, from
//! the property strings the core's diff compares against.

use std::net::IpAddr;

use super::error::ProvisionError;
use crate::config::{Config, RoleKind};
use crate::diff::vm::{disk_gib, ipconfig0, nameserver, net0, wants_agent};
use crate::native::proxmox::api::{config_text, ClusterVm, VmConfig};
use crate::native::proxmox::client::seg;
use crate::native::proxmox::{Call, Method};
use crate::plan::Plan;
pub use crate::rules::live::{cluster_tag, OWNER_TAG};

/// Whether a guest is ours to change or remove: a VM with both our tag and the
/// cluster's. Anything else on a planned ID (a container included) belongs to someone
/// else.
pub fn is_ours(guest: &ClusterVm, cluster_tag: &str) -> bool {
    let tags = guest.tag_list();
    guest.is_qemu() && tags.iter().any(|t| t == OWNER_TAG) && tags.iter().any(|t| t == cluster_tag)
}

/// How a VM gets Talos onto its disk.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DiskPath {
    /// Proxmox 8.4+: the disk image is downloaded as `import` content and the disk is
    /// created from it with `import-from`, then grown to the planned size.
    Import,
    /// Before 8.4: the ISO boots as a CD-ROM next to a blank disk; Talos installs itself.
    Iso,
}

/// The image file of the plan for a disk path, on its storage.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImageChoice {
    /// `import` or `iso`.
    pub content: &'static str,
    pub filename: String,
    pub url: String,
    /// The storage the image goes to (`image.proxmox_datastore`).
    pub storage: String,
}

impl ImageChoice {
    /// The volume ID the file has once downloaded (the same on every node).
    pub fn volid(&self) -> String {
        format!("{}:{}/{}", self.storage, self.content, self.filename)
    }

    /// The file on one Proxmox node.
    pub fn on(&self, node: &str) -> ImageTarget {
        ImageTarget {
            node: node.to_owned(),
            image: self.clone(),
        }
    }
}

/// The image file on the storage of one node.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImageTarget {
    pub node: String,
    pub image: ImageChoice,
}

impl ImageTarget {
    /// `POST .../download-url`: Proxmox fetches the file itself.
    pub fn download_call(&self) -> Call {
        Call::new(
            Method::Post,
            format!(
                "/nodes/{}/storage/{}/download-url",
                seg(&self.node),
                seg(&self.image.storage)
            ),
        )
        .param("content", self.image.content)
        .param("filename", &self.image.filename)
        .param("url", &self.image.url)
    }
}

/// The image for the disk path: the qcow2 for `import` (Proxmox does not decompress
/// those downloads), the ISO otherwise.
pub fn image_choice(
    config: &Config,
    plan: &Plan,
    path: DiskPath,
) -> Result<ImageChoice, ProvisionError> {
    let image = plan.image.as_ref().ok_or_else(|| {
        ProvisionError::Plan("the image (image.version, extensions) is not known".into())
    })?;
    let storage = config
        .image
        .proxmox_datastore
        .get()
        .cloned()
        .ok_or_else(|| ProvisionError::Plan("image.proxmox_datastore is not known".into()))?;
    let version = config.image.version.get().cloned().unwrap_or_default();
    let platform = config.image.platform.get().cloned().unwrap_or_default();
    let arch = config.image.arch.get().cloned().unwrap_or_default();
    let stem = format!("talos-{}-{version}-{platform}-{arch}", image.schematic_id);
    let unknown_url = || {
        ProvisionError::Plan("the image URL (image.version, platform, arch) is not known".into())
    };
    Ok(match path {
        DiskPath::Import => ImageChoice {
            content: "import",
            filename: format!("{stem}.qcow2"),
            url: image.disk_import_url.clone().ok_or_else(unknown_url)?,
            storage,
        },
        DiskPath::Iso => ImageChoice {
            content: "iso",
            filename: format!("{stem}.iso"),
            url: image.iso_url.clone().ok_or_else(unknown_url)?,
            storage,
        },
    })
}

/// One planned VM with every value known.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VmSpec {
    pub key: String,
    pub role: RoleKind,
    pub hostname: String,
    pub vmid: u64,
    /// The Proxmox node.
    pub node: String,
    pub datastore: String,
    pub cores: i64,
    pub memory: i64,
    pub disk_gib: i64,
    pub bridge: String,
    pub vlan: Option<i64>,
    pub ip: IpAddr,
    pub prefix: u8,
    pub gateway: Option<IpAddr>,
    pub dns: Vec<IpAddr>,
    /// The image has the `qemu-guest-agent` extension.
    pub agent: bool,
    /// The cluster's tag (its name, lower-cased as Proxmox keeps tags).
    pub cluster_tag: String,
    pub cluster: String,
}

/// The VM specs of a plan; every value must be known.
pub fn vm_specs(plan: &Plan) -> Result<Vec<VmSpec>, ProvisionError> {
    let cluster = plan
        .cluster_name
        .clone()
        .ok_or_else(|| ProvisionError::Plan("cluster.name is not known".into()))?;
    let bridge = plan
        .network
        .bridge
        .clone()
        .ok_or_else(|| ProvisionError::Plan("network.bridge is not known".into()))?;
    let dns = plan
        .network
        .dns_servers
        .clone()
        .ok_or_else(|| ProvisionError::Plan("network.dns_servers is not known".into()))?;
    let agent = wants_agent(plan);
    plan.nodes
        .iter()
        .map(|n| {
            let missing =
                |what: &str| ProvisionError::Plan(format!("{} of {} is not known", what, n.key));
            let vmid = n.vm_id.ok_or_else(|| missing("the VM ID"))?;
            Ok(VmSpec {
                key: n.key.clone(),
                role: n.role,
                hostname: n.hostname.clone().ok_or_else(|| missing("the hostname"))?,
                vmid: u64::try_from(vmid).map_err(|_| missing("a valid VM ID"))?,
                node: n
                    .proxmox_node
                    .clone()
                    .ok_or_else(|| missing("the Proxmox node"))?,
                datastore: n
                    .datastore
                    .clone()
                    .ok_or_else(|| missing("the datastore"))?,
                cores: n.cpu.ok_or_else(|| missing("cpu"))?,
                memory: n.memory.ok_or_else(|| missing("memory"))?,
                disk_gib: n.disk.ok_or_else(|| missing("disk"))?,
                bridge: bridge.clone(),
                vlan: n.vlan_id,
                ip: n.ip_address.ok_or_else(|| missing("the IP address"))?,
                prefix: n.prefix.ok_or_else(|| missing("the prefix length"))?,
                gateway: n.gateway,
                dns: dns.clone(),
                agent,
                cluster_tag: cluster_tag(&cluster),
                cluster: cluster.clone(),
            })
        })
        .collect()
}

/// `/nodes/{node}/qemu/{vmid}`.
fn vm_path(node: &str, vmid: u64) -> String {
    format!("/nodes/{}/qemu/{vmid}", seg(node))
}

pub fn start_call(node: &str, vmid: u64) -> Call {
    Call::new(
        Method::Post,
        format!("{}/status/start", vm_path(node, vmid)),
    )
}

/// A hard stop, as destroy needs (Talos has nothing to save).
pub fn stop_call(node: &str, vmid: u64) -> Call {
    Call::new(Method::Post, format!("{}/status/stop", vm_path(node, vmid)))
}

/// `DELETE`: the VM, its disks (also unreferenced ones), and its entries in backup
/// jobs, replication and HA (`purge`).
pub fn destroy_call(node: &str, vmid: u64) -> Call {
    Call::new(Method::Delete, vm_path(node, vmid))
        .param("purge", 1)
        .param("destroy-unreferenced-disks", 1)
}

impl VmSpec {
    /// The tags, as Proxmox stores them (sorted, `;`).
    pub fn tags(&self) -> String {
        let mut tags = [self.cluster_tag.clone(), OWNER_TAG.to_owned()];
        tags.sort();
        tags.join(";")
    }

    pub fn description(&self) -> String {
        format!(
            "Talos {} {} of cluster {}, managed by talos-planner. Changes made here are \
             reported as drift by `talos-planner apply`.",
            self.role.prefix(),
            self.key,
            self.cluster
        )
    }

    fn net0(&self) -> String {
        net0(&self.bridge, self.vlan)
    }

    fn ipconfig0(&self) -> String {
        ipconfig0(self.ip, self.prefix, self.gateway)
    }

    fn nameserver(&self) -> String {
        nameserver(&self.dns)
    }

    /// `POST /nodes/{node}/qemu`: the whole VM in one request.
    pub fn create_call(&self, path: DiskPath, image_volid: &str) -> Call {
        let mut call = Call::new(Method::Post, format!("/nodes/{}/qemu", seg(&self.node)))
            .param("vmid", self.vmid)
            .param("name", &self.hostname)
            .param("ostype", "l26")
            .param("machine", "q35")
            .param("cpu", "host")
            .param("cores", self.cores)
            .param("sockets", 1)
            .param("memory", self.memory)
            .param("scsihw", "virtio-scsi-single");
        call = match path {
            DiskPath::Import => call
                .param(
                    "scsi0",
                    format!(
                        "{}:0,import-from={image_volid},iothread=1,discard=on",
                        self.datastore
                    ),
                )
                .param("boot", "order=scsi0"),
            DiskPath::Iso => call
                .param(
                    "scsi0",
                    format!("{}:{},iothread=1,discard=on", self.datastore, self.disk_gib),
                )
                .param("ide0", format!("{image_volid},media=cdrom"))
                .param("boot", "order=scsi0;ide0"),
        };
        call = call
            .param("ide2", format!("{}:cloudinit", self.datastore))
            .param("citype", "nocloud")
            .param("ipconfig0", self.ipconfig0())
            .param("net0", self.net0());
        if !self.dns.is_empty() {
            call = call.param("nameserver", self.nameserver());
        }
        if self.agent {
            call = call.param("agent", "enabled=1");
        }
        call.param("onboot", 1)
            .param("tags", self.tags())
            .param("description", self.description())
    }

    /// `PUT .../resize`: grows the imported disk to the planned size.
    pub fn resize_call(&self, node: &str) -> Call {
        Call::new(Method::Put, format!("{}/resize", vm_path(node, self.vmid)))
            .param("disk", "scsi0")
            .param("size", format!("{}G", self.disk_gib))
    }

    /// The VM's disk is smaller than planned.
    pub fn disk_too_small(&self, config: &VmConfig) -> bool {
        disk_gib_of(config).is_none_or(|size| size + 0.01 < self.disk_gib as f64)
    }
}

/// The size of `scsi0` in GiB, from its `size=` option.
pub fn disk_gib_of(config: &VmConfig) -> Option<f64> {
    disk_gib(&config_text(config, "scsi0")?)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn spec() -> VmSpec {
        VmSpec {
            key: "controlplane-1".into(),
            role: RoleKind::Controlplane,
            hostname: "homelab-controlplane-01".into(),
            vmid: 700,
            node: "pve01".into(),
            datastore: "local-lvm".into(),
            cores: 2,
            memory: 4096,
            disk_gib: 50,
            bridge: "vmbr0".into(),
            vlan: Some(1100),
            ip: "10.10.100.10".parse().unwrap(),
            prefix: 24,
            gateway: Some("10.10.100.1".parse().unwrap()),
            dns: vec!["1.1.1.1".parse().unwrap()],
            agent: true,
            cluster_tag: "homelab".into(),
            cluster: "homelab".into(),
        }
    }

    #[test]
    fn create_request_is_exactly_per_plan() {
        let call = spec().create_call(DiskPath::Import, "local:import/talos.qcow2");
        assert_eq!(call.path, "/nodes/pve01/qemu");
        for (key, value) in [
            ("vmid", "700"),
            ("name", "homelab-controlplane-01"),
            ("machine", "q35"),
            ("cpu", "host"),
            ("cores", "2"),
            ("memory", "4096"),
            ("scsihw", "virtio-scsi-single"),
            ("boot", "order=scsi0"),
            ("ide2", "local-lvm:cloudinit"),
            ("nameserver", "1.1.1.1"),
        ] {
            assert_eq!(call.get(key), Some(value), "{key}");
        }
        assert!(call
            .get("description")
            .is_some_and(|d| d.contains("controlplane-1 of cluster homelab")));
        assert_eq!(call.get("net0"), Some("virtio,bridge=vmbr0,tag=1100"));
        assert_eq!(
            call.get("ipconfig0"),
            Some("ip=10.10.100.10/24,gw=10.10.100.1")
        );
        assert_eq!(
            call.get("scsi0"),
            Some("local-lvm:0,import-from=local:import/talos.qcow2,iothread=1,discard=on")
        );
        assert_eq!(call.get("agent"), Some("enabled=1"));
        assert_eq!(call.get("tags"), Some("homelab;talos-planner"));
        let without_agent = VmSpec {
            agent: false,
            vlan: None,
            ..spec()
        };
        let call = without_agent.create_call(DiskPath::Import, "local:import/talos.qcow2");
        assert_eq!(call.get("agent"), None);
        assert_eq!(call.get("net0"), Some("virtio,bridge=vmbr0"));
        let iso = spec().create_call(DiskPath::Iso, "local:iso/talos.iso");
        assert_eq!(iso.get("scsi0"), Some("local-lvm:50,iothread=1,discard=on"));
        assert_eq!(iso.get("ide0"), Some("local:iso/talos.iso,media=cdrom"));
    }

    #[test]
    fn disk_sizes() {
        let s = spec();
        let mut config: VmConfig = [(
            "scsi0".to_owned(),
            json!("local-lvm:vm-700-disk-0,iothread=1,size=3G"),
        )]
        .into_iter()
        .collect();
        assert!(s.disk_too_small(&config));
        config.insert("scsi0".into(), json!("local-lvm:vm-700-disk-0,size=80G"));
        assert_eq!(disk_gib_of(&config), Some(80.0));
        assert!(!s.disk_too_small(&config));
    }
}
