module "cluster" {
  source = "github.com/example/terraform-proxmox-talos-cluster"
  cluster = { name = "homelab", vm_base_id = 700, datastore = "local-lvm", node = "pve01" }
  image = { version = "v1.12.0", extensions = ["qemu-guest-agent"] }
  network = { cidr = "10.10.100.0/24", gateway = "10.10.100.1", bridge = "vmbr0", dns_servers = ["1.1.1.1"] }
  controlplane = { count = 2.5, specs = { cpu = 2, memory = 4096, disk = 50 } }
  worker = { count = -5, specs = { cpu = 2, memory = 4096, disk = 50 } }
}
