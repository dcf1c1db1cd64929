/**
 * Import rules checked in CI (`npm run check:imports`). Type-only imports count too: a cycle of
 * types is still two modules that must be read together, so none is allowed.
 */
module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      severity: 'error',
      comment:
        'A lower module never imports a higher one: declare an interface where it is used and wire it in src/composition.ts.',
      from: {},
      to: { circular: true },
    },
    {
      name: 'no-module-imports-the-root',
      severity: 'error',
      // The platform's migrator, demo seeder and command line read the module list: they run for the
      // whole app, so they are the root's side of the platform (see docs/architecture.md).
      comment:
        'Modules are given their services (routes, home cards, jobs, commands); they never import the composition root or the module list.',
      from: { path: '^src/(?!platform/)[^/]+/', pathNot: '\\.test\\.ts$' },
      to: { path: '^src/(composition|app|modules|commands)\\.ts$' },
    },
  ],
  options: {
    tsConfig: { fileName: 'tsconfig.json' },
    tsPreCompilationDeps: true,
    doNotFollow: { path: 'node_modules' },
    exclude: { path: 'node_modules' },
  },
};
