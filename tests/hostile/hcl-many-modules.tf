module "c0" {
  source = "x/terraform-proxmox-talos-cluster"
  cluster = { name = "c0", vm_base_id = 100, datastore = "local-lvm", node = "pve01" }
  image = { version = "v1.12.0", extensions = ["qemu-guest-agent"] }
  network = { cidr = "10.0.0.0/24", gateway = "10.0.0.1", dns_servers = ["1.1.1.1"] }
  controlplane = { count = 3, specs = { cpu = 4, memory = 8192, disk = 100 } }
  worker = { count = 2, specs = { cpu = 4, memory = 8192, disk = 100 } }
}
module "c1" {
  source = "x/terraform-proxmox-talos-cluster"
  cluster = { name = "c1", vm_base_id = 200, datastore = "local-lvm", node = "pve01" }
  image = { version = "v1.12.0", extensions = ["qemu-guest-agent"] }
  network = { cidr = "10.0.1.0/24", gateway = "10.0.1.1", dns_servers = ["1.1.1.1"] }
  controlplane = { count = 3, specs = { cpu = 4, memory = 8192, disk = 100 } }
  worker = { count = 2, specs = { cpu = 4, memory = 8192, disk = 100 } }
}
module "c2" {
  source = "x/terraform-proxmox-talos-cluster"
  cluster = { name = "c2", vm_base_id = 300, datastore = "local-lvm", node = "pve01" }
  image = { version = "v1.12.0", extensions = ["qemu-guest-agent"] }
  network = { cidr = "10.0.2.0/24", gateway = "10.0.2.1", dns_servers = ["1.1.1.1"] }
  controlplane = { count = 3, specs = { cpu = 4, memory = 8192, disk = 100 } }
  worker = { count = 2, specs = { cpu = 4, memory = 8192, disk = 100 } }
}
module "c3" {
  source = "x/terraform-proxmox-talos-cluster"
  cluster = { name = "c3", vm_base_id = 400, datastore = "local-lvm", node = "pve01" }
  image = { version = "v1.12.0", extensions = ["qemu-guest-agent"] }
  network = { cidr = "10.0.3.0/24", gateway = "10.0.3.1", dns_servers = ["1.1.1.1"] }
  controlplane = { count = 3, specs = { cpu = 4, memory = 8192, disk = 100 } }
  worker = { count = 2, specs = { cpu = 4, memory = 8192, disk = 100 } }
}
module "c4" {
  source = "x/terraform-proxmox-talos-cluster"
  cluster = { name = "c4", vm_base_id = 500, datastore = "local-lvm", node = "pve01" }
  image = { version = "v1.12.0", extensions = ["qemu-guest-agent"] }
  network = { cidr = "10.0.4.0/24", gateway = "10.0.4.1", dns_servers = ["1.1.1.1"] }
  controlplane = { count = 3, specs = { cpu = 4, memory = 8192, disk = 100 } }
  worker = { count = 2, specs = { cpu = 4, memory = 8192, disk = 100 } }
}
module "c5" {
  source = "x/terraform-proxmox-talos-cluster"
  cluster = { name = "c5", vm_base_id = 600, datastore = "local-lvm", node = "pve01" }
  image = { version = "v1.12.0", extensions = ["qemu-guest-agent"] }
  network = { cidr = "10.0.5.0/24", gateway = "10.0.5.1", dns_servers = ["1.1.1.1"] }
  controlplane = { count = 3, specs = { cpu = 4, memory = 8192, disk = 100 } }
  worker = { count = 2, specs = { cpu = 4, memory = 8192, disk = 100 } }
}
module "c6" {
  source = "x/terraform-proxmox-talos-cluster"
  cluster = { name = "c6", vm_base_id = 700, datastore = "local-lvm", node = "pve01" }
  image = { version = "v1.12.0", extensions = ["qemu-guest-agent"] }
  network = { cidr = "10.0.6.0/24", gateway = "10.0.6.1", dns_servers = ["1.1.1.1"] }
  controlplane = { count = 3, specs = { cpu = 4, memory = 8192, disk = 100 } }
  worker = { count = 2, specs = { cpu = 4, memory = 8192, disk = 100 } }
}
module "c7" {
  source = "x/terraform-proxmox-talos-cluster"
  cluster = { name = "c7", vm_base_id = 800, datastore = "local-lvm", node = "pve01" }
  image = { version = "v1.12.0", extensions = ["qemu-guest-agent"] }
  network = { cidr = "10.0.7.0/24", gateway = "10.0.7.1", dns_servers = ["1.1.1.1"] }
  controlplane = { count = 3, specs = { cpu = 4, memory = 8192, disk = 100 } }
  worker = { count = 2, specs = { cpu = 4, memory = 8192, disk = 100 } }
}
module "c8" {
  source = "x/terraform-proxmox-talos-cluster"
  cluster = { name = "c8", vm_base_id = 900, datastore = "local-lvm", node = "pve01" }
  image = { version = "v1.12.0", extensions = ["qemu-guest-agent"] }
  network = { cidr = "10.0.8.0/24", gateway = "10.0.8.1", dns_servers = ["1.1.1.1"] }
  controlplane = { count = 3, specs = { cpu = 4, memory = 8192, disk = 100 } }
  worker = { count = 2, specs = { cpu = 4, memory = 8192, disk = 100 } }
}
module "c9" {
  source = "x/terraform-proxmox-talos-cluster"
  cluster = { name = "c9", vm_base_id = 1000, datastore = "local-lvm", node = "pve01" }
  image = { version = "v1.12.0", extensions = ["qemu-guest-agent"] }
  network = { cidr = "10.0.9.0/24", gateway = "10.0.9.1", dns_servers = ["1.1.1.1"] }
  controlplane = { count = 3, specs = { cpu = 4, memory = 8192, disk = 100 } }
  worker = { count = 2, specs = { cpu = 4, memory = 8192, disk = 100 } }
}
module "c10" {
  source = "x/terraform-proxmox-talos-cluster"
  cluster = { name = "c10", vm_base_id = 1100, datastore = "local-lvm", node = "pve01" }
  image = { version = "v1.12.0", extensions = ["qemu-guest-agent"] }
  network = { cidr = "10.0.10.0/24", gateway = "10.0.10.1", dns_servers = ["1.1.1.1"] }
  controlplane = { count = 3, specs = { cpu = 4, memory = 8192, disk = 100 } }
  worker = { count = 2, specs = { cpu = 4, memory = 8192, disk = 100 } }
}
module "c11" {
  source = "x/terraform-proxmox-talos-cluster"
  cluster = { name = "c11", vm_base_id = 1200, datastore = "local-lvm", node = "pve01" }
  image = { version = "v1.12.0", extensions = ["qemu-guest-agent"] }
  network = { cidr = "10.0.11.0/24", gateway = "10.0.11.1", dns_servers = ["1.1.1.1"] }
  controlplane = { count = 3, specs = { cpu = 4, memory = 8192, disk = 100 } }
  worker = { count = 2, specs = { cpu = 4, memory = 8192, disk = 100 } }
}
module "c12" {
  source = "x/terraform-proxmox-talos-cluster"
  cluster = { name = "c12", vm_base_id = 1300, datastore = "local-lvm", node = "pve01" }
  image = { version = "v1.12.0", extensions = ["qemu-guest-agent"] }
  network = { cidr = "10.0.12.0/24", gateway = "10.0.12.1", dns_servers = ["1.1.1.1"] }
  controlplane = { count = 3, specs = { cpu = 4, memory = 8192, disk = 100 } }
  worker = { count = 2, specs = { cpu = 4, memory = 8192, disk = 100 } }
}
module "c13" {
  source = "x/terraform-proxmox-talos-cluster"
  cluster = { name = "c13", vm_base_id = 1400, datastore = "local-lvm", node = "pve01" }
  image = { version = "v1.12.0", extensions = ["qemu-guest-agent"] }
  network = { cidr = "10.0.13.0/24", gateway = "10.0.13.1", dns_servers = ["1.1.1.1"] }
  controlplane = { count = 3, specs = { cpu = 4, memory = 8192, disk = 100 } }
  worker = { count = 2, specs = { cpu = 4, memory = 8192, disk = 100 } }
}
module "c14" {
  source = "x/terraform-proxmox-talos-cluster"
  cluster = { name = "c14", vm_base_id = 1500, datastore = "local-lvm", node = "pve01" }
  image = { version = "v1.12.0", extensions = ["qemu-guest-agent"] }
  network = { cidr = "10.0.14.0/24", gateway = "10.0.14.1", dns_servers = ["1.1.1.1"] }
  controlplane = { count = 3, specs = { cpu = 4, memory = 8192, disk = 100 } }
  worker = { count = 2, specs = { cpu = 4, memory = 8192, disk = 100 } }
}
module "c15" {
  source = "x/terraform-proxmox-talos-cluster"
  cluster = { name = "c15", vm_base_id = 1600, datastore = "local-lvm", node = "pve01" }
  image = { version = "v1.12.0", extensions = ["qemu-guest-agent"] }
  network = { cidr = "10.0.15.0/24", gateway = "10.0.15.1", dns_servers = ["1.1.1.1"] }
  controlplane = { count = 3, specs = { cpu = 4, memory = 8192, disk = 100 } }
  worker = { count = 2, specs = { cpu = 4, memory = 8192, disk = 100 } }
}
module "c16" {
  source = "x/terraform-proxmox-talos-cluster"
  cluster = { name = "c16", vm_base_id = 1700, datastore = "local-lvm", node = "pve01" }
  image = { version = "v1.12.0", extensions = ["qemu-guest-agent"] }
  network = { cidr = "10.0.16.0/24", gateway = "10.0.16.1", dns_servers = ["1.1.1.1"] }
  controlplane = { count = 3, specs = { cpu = 4, memory = 8192, disk = 100 } }
  worker = { count = 2, specs = { cpu = 4, memory = 8192, disk = 100 } }
}
module "c17" {
  source = "x/terraform-proxmox-talos-cluster"
  cluster = { name = "c17", vm_base_id = 1800, datastore = "local-lvm", node = "pve01" }
  image = { version = "v1.12.0", extensions = ["qemu-guest-agent"] }
  network = { cidr = "10.0.17.0/24", gateway = "10.0.17.1", dns_servers = ["1.1.1.1"] }
  controlplane = { count = 3, specs = { cpu = 4, memory = 8192, disk = 100 } }
  worker = { count = 2, specs = { cpu = 4, memory = 8192, disk = 100 } }
}
module "c18" {
  source = "x/terraform-proxmox-talos-cluster"
  cluster = { name = "c18", vm_base_id = 1900, datastore = "local-lvm", node = "pve01" }
  image = { version = "v1.12.0", extensions = ["qemu-guest-agent"] }
  network = { cidr = "10.0.18.0/24", gateway = "10.0.18.1", dns_servers = ["1.1.1.1"] }
  controlplane = { count = 3, specs = { cpu = 4, memory = 8192, disk = 100 } }
  worker = { count = 2, specs = { cpu = 4, memory = 8192, disk = 100 } }
}
module "c19" {
  source = "x/terraform-proxmox-talos-cluster"
  cluster = { name = "c19", vm_base_id = 2000, datastore = "local-lvm", node = "pve01" }
  image = { version = "v1.12.0", extensions = ["qemu-guest-agent"] }
  network = { cidr = "10.0.19.0/24", gateway = "10.0.19.1", dns_servers = ["1.1.1.1"] }
  controlplane = { count = 3, specs = { cpu = 4, memory = 8192, disk = 100 } }
  worker = { count = 2, specs = { cpu = 4, memory = 8192, disk = 100 } }
}
module "c20" {
  source = "x/terraform-proxmox-talos-cluster"
  cluster = { name = "c20", vm_base_id = 2100, datastore = "local-lvm", node = "pve01" }
  image = { version = "v1.12.0", extensions = ["qemu-guest-agent"] }
  network = { cidr = "10.0.20.0/24", gateway = "10.0.20.1", dns_servers = ["1.1.1.1"] }
  controlplane = { count = 3, specs = { cpu = 4, memory = 8192, disk = 100 } }
  worker = { count = 2, specs = { cpu = 4, memory = 8192, disk = 100 } }
}
module "c21" {
  source = "x/terraform-proxmox-talos-cluster"
  cluster = { name = "c21", vm_base_id = 2200, datastore = "local-lvm", node = "pve01" }
  image = { version = "v1.12.0", extensions = ["qemu-guest-agent"] }
  network = { cidr = "10.0.21.0/24", gateway = "10.0.21.1", dns_servers = ["1.1.1.1"] }
  controlplane = { count = 3, specs = { cpu = 4, memory = 8192, disk = 100 } }
  worker = { count = 2, specs = { cpu = 4, memory = 8192, disk = 100 } }
}
module "c22" {
  source = "x/terraform-proxmox-talos-cluster"
  cluster = { name = "c22", vm_base_id = 2300, datastore = "local-lvm", node = "pve01" }
  image = { version = "v1.12.0", extensions = ["qemu-guest-agent"] }
  network = { cidr = "10.0.22.0/24", gateway = "10.0.22.1", dns_servers = ["1.1.1.1"] }
  controlplane = { count = 3, specs = { cpu = 4, memory = 8192, disk = 100 } }
  worker = { count = 2, specs = { cpu = 4, memory = 8192, disk = 100 } }
}
module "c23" {
  source = "x/terraform-proxmox-talos-cluster"
  cluster = { name = "c23", vm_base_id = 2400, datastore = "local-lvm", node = "pve01" }
  image = { version = "v1.12.0", extensions = ["qemu-guest-agent"] }
  network = { cidr = "10.0.23.0/24", gateway = "10.0.23.1", dns_servers = ["1.1.1.1"] }
  controlplane = { count = 3, specs = { cpu = 4, memory = 8192, disk = 100 } }
  worker = { count = 2, specs = { cpu = 4, memory = 8192, disk = 100 } }
}
module "c24" {
  source = "x/terraform-proxmox-talos-cluster"
  cluster = { name = "c24", vm_base_id = 2500, datastore = "local-lvm", node = "pve01" }
  image = { version = "v1.12.0", extensions = ["qemu-guest-agent"] }
  network = { cidr = "10.0.24.0/24", gateway = "10.0.24.1", dns_servers = ["1.1.1.1"] }
  controlplane = { count = 3, specs = { cpu = 4, memory = 8192, disk = 100 } }
  worker = { count = 2, specs = { cpu = 4, memory = 8192, disk = 100 } }
}
module "c25" {
  source = "x/terraform-proxmox-talos-cluster"
  cluster = { name = "c25", vm_base_id = 2600, datastore = "local-lvm", node = "pve01" }
  image = { version = "v1.12.0", extensions = ["qemu-guest-agent"] }
  network = { cidr = "10.0.25.0/24", gateway = "10.0.25.1", dns_servers = ["1.1.1.1"] }
  controlplane = { count = 3, specs = { cpu = 4, memory = 8192, disk = 100 } }
  worker = { count = 2, specs = { cpu = 4, memory = 8192, disk = 100 } }
}
module "c26" {
  source = "x/terraform-proxmox-talos-cluster"
  cluster = { name = "c26", vm_base_id = 2700, datastore = "local-lvm", node = "pve01" }
  image = { version = "v1.12.0", extensions = ["qemu-guest-agent"] }
  network = { cidr = "10.0.26.0/24", gateway = "10.0.26.1", dns_servers = ["1.1.1.1"] }
  controlplane = { count = 3, specs = { cpu = 4, memory = 8192, disk = 100 } }
  worker = { count = 2, specs = { cpu = 4, memory = 8192, disk = 100 } }
}
module "c27" {
  source = "x/terraform-proxmox-talos-cluster"
  cluster = { name = "c27", vm_base_id = 2800, datastore = "local-lvm", node = "pve01" }
  image = { version = "v1.12.0", extensions = ["qemu-guest-agent"] }
  network = { cidr = "10.0.27.0/24", gateway = "10.0.27.1", dns_servers = ["1.1.1.1"] }
  controlplane = { count = 3, specs = { cpu = 4, memory = 8192, disk = 100 } }
  worker = { count = 2, specs = { cpu = 4, memory = 8192, disk = 100 } }
}
module "c28" {
  source = "x/terraform-proxmox-talos-cluster"
  cluster = { name = "c28", vm_base_id = 2900, datastore = "local-lvm", node = "pve01" }
  image = { version = "v1.12.0", extensions = ["qemu-guest-agent"] }
  network = { cidr = "10.0.28.0/24", gateway = "10.0.28.1", dns_servers = ["1.1.1.1"] }
  controlplane = { count = 3, specs = { cpu = 4, memory = 8192, disk = 100 } }
  worker = { count = 2, specs = { cpu = 4, memory = 8192, disk = 100 } }
}
module "c29" {
  source = "x/terraform-proxmox-talos-cluster"
  cluster = { name = "c29", vm_base_id = 3000, datastore = "local-lvm", node = "pve01" }
  image = { version = "v1.12.0", extensions = ["qemu-guest-agent"] }
  network = { cidr = "10.0.29.0/24", gateway = "10.0.29.1", dns_servers = ["1.1.1.1"] }
  controlplane = { count = 3, specs = { cpu = 4, memory = 8192, disk = 100 } }
  worker = { count = 2, specs = { cpu = 4, memory = 8192, disk = 100 } }
}
module "c30" {
  source = "x/terraform-proxmox-talos-cluster"
  cluster = { name = "c30", vm_base_id = 3100, datastore = "local-lvm", node = "pve01" }
  image = { version = "v1.12.0", extensions = ["qemu-guest-agent"] }
  network = { cidr = "10.0.30.0/24", gateway = "10.0.30.1", dns_servers = ["1.1.1.1"] }
  controlplane = { count = 3, specs = { cpu = 4, memory = 8192, disk = 100 } }
  worker = { count = 2, specs = { cpu = 4, memory = 8192, disk = 100 } }
}
module "c31" {
  source = "x/terraform-proxmox-talos-cluster"
  cluster = { name = "c31", vm_base_id = 3200, datastore = "local-lvm", node = "pve01" }
  image = { version = "v1.12.0", extensions = ["qemu-guest-agent"] }
  network = { cidr = "10.0.31.0/24", gateway = "10.0.31.1", dns_servers = ["1.1.1.1"] }
  controlplane = { count = 3, specs = { cpu = 4, memory = 8192, disk = 100 } }
  worker = { count = 2, specs = { cpu = 4, memory = 8192, disk = 100 } }
}
module "c32" {
  source = "x/terraform-proxmox-talos-cluster"
  cluster = { name = "c32", vm_base_id = 3300, datastore = "local-lvm", node = "pve01" }
  image = { version = "v1.12.0", extensions = ["qemu-guest-agent"] }
  network = { cidr = "10.0.32.0/24", gateway = "10.0.32.1", dns_servers = ["1.1.1.1"] }
  controlplane = { count = 3, specs = { cpu = 4, memory = 8192, disk = 100 } }
  worker = { count = 2, specs = { cpu = 4, memory = 8192, disk = 100 } }
}
module "c33" {
  source = "x/terraform-proxmox-talos-cluster"
  cluster = { name = "c33", vm_base_id = 3400, datastore = "local-lvm", node = "pve01" }
  image = { version = "v1.12.0", extensions = ["qemu-guest-agent"] }
  network = { cidr = "10.0.33.0/24", gateway = "10.0.33.1", dns_servers = ["1.1.1.1"] }
  controlplane = { count = 3, specs = { cpu = 4, memory = 8192, disk = 100 } }
  worker = { count = 2, specs = { cpu = 4, memory = 8192, disk = 100 } }
}
module "c34" {
  source = "x/terraform-proxmox-talos-cluster"
  cluster = { name = "c34", vm_base_id = 3500, datastore = "local-lvm", node = "pve01" }
  image = { version = "v1.12.0", extensions = ["qemu-guest-agent"] }
  network = { cidr = "10.0.34.0/24", gateway = "10.0.34.1", dns_servers = ["1.1.1.1"] }
  controlplane = { count = 3, specs = { cpu = 4, memory = 8192, disk = 100 } }
  worker = { count = 2, specs = { cpu = 4, memory = 8192, disk = 100 } }
}
module "c35" {
  source = "x/terraform-proxmox-talos-cluster"
  cluster = { name = "c35", vm_base_id = 3600, datastore = "local-lvm", node = "pve01" }
  image = { version = "v1.12.0", extensions = ["qemu-guest-agent"] }
  network = { cidr = "10.0.35.0/24", gateway = "10.0.35.1", dns_servers = ["1.1.1.1"] }
  controlplane = { count = 3, specs = { cpu = 4, memory = 8192, disk = 100 } }
  worker = { count = 2, specs = { cpu = 4, memory = 8192, disk = 100 } }
}
module "c36" {
  source = "x/terraform-proxmox-talos-cluster"
  cluster = { name = "c36", vm_base_id = 3700, datastore = "local-lvm", node = "pve01" }
  image = { version = "v1.12.0", extensions = ["qemu-guest-agent"] }
  network = { cidr = "10.0.36.0/24", gateway = "10.0.36.1", dns_servers = ["1.1.1.1"] }
  controlplane = { count = 3, specs = { cpu = 4, memory = 8192, disk = 100 } }
  worker = { count = 2, specs = { cpu = 4, memory = 8192, disk = 100 } }
}
module "c37" {
  source = "x/terraform-proxmox-talos-cluster"
  cluster = { name = "c37", vm_base_id = 3800, datastore = "local-lvm", node = "pve01" }
  image = { version = "v1.12.0", extensions = ["qemu-guest-agent"] }
  network = { cidr = "10.0.37.0/24", gateway = "10.0.37.1", dns_servers = ["1.1.1.1"] }
  controlplane = { count = 3, specs = { cpu = 4, memory = 8192, disk = 100 } }
  worker = { count = 2, specs = { cpu = 4, memory = 8192, disk = 100 } }
}
module "c38" {
  source = "x/terraform-proxmox-talos-cluster"
  cluster = { name = "c38", vm_base_id = 3900, datastore = "local-lvm", node = "pve01" }
  image = { version = "v1.12.0", extensions = ["qemu-guest-agent"] }
  network = { cidr = "10.0.38.0/24", gateway = "10.0.38.1", dns_servers = ["1.1.1.1"] }
  controlplane = { count = 3, specs = { cpu = 4, memory = 8192, disk = 100 } }
  worker = { count = 2, specs = { cpu = 4, memory = 8192, disk = 100 } }
}
module "c39" {
  source = "x/terraform-proxmox-talos-cluster"
  cluster = { name = "c39", vm_base_id = 4000, datastore = "local-lvm", node = "pve01" }
  image = { version = "v1.12.0", extensions = ["qemu-guest-agent"] }
  network = { cidr = "10.0.39.0/24", gateway = "10.0.39.1", dns_servers = ["1.1.1.1"] }
  controlplane = { count = 3, specs = { cpu = 4, memory = 8192, disk = 100 } }
  worker = { count = 2, specs = { cpu = 4, memory = 8192, disk = 100 } }
}
module "c40" {
  source = "x/terraform-proxmox-talos-cluster"
  cluster = { name = "c40", vm_base_id = 4100, datastore = "local-lvm", node = "pve01" }
  image = { version = "v1.12.0", extensions = ["qemu-guest-agent"] }
  network = { cidr = "10.0.40.0/24", gateway = "10.0.40.1", dns_servers = ["1.1.1.1"] }
  controlplane = { count = 3, specs = { cpu = 4, memory = 8192, disk = 100 } }
  worker = { count = 2, specs = { cpu = 4, memory = 8192, disk = 100 } }
}
module "c41" {
  source = "x/terraform-proxmox-talos-cluster"
  cluster = { name = "c41", vm_base_id = 4200, datastore = "local-lvm", node = "pve01" }
  image = { version = "v1.12.0", extensions = ["qemu-guest-agent"] }
  network = { cidr = "10.0.41.0/24", gateway = "10.0.41.1", dns_servers = ["1.1.1.1"] }
  controlplane = { count = 3, specs = { cpu = 4, memory = 8192, disk = 100 } }
  worker = { count = 2, specs = { cpu = 4, memory = 8192, disk = 100 } }
}
module "c42" {
  source = "x/terraform-proxmox-talos-cluster"
  cluster = { name = "c42", vm_base_id = 4300, datastore = "local-lvm", node = "pve01" }
  image = { version = "v1.12.0", extensions = ["qemu-guest-agent"] }
  network = { cidr = "10.0.42.0/24", gateway = "10.0.42.1", dns_servers = ["1.1.1.1"] }
  controlplane = { count = 3, specs = { cpu = 4, memory = 8192, disk = 100 } }
  worker = { count = 2, specs = { cpu = 4, memory = 8192, disk = 100 } }
}
module "c43" {
  source = "x/terraform-proxmox-talos-cluster"
  cluster = { name = "c43", vm_base_id = 4400, datastore = "local-lvm", node = "pve01" }
  image = { version = "v1.12.0", extensions = ["qemu-guest-agent"] }
  network = { cidr = "10.0.43.0/24", gateway = "10.0.43.1", dns_servers = ["1.1.1.1"] }
  controlplane = { count = 3, specs = { cpu = 4, memory = 8192, disk = 100 } }
  worker = { count = 2, specs = { cpu = 4, memory = 8192, disk = 100 } }
}
module "c44" {
  source = "x/terraform-proxmox-talos-cluster"
  cluster = { name = "c44", vm_base_id = 4500, datastore = "local-lvm", node = "pve01" }
  image = { version = "v1.12.0", extensions = ["qemu-guest-agent"] }
  network = { cidr = "10.0.44.0/24", gateway = "10.0.44.1", dns_servers = ["1.1.1.1"] }
  controlplane = { count = 3, specs = { cpu = 4, memory = 8192, disk = 100 } }
  worker = { count = 2, specs = { cpu = 4, memory = 8192, disk = 100 } }
}
module "c45" {
  source = "x/terraform-proxmox-talos-cluster"
  cluster = { name = "c45", vm_base_id = 4600, datastore = "local-lvm", node = "pve01" }
  image = { version = "v1.12.0", extensions = ["qemu-guest-agent"] }
  network = { cidr = "10.0.45.0/24", gateway = "10.0.45.1", dns_servers = ["1.1.1.1"] }
  controlplane = { count = 3, specs = { cpu = 4, memory = 8192, disk = 100 } }
  worker = { count = 2, specs = { cpu = 4, memory = 8192, disk = 100 } }
}
module "c46" {
  source = "x/terraform-proxmox-talos-cluster"
  cluster = { name = "c46", vm_base_id = 4700, datastore = "local-lvm", node = "pve01" }
  image = { version = "v1.12.0", extensions = ["qemu-guest-agent"] }
  network = { cidr = "10.0.46.0/24", gateway = "10.0.46.1", dns_servers = ["1.1.1.1"] }
  controlplane = { count = 3, specs = { cpu = 4, memory = 8192, disk = 100 } }
  worker = { count = 2, specs = { cpu = 4, memory = 8192, disk = 100 } }
}
module "c47" {
  source = "x/terraform-proxmox-talos-cluster"
  cluster = { name = "c47", vm_base_id = 4800, datastore = "local-lvm", node = "pve01" }
  image = { version = "v1.12.0", extensions = ["qemu-guest-agent"] }
  network = { cidr = "10.0.47.0/24", gateway = "10.0.47.1", dns_servers = ["1.1.1.1"] }
  controlplane = { count = 3, specs = { cpu = 4, memory = 8192, disk = 100 } }
  worker = { count = 2, specs = { cpu = 4, memory = 8192, disk = 100 } }
}
module "c48" {
  source = "x/terraform-proxmox-talos-cluster"
  cluster = { name = "c48", vm_base_id = 4900, datastore = "local-lvm", node = "pve01" }
  image = { version = "v1.12.0", extensions = ["qemu-guest-agent"] }
  network = { cidr = "10.0.48.0/24", gateway = "10.0.48.1", dns_servers = ["1.1.1.1"] }
  controlplane = { count = 3, specs = { cpu = 4, memory = 8192, disk = 100 } }
  worker = { count = 2, specs = { cpu = 4, memory = 8192, disk = 100 } }
}
module "c49" {
  source = "x/terraform-proxmox-talos-cluster"
  cluster = { name = "c49", vm_base_id = 5000, datastore = "local-lvm", node = "pve01" }
  image = { version = "v1.12.0", extensions = ["qemu-guest-agent"] }
  network = { cidr = "10.0.49.0/24", gateway = "10.0.49.1", dns_servers = ["1.1.1.1"] }
  controlplane = { count = 3, specs = { cpu = 4, memory = 8192, disk = 100 } }
  worker = { count = 2, specs = { cpu = 4, memory = 8192, disk = 100 } }
}
module "c50" {
  source = "x/terraform-proxmox-talos-cluster"
  cluster = { name = "c50", vm_base_id = 5100, datastore = "local-lvm", node = "pve01" }
  image = { version = "v1.12.0", extensions = ["qemu-guest-agent"] }
  network = { cidr = "10.0.50.0/24", gateway = "10.0.50.1", dns_servers = ["1.1.1.1"] }
  controlplane = { count = 3, specs = { cpu = 4, memory = 8192, disk = 100 } }
  worker = { count = 2, specs = { cpu = 4, memory = 8192, disk = 100 } }
}
module "c51" {
  source = "x/terraform-proxmox-talos-cluster"
  cluster = { name = "c51", vm_base_id = 5200, datastore = "local-lvm", node = "pve01" }
  image = { version = "v1.12.0", extensions = ["qemu-guest-agent"] }
  network = { cidr = "10.0.51.0/24", gateway = "10.0.51.1", dns_servers = ["1.1.1.1"] }
  controlplane = { count = 3, specs = { cpu = 4, memory = 8192, disk = 100 } }
  worker = { count = 2, specs = { cpu = 4, memory = 8192, disk = 100 } }
}
module "c52" {
  source = "x/terraform-proxmox-talos-cluster"
  cluster = { name = "c52", vm_base_id = 5300, datastore = "local-lvm", node = "pve01" }
  image = { version = "v1.12.0", extensions = ["qemu-guest-agent"] }
  network = { cidr = "10.0.52.0/24", gateway = "10.0.52.1", dns_servers = ["1.1.1.1"] }
  controlplane = { count = 3, specs = { cpu = 4, memory = 8192, disk = 100 } }
  worker = { count = 2, specs = { cpu = 4, memory = 8192, disk = 100 } }
}
module "c53" {
  source = "x/terraform-proxmox-talos-cluster"
  cluster = { name = "c53", vm_base_id = 5400, datastore = "local-lvm", node = "pve01" }
  image = { version = "v1.12.0", extensions = ["qemu-guest-agent"] }
  network = { cidr = "10.0.53.0/24", gateway = "10.0.53.1", dns_servers = ["1.1.1.1"] }
  controlplane = { count = 3, specs = { cpu = 4, memory = 8192, disk = 100 } }
  worker = { count = 2, specs = { cpu = 4, memory = 8192, disk = 100 } }
}
module "c54" {
  source = "x/terraform-proxmox-talos-cluster"
  cluster = { name = "c54", vm_base_id = 5500, datastore = "local-lvm", node = "pve01" }
  image = { version = "v1.12.0", extensions = ["qemu-guest-agent"] }
  network = { cidr = "10.0.54.0/24", gateway = "10.0.54.1", dns_servers = ["1.1.1.1"] }
  controlplane = { count = 3, specs = { cpu = 4, memory = 8192, disk = 100 } }
  worker = { count = 2, specs = { cpu = 4, memory = 8192, disk = 100 } }
}
module "c55" {
  source = "x/terraform-proxmox-talos-cluster"
  cluster = { name = "c55", vm_base_id = 5600, datastore = "local-lvm", node = "pve01" }
  image = { version = "v1.12.0", extensions = ["qemu-guest-agent"] }
  network = { cidr = "10.0.55.0/24", gateway = "10.0.55.1", dns_servers = ["1.1.1.1"] }
  controlplane = { count = 3, specs = { cpu = 4, memory = 8192, disk = 100 } }
  worker = { count = 2, specs = { cpu = 4, memory = 8192, disk = 100 } }
}
module "c56" {
  source = "x/terraform-proxmox-talos-cluster"
  cluster = { name = "c56", vm_base_id = 5700, datastore = "local-lvm", node = "pve01" }
  image = { version = "v1.12.0", extensions = ["qemu-guest-agent"] }
  network = { cidr = "10.0.56.0/24", gateway = "10.0.56.1", dns_servers = ["1.1.1.1"] }
  controlplane = { count = 3, specs = { cpu = 4, memory = 8192, disk = 100 } }
  worker = { count = 2, specs = { cpu = 4, memory = 8192, disk = 100 } }
}
module "c57" {
  source = "x/terraform-proxmox-talos-cluster"
  cluster = { name = "c57", vm_base_id = 5800, datastore = "local-lvm", node = "pve01" }
  image = { version = "v1.12.0", extensions = ["qemu-guest-agent"] }
  network = { cidr = "10.0.57.0/24", gateway = "10.0.57.1", dns_servers = ["1.1.1.1"] }
  controlplane = { count = 3, specs = { cpu = 4, memory = 8192, disk = 100 } }
  worker = { count = 2, specs = { cpu = 4, memory = 8192, disk = 100 } }
}
module "c58" {
  source = "x/terraform-proxmox-talos-cluster"
  cluster = { name = "c58", vm_base_id = 5900, datastore = "local-lvm", node = "pve01" }
  image = { version = "v1.12.0", extensions = ["qemu-guest-agent"] }
  network = { cidr = "10.0.58.0/24", gateway = "10.0.58.1", dns_servers = ["1.1.1.1"] }
  controlplane = { count = 3, specs = { cpu = 4, memory = 8192, disk = 100 } }
  worker = { count = 2, specs = { cpu = 4, memory = 8192, disk = 100 } }
}
module "c59" {
  source = "x/terraform-proxmox-talos-cluster"
  cluster = { name = "c59", vm_base_id = 6000, datastore = "local-lvm", node = "pve01" }
  image = { version = "v1.12.0", extensions = ["qemu-guest-agent"] }
  network = { cidr = "10.0.59.0/24", gateway = "10.0.59.1", dns_servers = ["1.1.1.1"] }
  controlplane = { count = 3, specs = { cpu = 4, memory = 8192, disk = 100 } }
  worker = { count = 2, specs = { cpu = 4, memory = 8192, disk = 100 } }
}
module "c60" {
  source = "x/terraform-proxmox-talos-cluster"
  cluster = { name = "c60", vm_base_id = 6100, datastore = "local-lvm", node = "pve01" }
  image = { version = "v1.12.0", extensions = ["qemu-guest-agent"] }
  network = { cidr = "10.0.60.0/24", gateway = "10.0.60.1", dns_servers = ["1.1.1.1"] }
  controlplane = { count = 3, specs = { cpu = 4, memory = 8192, disk = 100 } }
  worker = { count = 2, specs = { cpu = 4, memory = 8192, disk = 100 } }
}
module "c61" {
  source = "x/terraform-proxmox-talos-cluster"
  cluster = { name = "c61", vm_base_id = 6200, datastore = "local-lvm", node = "pve01" }
  image = { version = "v1.12.0", extensions = ["qemu-guest-agent"] }
  network = { cidr = "10.0.61.0/24", gateway = "10.0.61.1", dns_servers = ["1.1.1.1"] }
  controlplane = { count = 3, specs = { cpu = 4, memory = 8192, disk = 100 } }
  worker = { count = 2, specs = { cpu = 4, memory = 8192, disk = 100 } }
}
module "c62" {
  source = "x/terraform-proxmox-talos-cluster"
  cluster = { name = "c62", vm_base_id = 6300, datastore = "local-lvm", node = "pve01" }
  image = { version = "v1.12.0", extensions = ["qemu-guest-agent"] }
  network = { cidr = "10.0.62.0/24", gateway = "10.0.62.1", dns_servers = ["1.1.1.1"] }
  controlplane = { count = 3, specs = { cpu = 4, memory = 8192, disk = 100 } }
  worker = { count = 2, specs = { cpu = 4, memory = 8192, disk = 100 } }
}
module "c63" {
  source = "x/terraform-proxmox-talos-cluster"
  cluster = { name = "c63", vm_base_id = 6400, datastore = "local-lvm", node = "pve01" }
  image = { version = "v1.12.0", extensions = ["qemu-guest-agent"] }
  network = { cidr = "10.0.63.0/24", gateway = "10.0.63.1", dns_servers = ["1.1.1.1"] }
  controlplane = { count = 3, specs = { cpu = 4, memory = 8192, disk = 100 } }
  worker = { count = 2, specs = { cpu = 4, memory = 8192, disk = 100 } }
}
module "c64" {
  source = "x/terraform-proxmox-talos-cluster"
  cluster = { name = "c64", vm_base_id = 6500, datastore = "local-lvm", node = "pve01" }
  image = { version = "v1.12.0", extensions = ["qemu-guest-agent"] }
  network = { cidr = "10.0.64.0/24", gateway = "10.0.64.1", dns_servers = ["1.1.1.1"] }
  controlplane = { count = 3, specs = { cpu = 4, memory = 8192, disk = 100 } }
  worker = { count = 2, specs = { cpu = 4, memory = 8192, disk = 100 } }
}
module "c65" {
  source = "x/terraform-proxmox-talos-cluster"
  cluster = { name = "c65", vm_base_id = 6600, datastore = "local-lvm", node = "pve01" }
  image = { version = "v1.12.0", extensions = ["qemu-guest-agent"] }
  network = { cidr = "10.0.65.0/24", gateway = "10.0.65.1", dns_servers = ["1.1.1.1"] }
  controlplane = { count = 3, specs = { cpu = 4, memory = 8192, disk = 100 } }
  worker = { count = 2, specs = { cpu = 4, memory = 8192, disk = 100 } }
}
module "c66" {
  source = "x/terraform-proxmox-talos-cluster"
  cluster = { name = "c66", vm_base_id = 6700, datastore = "local-lvm", node = "pve01" }
  image = { version = "v1.12.0", extensions = ["qemu-guest-agent"] }
  network = { cidr = "10.0.66.0/24", gateway = "10.0.66.1", dns_servers = ["1.1.1.1"] }
  controlplane = { count = 3, specs = { cpu = 4, memory = 8192, disk = 100 } }
  worker = { count = 2, specs = { cpu = 4, memory = 8192, disk = 100 } }
}
module "c67" {
  source = "x/terraform-proxmox-talos-cluster"
  cluster = { name = "c67", vm_base_id = 6800, datastore = "local-lvm", node = "pve01" }
  image = { version = "v1.12.0", extensions = ["qemu-guest-agent"] }
  network = { cidr = "10.0.67.0/24", gateway = "10.0.67.1", dns_servers = ["1.1.1.1"] }
  controlplane = { count = 3, specs = { cpu = 4, memory = 8192, disk = 100 } }
  worker = { count = 2, specs = { cpu = 4, memory = 8192, disk = 100 } }
}
module "c68" {
  source = "x/terraform-proxmox-talos-cluster"
  cluster = { name = "c68", vm_base_id = 6900, datastore = "local-lvm", node = "pve01" }
  image = { version = "v1.12.0", extensions = ["qemu-guest-agent"] }
  network = { cidr = "10.0.68.0/24", gateway = "10.0.68.1", dns_servers = ["1.1.1.1"] }
  controlplane = { count = 3, specs = { cpu = 4, memory = 8192, disk = 100 } }
  worker = { count = 2, specs = { cpu = 4, memory = 8192, disk = 100 } }
}
module "c69" {
  source = "x/terraform-proxmox-talos-cluster"
  cluster = { name = "c69", vm_base_id = 7000, datastore = "local-lvm", node = "pve01" }
  image = { version = "v1.12.0", extensions = ["qemu-guest-agent"] }
  network = { cidr = "10.0.69.0/24", gateway = "10.0.69.1", dns_servers = ["1.1.1.1"] }
  controlplane = { count = 3, specs = { cpu = 4, memory = 8192, disk = 100 } }
  worker = { count = 2, specs = { cpu = 4, memory = 8192, disk = 100 } }
}
module "c70" {
  source = "x/terraform-proxmox-talos-cluster"
  cluster = { name = "c70", vm_base_id = 7100, datastore = "local-lvm", node = "pve01" }
  image = { version = "v1.12.0", extensions = ["qemu-guest-agent"] }
  network = { cidr = "10.0.70.0/24", gateway = "10.0.70.1", dns_servers = ["1.1.1.1"] }
  controlplane = { count = 3, specs = { cpu = 4, memory = 8192, disk = 100 } }
  worker = { count = 2, specs = { cpu = 4, memory = 8192, disk = 100 } }
}
module "c71" {
  source = "x/terraform-proxmox-talos-cluster"
  cluster = { name = "c71", vm_base_id = 7200, datastore = "local-lvm", node = "pve01" }
  image = { version = "v1.12.0", extensions = ["qemu-guest-agent"] }
  network = { cidr = "10.0.71.0/24", gateway = "10.0.71.1", dns_servers = ["1.1.1.1"] }
  controlplane = { count = 3, specs = { cpu = 4, memory = 8192, disk = 100 } }
  worker = { count = 2, specs = { cpu = 4, memory = 8192, disk = 100 } }
}
module "c72" {
  source = "x/terraform-proxmox-talos-cluster"
  cluster = { name = "c72", vm_base_id = 7300, datastore = "local-lvm", node = "pve01" }
  image = { version = "v1.12.0", extensions = ["qemu-guest-agent"] }
  network = { cidr = "10.0.72.0/24", gateway = "10.0.72.1", dns_servers = ["1.1.1.1"] }
  controlplane = { count = 3, specs = { cpu = 4, memory = 8192, disk = 100 } }
  worker = { count = 2, specs = { cpu = 4, memory = 8192, disk = 100 } }
}
module "c73" {
  source = "x/terraform-proxmox-talos-cluster"
  cluster = { name = "c73", vm_base_id = 7400, datastore = "local-lvm", node = "pve01" }
  image = { version = "v1.12.0", extensions = ["qemu-guest-agent"] }
  network = { cidr = "10.0.73.0/24", gateway = "10.0.73.1", dns_servers = ["1.1.1.1"] }
  controlplane = { count = 3, specs = { cpu = 4, memory = 8192, disk = 100 } }
  worker = { count = 2, specs = { cpu = 4, memory = 8192, disk = 100 } }
}
module "c74" {
  source = "x/terraform-proxmox-talos-cluster"
  cluster = { name = "c74", vm_base_id = 7500, datastore = "local-lvm", node = "pve01" }
  image = { version = "v1.12.0", extensions = ["qemu-guest-agent"] }
  network = { cidr = "10.0.74.0/24", gateway = "10.0.74.1", dns_servers = ["1.1.1.1"] }
  controlplane = { count = 3, specs = { cpu = 4, memory = 8192, disk = 100 } }
  worker = { count = 2, specs = { cpu = 4, memory = 8192, disk = 100 } }
}
module "c75" {
  source = "x/terraform-proxmox-talos-cluster"
  cluster = { name = "c75", vm_base_id = 7600, datastore = "local-lvm", node = "pve01" }
  image = { version = "v1.12.0", extensions = ["qemu-guest-agent"] }
  network = { cidr = "10.0.75.0/24", gateway = "10.0.75.1", dns_servers = ["1.1.1.1"] }
  controlplane = { count = 3, specs = { cpu = 4, memory = 8192, disk = 100 } }
  worker = { count = 2, specs = { cpu = 4, memory = 8192, disk = 100 } }
}
module "c76" {
  source = "x/terraform-proxmox-talos-cluster"
  cluster = { name = "c76", vm_base_id = 7700, datastore = "local-lvm", node = "pve01" }
  image = { version = "v1.12.0", extensions = ["qemu-guest-agent"] }
  network = { cidr = "10.0.76.0/24", gateway = "10.0.76.1", dns_servers = ["1.1.1.1"] }
  controlplane = { count = 3, specs = { cpu = 4, memory = 8192, disk = 100 } }
  worker = { count = 2, specs = { cpu = 4, memory = 8192, disk = 100 } }
}
module "c77" {
  source = "x/terraform-proxmox-talos-cluster"
  cluster = { name = "c77", vm_base_id = 7800, datastore = "local-lvm", node = "pve01" }
  image = { version = "v1.12.0", extensions = ["qemu-guest-agent"] }
  network = { cidr = "10.0.77.0/24", gateway = "10.0.77.1", dns_servers = ["1.1.1.1"] }
  controlplane = { count = 3, specs = { cpu = 4, memory = 8192, disk = 100 } }
  worker = { count = 2, specs = { cpu = 4, memory = 8192, disk = 100 } }
}
module "c78" {
  source = "x/terraform-proxmox-talos-cluster"
  cluster = { name = "c78", vm_base_id = 7900, datastore = "local-lvm", node = "pve01" }
  image = { version = "v1.12.0", extensions = ["qemu-guest-agent"] }
  network = { cidr = "10.0.78.0/24", gateway = "10.0.78.1", dns_servers = ["1.1.1.1"] }
  controlplane = { count = 3, specs = { cpu = 4, memory = 8192, disk = 100 } }
  worker = { count = 2, specs = { cpu = 4, memory = 8192, disk = 100 } }
}
module "c79" {
  source = "x/terraform-proxmox-talos-cluster"
  cluster = { name = "c79", vm_base_id = 8000, datastore = "local-lvm", node = "pve01" }
  image = { version = "v1.12.0", extensions = ["qemu-guest-agent"] }
  network = { cidr = "10.0.79.0/24", gateway = "10.0.79.1", dns_servers = ["1.1.1.1"] }
  controlplane = { count = 3, specs = { cpu = 4, memory = 8192, disk = 100 } }
  worker = { count = 2, specs = { cpu = 4, memory = 8192, disk = 100 } }
}
module "c80" {
  source = "x/terraform-proxmox-talos-cluster"
  cluster = { name = "c80", vm_base_id = 8100, datastore = "local-lvm", node = "pve01" }
  image = { version = "v1.12.0", extensions = ["qemu-guest-agent"] }
  network = { cidr = "10.0.80.0/24", gateway = "10.0.80.1", dns_servers = ["1.1.1.1"] }
  controlplane = { count = 3, specs = { cpu = 4, memory = 8192, disk = 100 } }
  worker = { count = 2, specs = { cpu = 4, memory = 8192, disk = 100 } }
}
module "c81" {
  source = "x/terraform-proxmox-talos-cluster"
  cluster = { name = "c81", vm_base_id = 8200, datastore = "local-lvm", node = "pve01" }
  image = { version = "v1.12.0", extensions = ["qemu-guest-agent"] }
  network = { cidr = "10.0.81.0/24", gateway = "10.0.81.1", dns_servers = ["1.1.1.1"] }
  controlplane = { count = 3, specs = { cpu = 4, memory = 8192, disk = 100 } }
  worker = { count = 2, specs = { cpu = 4, memory = 8192, disk = 100 } }
}
module "c82" {
  source = "x/terraform-proxmox-talos-cluster"
  cluster = { name = "c82", vm_base_id = 8300, datastore = "local-lvm", node = "pve01" }
  image = { version = "v1.12.0", extensions = ["qemu-guest-agent"] }
  network = { cidr = "10.0.82.0/24", gateway = "10.0.82.1", dns_servers = ["1.1.1.1"] }
  controlplane = { count = 3, specs = { cpu = 4, memory = 8192, disk = 100 } }
  worker = { count = 2, specs = { cpu = 4, memory = 8192, disk = 100 } }
}
module "c83" {
  source = "x/terraform-proxmox-talos-cluster"
  cluster = { name = "c83", vm_base_id = 8400, datastore = "local-lvm", node = "pve01" }
  image = { version = "v1.12.0", extensions = ["qemu-guest-agent"] }
  network = { cidr = "10.0.83.0/24", gateway = "10.0.83.1", dns_servers = ["1.1.1.1"] }
  controlplane = { count = 3, specs = { cpu = 4, memory = 8192, disk = 100 } }
  worker = { count = 2, specs = { cpu = 4, memory = 8192, disk = 100 } }
}
module "c84" {
  source = "x/terraform-proxmox-talos-cluster"
  cluster = { name = "c84", vm_base_id = 8500, datastore = "local-lvm", node = "pve01" }
  image = { version = "v1.12.0", extensions = ["qemu-guest-agent"] }
  network = { cidr = "10.0.84.0/24", gateway = "10.0.84.1", dns_servers = ["1.1.1.1"] }
  controlplane = { count = 3, specs = { cpu = 4, memory = 8192, disk = 100 } }
  worker = { count = 2, specs = { cpu = 4, memory = 8192, disk = 100 } }
}
module "c85" {
  source = "x/terraform-proxmox-talos-cluster"
  cluster = { name = "c85", vm_base_id = 8600, datastore = "local-lvm", node = "pve01" }
  image = { version = "v1.12.0", extensions = ["qemu-guest-agent"] }
  network = { cidr = "10.0.85.0/24", gateway = "10.0.85.1", dns_servers = ["1.1.1.1"] }
  controlplane = { count = 3, specs = { cpu = 4, memory = 8192, disk = 100 } }
  worker = { count = 2, specs = { cpu = 4, memory = 8192, disk = 100 } }
}
module "c86" {
  source = "x/terraform-proxmox-talos-cluster"
  cluster = { name = "c86", vm_base_id = 8700, datastore = "local-lvm", node = "pve01" }
  image = { version = "v1.12.0", extensions = ["qemu-guest-agent"] }
  network = { cidr = "10.0.86.0/24", gateway = "10.0.86.1", dns_servers = ["1.1.1.1"] }
  controlplane = { count = 3, specs = { cpu = 4, memory = 8192, disk = 100 } }
  worker = { count = 2, specs = { cpu = 4, memory = 8192, disk = 100 } }
}
module "c87" {
  source = "x/terraform-proxmox-talos-cluster"
  cluster = { name = "c87", vm_base_id = 8800, datastore = "local-lvm", node = "pve01" }
  image = { version = "v1.12.0", extensions = ["qemu-guest-agent"] }
  network = { cidr = "10.0.87.0/24", gateway = "10.0.87.1", dns_servers = ["1.1.1.1"] }
  controlplane = { count = 3, specs = { cpu = 4, memory = 8192, disk = 100 } }
  worker = { count = 2, specs = { cpu = 4, memory = 8192, disk = 100 } }
}
module "c88" {
  source = "x/terraform-proxmox-talos-cluster"
  cluster = { name = "c88", vm_base_id = 8900, datastore = "local-lvm", node = "pve01" }
  image = { version = "v1.12.0", extensions = ["qemu-guest-agent"] }
  network = { cidr = "10.0.88.0/24", gateway = "10.0.88.1", dns_servers = ["1.1.1.1"] }
  controlplane = { count = 3, specs = { cpu = 4, memory = 8192, disk = 100 } }
  worker = { count = 2, specs = { cpu = 4, memory = 8192, disk = 100 } }
}
module "c89" {
  source = "x/terraform-proxmox-talos-cluster"
  cluster = { name = "c89", vm_base_id = 9000, datastore = "local-lvm", node = "pve01" }
  image = { version = "v1.12.0", extensions = ["qemu-guest-agent"] }
  network = { cidr = "10.0.89.0/24", gateway = "10.0.89.1", dns_servers = ["1.1.1.1"] }
  controlplane = { count = 3, specs = { cpu = 4, memory = 8192, disk = 100 } }
  worker = { count = 2, specs = { cpu = 4, memory = 8192, disk = 100 } }
}
module "c90" {
  source = "x/terraform-proxmox-talos-cluster"
  cluster = { name = "c90", vm_base_id = 9100, datastore = "local-lvm", node = "pve01" }
  image = { version = "v1.12.0", extensions = ["qemu-guest-agent"] }
  network = { cidr = "10.0.90.0/24", gateway = "10.0.90.1", dns_servers = ["1.1.1.1"] }
  controlplane = { count = 3, specs = { cpu = 4, memory = 8192, disk = 100 } }
  worker = { count = 2, specs = { cpu = 4, memory = 8192, disk = 100 } }
}
module "c91" {
  source = "x/terraform-proxmox-talos-cluster"
  cluster = { name = "c91", vm_base_id = 9200, datastore = "local-lvm", node = "pve01" }
  image = { version = "v1.12.0", extensions = ["qemu-guest-agent"] }
  network = { cidr = "10.0.91.0/24", gateway = "10.0.91.1", dns_servers = ["1.1.1.1"] }
  controlplane = { count = 3, specs = { cpu = 4, memory = 8192, disk = 100 } }
  worker = { count = 2, specs = { cpu = 4, memory = 8192, disk = 100 } }
}
module "c92" {
  source = "x/terraform-proxmox-talos-cluster"
  cluster = { name = "c92", vm_base_id = 9300, datastore = "local-lvm", node = "pve01" }
  image = { version = "v1.12.0", extensions = ["qemu-guest-agent"] }
  network = { cidr = "10.0.92.0/24", gateway = "10.0.92.1", dns_servers = ["1.1.1.1"] }
  controlplane = { count = 3, specs = { cpu = 4, memory = 8192, disk = 100 } }
  worker = { count = 2, specs = { cpu = 4, memory = 8192, disk = 100 } }
}
module "c93" {
  source = "x/terraform-proxmox-talos-cluster"
  cluster = { name = "c93", vm_base_id = 9400, datastore = "local-lvm", node = "pve01" }
  image = { version = "v1.12.0", extensions = ["qemu-guest-agent"] }
  network = { cidr = "10.0.93.0/24", gateway = "10.0.93.1", dns_servers = ["1.1.1.1"] }
  controlplane = { count = 3, specs = { cpu = 4, memory = 8192, disk = 100 } }
  worker = { count = 2, specs = { cpu = 4, memory = 8192, disk = 100 } }
}
module "c94" {
  source = "x/terraform-proxmox-talos-cluster"
  cluster = { name = "c94", vm_base_id = 9500, datastore = "local-lvm", node = "pve01" }
  image = { version = "v1.12.0", extensions = ["qemu-guest-agent"] }
  network = { cidr = "10.0.94.0/24", gateway = "10.0.94.1", dns_servers = ["1.1.1.1"] }
  controlplane = { count = 3, specs = { cpu = 4, memory = 8192, disk = 100 } }
  worker = { count = 2, specs = { cpu = 4, memory = 8192, disk = 100 } }
}
module "c95" {
  source = "x/terraform-proxmox-talos-cluster"
  cluster = { name = "c95", vm_base_id = 9600, datastore = "local-lvm", node = "pve01" }
  image = { version = "v1.12.0", extensions = ["qemu-guest-agent"] }
  network = { cidr = "10.0.95.0/24", gateway = "10.0.95.1", dns_servers = ["1.1.1.1"] }
  controlplane = { count = 3, specs = { cpu = 4, memory = 8192, disk = 100 } }
  worker = { count = 2, specs = { cpu = 4, memory = 8192, disk = 100 } }
}
module "c96" {
  source = "x/terraform-proxmox-talos-cluster"
  cluster = { name = "c96", vm_base_id = 9700, datastore = "local-lvm", node = "pve01" }
  image = { version = "v1.12.0", extensions = ["qemu-guest-agent"] }
  network = { cidr = "10.0.96.0/24", gateway = "10.0.96.1", dns_servers = ["1.1.1.1"] }
  controlplane = { count = 3, specs = { cpu = 4, memory = 8192, disk = 100 } }
  worker = { count = 2, specs = { cpu = 4, memory = 8192, disk = 100 } }
}
module "c97" {
  source = "x/terraform-proxmox-talos-cluster"
  cluster = { name = "c97", vm_base_id = 9800, datastore = "local-lvm", node = "pve01" }
  image = { version = "v1.12.0", extensions = ["qemu-guest-agent"] }
  network = { cidr = "10.0.97.0/24", gateway = "10.0.97.1", dns_servers = ["1.1.1.1"] }
  controlplane = { count = 3, specs = { cpu = 4, memory = 8192, disk = 100 } }
  worker = { count = 2, specs = { cpu = 4, memory = 8192, disk = 100 } }
}
module "c98" {
  source = "x/terraform-proxmox-talos-cluster"
  cluster = { name = "c98", vm_base_id = 9900, datastore = "local-lvm", node = "pve01" }
  image = { version = "v1.12.0", extensions = ["qemu-guest-agent"] }
  network = { cidr = "10.0.98.0/24", gateway = "10.0.98.1", dns_servers = ["1.1.1.1"] }
  controlplane = { count = 3, specs = { cpu = 4, memory = 8192, disk = 100 } }
  worker = { count = 2, specs = { cpu = 4, memory = 8192, disk = 100 } }
}
module "c99" {
  source = "x/terraform-proxmox-talos-cluster"
  cluster = { name = "c99", vm_base_id = 10000, datastore = "local-lvm", node = "pve01" }
  image = { version = "v1.12.0", extensions = ["qemu-guest-agent"] }
  network = { cidr = "10.0.99.0/24", gateway = "10.0.99.1", dns_servers = ["1.1.1.1"] }
  controlplane = { count = 3, specs = { cpu = 4, memory = 8192, disk = 100 } }
  worker = { count = 2, specs = { cpu = 4, memory = 8192, disk = 100 } }
}
module "c100" {
  source = "x/terraform-proxmox-talos-cluster"
  cluster = { name = "c100", vm_base_id = 10100, datastore = "local-lvm", node = "pve01" }
  image = { version = "v1.12.0", extensions = ["qemu-guest-agent"] }
  network = { cidr = "10.0.100.0/24", gateway = "10.0.100.1", dns_servers = ["1.1.1.1"] }
  controlplane = { count = 3, specs = { cpu = 4, memory = 8192, disk = 100 } }
  worker = { count = 2, specs = { cpu = 4, memory = 8192, disk = 100 } }
}
module "c101" {
  source = "x/terraform-proxmox-talos-cluster"
  cluster = { name = "c101", vm_base_id = 10200, datastore = "local-lvm", node = "pve01" }
  image = { version = "v1.12.0", extensions = ["qemu-guest-agent"] }
  network = { cidr = "10.0.101.0/24", gateway = "10.0.101.1", dns_servers = ["1.1.1.1"] }
  controlplane = { count = 3, specs = { cpu = 4, memory = 8192, disk = 100 } }
  worker = { count = 2, specs = { cpu = 4, memory = 8192, disk = 100 } }
}
module "c102" {
  source = "x/terraform-proxmox-talos-cluster"
  cluster = { name = "c102", vm_base_id = 10300, datastore = "local-lvm", node = "pve01" }
  image = { version = "v1.12.0", extensions = ["qemu-guest-agent"] }
  network = { cidr = "10.0.102.0/24", gateway = "10.0.102.1", dns_servers = ["1.1.1.1"] }
  controlplane = { count = 3, specs = { cpu = 4, memory = 8192, disk = 100 } }
  worker = { count = 2, specs = { cpu = 4, memory = 8192, disk = 100 } }
}
module "c103" {
  source = "x/terraform-proxmox-talos-cluster"
  cluster = { name = "c103", vm_base_id = 10400, datastore = "local-lvm", node = "pve01" }
  image = { version = "v1.12.0", extensions = ["qemu-guest-agent"] }
  network = { cidr = "10.0.103.0/24", gateway = "10.0.103.1", dns_servers = ["1.1.1.1"] }
  controlplane = { count = 3, specs = { cpu = 4, memory = 8192, disk = 100 } }
  worker = { count = 2, specs = { cpu = 4, memory = 8192, disk = 100 } }
}
module "c104" {
  source = "x/terraform-proxmox-talos-cluster"
  cluster = { name = "c104", vm_base_id = 10500, datastore = "local-lvm", node = "pve01" }
  image = { version = "v1.12.0", extensions = ["qemu-guest-agent"] }
  network = { cidr = "10.0.104.0/24", gateway = "10.0.104.1", dns_servers = ["1.1.1.1"] }
  controlplane = { count = 3, specs = { cpu = 4, memory = 8192, disk = 100 } }
  worker = { count = 2, specs = { cpu = 4, memory = 8192, disk = 100 } }
}
module "c105" {
  source = "x/terraform-proxmox-talos-cluster"
  cluster = { name = "c105", vm_base_id = 10600, datastore = "local-lvm", node = "pve01" }
  image = { version = "v1.12.0", extensions = ["qemu-guest-agent"] }
  network = { cidr = "10.0.105.0/24", gateway = "10.0.105.1", dns_servers = ["1.1.1.1"] }
  controlplane = { count = 3, specs = { cpu = 4, memory = 8192, disk = 100 } }
  worker = { count = 2, specs = { cpu = 4, memory = 8192, disk = 100 } }
}
module "c106" {
  source = "x/terraform-proxmox-talos-cluster"
  cluster = { name = "c106", vm_base_id = 10700, datastore = "local-lvm", node = "pve01" }
  image = { version = "v1.12.0", extensions = ["qemu-guest-agent"] }
  network = { cidr = "10.0.106.0/24", gateway = "10.0.106.1", dns_servers = ["1.1.1.1"] }
  controlplane = { count = 3, specs = { cpu = 4, memory = 8192, disk = 100 } }
  worker = { count = 2, specs = { cpu = 4, memory = 8192, disk = 100 } }
}
module "c107" {
  source = "x/terraform-proxmox-talos-cluster"
  cluster = { name = "c107", vm_base_id = 10800, datastore = "local-lvm", node = "pve01" }
  image = { version = "v1.12.0", extensions = ["qemu-guest-agent"] }
  network = { cidr = "10.0.107.0/24", gateway = "10.0.107.1", dns_servers = ["1.1.1.1"] }
  controlplane = { count = 3, specs = { cpu = 4, memory = 8192, disk = 100 } }
  worker = { count = 2, specs = { cpu = 4, memory = 8192, disk = 100 } }
}
module "c108" {
  source = "x/terraform-proxmox-talos-cluster"
  cluster = { name = "c108", vm_base_id = 10900, datastore = "local-lvm", node = "pve01" }
  image = { version = "v1.12.0", extensions = ["qemu-guest-agent"] }
  network = { cidr = "10.0.108.0/24", gateway = "10.0.108.1", dns_servers = ["1.1.1.1"] }
  controlplane = { count = 3, specs = { cpu = 4, memory = 8192, disk = 100 } }
  worker = { count = 2, specs = { cpu = 4, memory = 8192, disk = 100 } }
}
module "c109" {
  source = "x/terraform-proxmox-talos-cluster"
  cluster = { name = "c109", vm_base_id = 11000, datastore = "local-lvm", node = "pve01" }
  image = { version = "v1.12.0", extensions = ["qemu-guest-agent"] }
  network = { cidr = "10.0.109.0/24", gateway = "10.0.109.1", dns_servers = ["1.1.1.1"] }
  controlplane = { count = 3, specs = { cpu = 4, memory = 8192, disk = 100 } }
  worker = { count = 2, specs = { cpu = 4, memory = 8192, disk = 100 } }
}
module "c110" {
  source = "x/terraform-proxmox-talos-cluster"
  cluster = { name = "c110", vm_base_id = 11100, datastore = "local-lvm", node = "pve01" }
  image = { version = "v1.12.0", extensions = ["qemu-guest-agent"] }
  network = { cidr = "10.0.110.0/24", gateway = "10.0.110.1", dns_servers = ["1.1.1.1"] }
  controlplane = { count = 3, specs = { cpu = 4, memory = 8192, disk = 100 } }
  worker = { count = 2, specs = { cpu = 4, memory = 8192, disk = 100 } }
}
module "c111" {
  source = "x/terraform-proxmox-talos-cluster"
  cluster = { name = "c111", vm_base_id = 11200, datastore = "local-lvm", node = "pve01" }
  image = { version = "v1.12.0", extensions = ["qemu-guest-agent"] }
  network = { cidr = "10.0.111.0/24", gateway = "10.0.111.1", dns_servers = ["1.1.1.1"] }
  controlplane = { count = 3, specs = { cpu = 4, memory = 8192, disk = 100 } }
  worker = { count = 2, specs = { cpu = 4, memory = 8192, disk = 100 } }
}
module "c112" {
  source = "x/terraform-proxmox-talos-cluster"
  cluster = { name = "c112", vm_base_id = 11300, datastore = "local-lvm", node = "pve01" }
  image = { version = "v1.12.0", extensions = ["qemu-guest-agent"] }
  network = { cidr = "10.0.112.0/24", gateway = "10.0.112.1", dns_servers = ["1.1.1.1"] }
  controlplane = { count = 3, specs = { cpu = 4, memory = 8192, disk = 100 } }
  worker = { count = 2, specs = { cpu = 4, memory = 8192, disk = 100 } }
}
module "c113" {
  source = "x/terraform-proxmox-talos-cluster"
  cluster = { name = "c113", vm_base_id = 11400, datastore = "local-lvm", node = "pve01" }
  image = { version = "v1.12.0", extensions = ["qemu-guest-agent"] }
  network = { cidr = "10.0.113.0/24", gateway = "10.0.113.1", dns_servers = ["1.1.1.1"] }
  controlplane = { count = 3, specs = { cpu = 4, memory = 8192, disk = 100 } }
  worker = { count = 2, specs = { cpu = 4, memory = 8192, disk = 100 } }
}
module "c114" {
  source = "x/terraform-proxmox-talos-cluster"
  cluster = { name = "c114", vm_base_id = 11500, datastore = "local-lvm", node = "pve01" }
  image = { version = "v1.12.0", extensions = ["qemu-guest-agent"] }
  network = { cidr = "10.0.114.0/24", gateway = "10.0.114.1", dns_servers = ["1.1.1.1"] }
  controlplane = { count = 3, specs = { cpu = 4, memory = 8192, disk = 100 } }
  worker = { count = 2, specs = { cpu = 4, memory = 8192, disk = 100 } }
}
module "c115" {
  source = "x/terraform-proxmox-talos-cluster"
  cluster = { name = "c115", vm_base_id = 11600, datastore = "local-lvm", node = "pve01" }
  image = { version = "v1.12.0", extensions = ["qemu-guest-agent"] }
  network = { cidr = "10.0.115.0/24", gateway = "10.0.115.1", dns_servers = ["1.1.1.1"] }
  controlplane = { count = 3, specs = { cpu = 4, memory = 8192, disk = 100 } }
  worker = { count = 2, specs = { cpu = 4, memory = 8192, disk = 100 } }
}
module "c116" {
  source = "x/terraform-proxmox-talos-cluster"
  cluster = { name = "c116", vm_base_id = 11700, datastore = "local-lvm", node = "pve01" }
  image = { version = "v1.12.0", extensions = ["qemu-guest-agent"] }
  network = { cidr = "10.0.116.0/24", gateway = "10.0.116.1", dns_servers = ["1.1.1.1"] }
  controlplane = { count = 3, specs = { cpu = 4, memory = 8192, disk = 100 } }
  worker = { count = 2, specs = { cpu = 4, memory = 8192, disk = 100 } }
}
module "c117" {
  source = "x/terraform-proxmox-talos-cluster"
  cluster = { name = "c117", vm_base_id = 11800, datastore = "local-lvm", node = "pve01" }
  image = { version = "v1.12.0", extensions = ["qemu-guest-agent"] }
  network = { cidr = "10.0.117.0/24", gateway = "10.0.117.1", dns_servers = ["1.1.1.1"] }
  controlplane = { count = 3, specs = { cpu = 4, memory = 8192, disk = 100 } }
  worker = { count = 2, specs = { cpu = 4, memory = 8192, disk = 100 } }
}
module "c118" {
  source = "x/terraform-proxmox-talos-cluster"
  cluster = { name = "c118", vm_base_id = 11900, datastore = "local-lvm", node = "pve01" }
  image = { version = "v1.12.0", extensions = ["qemu-guest-agent"] }
  network = { cidr = "10.0.118.0/24", gateway = "10.0.118.1", dns_servers = ["1.1.1.1"] }
  controlplane = { count = 3, specs = { cpu = 4, memory = 8192, disk = 100 } }
  worker = { count = 2, specs = { cpu = 4, memory = 8192, disk = 100 } }
}
module "c119" {
  source = "x/terraform-proxmox-talos-cluster"
  cluster = { name = "c119", vm_base_id = 12000, datastore = "local-lvm", node = "pve01" }
  image = { version = "v1.12.0", extensions = ["qemu-guest-agent"] }
  network = { cidr = "10.0.119.0/24", gateway = "10.0.119.1", dns_servers = ["1.1.1.1"] }
  controlplane = { count = 3, specs = { cpu = 4, memory = 8192, disk = 100 } }
  worker = { count = 2, specs = { cpu = 4, memory = 8192, disk = 100 } }
}
module "c120" {
  source = "x/terraform-proxmox-talos-cluster"
  cluster = { name = "c120", vm_base_id = 12100, datastore = "local-lvm", node = "pve01" }
  image = { version = "v1.12.0", extensions = ["qemu-guest-agent"] }
  network = { cidr = "10.0.120.0/24", gateway = "10.0.120.1", dns_servers = ["1.1.1.1"] }
  controlplane = { count = 3, specs = { cpu = 4, memory = 8192, disk = 100 } }
  worker = { count = 2, specs = { cpu = 4, memory = 8192, disk = 100 } }
}
module "c121" {
  source = "x/terraform-proxmox-talos-cluster"
  cluster = { name = "c121", vm_base_id = 12200, datastore = "local-lvm", node = "pve01" }
  image = { version = "v1.12.0", extensions = ["qemu-guest-agent"] }
  network = { cidr = "10.0.121.0/24", gateway = "10.0.121.1", dns_servers = ["1.1.1.1"] }
  controlplane = { count = 3, specs = { cpu = 4, memory = 8192, disk = 100 } }
  worker = { count = 2, specs = { cpu = 4, memory = 8192, disk = 100 } }
}
module "c122" {
  source = "x/terraform-proxmox-talos-cluster"
  cluster = { name = "c122", vm_base_id = 12300, datastore = "local-lvm", node = "pve01" }
  image = { version = "v1.12.0", extensions = ["qemu-guest-agent"] }
  network = { cidr = "10.0.122.0/24", gateway = "10.0.122.1", dns_servers = ["1.1.1.1"] }
  controlplane = { count = 3, specs = { cpu = 4, memory = 8192, disk = 100 } }
  worker = { count = 2, specs = { cpu = 4, memory = 8192, disk = 100 } }
}
module "c123" {
  source = "x/terraform-proxmox-talos-cluster"
  cluster = { name = "c123", vm_base_id = 12400, datastore = "local-lvm", node = "pve01" }
  image = { version = "v1.12.0", extensions = ["qemu-guest-agent"] }
  network = { cidr = "10.0.123.0/24", gateway = "10.0.123.1", dns_servers = ["1.1.1.1"] }
  controlplane = { count = 3, specs = { cpu = 4, memory = 8192, disk = 100 } }
  worker = { count = 2, specs = { cpu = 4, memory = 8192, disk = 100 } }
}
module "c124" {
  source = "x/terraform-proxmox-talos-cluster"
  cluster = { name = "c124", vm_base_id = 12500, datastore = "local-lvm", node = "pve01" }
  image = { version = "v1.12.0", extensions = ["qemu-guest-agent"] }
  network = { cidr = "10.0.124.0/24", gateway = "10.0.124.1", dns_servers = ["1.1.1.1"] }
  controlplane = { count = 3, specs = { cpu = 4, memory = 8192, disk = 100 } }
  worker = { count = 2, specs = { cpu = 4, memory = 8192, disk = 100 } }
}
module "c125" {
  source = "x/terraform-proxmox-talos-cluster"
  cluster = { name = "c125", vm_base_id = 12600, datastore = "local-lvm", node = "pve01" }
  image = { version = "v1.12.0", extensions = ["qemu-guest-agent"] }
  network = { cidr = "10.0.125.0/24", gateway = "10.0.125.1", dns_servers = ["1.1.1.1"] }
  controlplane = { count = 3, specs = { cpu = 4, memory = 8192, disk = 100 } }
  worker = { count = 2, specs = { cpu = 4, memory = 8192, disk = 100 } }
}
module "c126" {
  source = "x/terraform-proxmox-talos-cluster"
  cluster = { name = "c126", vm_base_id = 12700, datastore = "local-lvm", node = "pve01" }
  image = { version = "v1.12.0", extensions = ["qemu-guest-agent"] }
  network = { cidr = "10.0.126.0/24", gateway = "10.0.126.1", dns_servers = ["1.1.1.1"] }
  controlplane = { count = 3, specs = { cpu = 4, memory = 8192, disk = 100 } }
  worker = { count = 2, specs = { cpu = 4, memory = 8192, disk = 100 } }
}
module "c127" {
  source = "x/terraform-proxmox-talos-cluster"
  cluster = { name = "c127", vm_base_id = 12800, datastore = "local-lvm", node = "pve01" }
  image = { version = "v1.12.0", extensions = ["qemu-guest-agent"] }
  network = { cidr = "10.0.127.0/24", gateway = "10.0.127.1", dns_servers = ["1.1.1.1"] }
  controlplane = { count = 3, specs = { cpu = 4, memory = 8192, disk = 100 } }
  worker = { count = 2, specs = { cpu = 4, memory = 8192, disk = 100 } }
}
module "c128" {
  source = "x/terraform-proxmox-talos-cluster"
  cluster = { name = "c128", vm_base_id = 12900, datastore = "local-lvm", node = "pve01" }
  image = { version = "v1.12.0", extensions = ["qemu-guest-agent"] }
  network = { cidr = "10.0.128.0/24", gateway = "10.0.128.1", dns_servers = ["1.1.1.1"] }
  controlplane = { count = 3, specs = { cpu = 4, memory = 8192, disk = 100 } }
  worker = { count = 2, specs = { cpu = 4, memory = 8192, disk = 100 } }
}
module "c129" {
  source = "x/terraform-proxmox-talos-cluster"
  cluster = { name = "c129", vm_base_id = 13000, datastore = "local-lvm", node = "pve01" }
  image = { version = "v1.12.0", extensions = ["qemu-guest-agent"] }
  network = { cidr = "10.0.129.0/24", gateway = "10.0.129.1", dns_servers = ["1.1.1.1"] }
  controlplane = { count = 3, specs = { cpu = 4, memory = 8192, disk = 100 } }
  worker = { count = 2, specs = { cpu = 4, memory = 8192, disk = 100 } }
}
module "c130" {
  source = "x/terraform-proxmox-talos-cluster"
  cluster = { name = "c130", vm_base_id = 13100, datastore = "local-lvm", node = "pve01" }
  image = { version = "v1.12.0", extensions = ["qemu-guest-agent"] }
  network = { cidr = "10.0.130.0/24", gateway = "10.0.130.1", dns_servers = ["1.1.1.1"] }
  controlplane = { count = 3, specs = { cpu = 4, memory = 8192, disk = 100 } }
  worker = { count = 2, specs = { cpu = 4, memory = 8192, disk = 100 } }
}
module "c131" {
  source = "x/terraform-proxmox-talos-cluster"
  cluster = { name = "c131", vm_base_id = 13200, datastore = "local-lvm", node = "pve01" }
  image = { version = "v1.12.0", extensions = ["qemu-guest-agent"] }
  network = { cidr = "10.0.131.0/24", gateway = "10.0.131.1", dns_servers = ["1.1.1.1"] }
  controlplane = { count = 3, specs = { cpu = 4, memory = 8192, disk = 100 } }
  worker = { count = 2, specs = { cpu = 4, memory = 8192, disk = 100 } }
}
module "c132" {
  source = "x/terraform-proxmox-talos-cluster"
  cluster = { name = "c132", vm_base_id = 13300, datastore = "local-lvm", node = "pve01" }
  image = { version = "v1.12.0", extensions = ["qemu-guest-agent"] }
  network = { cidr = "10.0.132.0/24", gateway = "10.0.132.1", dns_servers = ["1.1.1.1"] }
  controlplane = { count = 3, specs = { cpu = 4, memory = 8192, disk = 100 } }
  worker = { count = 2, specs = { cpu = 4, memory = 8192, disk = 100 } }
}
module "c133" {
  source = "x/terraform-proxmox-talos-cluster"
  cluster = { name = "c133", vm_base_id = 13400, datastore = "local-lvm", node = "pve01" }
  image = { version = "v1.12.0", extensions = ["qemu-guest-agent"] }
  network = { cidr = "10.0.133.0/24", gateway = "10.0.133.1", dns_servers = ["1.1.1.1"] }
  controlplane = { count = 3, specs = { cpu = 4, memory = 8192, disk = 100 } }
  worker = { count = 2, specs = { cpu = 4, memory = 8192, disk = 100 } }
}
module "c134" {
  source = "x/terraform-proxmox-talos-cluster"
  cluster = { name = "c134", vm_base_id = 13500, datastore = "local-lvm", node = "pve01" }
  image = { version = "v1.12.0", extensions = ["qemu-guest-agent"] }
  network = { cidr = "10.0.134.0/24", gateway = "10.0.134.1", dns_servers = ["1.1.1.1"] }
  controlplane = { count = 3, specs = { cpu = 4, memory = 8192, disk = 100 } }
  worker = { count = 2, specs = { cpu = 4, memory = 8192, disk = 100 } }
}
module "c135" {
  source = "x/terraform-proxmox-talos-cluster"
  cluster = { name = "c135", vm_base_id = 13600, datastore = "local-lvm", node = "pve01" }
  image = { version = "v1.12.0", extensions = ["qemu-guest-agent"] }
  network = { cidr = "10.0.135.0/24", gateway = "10.0.135.1", dns_servers = ["1.1.1.1"] }
  controlplane = { count = 3, specs = { cpu = 4, memory = 8192, disk = 100 } }
  worker = { count = 2, specs = { cpu = 4, memory = 8192, disk = 100 } }
}
module "c136" {
  source = "x/terraform-proxmox-talos-cluster"
  cluster = { name = "c136", vm_base_id = 13700, datastore = "local-lvm", node = "pve01" }
  image = { version = "v1.12.0", extensions = ["qemu-guest-agent"] }
  network = { cidr = "10.0.136.0/24", gateway = "10.0.136.1", dns_servers = ["1.1.1.1"] }
  controlplane = { count = 3, specs = { cpu = 4, memory = 8192, disk = 100 } }
  worker = { count = 2, specs = { cpu = 4, memory = 8192, disk = 100 } }
}
module "c137" {
  source = "x/terraform-proxmox-talos-cluster"
  cluster = { name = "c137", vm_base_id = 13800, datastore = "local-lvm", node = "pve01" }
  image = { version = "v1.12.0", extensions = ["qemu-guest-agent"] }
  network = { cidr = "10.0.137.0/24", gateway = "10.0.137.1", dns_servers = ["1.1.1.1"] }
  controlplane = { count = 3, specs = { cpu = 4, memory = 8192, disk = 100 } }
  worker = { count = 2, specs = { cpu = 4, memory = 8192, disk = 100 } }
}
module "c138" {
  source = "x/terraform-proxmox-talos-cluster"
  cluster = { name = "c138", vm_base_id = 13900, datastore = "local-lvm", node = "pve01" }
  image = { version = "v1.12.0", extensions = ["qemu-guest-agent"] }
  network = { cidr = "10.0.138.0/24", gateway = "10.0.138.1", dns_servers = ["1.1.1.1"] }
  controlplane = { count = 3, specs = { cpu = 4, memory = 8192, disk = 100 } }
  worker = { count = 2, specs = { cpu = 4, memory = 8192, disk = 100 } }
}
module "c139" {
  source = "x/terraform-proxmox-talos-cluster"
  cluster = { name = "c139", vm_base_id = 14000, datastore = "local-lvm", node = "pve01" }
  image = { version = "v1.12.0", extensions = ["qemu-guest-agent"] }
  network = { cidr = "10.0.139.0/24", gateway = "10.0.139.1", dns_servers = ["1.1.1.1"] }
  controlplane = { count = 3, specs = { cpu = 4, memory = 8192, disk = 100 } }
  worker = { count = 2, specs = { cpu = 4, memory = 8192, disk = 100 } }
}
module "c140" {
  source = "x/terraform-proxmox-talos-cluster"
  cluster = { name = "c140", vm_base_id = 14100, datastore = "local-lvm", node = "pve01" }
  image = { version = "v1.12.0", extensions = ["qemu-guest-agent"] }
  network = { cidr = "10.0.140.0/24", gateway = "10.0.140.1", dns_servers = ["1.1.1.1"] }
  controlplane = { count = 3, specs = { cpu = 4, memory = 8192, disk = 100 } }
  worker = { count = 2, specs = { cpu = 4, memory = 8192, disk = 100 } }
}
module "c141" {
  source = "x/terraform-proxmox-talos-cluster"
  cluster = { name = "c141", vm_base_id = 14200, datastore = "local-lvm", node = "pve01" }
  image = { version = "v1.12.0", extensions = ["qemu-guest-agent"] }
  network = { cidr = "10.0.141.0/24", gateway = "10.0.141.1", dns_servers = ["1.1.1.1"] }
  controlplane = { count = 3, specs = { cpu = 4, memory = 8192, disk = 100 } }
  worker = { count = 2, specs = { cpu = 4, memory = 8192, disk = 100 } }
}
module "c142" {
  source = "x/terraform-proxmox-talos-cluster"
  cluster = { name = "c142", vm_base_id = 14300, datastore = "local-lvm", node = "pve01" }
  image = { version = "v1.12.0", extensions = ["qemu-guest-agent"] }
  network = { cidr = "10.0.142.0/24", gateway = "10.0.142.1", dns_servers = ["1.1.1.1"] }
  controlplane = { count = 3, specs = { cpu = 4, memory = 8192, disk = 100 } }
  worker = { count = 2, specs = { cpu = 4, memory = 8192, disk = 100 } }
}
module "c143" {
  source = "x/terraform-proxmox-talos-cluster"
  cluster = { name = "c143", vm_base_id = 14400, datastore = "local-lvm", node = "pve01" }
  image = { version = "v1.12.0", extensions = ["qemu-guest-agent"] }
  network = { cidr = "10.0.143.0/24", gateway = "10.0.143.1", dns_servers = ["1.1.1.1"] }
  controlplane = { count = 3, specs = { cpu = 4, memory = 8192, disk = 100 } }
  worker = { count = 2, specs = { cpu = 4, memory = 8192, disk = 100 } }
}
module "c144" {
  source = "x/terraform-proxmox-talos-cluster"
  cluster = { name = "c144", vm_base_id = 14500, datastore = "local-lvm", node = "pve01" }
  image = { version = "v1.12.0", extensions = ["qemu-guest-agent"] }
  network = { cidr = "10.0.144.0/24", gateway = "10.0.144.1", dns_servers = ["1.1.1.1"] }
  controlplane = { count = 3, specs = { cpu = 4, memory = 8192, disk = 100 } }
  worker = { count = 2, specs = { cpu = 4, memory = 8192, disk = 100 } }
}
module "c145" {
  source = "x/terraform-proxmox-talos-cluster"
  cluster = { name = "c145", vm_base_id = 14600, datastore = "local-lvm", node = "pve01" }
  image = { version = "v1.12.0", extensions = ["qemu-guest-agent"] }
  network = { cidr = "10.0.145.0/24", gateway = "10.0.145.1", dns_servers = ["1.1.1.1"] }
  controlplane = { count = 3, specs = { cpu = 4, memory = 8192, disk = 100 } }
  worker = { count = 2, specs = { cpu = 4, memory = 8192, disk = 100 } }
}
module "c146" {
  source = "x/terraform-proxmox-talos-cluster"
  cluster = { name = "c146", vm_base_id = 14700, datastore = "local-lvm", node = "pve01" }
  image = { version = "v1.12.0", extensions = ["qemu-guest-agent"] }
  network = { cidr = "10.0.146.0/24", gateway = "10.0.146.1", dns_servers = ["1.1.1.1"] }
  controlplane = { count = 3, specs = { cpu = 4, memory = 8192, disk = 100 } }
  worker = { count = 2, specs = { cpu = 4, memory = 8192, disk = 100 } }
}
module "c147" {
  source = "x/terraform-proxmox-talos-cluster"
  cluster = { name = "c147", vm_base_id = 14800, datastore = "local-lvm", node = "pve01" }
  image = { version = "v1.12.0", extensions = ["qemu-guest-agent"] }
  network = { cidr = "10.0.147.0/24", gateway = "10.0.147.1", dns_servers = ["1.1.1.1"] }
  controlplane = { count = 3, specs = { cpu = 4, memory = 8192, disk = 100 } }
  worker = { count = 2, specs = { cpu = 4, memory = 8192, disk = 100 } }
}
module "c148" {
  source = "x/terraform-proxmox-talos-cluster"
  cluster = { name = "c148", vm_base_id = 14900, datastore = "local-lvm", node = "pve01" }
  image = { version = "v1.12.0", extensions = ["qemu-guest-agent"] }
  network = { cidr = "10.0.148.0/24", gateway = "10.0.148.1", dns_servers = ["1.1.1.1"] }
  controlplane = { count = 3, specs = { cpu = 4, memory = 8192, disk = 100 } }
  worker = { count = 2, specs = { cpu = 4, memory = 8192, disk = 100 } }
}
module "c149" {
  source = "x/terraform-proxmox-talos-cluster"
  cluster = { name = "c149", vm_base_id = 15000, datastore = "local-lvm", node = "pve01" }
  image = { version = "v1.12.0", extensions = ["qemu-guest-agent"] }
  network = { cidr = "10.0.149.0/24", gateway = "10.0.149.1", dns_servers = ["1.1.1.1"] }
  controlplane = { count = 3, specs = { cpu = 4, memory = 8192, disk = 100 } }
  worker = { count = 2, specs = { cpu = 4, memory = 8192, disk = 100 } }
}
module "c150" {
  source = "x/terraform-proxmox-talos-cluster"
  cluster = { name = "c150", vm_base_id = 15100, datastore = "local-lvm", node = "pve01" }
  image = { version = "v1.12.0", extensions = ["qemu-guest-agent"] }
  network = { cidr = "10.0.150.0/24", gateway = "10.0.150.1", dns_servers = ["1.1.1.1"] }
  controlplane = { count = 3, specs = { cpu = 4, memory = 8192, disk = 100 } }
  worker = { count = 2, specs = { cpu = 4, memory = 8192, disk = 100 } }
}
module "c151" {
  source = "x/terraform-proxmox-talos-cluster"
  cluster = { name = "c151", vm_base_id = 15200, datastore = "local-lvm", node = "pve01" }
  image = { version = "v1.12.0", extensions = ["qemu-guest-agent"] }
  network = { cidr = "10.0.151.0/24", gateway = "10.0.151.1", dns_servers = ["1.1.1.1"] }
  controlplane = { count = 3, specs = { cpu = 4, memory = 8192, disk = 100 } }
  worker = { count = 2, specs = { cpu = 4, memory = 8192, disk = 100 } }
}
module "c152" {
  source = "x/terraform-proxmox-talos-cluster"
  cluster = { name = "c152", vm_base_id = 15300, datastore = "local-lvm", node = "pve01" }
  image = { version = "v1.12.0", extensions = ["qemu-guest-agent"] }
  network = { cidr = "10.0.152.0/24", gateway = "10.0.152.1", dns_servers = ["1.1.1.1"] }
  controlplane = { count = 3, specs = { cpu = 4, memory = 8192, disk = 100 } }
  worker = { count = 2, specs = { cpu = 4, memory = 8192, disk = 100 } }
}
module "c153" {
  source = "x/terraform-proxmox-talos-cluster"
  cluster = { name = "c153", vm_base_id = 15400, datastore = "local-lvm", node = "pve01" }
  image = { version = "v1.12.0", extensions = ["qemu-guest-agent"] }
  network = { cidr = "10.0.153.0/24", gateway = "10.0.153.1", dns_servers = ["1.1.1.1"] }
  controlplane = { count = 3, specs = { cpu = 4, memory = 8192, disk = 100 } }
  worker = { count = 2, specs = { cpu = 4, memory = 8192, disk = 100 } }
}
module "c154" {
  source = "x/terraform-proxmox-talos-cluster"
  cluster = { name = "c154", vm_base_id = 15500, datastore = "local-lvm", node = "pve01" }
  image = { version = "v1.12.0", extensions = ["qemu-guest-agent"] }
  network = { cidr = "10.0.154.0/24", gateway = "10.0.154.1", dns_servers = ["1.1.1.1"] }
  controlplane = { count = 3, specs = { cpu = 4, memory = 8192, disk = 100 } }
  worker = { count = 2, specs = { cpu = 4, memory = 8192, disk = 100 } }
}
module "c155" {
  source = "x/terraform-proxmox-talos-cluster"
  cluster = { name = "c155", vm_base_id = 15600, datastore = "local-lvm", node = "pve01" }
  image = { version = "v1.12.0", extensions = ["qemu-guest-agent"] }
  network = { cidr = "10.0.155.0/24", gateway = "10.0.155.1", dns_servers = ["1.1.1.1"] }
  controlplane = { count = 3, specs = { cpu = 4, memory = 8192, disk = 100 } }
  worker = { count = 2, specs = { cpu = 4, memory = 8192, disk = 100 } }
}
module "c156" {
  source = "x/terraform-proxmox-talos-cluster"
  cluster = { name = "c156", vm_base_id = 15700, datastore = "local-lvm", node = "pve01" }
  image = { version = "v1.12.0", extensions = ["qemu-guest-agent"] }
  network = { cidr = "10.0.156.0/24", gateway = "10.0.156.1", dns_servers = ["1.1.1.1"] }
  controlplane = { count = 3, specs = { cpu = 4, memory = 8192, disk = 100 } }
  worker = { count = 2, specs = { cpu = 4, memory = 8192, disk = 100 } }
}
module "c157" {
  source = "x/terraform-proxmox-talos-cluster"
  cluster = { name = "c157", vm_base_id = 15800, datastore = "local-lvm", node = "pve01" }
  image = { version = "v1.12.0", extensions = ["qemu-guest-agent"] }
  network = { cidr = "10.0.157.0/24", gateway = "10.0.157.1", dns_servers = ["1.1.1.1"] }
  controlplane = { count = 3, specs = { cpu = 4, memory = 8192, disk = 100 } }
  worker = { count = 2, specs = { cpu = 4, memory = 8192, disk = 100 } }
}
module "c158" {
  source = "x/terraform-proxmox-talos-cluster"
  cluster = { name = "c158", vm_base_id = 15900, datastore = "local-lvm", node = "pve01" }
  image = { version = "v1.12.0", extensions = ["qemu-guest-agent"] }
  network = { cidr = "10.0.158.0/24", gateway = "10.0.158.1", dns_servers = ["1.1.1.1"] }
  controlplane = { count = 3, specs = { cpu = 4, memory = 8192, disk = 100 } }
  worker = { count = 2, specs = { cpu = 4, memory = 8192, disk = 100 } }
}
module "c159" {
  source = "x/terraform-proxmox-talos-cluster"
  cluster = { name = "c159", vm_base_id = 16000, datastore = "local-lvm", node = "pve01" }
  image = { version = "v1.12.0", extensions = ["qemu-guest-agent"] }
  network = { cidr = "10.0.159.0/24", gateway = "10.0.159.1", dns_servers = ["1.1.1.1"] }
  controlplane = { count = 3, specs = { cpu = 4, memory = 8192, disk = 100 } }
  worker = { count = 2, specs = { cpu = 4, memory = 8192, disk = 100 } }
}
module "c160" {
  source = "x/terraform-proxmox-talos-cluster"
  cluster = { name = "c160", vm_base_id = 16100, datastore = "local-lvm", node = "pve01" }
  image = { version = "v1.12.0", extensions = ["qemu-guest-agent"] }
  network = { cidr = "10.0.160.0/24", gateway = "10.0.160.1", dns_servers = ["1.1.1.1"] }
  controlplane = { count = 3, specs = { cpu = 4, memory = 8192, disk = 100 } }
  worker = { count = 2, specs = { cpu = 4, memory = 8192, disk = 100 } }
}
module "c161" {
  source = "x/terraform-proxmox-talos-cluster"
  cluster = { name = "c161", vm_base_id = 16200, datastore = "local-lvm", node = "pve01" }
  image = { version = "v1.12.0", extensions = ["qemu-guest-agent"] }
  network = { cidr = "10.0.161.0/24", gateway = "10.0.161.1", dns_servers = ["1.1.1.1"] }
  controlplane = { count = 3, specs = { cpu = 4, memory = 8192, disk = 100 } }
  worker = { count = 2, specs = { cpu = 4, memory = 8192, disk = 100 } }
}
module "c162" {
  source = "x/terraform-proxmox-talos-cluster"
  cluster = { name = "c162", vm_base_id = 16300, datastore = "local-lvm", node = "pve01" }
  image = { version = "v1.12.0", extensions = ["qemu-guest-agent"] }
  network = { cidr = "10.0.162.0/24", gateway = "10.0.162.1", dns_servers = ["1.1.1.1"] }
  controlplane = { count = 3, specs = { cpu = 4, memory = 8192, disk = 100 } }
  worker = { count = 2, specs = { cpu = 4, memory = 8192, disk = 100 } }
}
module "c163" {
  source = "x/terraform-proxmox-talos-cluster"
  cluster = { name = "c163", vm_base_id = 16400, datastore = "local-lvm", node = "pve01" }
  image = { version = "v1.12.0", extensions = ["qemu-guest-agent"] }
  network = { cidr = "10.0.163.0/24", gateway = "10.0.163.1", dns_servers = ["1.1.1.1"] }
  controlplane = { count = 3, specs = { cpu = 4, memory = 8192, disk = 100 } }
  worker = { count = 2, specs = { cpu = 4, memory = 8192, disk = 100 } }
}
module "c164" {
  source = "x/terraform-proxmox-talos-cluster"
  cluster = { name = "c164", vm_base_id = 16500, datastore = "local-lvm", node = "pve01" }
  image = { version = "v1.12.0", extensions = ["qemu-guest-agent"] }
  network = { cidr = "10.0.164.0/24", gateway = "10.0.164.1", dns_servers = ["1.1.1.1"] }
  controlplane = { count = 3, specs = { cpu = 4, memory = 8192, disk = 100 } }
  worker = { count = 2, specs = { cpu = 4, memory = 8192, disk = 100 } }
}
module "c165" {
  source = "x/terraform-proxmox-talos-cluster"
  cluster = { name = "c165", vm_base_id = 16600, datastore = "local-lvm", node = "pve01" }
  image = { version = "v1.12.0", extensions = ["qemu-guest-agent"] }
  network = { cidr = "10.0.165.0/24", gateway = "10.0.165.1", dns_servers = ["1.1.1.1"] }
  controlplane = { count = 3, specs = { cpu = 4, memory = 8192, disk = 100 } }
  worker = { count = 2, specs = { cpu = 4, memory = 8192, disk = 100 } }
}
module "c166" {
  source = "x/terraform-proxmox-talos-cluster"
  cluster = { name = "c166", vm_base_id = 16700, datastore = "local-lvm", node = "pve01" }
  image = { version = "v1.12.0", extensions = ["qemu-guest-agent"] }
  network = { cidr = "10.0.166.0/24", gateway = "10.0.166.1", dns_servers = ["1.1.1.1"] }
  controlplane = { count = 3, specs = { cpu = 4, memory = 8192, disk = 100 } }
  worker = { count = 2, specs = { cpu = 4, memory = 8192, disk = 100 } }
}
module "c167" {
  source = "x/terraform-proxmox-talos-cluster"
  cluster = { name = "c167", vm_base_id = 16800, datastore = "local-lvm", node = "pve01" }
  image = { version = "v1.12.0", extensions = ["qemu-guest-agent"] }
  network = { cidr = "10.0.167.0/24", gateway = "10.0.167.1", dns_servers = ["1.1.1.1"] }
  controlplane = { count = 3, specs = { cpu = 4, memory = 8192, disk = 100 } }
  worker = { count = 2, specs = { cpu = 4, memory = 8192, disk = 100 } }
}
module "c168" {
  source = "x/terraform-proxmox-talos-cluster"
  cluster = { name = "c168", vm_base_id = 16900, datastore = "local-lvm", node = "pve01" }
  image = { version = "v1.12.0", extensions = ["qemu-guest-agent"] }
  network = { cidr = "10.0.168.0/24", gateway = "10.0.168.1", dns_servers = ["1.1.1.1"] }
  controlplane = { count = 3, specs = { cpu = 4, memory = 8192, disk = 100 } }
  worker = { count = 2, specs = { cpu = 4, memory = 8192, disk = 100 } }
}
module "c169" {
  source = "x/terraform-proxmox-talos-cluster"
  cluster = { name = "c169", vm_base_id = 17000, datastore = "local-lvm", node = "pve01" }
  image = { version = "v1.12.0", extensions = ["qemu-guest-agent"] }
  network = { cidr = "10.0.169.0/24", gateway = "10.0.169.1", dns_servers = ["1.1.1.1"] }
  controlplane = { count = 3, specs = { cpu = 4, memory = 8192, disk = 100 } }
  worker = { count = 2, specs = { cpu = 4, memory = 8192, disk = 100 } }
}
module "c170" {
  source = "x/terraform-proxmox-talos-cluster"
  cluster = { name = "c170", vm_base_id = 17100, datastore = "local-lvm", node = "pve01" }
  image = { version = "v1.12.0", extensions = ["qemu-guest-agent"] }
  network = { cidr = "10.0.170.0/24", gateway = "10.0.170.1", dns_servers = ["1.1.1.1"] }
  controlplane = { count = 3, specs = { cpu = 4, memory = 8192, disk = 100 } }
  worker = { count = 2, specs = { cpu = 4, memory = 8192, disk = 100 } }
}
module "c171" {
  source = "x/terraform-proxmox-talos-cluster"
  cluster = { name = "c171", vm_base_id = 17200, datastore = "local-lvm", node = "pve01" }
  image = { version = "v1.12.0", extensions = ["qemu-guest-agent"] }
  network = { cidr = "10.0.171.0/24", gateway = "10.0.171.1", dns_servers = ["1.1.1.1"] }
  controlplane = { count = 3, specs = { cpu = 4, memory = 8192, disk = 100 } }
  worker = { count = 2, specs = { cpu = 4, memory = 8192, disk = 100 } }
}
module "c172" {
  source = "x/terraform-proxmox-talos-cluster"
  cluster = { name = "c172", vm_base_id = 17300, datastore = "local-lvm", node = "pve01" }
  image = { version = "v1.12.0", extensions = ["qemu-guest-agent"] }
  network = { cidr = "10.0.172.0/24", gateway = "10.0.172.1", dns_servers = ["1.1.1.1"] }
  controlplane = { count = 3, specs = { cpu = 4, memory = 8192, disk = 100 } }
  worker = { count = 2, specs = { cpu = 4, memory = 8192, disk = 100 } }
}
module "c173" {
  source = "x/terraform-proxmox-talos-cluster"
  cluster = { name = "c173", vm_base_id = 17400, datastore = "local-lvm", node = "pve01" }
  image = { version = "v1.12.0", extensions = ["qemu-guest-agent"] }
  network = { cidr = "10.0.173.0/24", gateway = "10.0.173.1", dns_servers = ["1.1.1.1"] }
  controlplane = { count = 3, specs = { cpu = 4, memory = 8192, disk = 100 } }
  worker = { count = 2, specs = { cpu = 4, memory = 8192, disk = 100 } }
}
module "c174" {
  source = "x/terraform-proxmox-talos-cluster"
  cluster = { name = "c174", vm_base_id = 17500, datastore = "local-lvm", node = "pve01" }
  image = { version = "v1.12.0", extensions = ["qemu-guest-agent"] }
  network = { cidr = "10.0.174.0/24", gateway = "10.0.174.1", dns_servers = ["1.1.1.1"] }
  controlplane = { count = 3, specs = { cpu = 4, memory = 8192, disk = 100 } }
  worker = { count = 2, specs = { cpu = 4, memory = 8192, disk = 100 } }
}
module "c175" {
  source = "x/terraform-proxmox-talos-cluster"
  cluster = { name = "c175", vm_base_id = 17600, datastore = "local-lvm", node = "pve01" }
  image = { version = "v1.12.0", extensions = ["qemu-guest-agent"] }
  network = { cidr = "10.0.175.0/24", gateway = "10.0.175.1", dns_servers = ["1.1.1.1"] }
  controlplane = { count = 3, specs = { cpu = 4, memory = 8192, disk = 100 } }
  worker = { count = 2, specs = { cpu = 4, memory = 8192, disk = 100 } }
}
module "c176" {
  source = "x/terraform-proxmox-talos-cluster"
  cluster = { name = "c176", vm_base_id = 17700, datastore = "local-lvm", node = "pve01" }
  image = { version = "v1.12.0", extensions = ["qemu-guest-agent"] }
  network = { cidr = "10.0.176.0/24", gateway = "10.0.176.1", dns_servers = ["1.1.1.1"] }
  controlplane = { count = 3, specs = { cpu = 4, memory = 8192, disk = 100 } }
  worker = { count = 2, specs = { cpu = 4, memory = 8192, disk = 100 } }
}
module "c177" {
  source = "x/terraform-proxmox-talos-cluster"
  cluster = { name = "c177", vm_base_id = 17800, datastore = "local-lvm", node = "pve01" }
  image = { version = "v1.12.0", extensions = ["qemu-guest-agent"] }
  network = { cidr = "10.0.177.0/24", gateway = "10.0.177.1", dns_servers = ["1.1.1.1"] }
  controlplane = { count = 3, specs = { cpu = 4, memory = 8192, disk = 100 } }
  worker = { count = 2, specs = { cpu = 4, memory = 8192, disk = 100 } }
}
module "c178" {
  source = "x/terraform-proxmox-talos-cluster"
  cluster = { name = "c178", vm_base_id = 17900, datastore = "local-lvm", node = "pve01" }
  image = { version = "v1.12.0", extensions = ["qemu-guest-agent"] }
  network = { cidr = "10.0.178.0/24", gateway = "10.0.178.1", dns_servers = ["1.1.1.1"] }
  controlplane = { count = 3, specs = { cpu = 4, memory = 8192, disk = 100 } }
  worker = { count = 2, specs = { cpu = 4, memory = 8192, disk = 100 } }
}
module "c179" {
  source = "x/terraform-proxmox-talos-cluster"
  cluster = { name = "c179", vm_base_id = 18000, datastore = "local-lvm", node = "pve01" }
  image = { version = "v1.12.0", extensions = ["qemu-guest-agent"] }
  network = { cidr = "10.0.179.0/24", gateway = "10.0.179.1", dns_servers = ["1.1.1.1"] }
  controlplane = { count = 3, specs = { cpu = 4, memory = 8192, disk = 100 } }
  worker = { count = 2, specs = { cpu = 4, memory = 8192, disk = 100 } }
}
module "c180" {
  source = "x/terraform-proxmox-talos-cluster"
  cluster = { name = "c180", vm_base_id = 18100, datastore = "local-lvm", node = "pve01" }
  image = { version = "v1.12.0", extensions = ["qemu-guest-agent"] }
  network = { cidr = "10.0.180.0/24", gateway = "10.0.180.1", dns_servers = ["1.1.1.1"] }
  controlplane = { count = 3, specs = { cpu = 4, memory = 8192, disk = 100 } }
  worker = { count = 2, specs = { cpu = 4, memory = 8192, disk = 100 } }
}
module "c181" {
  source = "x/terraform-proxmox-talos-cluster"
  cluster = { name = "c181", vm_base_id = 18200, datastore = "local-lvm", node = "pve01" }
  image = { version = "v1.12.0", extensions = ["qemu-guest-agent"] }
  network = { cidr = "10.0.181.0/24", gateway = "10.0.181.1", dns_servers = ["1.1.1.1"] }
  controlplane = { count = 3, specs = { cpu = 4, memory = 8192, disk = 100 } }
  worker = { count = 2, specs = { cpu = 4, memory = 8192, disk = 100 } }
}
module "c182" {
  source = "x/terraform-proxmox-talos-cluster"
  cluster = { name = "c182", vm_base_id = 18300, datastore = "local-lvm", node = "pve01" }
  image = { version = "v1.12.0", extensions = ["qemu-guest-agent"] }
  network = { cidr = "10.0.182.0/24", gateway = "10.0.182.1", dns_servers = ["1.1.1.1"] }
  controlplane = { count = 3, specs = { cpu = 4, memory = 8192, disk = 100 } }
  worker = { count = 2, specs = { cpu = 4, memory = 8192, disk = 100 } }
}
module "c183" {
  source = "x/terraform-proxmox-talos-cluster"
  cluster = { name = "c183", vm_base_id = 18400, datastore = "local-lvm", node = "pve01" }
  image = { version = "v1.12.0", extensions = ["qemu-guest-agent"] }
  network = { cidr = "10.0.183.0/24", gateway = "10.0.183.1", dns_servers = ["1.1.1.1"] }
  controlplane = { count = 3, specs = { cpu = 4, memory = 8192, disk = 100 } }
  worker = { count = 2, specs = { cpu = 4, memory = 8192, disk = 100 } }
}
module "c184" {
  source = "x/terraform-proxmox-talos-cluster"
  cluster = { name = "c184", vm_base_id = 18500, datastore = "local-lvm", node = "pve01" }
  image = { version = "v1.12.0", extensions = ["qemu-guest-agent"] }
  network = { cidr = "10.0.184.0/24", gateway = "10.0.184.1", dns_servers = ["1.1.1.1"] }
  controlplane = { count = 3, specs = { cpu = 4, memory = 8192, disk = 100 } }
  worker = { count = 2, specs = { cpu = 4, memory = 8192, disk = 100 } }
}
module "c185" {
  source = "x/terraform-proxmox-talos-cluster"
  cluster = { name = "c185", vm_base_id = 18600, datastore = "local-lvm", node = "pve01" }
  image = { version = "v1.12.0", extensions = ["qemu-guest-agent"] }
  network = { cidr = "10.0.185.0/24", gateway = "10.0.185.1", dns_servers = ["1.1.1.1"] }
  controlplane = { count = 3, specs = { cpu = 4, memory = 8192, disk = 100 } }
  worker = { count = 2, specs = { cpu = 4, memory = 8192, disk = 100 } }
}
module "c186" {
  source = "x/terraform-proxmox-talos-cluster"
  cluster = { name = "c186", vm_base_id = 18700, datastore = "local-lvm", node = "pve01" }
  image = { version = "v1.12.0", extensions = ["qemu-guest-agent"] }
  network = { cidr = "10.0.186.0/24", gateway = "10.0.186.1", dns_servers = ["1.1.1.1"] }
  controlplane = { count = 3, specs = { cpu = 4, memory = 8192, disk = 100 } }
  worker = { count = 2, specs = { cpu = 4, memory = 8192, disk = 100 } }
}
module "c187" {
  source = "x/terraform-proxmox-talos-cluster"
  cluster = { name = "c187", vm_base_id = 18800, datastore = "local-lvm", node = "pve01" }
  image = { version = "v1.12.0", extensions = ["qemu-guest-agent"] }
  network = { cidr = "10.0.187.0/24", gateway = "10.0.187.1", dns_servers = ["1.1.1.1"] }
  controlplane = { count = 3, specs = { cpu = 4, memory = 8192, disk = 100 } }
  worker = { count = 2, specs = { cpu = 4, memory = 8192, disk = 100 } }
}
module "c188" {
  source = "x/terraform-proxmox-talos-cluster"
  cluster = { name = "c188", vm_base_id = 18900, datastore = "local-lvm", node = "pve01" }
  image = { version = "v1.12.0", extensions = ["qemu-guest-agent"] }
  network = { cidr = "10.0.188.0/24", gateway = "10.0.188.1", dns_servers = ["1.1.1.1"] }
  controlplane = { count = 3, specs = { cpu = 4, memory = 8192, disk = 100 } }
  worker = { count = 2, specs = { cpu = 4, memory = 8192, disk = 100 } }
}
module "c189" {
  source = "x/terraform-proxmox-talos-cluster"
  cluster = { name = "c189", vm_base_id = 19000, datastore = "local-lvm", node = "pve01" }
  image = { version = "v1.12.0", extensions = ["qemu-guest-agent"] }
  network = { cidr = "10.0.189.0/24", gateway = "10.0.189.1", dns_servers = ["1.1.1.1"] }
  controlplane = { count = 3, specs = { cpu = 4, memory = 8192, disk = 100 } }
  worker = { count = 2, specs = { cpu = 4, memory = 8192, disk = 100 } }
}
module "c190" {
  source = "x/terraform-proxmox-talos-cluster"
  cluster = { name = "c190", vm_base_id = 19100, datastore = "local-lvm", node = "pve01" }
  image = { version = "v1.12.0", extensions = ["qemu-guest-agent"] }
  network = { cidr = "10.0.190.0/24", gateway = "10.0.190.1", dns_servers = ["1.1.1.1"] }
  controlplane = { count = 3, specs = { cpu = 4, memory = 8192, disk = 100 } }
  worker = { count = 2, specs = { cpu = 4, memory = 8192, disk = 100 } }
}
module "c191" {
  source = "x/terraform-proxmox-talos-cluster"
  cluster = { name = "c191", vm_base_id = 19200, datastore = "local-lvm", node = "pve01" }
  image = { version = "v1.12.0", extensions = ["qemu-guest-agent"] }
  network = { cidr = "10.0.191.0/24", gateway = "10.0.191.1", dns_servers = ["1.1.1.1"] }
  controlplane = { count = 3, specs = { cpu = 4, memory = 8192, disk = 100 } }
  worker = { count = 2, specs = { cpu = 4, memory = 8192, disk = 100 } }
}
module "c192" {
  source = "x/terraform-proxmox-talos-cluster"
  cluster = { name = "c192", vm_base_id = 19300, datastore = "local-lvm", node = "pve01" }
  image = { version = "v1.12.0", extensions = ["qemu-guest-agent"] }
  network = { cidr = "10.0.192.0/24", gateway = "10.0.192.1", dns_servers = ["1.1.1.1"] }
  controlplane = { count = 3, specs = { cpu = 4, memory = 8192, disk = 100 } }
  worker = { count = 2, specs = { cpu = 4, memory = 8192, disk = 100 } }
}
module "c193" {
  source = "x/terraform-proxmox-talos-cluster"
  cluster = { name = "c193", vm_base_id = 19400, datastore = "local-lvm", node = "pve01" }
  image = { version = "v1.12.0", extensions = ["qemu-guest-agent"] }
  network = { cidr = "10.0.193.0/24", gateway = "10.0.193.1", dns_servers = ["1.1.1.1"] }
  controlplane = { count = 3, specs = { cpu = 4, memory = 8192, disk = 100 } }
  worker = { count = 2, specs = { cpu = 4, memory = 8192, disk = 100 } }
}
module "c194" {
  source = "x/terraform-proxmox-talos-cluster"
  cluster = { name = "c194", vm_base_id = 19500, datastore = "local-lvm", node = "pve01" }
  image = { version = "v1.12.0", extensions = ["qemu-guest-agent"] }
  network = { cidr = "10.0.194.0/24", gateway = "10.0.194.1", dns_servers = ["1.1.1.1"] }
  controlplane = { count = 3, specs = { cpu = 4, memory = 8192, disk = 100 } }
  worker = { count = 2, specs = { cpu = 4, memory = 8192, disk = 100 } }
}
module "c195" {
  source = "x/terraform-proxmox-talos-cluster"
  cluster = { name = "c195", vm_base_id = 19600, datastore = "local-lvm", node = "pve01" }
  image = { version = "v1.12.0", extensions = ["qemu-guest-agent"] }
  network = { cidr = "10.0.195.0/24", gateway = "10.0.195.1", dns_servers = ["1.1.1.1"] }
  controlplane = { count = 3, specs = { cpu = 4, memory = 8192, disk = 100 } }
  worker = { count = 2, specs = { cpu = 4, memory = 8192, disk = 100 } }
}
module "c196" {
  source = "x/terraform-proxmox-talos-cluster"
  cluster = { name = "c196", vm_base_id = 19700, datastore = "local-lvm", node = "pve01" }
  image = { version = "v1.12.0", extensions = ["qemu-guest-agent"] }
  network = { cidr = "10.0.196.0/24", gateway = "10.0.196.1", dns_servers = ["1.1.1.1"] }
  controlplane = { count = 3, specs = { cpu = 4, memory = 8192, disk = 100 } }
  worker = { count = 2, specs = { cpu = 4, memory = 8192, disk = 100 } }
}
module "c197" {
  source = "x/terraform-proxmox-talos-cluster"
  cluster = { name = "c197", vm_base_id = 19800, datastore = "local-lvm", node = "pve01" }
  image = { version = "v1.12.0", extensions = ["qemu-guest-agent"] }
  network = { cidr = "10.0.197.0/24", gateway = "10.0.197.1", dns_servers = ["1.1.1.1"] }
  controlplane = { count = 3, specs = { cpu = 4, memory = 8192, disk = 100 } }
  worker = { count = 2, specs = { cpu = 4, memory = 8192, disk = 100 } }
}
module "c198" {
  source = "x/terraform-proxmox-talos-cluster"
  cluster = { name = "c198", vm_base_id = 19900, datastore = "local-lvm", node = "pve01" }
  image = { version = "v1.12.0", extensions = ["qemu-guest-agent"] }
  network = { cidr = "10.0.198.0/24", gateway = "10.0.198.1", dns_servers = ["1.1.1.1"] }
  controlplane = { count = 3, specs = { cpu = 4, memory = 8192, disk = 100 } }
  worker = { count = 2, specs = { cpu = 4, memory = 8192, disk = 100 } }
}
module "c199" {
  source = "x/terraform-proxmox-talos-cluster"
  cluster = { name = "c199", vm_base_id = 20000, datastore = "local-lvm", node = "pve01" }
  image = { version = "v1.12.0", extensions = ["qemu-guest-agent"] }
  network = { cidr = "10.0.199.0/24", gateway = "10.0.199.1", dns_servers = ["1.1.1.1"] }
  controlplane = { count = 3, specs = { cpu = 4, memory = 8192, disk = 100 } }
  worker = { count = 2, specs = { cpu = 4, memory = 8192, disk = 100 } }
}
module "c200" {
  source = "x/terraform-proxmox-talos-cluster"
  cluster = { name = "c200", vm_base_id = 20100, datastore = "local-lvm", node = "pve01" }
  image = { version = "v1.12.0", extensions = ["qemu-guest-agent"] }
  network = { cidr = "10.0.200.0/24", gateway = "10.0.200.1", dns_servers = ["1.1.1.1"] }
  controlplane = { count = 3, specs = { cpu = 4, memory = 8192, disk = 100 } }
  worker = { count = 2, specs = { cpu = 4, memory = 8192, disk = 100 } }
}
module "c201" {
  source = "x/terraform-proxmox-talos-cluster"
  cluster = { name = "c201", vm_base_id = 20200, datastore = "local-lvm", node = "pve01" }
  image = { version = "v1.12.0", extensions = ["qemu-guest-agent"] }
  network = { cidr = "10.0.201.0/24", gateway = "10.0.201.1", dns_servers = ["1.1.1.1"] }
  controlplane = { count = 3, specs = { cpu = 4, memory = 8192, disk = 100 } }
  worker = { count = 2, specs = { cpu = 4, memory = 8192, disk = 100 } }
}
module "c202" {
  source = "x/terraform-proxmox-talos-cluster"
  cluster = { name = "c202", vm_base_id = 20300, datastore = "local-lvm", node = "pve01" }
  image = { version = "v1.12.0", extensions = ["qemu-guest-agent"] }
  network = { cidr = "10.0.202.0/24", gateway = "10.0.202.1", dns_servers = ["1.1.1.1"] }
  controlplane = { count = 3, specs = { cpu = 4, memory = 8192, disk = 100 } }
  worker = { count = 2, specs = { cpu = 4, memory = 8192, disk = 100 } }
}
module "c203" {
  source = "x/terraform-proxmox-talos-cluster"
  cluster = { name = "c203", vm_base_id = 20400, datastore = "local-lvm", node = "pve01" }
  image = { version = "v1.12.0", extensions = ["qemu-guest-agent"] }
  network = { cidr = "10.0.203.0/24", gateway = "10.0.203.1", dns_servers = ["1.1.1.1"] }
  controlplane = { count = 3, specs = { cpu = 4, memory = 8192, disk = 100 } }
  worker = { count = 2, specs = { cpu = 4, memory = 8192, disk = 100 } }
}
module "c204" {
  source = "x/terraform-proxmox-talos-cluster"
  cluster = { name = "c204", vm_base_id = 20500, datastore = "local-lvm", node = "pve01" }
  image = { version = "v1.12.0", extensions = ["qemu-guest-agent"] }
  network = { cidr = "10.0.204.0/24", gateway = "10.0.204.1", dns_servers = ["1.1.1.1"] }
  controlplane = { count = 3, specs = { cpu = 4, memory = 8192, disk = 100 } }
  worker = { count = 2, specs = { cpu = 4, memory = 8192, disk = 100 } }
}
module "c205" {
  source = "x/terraform-proxmox-talos-cluster"
  cluster = { name = "c205", vm_base_id = 20600, datastore = "local-lvm", node = "pve01" }
  image = { version = "v1.12.0", extensions = ["qemu-guest-agent"] }
  network = { cidr = "10.0.205.0/24", gateway = "10.0.205.1", dns_servers = ["1.1.1.1"] }
  controlplane = { count = 3, specs = { cpu = 4, memory = 8192, disk = 100 } }
  worker = { count = 2, specs = { cpu = 4, memory = 8192, disk = 100 } }
}
module "c206" {
  source = "x/terraform-proxmox-talos-cluster"
  cluster = { name = "c206", vm_base_id = 20700, datastore = "local-lvm", node = "pve01" }
  image = { version = "v1.12.0", extensions = ["qemu-guest-agent"] }
  network = { cidr = "10.0.206.0/24", gateway = "10.0.206.1", dns_servers = ["1.1.1.1"] }
  controlplane = { count = 3, specs = { cpu = 4, memory = 8192, disk = 100 } }
  worker = { count = 2, specs = { cpu = 4, memory = 8192, disk = 100 } }
}
module "c207" {
  source = "x/terraform-proxmox-talos-cluster"
  cluster = { name = "c207", vm_base_id = 20800, datastore = "local-lvm", node = "pve01" }
  image = { version = "v1.12.0", extensions = ["qemu-guest-agent"] }
  network = { cidr = "10.0.207.0/24", gateway = "10.0.207.1", dns_servers = ["1.1.1.1"] }
  controlplane = { count = 3, specs = { cpu = 4, memory = 8192, disk = 100 } }
  worker = { count = 2, specs = { cpu = 4, memory = 8192, disk = 100 } }
}
module "c208" {
  source = "x/terraform-proxmox-talos-cluster"
  cluster = { name = "c208", vm_base_id = 20900, datastore = "local-lvm", node = "pve01" }
  image = { version = "v1.12.0", extensions = ["qemu-guest-agent"] }
  network = { cidr = "10.0.208.0/24", gateway = "10.0.208.1", dns_servers = ["1.1.1.1"] }
  controlplane = { count = 3, specs = { cpu = 4, memory = 8192, disk = 100 } }
  worker = { count = 2, specs = { cpu = 4, memory = 8192, disk = 100 } }
}
module "c209" {
  source = "x/terraform-proxmox-talos-cluster"
  cluster = { name = "c209", vm_base_id = 21000, datastore = "local-lvm", node = "pve01" }
  image = { version = "v1.12.0", extensions = ["qemu-guest-agent"] }
  network = { cidr = "10.0.209.0/24", gateway = "10.0.209.1", dns_servers = ["1.1.1.1"] }
  controlplane = { count = 3, specs = { cpu = 4, memory = 8192, disk = 100 } }
  worker = { count = 2, specs = { cpu = 4, memory = 8192, disk = 100 } }
}
module "c210" {
  source = "x/terraform-proxmox-talos-cluster"
  cluster = { name = "c210", vm_base_id = 21100, datastore = "local-lvm", node = "pve01" }
  image = { version = "v1.12.0", extensions = ["qemu-guest-agent"] }
  network = { cidr = "10.0.210.0/24", gateway = "10.0.210.1", dns_servers = ["1.1.1.1"] }
  controlplane = { count = 3, specs = { cpu = 4, memory = 8192, disk = 100 } }
  worker = { count = 2, specs = { cpu = 4, memory = 8192, disk = 100 } }
}
module "c211" {
  source = "x/terraform-proxmox-talos-cluster"
  cluster = { name = "c211", vm_base_id = 21200, datastore = "local-lvm", node = "pve01" }
  image = { version = "v1.12.0", extensions = ["qemu-guest-agent"] }
  network = { cidr = "10.0.211.0/24", gateway = "10.0.211.1", dns_servers = ["1.1.1.1"] }
  controlplane = { count = 3, specs = { cpu = 4, memory = 8192, disk = 100 } }
  worker = { count = 2, specs = { cpu = 4, memory = 8192, disk = 100 } }
}
module "c212" {
  source = "x/terraform-proxmox-talos-cluster"
  cluster = { name = "c212", vm_base_id = 21300, datastore = "local-lvm", node = "pve01" }
  image = { version = "v1.12.0", extensions = ["qemu-guest-agent"] }
  network = { cidr = "10.0.212.0/24", gateway = "10.0.212.1", dns_servers = ["1.1.1.1"] }
  controlplane = { count = 3, specs = { cpu = 4, memory = 8192, disk = 100 } }
  worker = { count = 2, specs = { cpu = 4, memory = 8192, disk = 100 } }
}
module "c213" {
  source = "x/terraform-proxmox-talos-cluster"
  cluster = { name = "c213", vm_base_id = 21400, datastore = "local-lvm", node = "pve01" }
  image = { version = "v1.12.0", extensions = ["qemu-guest-agent"] }
  network = { cidr = "10.0.213.0/24", gateway = "10.0.213.1", dns_servers = ["1.1.1.1"] }
  controlplane = { count = 3, specs = { cpu = 4, memory = 8192, disk = 100 } }
  worker = { count = 2, specs = { cpu = 4, memory = 8192, disk = 100 } }
}
module "c214" {
  source = "x/terraform-proxmox-talos-cluster"
  cluster = { name = "c214", vm_base_id = 21500, datastore = "local-lvm", node = "pve01" }
  image = { version = "v1.12.0", extensions = ["qemu-guest-agent"] }
  network = { cidr = "10.0.214.0/24", gateway = "10.0.214.1", dns_servers = ["1.1.1.1"] }
  controlplane = { count = 3, specs = { cpu = 4, memory = 8192, disk = 100 } }
  worker = { count = 2, specs = { cpu = 4, memory = 8192, disk = 100 } }
}
module "c215" {
  source = "x/terraform-proxmox-talos-cluster"
  cluster = { name = "c215", vm_base_id = 21600, datastore = "local-lvm", node = "pve01" }
  image = { version = "v1.12.0", extensions = ["qemu-guest-agent"] }
  network = { cidr = "10.0.215.0/24", gateway = "10.0.215.1", dns_servers = ["1.1.1.1"] }
  controlplane = { count = 3, specs = { cpu = 4, memory = 8192, disk = 100 } }
  worker = { count = 2, specs = { cpu = 4, memory = 8192, disk = 100 } }
}
module "c216" {
  source = "x/terraform-proxmox-talos-cluster"
  cluster = { name = "c216", vm_base_id = 21700, datastore = "local-lvm", node = "pve01" }
  image = { version = "v1.12.0", extensions = ["qemu-guest-agent"] }
  network = { cidr = "10.0.216.0/24", gateway = "10.0.216.1", dns_servers = ["1.1.1.1"] }
  controlplane = { count = 3, specs = { cpu = 4, memory = 8192, disk = 100 } }
  worker = { count = 2, specs = { cpu = 4, memory = 8192, disk = 100 } }
}
module "c217" {
  source = "x/terraform-proxmox-talos-cluster"
  cluster = { name = "c217", vm_base_id = 21800, datastore = "local-lvm", node = "pve01" }
  image = { version = "v1.12.0", extensions = ["qemu-guest-agent"] }
  network = { cidr = "10.0.217.0/24", gateway = "10.0.217.1", dns_servers = ["1.1.1.1"] }
  controlplane = { count = 3, specs = { cpu = 4, memory = 8192, disk = 100 } }
  worker = { count = 2, specs = { cpu = 4, memory = 8192, disk = 100 } }
}
module "c218" {
  source = "x/terraform-proxmox-talos-cluster"
  cluster = { name = "c218", vm_base_id = 21900, datastore = "local-lvm", node = "pve01" }
  image = { version = "v1.12.0", extensions = ["qemu-guest-agent"] }
  network = { cidr = "10.0.218.0/24", gateway = "10.0.218.1", dns_servers = ["1.1.1.1"] }
  controlplane = { count = 3, specs = { cpu = 4, memory = 8192, disk = 100 } }
  worker = { count = 2, specs = { cpu = 4, memory = 8192, disk = 100 } }
}
module "c219" {
  source = "x/terraform-proxmox-talos-cluster"
  cluster = { name = "c219", vm_base_id = 22000, datastore = "local-lvm", node = "pve01" }
  image = { version = "v1.12.0", extensions = ["qemu-guest-agent"] }
  network = { cidr = "10.0.219.0/24", gateway = "10.0.219.1", dns_servers = ["1.1.1.1"] }
  controlplane = { count = 3, specs = { cpu = 4, memory = 8192, disk = 100 } }
  worker = { count = 2, specs = { cpu = 4, memory = 8192, disk = 100 } }
}
module "c220" {
  source = "x/terraform-proxmox-talos-cluster"
  cluster = { name = "c220", vm_base_id = 22100, datastore = "local-lvm", node = "pve01" }
  image = { version = "v1.12.0", extensions = ["qemu-guest-agent"] }
  network = { cidr = "10.0.220.0/24", gateway = "10.0.220.1", dns_servers = ["1.1.1.1"] }
  controlplane = { count = 3, specs = { cpu = 4, memory = 8192, disk = 100 } }
  worker = { count = 2, specs = { cpu = 4, memory = 8192, disk = 100 } }
}
module "c221" {
  source = "x/terraform-proxmox-talos-cluster"
  cluster = { name = "c221", vm_base_id = 22200, datastore = "local-lvm", node = "pve01" }
  image = { version = "v1.12.0", extensions = ["qemu-guest-agent"] }
  network = { cidr = "10.0.221.0/24", gateway = "10.0.221.1", dns_servers = ["1.1.1.1"] }
  controlplane = { count = 3, specs = { cpu = 4, memory = 8192, disk = 100 } }
  worker = { count = 2, specs = { cpu = 4, memory = 8192, disk = 100 } }
}
module "c222" {
  source = "x/terraform-proxmox-talos-cluster"
  cluster = { name = "c222", vm_base_id = 22300, datastore = "local-lvm", node = "pve01" }
  image = { version = "v1.12.0", extensions = ["qemu-guest-agent"] }
  network = { cidr = "10.0.222.0/24", gateway = "10.0.222.1", dns_servers = ["1.1.1.1"] }
  controlplane = { count = 3, specs = { cpu = 4, memory = 8192, disk = 100 } }
  worker = { count = 2, specs = { cpu = 4, memory = 8192, disk = 100 } }
}
module "c223" {
  source = "x/terraform-proxmox-talos-cluster"
  cluster = { name = "c223", vm_base_id = 22400, datastore = "local-lvm", node = "pve01" }
  image = { version = "v1.12.0", extensions = ["qemu-guest-agent"] }
  network = { cidr = "10.0.223.0/24", gateway = "10.0.223.1", dns_servers = ["1.1.1.1"] }
  controlplane = { count = 3, specs = { cpu = 4, memory = 8192, disk = 100 } }
  worker = { count = 2, specs = { cpu = 4, memory = 8192, disk = 100 } }
}
module "c224" {
  source = "x/terraform-proxmox-talos-cluster"
  cluster = { name = "c224", vm_base_id = 22500, datastore = "local-lvm", node = "pve01" }
  image = { version = "v1.12.0", extensions = ["qemu-guest-agent"] }
  network = { cidr = "10.0.224.0/24", gateway = "10.0.224.1", dns_servers = ["1.1.1.1"] }
  controlplane = { count = 3, specs = { cpu = 4, memory = 8192, disk = 100 } }
  worker = { count = 2, specs = { cpu = 4, memory = 8192, disk = 100 } }
}
module "c225" {
  source = "x/terraform-proxmox-talos-cluster"
  cluster = { name = "c225", vm_base_id = 22600, datastore = "local-lvm", node = "pve01" }
  image = { version = "v1.12.0", extensions = ["qemu-guest-agent"] }
  network = { cidr = "10.0.225.0/24", gateway = "10.0.225.1", dns_servers = ["1.1.1.1"] }
  controlplane = { count = 3, specs = { cpu = 4, memory = 8192, disk = 100 } }
  worker = { count = 2, specs = { cpu = 4, memory = 8192, disk = 100 } }
}
module "c226" {
  source = "x/terraform-proxmox-talos-cluster"
  cluster = { name = "c226", vm_base_id = 22700, datastore = "local-lvm", node = "pve01" }
  image = { version = "v1.12.0", extensions = ["qemu-guest-agent"] }
  network = { cidr = "10.0.226.0/24", gateway = "10.0.226.1", dns_servers = ["1.1.1.1"] }
  controlplane = { count = 3, specs = { cpu = 4, memory = 8192, disk = 100 } }
  worker = { count = 2, specs = { cpu = 4, memory = 8192, disk = 100 } }
}
module "c227" {
  source = "x/terraform-proxmox-talos-cluster"
  cluster = { name = "c227", vm_base_id = 22800, datastore = "local-lvm", node = "pve01" }
  image = { version = "v1.12.0", extensions = ["qemu-guest-agent"] }
  network = { cidr = "10.0.227.0/24", gateway = "10.0.227.1", dns_servers = ["1.1.1.1"] }
  controlplane = { count = 3, specs = { cpu = 4, memory = 8192, disk = 100 } }
  worker = { count = 2, specs = { cpu = 4, memory = 8192, disk = 100 } }
}
module "c228" {
  source = "x/terraform-proxmox-talos-cluster"
  cluster = { name = "c228", vm_base_id = 22900, datastore = "local-lvm", node = "pve01" }
  image = { version = "v1.12.0", extensions = ["qemu-guest-agent"] }
  network = { cidr = "10.0.228.0/24", gateway = "10.0.228.1", dns_servers = ["1.1.1.1"] }
  controlplane = { count = 3, specs = { cpu = 4, memory = 8192, disk = 100 } }
  worker = { count = 2, specs = { cpu = 4, memory = 8192, disk = 100 } }
}
module "c229" {
  source = "x/terraform-proxmox-talos-cluster"
  cluster = { name = "c229", vm_base_id = 23000, datastore = "local-lvm", node = "pve01" }
  image = { version = "v1.12.0", extensions = ["qemu-guest-agent"] }
  network = { cidr = "10.0.229.0/24", gateway = "10.0.229.1", dns_servers = ["1.1.1.1"] }
  controlplane = { count = 3, specs = { cpu = 4, memory = 8192, disk = 100 } }
  worker = { count = 2, specs = { cpu = 4, memory = 8192, disk = 100 } }
}
module "c230" {
  source = "x/terraform-proxmox-talos-cluster"
  cluster = { name = "c230", vm_base_id = 23100, datastore = "local-lvm", node = "pve01" }
  image = { version = "v1.12.0", extensions = ["qemu-guest-agent"] }
  network = { cidr = "10.0.230.0/24", gateway = "10.0.230.1", dns_servers = ["1.1.1.1"] }
  controlplane = { count = 3, specs = { cpu = 4, memory = 8192, disk = 100 } }
  worker = { count = 2, specs = { cpu = 4, memory = 8192, disk = 100 } }
}
module "c231" {
  source = "x/terraform-proxmox-talos-cluster"
  cluster = { name = "c231", vm_base_id = 23200, datastore = "local-lvm", node = "pve01" }
  image = { version = "v1.12.0", extensions = ["qemu-guest-agent"] }
  network = { cidr = "10.0.231.0/24", gateway = "10.0.231.1", dns_servers = ["1.1.1.1"] }
  controlplane = { count = 3, specs = { cpu = 4, memory = 8192, disk = 100 } }
  worker = { count = 2, specs = { cpu = 4, memory = 8192, disk = 100 } }
}
module "c232" {
  source = "x/terraform-proxmox-talos-cluster"
  cluster = { name = "c232", vm_base_id = 23300, datastore = "local-lvm", node = "pve01" }
  image = { version = "v1.12.0", extensions = ["qemu-guest-agent"] }
  network = { cidr = "10.0.232.0/24", gateway = "10.0.232.1", dns_servers = ["1.1.1.1"] }
  controlplane = { count = 3, specs = { cpu = 4, memory = 8192, disk = 100 } }
  worker = { count = 2, specs = { cpu = 4, memory = 8192, disk = 100 } }
}
module "c233" {
  source = "x/terraform-proxmox-talos-cluster"
  cluster = { name = "c233", vm_base_id = 23400, datastore = "local-lvm", node = "pve01" }
  image = { version = "v1.12.0", extensions = ["qemu-guest-agent"] }
  network = { cidr = "10.0.233.0/24", gateway = "10.0.233.1", dns_servers = ["1.1.1.1"] }
  controlplane = { count = 3, specs = { cpu = 4, memory = 8192, disk = 100 } }
  worker = { count = 2, specs = { cpu = 4, memory = 8192, disk = 100 } }
}
module "c234" {
  source = "x/terraform-proxmox-talos-cluster"
  cluster = { name = "c234", vm_base_id = 23500, datastore = "local-lvm", node = "pve01" }
  image = { version = "v1.12.0", extensions = ["qemu-guest-agent"] }
  network = { cidr = "10.0.234.0/24", gateway = "10.0.234.1", dns_servers = ["1.1.1.1"] }
  controlplane = { count = 3, specs = { cpu = 4, memory = 8192, disk = 100 } }
  worker = { count = 2, specs = { cpu = 4, memory = 8192, disk = 100 } }
}
module "c235" {
  source = "x/terraform-proxmox-talos-cluster"
  cluster = { name = "c235", vm_base_id = 23600, datastore = "local-lvm", node = "pve01" }
  image = { version = "v1.12.0", extensions = ["qemu-guest-agent"] }
  network = { cidr = "10.0.235.0/24", gateway = "10.0.235.1", dns_servers = ["1.1.1.1"] }
  controlplane = { count = 3, specs = { cpu = 4, memory = 8192, disk = 100 } }
  worker = { count = 2, specs = { cpu = 4, memory = 8192, disk = 100 } }
}
module "c236" {
  source = "x/terraform-proxmox-talos-cluster"
  cluster = { name = "c236", vm_base_id = 23700, datastore = "local-lvm", node = "pve01" }
  image = { version = "v1.12.0", extensions = ["qemu-guest-agent"] }
  network = { cidr = "10.0.236.0/24", gateway = "10.0.236.1", dns_servers = ["1.1.1.1"] }
  controlplane = { count = 3, specs = { cpu = 4, memory = 8192, disk = 100 } }
  worker = { count = 2, specs = { cpu = 4, memory = 8192, disk = 100 } }
}
module "c237" {
  source = "x/terraform-proxmox-talos-cluster"
  cluster = { name = "c237", vm_base_id = 23800, datastore = "local-lvm", node = "pve01" }
  image = { version = "v1.12.0", extensions = ["qemu-guest-agent"] }
  network = { cidr = "10.0.237.0/24", gateway = "10.0.237.1", dns_servers = ["1.1.1.1"] }
  controlplane = { count = 3, specs = { cpu = 4, memory = 8192, disk = 100 } }
  worker = { count = 2, specs = { cpu = 4, memory = 8192, disk = 100 } }
}
module "c238" {
  source = "x/terraform-proxmox-talos-cluster"
  cluster = { name = "c238", vm_base_id = 23900, datastore = "local-lvm", node = "pve01" }
  image = { version = "v1.12.0", extensions = ["qemu-guest-agent"] }
  network = { cidr = "10.0.238.0/24", gateway = "10.0.238.1", dns_servers = ["1.1.1.1"] }
  controlplane = { count = 3, specs = { cpu = 4, memory = 8192, disk = 100 } }
  worker = { count = 2, specs = { cpu = 4, memory = 8192, disk = 100 } }
}
module "c239" {
  source = "x/terraform-proxmox-talos-cluster"
  cluster = { name = "c239", vm_base_id = 24000, datastore = "local-lvm", node = "pve01" }
  image = { version = "v1.12.0", extensions = ["qemu-guest-agent"] }
  network = { cidr = "10.0.239.0/24", gateway = "10.0.239.1", dns_servers = ["1.1.1.1"] }
  controlplane = { count = 3, specs = { cpu = 4, memory = 8192, disk = 100 } }
  worker = { count = 2, specs = { cpu = 4, memory = 8192, disk = 100 } }
}
module "c240" {
  source = "x/terraform-proxmox-talos-cluster"
  cluster = { name = "c240", vm_base_id = 24100, datastore = "local-lvm", node = "pve01" }
  image = { version = "v1.12.0", extensions = ["qemu-guest-agent"] }
  network = { cidr = "10.0.240.0/24", gateway = "10.0.240.1", dns_servers = ["1.1.1.1"] }
  controlplane = { count = 3, specs = { cpu = 4, memory = 8192, disk = 100 } }
  worker = { count = 2, specs = { cpu = 4, memory = 8192, disk = 100 } }
}
module "c241" {
  source = "x/terraform-proxmox-talos-cluster"
  cluster = { name = "c241", vm_base_id = 24200, datastore = "local-lvm", node = "pve01" }
  image = { version = "v1.12.0", extensions = ["qemu-guest-agent"] }
  network = { cidr = "10.0.241.0/24", gateway = "10.0.241.1", dns_servers = ["1.1.1.1"] }
  controlplane = { count = 3, specs = { cpu = 4, memory = 8192, disk = 100 } }
  worker = { count = 2, specs = { cpu = 4, memory = 8192, disk = 100 } }
}
module "c242" {
  source = "x/terraform-proxmox-talos-cluster"
  cluster = { name = "c242", vm_base_id = 24300, datastore = "local-lvm", node = "pve01" }
  image = { version = "v1.12.0", extensions = ["qemu-guest-agent"] }
  network = { cidr = "10.0.242.0/24", gateway = "10.0.242.1", dns_servers = ["1.1.1.1"] }
  controlplane = { count = 3, specs = { cpu = 4, memory = 8192, disk = 100 } }
  worker = { count = 2, specs = { cpu = 4, memory = 8192, disk = 100 } }
}
module "c243" {
  source = "x/terraform-proxmox-talos-cluster"
  cluster = { name = "c243", vm_base_id = 24400, datastore = "local-lvm", node = "pve01" }
  image = { version = "v1.12.0", extensions = ["qemu-guest-agent"] }
  network = { cidr = "10.0.243.0/24", gateway = "10.0.243.1", dns_servers = ["1.1.1.1"] }
  controlplane = { count = 3, specs = { cpu = 4, memory = 8192, disk = 100 } }
  worker = { count = 2, specs = { cpu = 4, memory = 8192, disk = 100 } }
}
module "c244" {
  source = "x/terraform-proxmox-talos-cluster"
  cluster = { name = "c244", vm_base_id = 24500, datastore = "local-lvm", node = "pve01" }
  image = { version = "v1.12.0", extensions = ["qemu-guest-agent"] }
  network = { cidr = "10.0.244.0/24", gateway = "10.0.244.1", dns_servers = ["1.1.1.1"] }
  controlplane = { count = 3, specs = { cpu = 4, memory = 8192, disk = 100 } }
  worker = { count = 2, specs = { cpu = 4, memory = 8192, disk = 100 } }
}
module "c245" {
  source = "x/terraform-proxmox-talos-cluster"
  cluster = { name = "c245", vm_base_id = 24600, datastore = "local-lvm", node = "pve01" }
  image = { version = "v1.12.0", extensions = ["qemu-guest-agent"] }
  network = { cidr = "10.0.245.0/24", gateway = "10.0.245.1", dns_servers = ["1.1.1.1"] }
  controlplane = { count = 3, specs = { cpu = 4, memory = 8192, disk = 100 } }
  worker = { count = 2, specs = { cpu = 4, memory = 8192, disk = 100 } }
}
module "c246" {
  source = "x/terraform-proxmox-talos-cluster"
  cluster = { name = "c246", vm_base_id = 24700, datastore = "local-lvm", node = "pve01" }
  image = { version = "v1.12.0", extensions = ["qemu-guest-agent"] }
  network = { cidr = "10.0.246.0/24", gateway = "10.0.246.1", dns_servers = ["1.1.1.1"] }
  controlplane = { count = 3, specs = { cpu = 4, memory = 8192, disk = 100 } }
  worker = { count = 2, specs = { cpu = 4, memory = 8192, disk = 100 } }
}
module "c247" {
  source = "x/terraform-proxmox-talos-cluster"
  cluster = { name = "c247", vm_base_id = 24800, datastore = "local-lvm", node = "pve01" }
  image = { version = "v1.12.0", extensions = ["qemu-guest-agent"] }
  network = { cidr = "10.0.247.0/24", gateway = "10.0.247.1", dns_servers = ["1.1.1.1"] }
  controlplane = { count = 3, specs = { cpu = 4, memory = 8192, disk = 100 } }
  worker = { count = 2, specs = { cpu = 4, memory = 8192, disk = 100 } }
}
module "c248" {
  source = "x/terraform-proxmox-talos-cluster"
  cluster = { name = "c248", vm_base_id = 24900, datastore = "local-lvm", node = "pve01" }
  image = { version = "v1.12.0", extensions = ["qemu-guest-agent"] }
  network = { cidr = "10.0.248.0/24", gateway = "10.0.248.1", dns_servers = ["1.1.1.1"] }
  controlplane = { count = 3, specs = { cpu = 4, memory = 8192, disk = 100 } }
  worker = { count = 2, specs = { cpu = 4, memory = 8192, disk = 100 } }
}
module "c249" {
  source = "x/terraform-proxmox-talos-cluster"
  cluster = { name = "c249", vm_base_id = 25000, datastore = "local-lvm", node = "pve01" }
  image = { version = "v1.12.0", extensions = ["qemu-guest-agent"] }
  network = { cidr = "10.0.249.0/24", gateway = "10.0.249.1", dns_servers = ["1.1.1.1"] }
  controlplane = { count = 3, specs = { cpu = 4, memory = 8192, disk = 100 } }
  worker = { count = 2, specs = { cpu = 4, memory = 8192, disk = 100 } }
}
module "c250" {
  source = "x/terraform-proxmox-talos-cluster"
  cluster = { name = "c250", vm_base_id = 25100, datastore = "local-lvm", node = "pve01" }
  image = { version = "v1.12.0", extensions = ["qemu-guest-agent"] }
  network = { cidr = "10.0.250.0/24", gateway = "10.0.250.1", dns_servers = ["1.1.1.1"] }
  controlplane = { count = 3, specs = { cpu = 4, memory = 8192, disk = 100 } }
  worker = { count = 2, specs = { cpu = 4, memory = 8192, disk = 100 } }
}
module "c251" {
  source = "x/terraform-proxmox-talos-cluster"
  cluster = { name = "c251", vm_base_id = 25200, datastore = "local-lvm", node = "pve01" }
  image = { version = "v1.12.0", extensions = ["qemu-guest-agent"] }
  network = { cidr = "10.0.251.0/24", gateway = "10.0.251.1", dns_servers = ["1.1.1.1"] }
  controlplane = { count = 3, specs = { cpu = 4, memory = 8192, disk = 100 } }
  worker = { count = 2, specs = { cpu = 4, memory = 8192, disk = 100 } }
}
module "c252" {
  source = "x/terraform-proxmox-talos-cluster"
  cluster = { name = "c252", vm_base_id = 25300, datastore = "local-lvm", node = "pve01" }
  image = { version = "v1.12.0", extensions = ["qemu-guest-agent"] }
  network = { cidr = "10.0.252.0/24", gateway = "10.0.252.1", dns_servers = ["1.1.1.1"] }
  controlplane = { count = 3, specs = { cpu = 4, memory = 8192, disk = 100 } }
  worker = { count = 2, specs = { cpu = 4, memory = 8192, disk = 100 } }
}
module "c253" {
  source = "x/terraform-proxmox-talos-cluster"
  cluster = { name = "c253", vm_base_id = 25400, datastore = "local-lvm", node = "pve01" }
  image = { version = "v1.12.0", extensions = ["qemu-guest-agent"] }
  network = { cidr = "10.0.253.0/24", gateway = "10.0.253.1", dns_servers = ["1.1.1.1"] }
  controlplane = { count = 3, specs = { cpu = 4, memory = 8192, disk = 100 } }
  worker = { count = 2, specs = { cpu = 4, memory = 8192, disk = 100 } }
}
module "c254" {
  source = "x/terraform-proxmox-talos-cluster"
  cluster = { name = "c254", vm_base_id = 25500, datastore = "local-lvm", node = "pve01" }
  image = { version = "v1.12.0", extensions = ["qemu-guest-agent"] }
  network = { cidr = "10.0.254.0/24", gateway = "10.0.254.1", dns_servers = ["1.1.1.1"] }
  controlplane = { count = 3, specs = { cpu = 4, memory = 8192, disk = 100 } }
  worker = { count = 2, specs = { cpu = 4, memory = 8192, disk = 100 } }
}
module "c255" {
  source = "x/terraform-proxmox-talos-cluster"
  cluster = { name = "c255", vm_base_id = 25600, datastore = "local-lvm", node = "pve01" }
  image = { version = "v1.12.0", extensions = ["qemu-guest-agent"] }
  network = { cidr = "10.0.255.0/24", gateway = "10.0.255.1", dns_servers = ["1.1.1.1"] }
  controlplane = { count = 3, specs = { cpu = 4, memory = 8192, disk = 100 } }
  worker = { count = 2, specs = { cpu = 4, memory = 8192, disk = 100 } }
}
module "c256" {
  source = "x/terraform-proxmox-talos-cluster"
  cluster = { name = "c256", vm_base_id = 25700, datastore = "local-lvm", node = "pve01" }
  image = { version = "v1.12.0", extensions = ["qemu-guest-agent"] }
  network = { cidr = "10.1.0.0/24", gateway = "10.1.0.1", dns_servers = ["1.1.1.1"] }
  controlplane = { count = 3, specs = { cpu = 4, memory = 8192, disk = 100 } }
  worker = { count = 2, specs = { cpu = 4, memory = 8192, disk = 100 } }
}
module "c257" {
  source = "x/terraform-proxmox-talos-cluster"
  cluster = { name = "c257", vm_base_id = 25800, datastore = "local-lvm", node = "pve01" }
  image = { version = "v1.12.0", extensions = ["qemu-guest-agent"] }
  network = { cidr = "10.1.1.0/24", gateway = "10.1.1.1", dns_servers = ["1.1.1.1"] }
  controlplane = { count = 3, specs = { cpu = 4, memory = 8192, disk = 100 } }
  worker = { count = 2, specs = { cpu = 4, memory = 8192, disk = 100 } }
}
module "c258" {
  source = "x/terraform-proxmox-talos-cluster"
  cluster = { name = "c258", vm_base_id = 25900, datastore = "local-lvm", node = "pve01" }
  image = { version = "v1.12.0", extensions = ["qemu-guest-agent"] }
  network = { cidr = "10.1.2.0/24", gateway = "10.1.2.1", dns_servers = ["1.1.1.1"] }
  controlplane = { count = 3, specs = { cpu = 4, memory = 8192, disk = 100 } }
  worker = { count = 2, specs = { cpu = 4, memory = 8192, disk = 100 } }
}
module "c259" {
  source = "x/terraform-proxmox-talos-cluster"
  cluster = { name = "c259", vm_base_id = 26000, datastore = "local-lvm", node = "pve01" }
  image = { version = "v1.12.0", extensions = ["qemu-guest-agent"] }
  network = { cidr = "10.1.3.0/24", gateway = "10.1.3.1", dns_servers = ["1.1.1.1"] }
  controlplane = { count = 3, specs = { cpu = 4, memory = 8192, disk = 100 } }
  worker = { count = 2, specs = { cpu = 4, memory = 8192, disk = 100 } }
}
module "c260" {
  source = "x/terraform-proxmox-talos-cluster"
  cluster = { name = "c260", vm_base_id = 26100, datastore = "local-lvm", node = "pve01" }
  image = { version = "v1.12.0", extensions = ["qemu-guest-agent"] }
  network = { cidr = "10.1.4.0/24", gateway = "10.1.4.1", dns_servers = ["1.1.1.1"] }
  controlplane = { count = 3, specs = { cpu = 4, memory = 8192, disk = 100 } }
  worker = { count = 2, specs = { cpu = 4, memory = 8192, disk = 100 } }
}
module "c261" {
  source = "x/terraform-proxmox-talos-cluster"
  cluster = { name = "c261", vm_base_id = 26200, datastore = "local-lvm", node = "pve01" }
  image = { version = "v1.12.0", extensions = ["qemu-guest-agent"] }
  network = { cidr = "10.1.5.0/24", gateway = "10.1.5.1", dns_servers = ["1.1.1.1"] }
  controlplane = { count = 3, specs = { cpu = 4, memory = 8192, disk = 100 } }
  worker = { count = 2, specs = { cpu = 4, memory = 8192, disk = 100 } }
}
module "c262" {
  source = "x/terraform-proxmox-talos-cluster"
  cluster = { name = "c262", vm_base_id = 26300, datastore = "local-lvm", node = "pve01" }
  image = { version = "v1.12.0", extensions = ["qemu-guest-agent"] }
  network = { cidr = "10.1.6.0/24", gateway = "10.1.6.1", dns_servers = ["1.1.1.1"] }
  controlplane = { count = 3, specs = { cpu = 4, memory = 8192, disk = 100 } }
  worker = { count = 2, specs = { cpu = 4, memory = 8192, disk = 100 } }
}
module "c263" {
  source = "x/terraform-proxmox-talos-cluster"
  cluster = { name = "c263", vm_base_id = 26400, datastore = "local-lvm", node = "pve01" }
  image = { version = "v1.12.0", extensions = ["qemu-guest-agent"] }
  network = { cidr = "10.1.7.0/24", gateway = "10.1.7.1", dns_servers = ["1.1.1.1"] }
  controlplane = { count = 3, specs = { cpu = 4, memory = 8192, disk = 100 } }
  worker = { count = 2, specs = { cpu = 4, memory = 8192, disk = 100 } }
}
module "c264" {
  source = "x/terraform-proxmox-talos-cluster"
  cluster = { name = "c264", vm_base_id = 26500, datastore = "local-lvm", node = "pve01" }
  image = { version = "v1.12.0", extensions = ["qemu-guest-agent"] }
  network = { cidr = "10.1.8.0/24", gateway = "10.1.8.1", dns_servers = ["1.1.1.1"] }
  controlplane = { count = 3, specs = { cpu = 4, memory = 8192, disk = 100 } }
  worker = { count = 2, specs = { cpu = 4, memory = 8192, disk = 100 } }
}
module "c265" {
  source = "x/terraform-proxmox-talos-cluster"
  cluster = { name = "c265", vm_base_id = 26600, datastore = "local-lvm", node = "pve01" }
  image = { version = "v1.12.0", extensions = ["qemu-guest-agent"] }
  network = { cidr = "10.1.9.0/24", gateway = "10.1.9.1", dns_servers = ["1.1.1.1"] }
  controlplane = { count = 3, specs = { cpu = 4, memory = 8192, disk = 100 } }
  worker = { count = 2, specs = { cpu = 4, memory = 8192, disk = 100 } }
}
module "c266" {
  source = "x/terraform-proxmox-talos-cluster"
  cluster = { name = "c266", vm_base_id = 26700, datastore = "local-lvm", node = "pve01" }
  image = { version = "v1.12.0", extensions = ["qemu-guest-agent"] }
  network = { cidr = "10.1.10.0/24", gateway = "10.1.10.1", dns_servers = ["1.1.1.1"] }
  controlplane = { count = 3, specs = { cpu = 4, memory = 8192, disk = 100 } }
  worker = { count = 2, specs = { cpu = 4, memory = 8192, disk = 100 } }
}
module "c267" {
  source = "x/terraform-proxmox-talos-cluster"
  cluster = { name = "c267", vm_base_id = 26800, datastore = "local-lvm", node = "pve01" }
  image = { version = "v1.12.0", extensions = ["qemu-guest-agent"] }
  network = { cidr = "10.1.11.0/24", gateway = "10.1.11.1", dns_servers = ["1.1.1.1"] }
  controlplane = { count = 3, specs = { cpu = 4, memory = 8192, disk = 100 } }
  worker = { count = 2, specs = { cpu = 4, memory = 8192, disk = 100 } }
}
module "c268" {
  source = "x/terraform-proxmox-talos-cluster"
  cluster = { name = "c268", vm_base_id = 26900, datastore = "local-lvm", node = "pve01" }
  image = { version = "v1.12.0", extensions = ["qemu-guest-agent"] }
  network = { cidr = "10.1.12.0/24", gateway = "10.1.12.1", dns_servers = ["1.1.1.1"] }
  controlplane = { count = 3, specs = { cpu = 4, memory = 8192, disk = 100 } }
  worker = { count = 2, specs = { cpu = 4, memory = 8192, disk = 100 } }
}
module "c269" {
  source = "x/terraform-proxmox-talos-cluster"
  cluster = { name = "c269", vm_base_id = 27000, datastore = "local-lvm", node = "pve01" }
  image = { version = "v1.12.0", extensions = ["qemu-guest-agent"] }
  network = { cidr = "10.1.13.0/24", gateway = "10.1.13.1", dns_servers = ["1.1.1.1"] }
  controlplane = { count = 3, specs = { cpu = 4, memory = 8192, disk = 100 } }
  worker = { count = 2, specs = { cpu = 4, memory = 8192, disk = 100 } }
}
module "c270" {
  source = "x/terraform-proxmox-talos-cluster"
  cluster = { name = "c270", vm_base_id = 27100, datastore = "local-lvm", node = "pve01" }
  image = { version = "v1.12.0", extensions = ["qemu-guest-agent"] }
  network = { cidr = "10.1.14.0/24", gateway = "10.1.14.1", dns_servers = ["1.1.1.1"] }
  controlplane = { count = 3, specs = { cpu = 4, memory = 8192, disk = 100 } }
  worker = { count = 2, specs = { cpu = 4, memory = 8192, disk = 100 } }
}
module "c271" {
  source = "x/terraform-proxmox-talos-cluster"
  cluster = { name = "c271", vm_base_id = 27200, datastore = "local-lvm", node = "pve01" }
  image = { version = "v1.12.0", extensions = ["qemu-guest-agent"] }
  network = { cidr = "10.1.15.0/24", gateway = "10.1.15.1", dns_servers = ["1.1.1.1"] }
  controlplane = { count = 3, specs = { cpu = 4, memory = 8192, disk = 100 } }
  worker = { count = 2, specs = { cpu = 4, memory = 8192, disk = 100 } }
}
module "c272" {
  source = "x/terraform-proxmox-talos-cluster"
  cluster = { name = "c272", vm_base_id = 27300, datastore = "local-lvm", node = "pve01" }
  image = { version = "v1.12.0", extensions = ["qemu-guest-agent"] }
  network = { cidr = "10.1.16.0/24", gateway = "10.1.16.1", dns_servers = ["1.1.1.1"] }
  controlplane = { count = 3, specs = { cpu = 4, memory = 8192, disk = 100 } }
  worker = { count = 2, specs = { cpu = 4, memory = 8192, disk = 100 } }
}
module "c273" {
  source = "x/terraform-proxmox-talos-cluster"
  cluster = { name = "c273", vm_base_id = 27400, datastore = "local-lvm", node = "pve01" }
  image = { version = "v1.12.0", extensions = ["qemu-guest-agent"] }
  network = { cidr = "10.1.17.0/24", gateway = "10.1.17.1", dns_servers = ["1.1.1.1"] }
  controlplane = { count = 3, specs = { cpu = 4, memory = 8192, disk = 100 } }
  worker = { count = 2, specs = { cpu = 4, memory = 8192, disk = 100 } }
}
module "c274" {
  source = "x/terraform-proxmox-talos-cluster"
  cluster = { name = "c274", vm_base_id = 27500, datastore = "local-lvm", node = "pve01" }
  image = { version = "v1.12.0", extensions = ["qemu-guest-agent"] }
  network = { cidr = "10.1.18.0/24", gateway = "10.1.18.1", dns_servers = ["1.1.1.1"] }
  controlplane = { count = 3, specs = { cpu = 4, memory = 8192, disk = 100 } }
  worker = { count = 2, specs = { cpu = 4, memory = 8192, disk = 100 } }
}
module "c275" {
  source = "x/terraform-proxmox-talos-cluster"
  cluster = { name = "c275", vm_base_id = 27600, datastore = "local-lvm", node = "pve01" }
  image = { version = "v1.12.0", extensions = ["qemu-guest-agent"] }
  network = { cidr = "10.1.19.0/24", gateway = "10.1.19.1", dns_servers = ["1.1.1.1"] }
  controlplane = { count = 3, specs = { cpu = 4, memory = 8192, disk = 100 } }
  worker = { count = 2, specs = { cpu = 4, memory = 8192, disk = 100 } }
}
module "c276" {
  source = "x/terraform-proxmox-talos-cluster"
  cluster = { name = "c276", vm_base_id = 27700, datastore = "local-lvm", node = "pve01" }
  image = { version = "v1.12.0", extensions = ["qemu-guest-agent"] }
  network = { cidr = "10.1.20.0/24", gateway = "10.1.20.1", dns_servers = ["1.1.1.1"] }
  controlplane = { count = 3, specs = { cpu = 4, memory = 8192, disk = 100 } }
  worker = { count = 2, specs = { cpu = 4, memory = 8192, disk = 100 } }
}
module "c277" {
  source = "x/terraform-proxmox-talos-cluster"
  cluster = { name = "c277", vm_base_id = 27800, datastore = "local-lvm", node = "pve01" }
  image = { version = "v1.12.0", extensions = ["qemu-guest-agent"] }
  network = { cidr = "10.1.21.0/24", gateway = "10.1.21.1", dns_servers = ["1.1.1.1"] }
  controlplane = { count = 3, specs = { cpu = 4, memory = 8192, disk = 100 } }
  worker = { count = 2, specs = { cpu = 4, memory = 8192, disk = 100 } }
}
module "c278" {
  source = "x/terraform-proxmox-talos-cluster"
  cluster = { name = "c278", vm_base_id = 27900, datastore = "local-lvm", node = "pve01" }
  image = { version = "v1.12.0", extensions = ["qemu-guest-agent"] }
  network = { cidr = "10.1.22.0/24", gateway = "10.1.22.1", dns_servers = ["1.1.1.1"] }
  controlplane = { count = 3, specs = { cpu = 4, memory = 8192, disk = 100 } }
  worker = { count = 2, specs = { cpu = 4, memory = 8192, disk = 100 } }
}
module "c279" {
  source = "x/terraform-proxmox-talos-cluster"
  cluster = { name = "c279", vm_base_id = 28000, datastore = "local-lvm", node = "pve01" }
  image = { version = "v1.12.0", extensions = ["qemu-guest-agent"] }
  network = { cidr = "10.1.23.0/24", gateway = "10.1.23.1", dns_servers = ["1.1.1.1"] }
  controlplane = { count = 3, specs = { cpu = 4, memory = 8192, disk = 100 } }
  worker = { count = 2, specs = { cpu = 4, memory = 8192, disk = 100 } }
}
module "c280" {
  source = "x/terraform-proxmox-talos-cluster"
  cluster = { name = "c280", vm_base_id = 28100, datastore = "local-lvm", node = "pve01" }
  image = { version = "v1.12.0", extensions = ["qemu-guest-agent"] }
  network = { cidr = "10.1.24.0/24", gateway = "10.1.24.1", dns_servers = ["1.1.1.1"] }
  controlplane = { count = 3, specs = { cpu = 4, memory = 8192, disk = 100 } }
  worker = { count = 2, specs = { cpu = 4, memory = 8192, disk = 100 } }
}
module "c281" {
  source = "x/terraform-proxmox-talos-cluster"
  cluster = { name = "c281", vm_base_id = 28200, datastore = "local-lvm", node = "pve01" }
  image = { version = "v1.12.0", extensions = ["qemu-guest-agent"] }
  network = { cidr = "10.1.25.0/24", gateway = "10.1.25.1", dns_servers = ["1.1.1.1"] }
  controlplane = { count = 3, specs = { cpu = 4, memory = 8192, disk = 100 } }
  worker = { count = 2, specs = { cpu = 4, memory = 8192, disk = 100 } }
}
module "c282" {
  source = "x/terraform-proxmox-talos-cluster"
  cluster = { name = "c282", vm_base_id = 28300, datastore = "local-lvm", node = "pve01" }
  image = { version = "v1.12.0", extensions = ["qemu-guest-agent"] }
  network = { cidr = "10.1.26.0/24", gateway = "10.1.26.1", dns_servers = ["1.1.1.1"] }
  controlplane = { count = 3, specs = { cpu = 4, memory = 8192, disk = 100 } }
  worker = { count = 2, specs = { cpu = 4, memory = 8192, disk = 100 } }
}
module "c283" {
  source = "x/terraform-proxmox-talos-cluster"
  cluster = { name = "c283", vm_base_id = 28400, datastore = "local-lvm", node = "pve01" }
  image = { version = "v1.12.0", extensions = ["qemu-guest-agent"] }
  network = { cidr = "10.1.27.0/24", gateway = "10.1.27.1", dns_servers = ["1.1.1.1"] }
  controlplane = { count = 3, specs = { cpu = 4, memory = 8192, disk = 100 } }
  worker = { count = 2, specs = { cpu = 4, memory = 8192, disk = 100 } }
}
module "c284" {
  source = "x/terraform-proxmox-talos-cluster"
  cluster = { name = "c284", vm_base_id = 28500, datastore = "local-lvm", node = "pve01" }
  image = { version = "v1.12.0", extensions = ["qemu-guest-agent"] }
  network = { cidr = "10.1.28.0/24", gateway = "10.1.28.1", dns_servers = ["1.1.1.1"] }
  controlplane = { count = 3, specs = { cpu = 4, memory = 8192, disk = 100 } }
  worker = { count = 2, specs = { cpu = 4, memory = 8192, disk = 100 } }
}
module "c285" {
  source = "x/terraform-proxmox-talos-cluster"
  cluster = { name = "c285", vm_base_id = 28600, datastore = "local-lvm", node = "pve01" }
  image = { version = "v1.12.0", extensions = ["qemu-guest-agent"] }
  network = { cidr = "10.1.29.0/24", gateway = "10.1.29.1", dns_servers = ["1.1.1.1"] }
  controlplane = { count = 3, specs = { cpu = 4, memory = 8192, disk = 100 } }
  worker = { count = 2, specs = { cpu = 4, memory = 8192, disk = 100 } }
}
module "c286" {
  source = "x/terraform-proxmox-talos-cluster"
  cluster = { name = "c286", vm_base_id = 28700, datastore = "local-lvm", node = "pve01" }
  image = { version = "v1.12.0", extensions = ["qemu-guest-agent"] }
  network = { cidr = "10.1.30.0/24", gateway = "10.1.30.1", dns_servers = ["1.1.1.1"] }
  controlplane = { count = 3, specs = { cpu = 4, memory = 8192, disk = 100 } }
  worker = { count = 2, specs = { cpu = 4, memory = 8192, disk = 100 } }
}
module "c287" {
  source = "x/terraform-proxmox-talos-cluster"
  cluster = { name = "c287", vm_base_id = 28800, datastore = "local-lvm", node = "pve01" }
  image = { version = "v1.12.0", extensions = ["qemu-guest-agent"] }
  network = { cidr = "10.1.31.0/24", gateway = "10.1.31.1", dns_servers = ["1.1.1.1"] }
  controlplane = { count = 3, specs = { cpu = 4, memory = 8192, disk = 100 } }
  worker = { count = 2, specs = { cpu = 4, memory = 8192, disk = 100 } }
}
module "c288" {
  source = "x/terraform-proxmox-talos-cluster"
  cluster = { name = "c288", vm_base_id = 28900, datastore = "local-lvm", node = "pve01" }
  image = { version = "v1.12.0", extensions = ["qemu-guest-agent"] }
  network = { cidr = "10.1.32.0/24", gateway = "10.1.32.1", dns_servers = ["1.1.1.1"] }
  controlplane = { count = 3, specs = { cpu = 4, memory = 8192, disk = 100 } }
  worker = { count = 2, specs = { cpu = 4, memory = 8192, disk = 100 } }
}
module "c289" {
  source = "x/terraform-proxmox-talos-cluster"
  cluster = { name = "c289", vm_base_id = 29000, datastore = "local-lvm", node = "pve01" }
  image = { version = "v1.12.0", extensions = ["qemu-guest-agent"] }
  network = { cidr = "10.1.33.0/24", gateway = "10.1.33.1", dns_servers = ["1.1.1.1"] }
  controlplane = { count = 3, specs = { cpu = 4, memory = 8192, disk = 100 } }
  worker = { count = 2, specs = { cpu = 4, memory = 8192, disk = 100 } }
}
module "c290" {
  source = "x/terraform-proxmox-talos-cluster"
  cluster = { name = "c290", vm_base_id = 29100, datastore = "local-lvm", node = "pve01" }
  image = { version = "v1.12.0", extensions = ["qemu-guest-agent"] }
  network = { cidr = "10.1.34.0/24", gateway = "10.1.34.1", dns_servers = ["1.1.1.1"] }
  controlplane = { count = 3, specs = { cpu = 4, memory = 8192, disk = 100 } }
  worker = { count = 2, specs = { cpu = 4, memory = 8192, disk = 100 } }
}
module "c291" {
  source = "x/terraform-proxmox-talos-cluster"
  cluster = { name = "c291", vm_base_id = 29200, datastore = "local-lvm", node = "pve01" }
  image = { version = "v1.12.0", extensions = ["qemu-guest-agent"] }
  network = { cidr = "10.1.35.0/24", gateway = "10.1.35.1", dns_servers = ["1.1.1.1"] }
  controlplane = { count = 3, specs = { cpu = 4, memory = 8192, disk = 100 } }
  worker = { count = 2, specs = { cpu = 4, memory = 8192, disk = 100 } }
}
module "c292" {
  source = "x/terraform-proxmox-talos-cluster"
  cluster = { name = "c292", vm_base_id = 29300, datastore = "local-lvm", node = "pve01" }
  image = { version = "v1.12.0", extensions = ["qemu-guest-agent"] }
  network = { cidr = "10.1.36.0/24", gateway = "10.1.36.1", dns_servers = ["1.1.1.1"] }
  controlplane = { count = 3, specs = { cpu = 4, memory = 8192, disk = 100 } }
  worker = { count = 2, specs = { cpu = 4, memory = 8192, disk = 100 } }
}
module "c293" {
  source = "x/terraform-proxmox-talos-cluster"
  cluster = { name = "c293", vm_base_id = 29400, datastore = "local-lvm", node = "pve01" }
  image = { version = "v1.12.0", extensions = ["qemu-guest-agent"] }
  network = { cidr = "10.1.37.0/24", gateway = "10.1.37.1", dns_servers = ["1.1.1.1"] }
  controlplane = { count = 3, specs = { cpu = 4, memory = 8192, disk = 100 } }
  worker = { count = 2, specs = { cpu = 4, memory = 8192, disk = 100 } }
}
module "c294" {
  source = "x/terraform-proxmox-talos-cluster"
  cluster = { name = "c294", vm_base_id = 29500, datastore = "local-lvm", node = "pve01" }
  image = { version = "v1.12.0", extensions = ["qemu-guest-agent"] }
  network = { cidr = "10.1.38.0/24", gateway = "10.1.38.1", dns_servers = ["1.1.1.1"] }
  controlplane = { count = 3, specs = { cpu = 4, memory = 8192, disk = 100 } }
  worker = { count = 2, specs = { cpu = 4, memory = 8192, disk = 100 } }
}
module "c295" {
  source = "x/terraform-proxmox-talos-cluster"
  cluster = { name = "c295", vm_base_id = 29600, datastore = "local-lvm", node = "pve01" }
  image = { version = "v1.12.0", extensions = ["qemu-guest-agent"] }
  network = { cidr = "10.1.39.0/24", gateway = "10.1.39.1", dns_servers = ["1.1.1.1"] }
  controlplane = { count = 3, specs = { cpu = 4, memory = 8192, disk = 100 } }
  worker = { count = 2, specs = { cpu = 4, memory = 8192, disk = 100 } }
}
module "c296" {
  source = "x/terraform-proxmox-talos-cluster"
  cluster = { name = "c296", vm_base_id = 29700, datastore = "local-lvm", node = "pve01" }
  image = { version = "v1.12.0", extensions = ["qemu-guest-agent"] }
  network = { cidr = "10.1.40.0/24", gateway = "10.1.40.1", dns_servers = ["1.1.1.1"] }
  controlplane = { count = 3, specs = { cpu = 4, memory = 8192, disk = 100 } }
  worker = { count = 2, specs = { cpu = 4, memory = 8192, disk = 100 } }
}
module "c297" {
  source = "x/terraform-proxmox-talos-cluster"
  cluster = { name = "c297", vm_base_id = 29800, datastore = "local-lvm", node = "pve01" }
  image = { version = "v1.12.0", extensions = ["qemu-guest-agent"] }
  network = { cidr = "10.1.41.0/24", gateway = "10.1.41.1", dns_servers = ["1.1.1.1"] }
  controlplane = { count = 3, specs = { cpu = 4, memory = 8192, disk = 100 } }
  worker = { count = 2, specs = { cpu = 4, memory = 8192, disk = 100 } }
}
module "c298" {
  source = "x/terraform-proxmox-talos-cluster"
  cluster = { name = "c298", vm_base_id = 29900, datastore = "local-lvm", node = "pve01" }
  image = { version = "v1.12.0", extensions = ["qemu-guest-agent"] }
  network = { cidr = "10.1.42.0/24", gateway = "10.1.42.1", dns_servers = ["1.1.1.1"] }
  controlplane = { count = 3, specs = { cpu = 4, memory = 8192, disk = 100 } }
  worker = { count = 2, specs = { cpu = 4, memory = 8192, disk = 100 } }
}
module "c299" {
  source = "x/terraform-proxmox-talos-cluster"
  cluster = { name = "c299", vm_base_id = 30000, datastore = "local-lvm", node = "pve01" }
  image = { version = "v1.12.0", extensions = ["qemu-guest-agent"] }
  network = { cidr = "10.1.43.0/24", gateway = "10.1.43.1", dns_servers = ["1.1.1.1"] }
  controlplane = { count = 3, specs = { cpu = 4, memory = 8192, disk = 100 } }
  worker = { count = 2, specs = { cpu = 4, memory = 8192, disk = 100 } }
}
