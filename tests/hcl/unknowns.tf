variable "cidr" { type = string }
variable "workers" { type = number }
variable "overrides" { type = any }

module "lab" {
  source = "git::https://github.com/pascalinthecloud/terraform-proxmox-talos-cluster.git"

  cluster = {
    name           = "lab-${var.suffix}"
    node           = var.node
    datastore      = local.datastore
    vm_base_id     = var.base_id
    ip_base_offset = var.offset
    ha_vip         = cidrhost(var.cidr, 50)
    config_patches = [file("${path.module}/patch.yaml"), templatefile("p.tftpl", {})]
  }
  image = {
    version    = var.talos_version
    extensions = var.extensions
    platform   = var.platform
  }
  network = {
    cidr        = var.cidr
    gateway     = cidrhost(var.cidr, 1)
    dns_servers = local.dns
    vlan_id     = var.vlan
  }
  controlplane = {
    count = var.controlplanes
    specs = { cpu = var.cpu, memory = 2048 * 2, disk = local.disk }
    overrides = var.overrides
  }
  worker = {
    count = var.workers
    specs = var.worker_specs
  }
}
