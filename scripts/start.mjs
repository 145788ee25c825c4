// `pnpm start`: runs the gateway on its embedded defaults. Until the server package is built,
// it shows the API the gateway serves, read from the contract's generated OpenAPI document.
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';

const serverEntry = new URL('../packages/server/dist/main.js', import.meta.url);
if (existsSync(serverEntry)) {
  await import(serverEntry.href);
} else {
  const openapiPath = new URL('../packages/contract/dist/openapi.json', import.meta.url);
  const document = JSON.parse(await readFile(openapiPath, 'utf8'));
  console.log(
    `${document.info.title} ${document.info.version}: the contract is built (${openapiPath.pathname}).`,
  );
  console.log(
    'The gateway server (@ads/server) is not part of this build yet; these are the routes it serves:\n',
  );
  for (const [path, operations] of Object.entries(document.paths)) {
    for (const [method, operation] of Object.entries(operations)) {
      console.log(`  ${method.toUpperCase().padEnd(6)} ${path.padEnd(42)} ${operation.summary ?? ''}`);
    }
  }
}
