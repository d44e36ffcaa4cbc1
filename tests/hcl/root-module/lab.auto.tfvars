controlplanes = 3
