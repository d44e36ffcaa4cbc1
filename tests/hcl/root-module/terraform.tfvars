talos_version    = "v1.12"
workers          = 2
proxmox_endpoint = "https://pve.example.com:8006"
network = {
  cidr    = "10.10.100.0/24"
  gateway = "10.10.100.1"
}
region = "eu-west"
