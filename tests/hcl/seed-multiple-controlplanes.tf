# The HA VIP document's "Multiple Control Planes" block, completed with the image,
# the network and the workers.
module "k8s_cluster" {
  source = "git::https://github.com/pascalinthecloud/terraform-proxmox-talos-cluster.git"

  cluster = {
    name           = "homelab"
    vm_base_id     = 700
    datastore      = "local-lvm"
    node           = "pve01"
    # ha_vip is optional - will be auto-generated if not specified
  }

  controlplane = {
    count = 3  # Three control planes, HA VIP automatically enabled
    specs = {
      cpu    = 2
      memory = 4096
      disk   = 50
    }
  }

  image = {
    version    = "v1.12.0"
    extensions = ["qemu-guest-agent"]
  }

  network = {
    cidr        = "10.10.100.0/24"
    gateway     = "10.10.100.1"
    dns_servers = ["1.1.1.1"]
  }

  worker = {
    count = 2
    specs = {
      cpu    = 2
      memory = 4096
      disk   = 50
    }
  }
}
