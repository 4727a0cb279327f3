// The architecture's rules, checked by `npm test` (`npm run check:architecture`)
// with dependency-cruiser. The layers are listed in .dependency-cruiser-layers.json;
// docs/architecture.md draws the same layers, and a test
// (test/architecture/architecture-doc.test.ts) checks that the two agree.
//
// 1. Front doors: a module outside a domain imports only the domain's
//    index.ts (the platform is a library of modules, not a domain, and may be
//    imported module by module).
// 2. Layers: a domain imports only domains on lower layers, never one on its
//    own layer or above, so no two domain folders can form a cycle. Tests are
//    exempt from this rule (a test may drive the whole application), not from
//    the first.
// 3. The core imports nothing else of Fairbill; the platform imports no
//    domain; the console in web/ imports nothing from src/.
// 4. The TypeScript SDK in packages/sdk-typescript imports nothing outside its
//    package, and no Node.js module outside its file spool.

/** Domains from the bottom up; each imports only from the layers before its own. */
const { layers } = require("./.dependency-cruiser-layers.json");

const domains = layers.flat();
const anyDomain = `^src/(${domains.join("|")})/`;
const testFile = "\\.test\\.ts$";

const layerRules = layers.flatMap((layer, index) => {
  const notBelow = layers.slice(index).flat();
  return layer.map((domain) => ({
    name: `layer-${domain}`,
    comment: `${domain} may import only domains on lower layers (see docs/architecture.md)`,
    severity: "error",
    from: { path: `^src/${domain}/`, pathNot: testFile },
    to: { path: `^src/(${notBelow.filter((other) => other !== domain).join("|")})/` },
  }));
});

module.exports = {
  forbidden: [
    {
      name: "front-door",
      comment: "another domain is reached only through its index.ts",
      severity: "error",
      from: { path: "^src/([^/]+)/" },
      to: {
        path: anyDomain.replace("^src/(", "^src/(core|"),
        pathNot: ["^src/$1/", "^src/[^/]+/index\\.ts$"],
      },
    },
    {
      name: "front-door-from-outside",
      comment: "the composition root, tests, benchmarks and scripts reach a domain only through its index.ts",
      severity: "error",
      from: { path: "^(src/[^/]+\\.ts|test/|bench/|scripts/)" },
      to: { path: anyDomain.replace("^src/(", "^src/(core|"), pathNot: "^src/[^/]+/index\\.ts$" },
    },
    ...layerRules,
    {
      name: "core-is-pure",
      comment: "the billing engine imports nothing else of Fairbill (no domain, no platform)",
      severity: "error",
      from: { path: "^src/core/" },
      to: { path: "^src/(?!core/)" },
    },
    {
      name: "platform-imports-no-domain",
      comment: "the platform is below every domain",
      severity: "error",
      from: { path: "^src/platform/", pathNot: testFile },
      to: { path: "^src/(?!platform/|core/)" },
    },
    {
      name: "web-imports-nothing-from-src",
      comment: "the console talks to the server through its generated API client only",
      severity: "error",
      from: { path: "^web/" },
      to: { path: "^src/" },
    },
    {
      name: "sdk-stands-alone",
      comment: "the SDK is published on its own: it imports nothing of the repository outside its package",
      severity: "error",
      from: { path: "^packages/sdk-typescript/" },
      to: { path: "^(?!packages/sdk-typescript/)", dependencyTypesNot: ["npm", "core"] },
    },
    {
      name: "sdk-core-needs-only-fetch",
      comment: "the SDK runs where there is only fetch: Node.js modules only in its file spool",
      severity: "error",
      from: {
        path: "^packages/sdk-typescript/src/",
        pathNot: "^packages/sdk-typescript/src/file-spool\\.ts$",
      },
      to: { dependencyTypes: ["core"] },
    },
    {
      name: "no-cycle",
      comment: "no module imports itself back through others (type-only imports, erased at run time, aside)",
      severity: "error",
      from: { pathNot: testFile },
      to: { circular: true, viaOnly: { dependencyTypesNot: ["type-only"] } },
    },
  ],
  options: {
    doNotFollow: { path: "node_modules" },
    exclude: { path: "^(node_modules|web/dist|\\.tmp)" },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: "tsconfig.json" },
    enhancedResolveOptions: { extensions: [".ts", ".tsx", ".js"] },
    reporterOptions: { text: { highlightFocused: true } },
  },
};
