variable "talos_version" {
  description = "Talos release of the nodes"
  type        = string
  default     = "v1.11.5"
}

variable "controlplanes" {
  type    = number
  default = 1
}

variable "workers" {
  type = number
}

variable "network" {
  type = object({
    cidr    = string
    gateway = string
  })
}

variable "proxmox_endpoint" {
  type = string
}
