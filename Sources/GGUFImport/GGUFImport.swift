// GGUFImport — see the module overview in docs/ once implemented.
