locals {
  name         = "lab"
  cluster_name = "${local.name}-k8s"
}

module "k8s" {
  source = "git::https://github.com/pascalinthecloud/terraform-proxmox-talos-cluster.git?ref=feat/add-support-for-ha-cluster-with-vip"

  cluster = {
    name       = local.cluster_name
    node       = "pve01"
    datastore  = "local-lvm"
    vm_base_id = 700
  }

  image = {
    version    = var.talos_version
    extensions = ["qemu-guest-agent"]
  }

  network = {
    cidr        = var.network.cidr
    gateway     = var.network.gateway
    dns_servers = ["1.1.1.1"]
  }

  controlplane = {
    count = var.controlplanes
    specs = { cpu = 4, memory = 4096, disk = 100 }
    overrides = {
      "controlplane-2" = { node = "pve02" }
      "controlplane-3" = { node = "pve03" }
    }
  }

  worker = {
    count = var.workers
    specs = { cpu = 2, memory = 4096, disk = 100 }
  }
}
