terraform {
  required_version = ">= 1.9"
}

variable "vip" {
  type = string
}

locals {
  dns = ["10.0.10.1"]
}

provider "proxmox" {
  endpoint = "https://pve.example.invalid:8006/"
}

# Not this module: ignored entirely, however odd its arguments.
module "network" {
  source = "./modules/network"
  brige  = "vmbr9"
}

module "prod" {
  source = "git::https://github.com/pascalinthecloud/terraform-proxmox-talos-cluster.git?ref=v1.1.0"

  cluster = {
    name       = "prod"
    node       = "pve01"
    datastore  = "local-lvm"
    vm_base_id = 800
    ha_vip     = "10.20.0.21"
  }
  image = {
    version    = "v1.12.0"
    extensions = ["qemu-guest-agent"]
  }
  network = {
    cidr        = "10.20.0.0/24"
    gateway     = "10.20.0.1"
    dns_servers = ["10.20.0.2"]
  }
  controlplane = {
    count = 3
    specs = { cpu = 4, memory = 4096, disk = 100 }
    overrides = {
      "controlplane-2" = { node = "pve02" }
      "controlplane-3" = { node = "pve03" }
    }
  }
  worker = {
    count = 2
    specs = { cpu = 2, memory = 4096, disk = 100 }
    overrides = {
      "worker-01" = { cpu = 4 }
      "worker-5"  = { memory = 8192 }
    }
  }
}

module "staging" {
  source = "../terraform-proxmox-talos-cluster"

  cluster = {
    name       = "staging"
    node       = "pve01"
    datastore  = "local-lvm"
    vm_base_id = 900
  }
  image = {
    version    = "v1.12.0"
    extensions = []
  }
  network = {
    cidr        = "10.30.0.0/24"
    gateway     = "10.30.0.1"
    dns_servers = ["10.30.0.2"]
  }
  controlplane = {
    count = 1
    specs = { cpu = 4, memory = 4096, disk = 100 }
  }
  worker = {
    count = 1
    specs = { cpu = 2, memory = 4096, disk = 100 }
  }
}

resource "local_file" "kubeconfig" {
  content  = module.prod.kubeconfig
  filename = "kubeconfig"
}
