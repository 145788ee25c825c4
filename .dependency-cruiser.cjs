// The one-way arrows of docs/architecture.md, and no import circle, checked on every `pnpm test`
// (`pnpm arrows` alone). A rule names the arrow it guards; the paths are the packages' folders.
const provider = '^packages/providers/';
const server = '^packages/server/';
const contract = '^packages/contract/';

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      severity: 'error',
      comment: 'An import circle: two files that need each other are one idea split badly.',
      from: {},
      to: { circular: true },
    },
    {
      name: 'contract-imports-no-provider',
      severity: 'error',
      comment: 'The contract imports no provider and not the server (they meet only in the server).',
      from: { path: contract },
      to: { path: [provider, server, '^packages/(sdk|cli)/'] },
    },
    {
      name: 'providers-import-no-contract',
      severity: 'error',
      comment: 'Providers import no contract, no server, and no other provider: only @ads/provider.',
      from: { path: `${provider}([^/]+)/` },
      to: { path: [contract, server, `${provider}(?!$1/|core/)`] },
    },
    {
      name: 'vocabulary-imports-nothing',
      severity: 'error',
      comment: '@ads/vocabulary is the bottom of the graph: the words the contract and the providers share.',
      from: { path: '^packages/vocabulary/' },
      to: { path: '^packages/', pathNot: '^packages/vocabulary/' },
    },
    {
      name: 'nothing-imports-the-server',
      severity: 'error',
      comment:
        'Nothing imports the server, but the bench and the reliability suite (which run it) and the docs (its reference data).',
      from: { pathNot: [server, '^packages/(bench|reliability)/', '^apps/docs/'] },
      to: { path: server },
    },
    {
      name: 'clients-import-no-server-or-provider',
      severity: 'error',
      comment:
        'The SDK, the CLI and the AI SDK provider talk to the gateway over HTTP: they import neither the server nor a provider.',
      from: { path: '^packages/(sdk|cli|ai-sdk-provider)/src/' },
      to: { path: [server, provider] },
    },
    {
      name: 'console-talks-through-the-sdk',
      severity: 'error',
      comment:
        'The console uses only the public API, through the SDK: no contract schema, no server, no provider in its bundle.',
      from: { path: '^apps/console/src/' },
      to: { path: '^packages/', pathNot: '^packages/sdk/' },
    },
  ],
  options: {
    // A workspace package is reached through its built entry (dist/): an edge to it counts, its inside is
    // cruised from its own sources.
    doNotFollow: { path: ['node_modules', '/dist/'] },
    exclude: { path: ['\\.generated\\.ts$', '/content/'] },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.base.json' },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'types', 'node', 'default'],
    },
  },
};
