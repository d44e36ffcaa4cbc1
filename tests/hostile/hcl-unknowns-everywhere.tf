module "cluster" {
  source = "github.com/example/terraform-proxmox-talos-cluster"
  cluster = { name = var.name, vm_base_id = local.base, datastore = var.ds, node = var.node, ha_vip = "${var.prefix}.13", config_patches = [file("patch.yaml"), templatefile("p.tftpl", {})] }
  image = var.image
  network = merge(var.network, { bridge = "vmbr0" })
  controlplane = { count = var.cp, specs = { cpu = try(var.cpu, 2), memory = var.big ? 8192 : 4096, disk = 50 } }
  worker = { count = length(var.workers), specs = var.specs, overrides = { for k, v in var.w : k => v } }
}
