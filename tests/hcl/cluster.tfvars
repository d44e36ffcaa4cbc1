# terraform.tfvars for the module, in HCL
cluster = {
  name       = "homelab"
  node       = "pve01"
  datastore  = "local-lvm"
  vm_base_id = 700
}
image = {
  version    = "v1.12.0"
  extensions = ["qemu-guest-agent"]
}
network = {
  cidr        = "10.10.100.0/24"
  gateway     = "10.10.100.1"
  dns_servers = ["1.1.1.1"]
}
controlplane = {
  count = 3
  specs = {
    cpu    = 4
    memory = 4096
    disk   = 100
  }
  overrides = {
    "controlplane-2" = { node = "pve02" }
    "controlplane-3" = { node = "pve03" }
  }
}
worker = {
  count = 2
  specs = {
    cpu    = 2
    memory = 4096
    disk   = 100
  }
}
