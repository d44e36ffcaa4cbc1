module "cluster" {
  source = "github.com/example/terraform-proxmox-talos-cluster"
  config_patches = [<<EOT
machine:
  install:
    disk: /dev/sda
}
