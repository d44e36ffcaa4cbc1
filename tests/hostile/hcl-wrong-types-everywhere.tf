module "cluster" {
  source = "github.com/example/terraform-proxmox-talos-cluster"
  cluster = "homelab"
  proxmox = ["pve01"]
  network = { cidr = 24, gateway = true, bridge = null, vlan_id = "ten", dns = "1.1.1.1" }
  controlplane = { count = "three", cpu = [], memory = {}, overrides = [] }
  worker = 2
  config_patches = "machine: {}"
}
