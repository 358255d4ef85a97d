import { fileURLToPath } from "node:url";
import { sveltekit } from "@sveltejs/kit/vite";
import adapter from "@sveltejs/adapter-static";
import { defineConfig } from "vite";

const webRoot = fileURLToPath(new URL(".", import.meta.url));
const buildDir = fileURLToPath(new URL("build", import.meta.url));

/**
 * The SPA lives in web/ but is built from the repo root (`vite build --config web/vite.config.ts`),
 * so the root and the adapter's output are absolute. SvelteKit 3 takes its config here (a
 * svelte.config.js is rejected). The Worker serves web/build with index.html as the fallback.
 */
export default defineConfig({
  root: webRoot,
  plugins: [
    sveltekit({
      adapter: adapter({ pages: buildDir, assets: buildDir, fallback: "index.html" }),
      // Absolute asset paths: the fallback page is served at every depth (/leads/lead_…).
      paths: { relative: false },
      // The bootstrap <script> SvelteKit inlines is allowed by its hash, in a <meta> policy the
      // build writes into the page (it changes every build); web/static/_headers sends the rest.
      csp: { mode: "hash", directives: { "script-src": ["self"] } },
    }),
  ],
});
