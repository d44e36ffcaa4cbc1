cluster = "homelab"
controlplane = { count = "three", specs = [] }
network = [1, 2, 3]
worker = { count = -1, specs = { cpu = true } }
image = null
