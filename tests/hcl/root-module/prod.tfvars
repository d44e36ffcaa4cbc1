# Not loaded automatically: only with --var-file.
controlplanes = 5
talos_version = "v1.12.0"
