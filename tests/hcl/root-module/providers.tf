terraform {
  required_version = ">= 1.5"
}

provider "proxmox" {
  endpoint = var.proxmox_endpoint
}
