cluster {
  name = "homelab"
}
controlplane = { count = 3 }
