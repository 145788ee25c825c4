// Writes the generated pages of the documentation site into content/reference/ (never edited by
// hand, not committed): the HTTP API reference from the contract's OpenAPI document, the CLI
// reference from the CLI's command definitions, the model catalog and the environment table from
// the server's reference data, the scene table from the contract, the changelog from changesets,
// the benchmark table from the last full `pnpm bench` run.
import { existsSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { cliReference } from '@ads/cli/reference';
import { cliVideoResultSchema, errorCodeTable, sceneTable, toJsonSchema } from '@ads/contract';
import { generateOpenApiDocument } from '@ads/contract/openapi';
import { catalogReference, environmentVariables } from '@ads/server/reference';
import { apiReference } from './lib/api-pages.mjs';
import { benchResults } from './lib/bench-results.mjs';
import { catalogPage, catalogTable } from './lib/catalog-page.mjs';
import { changelogPage } from './lib/changelog-page.mjs';
import { cliPage } from './lib/cli-page.mjs';
import { environmentTables } from './lib/environment-page.mjs';
import { sceneTableMarkdown } from './lib/scene-table.mjs';

const docsRoot = path.resolve(import.meta.dirname, '..');
const repositoryRoot = path.resolve(docsRoot, '../..');
const output = path.join(docsRoot, 'content/reference');

const document = generateOpenApiDocument();
const api = apiReference(document, errorCodeTable);

/** The 200/201 answer of a route, for the CLI's `--json` documents. */
function openApiResponse({ method, path: routePath }) {
  const openApiPath = routePath.replace(/:(\w+)/g, '{$1}');
  const operation = document.paths[openApiPath]?.[method.toLowerCase()];
  if (!operation) throw new Error(`The CLI calls ${method} ${routePath}, which the OpenAPI document lacks.`);
  const success = Object.entries(operation.responses).find(([status]) => status.startsWith('2'))?.[1];
  return {
    method,
    path: openApiPath,
    schema: { operationId: operation.operationId, response: success?.content?.['application/json']?.schema },
  };
}

const catalog = catalogReference();
/** Every workspace package folder (where `changeset version` writes a CHANGELOG.md). */
const packageDirs = ['packages', 'packages/providers'].flatMap((parent) =>
  readdirSync(path.join(repositoryRoot, parent))
    .map((name) => `${parent}/${name}`)
    .filter((dir) => existsSync(path.join(repositoryRoot, dir, 'package.json'))),
);

const files = {
  ...api.pages,
  'reference/cli.md': cliPage(cliReference(), {
    openApiResponse,
    videoSchema: toJsonSchema(cliVideoResultSchema, 'output'),
  }),
  'reference/models.md': catalogPage(catalog),
  'reference/changelog.md': await changelogPage(repositoryRoot, packageDirs),
  // Parts included by the hand-written guides (`<!--@include: ...-->`); not pages themselves.
  'reference/parts/environment.md': environmentTables(environmentVariables),
  'reference/parts/catalog-table.md': catalogTable(catalog),
  'reference/parts/scenes.md': sceneTableMarkdown(sceneTable),
  'reference/parts/bench-results.md': benchResults(
    path.join(repositoryRoot, 'packages/bench/results/latest.json'),
  ),
  'reference/sidebar.json': `${JSON.stringify(api.sidebar, null, 2)}\n`,
};

rmSync(output, { recursive: true, force: true });
for (const [file, text] of Object.entries(files)) {
  const target = path.join(docsRoot, 'content', file);
  mkdirSync(path.dirname(target), { recursive: true });
  writeFileSync(target, text.endsWith('\n') ? text : `${text}\n`);
}
console.log(
  `docs: generated ${Object.keys(files).length} files (${api.operations.length} API routes, ${catalog.models.length} models) in content/reference/`,
);
