"""Partner data exports (DESIGN §4): datasets, selection, one module per format."""
