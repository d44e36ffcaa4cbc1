module "cluster" {
  source = "github.com/example/terraform-proxmox-talos-cluster"
  cluster = { name = "homelab
}
