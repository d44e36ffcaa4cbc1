// Builds the static planner page into www/dist. The WebAssembly package comes from
// ../pkg (www/scripts/build-package.sh), imported as `talos-planner`.
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const pkg = fileURLToPath(new URL('../pkg', import.meta.url));
// The Terraform package (build-package.sh hcl): imported dynamically, so it is a chunk
// of its own that the page fetches only once the text is Terraform.
const pkgHcl = fileURLToPath(new URL('../pkg-hcl', import.meta.url));
// The second package (secrets, machine configs), loaded only by the section's worker.
const pkgSecrets = fileURLToPath(new URL('../pkg-secrets', import.meta.url));

export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  // Relative URLs: dist/ works from any path, or opened from a file server's subfolder.
  base: './',
  resolve: {
    alias: [
      { find: /^talos-planner-secrets$/, replacement: `${pkgSecrets}/talos_planner.js` },
      { find: /^talos-planner-secrets\//, replacement: `${pkgSecrets}/` },
      { find: /^talos-planner$/, replacement: `${pkg}/talos_planner.js` },
      { find: /^talos-planner\//, replacement: `${pkg}/` },
      { find: /^talos-planner-hcl$/, replacement: `${pkgHcl}/talos_planner.js` },
      { find: /^talos-planner-hcl\//, replacement: `${pkgHcl}/` },
    ],
  },
  worker: { format: 'es' },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    // The .wasm stays a separate file (streamed and compiled while the page loads).
    assetsInlineLimit: 0,
    chunkSizeWarningLimit: 1024,
  },
  server: {
    host: '127.0.0.1',
    fs: { allow: [fileURLToPath(new URL('..', import.meta.url))] },
  },
  preview: {
    host: '127.0.0.1',
  },
});
