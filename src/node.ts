// gammawall/node: Node-only helpers (file-system chain readers, chart rendering to files).
export {};
