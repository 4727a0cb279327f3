// Builds the console into web/dist, which `fairbill serve` serves at `/`.
// `npx vite web` runs it with hot reload against an API on port 8080.
import react from "@vitejs/plugin-react";
import { defineConfig } from "vite";

const api = "http://localhost:8080";

export default defineConfig({
  plugins: [react()],
  build: { outDir: "dist", emptyOutDir: true, sourcemap: true },
  server: {
    proxy: { "/v1": api, "/console": api, "/openapi.json": api, "/docs": api },
  },
});
