// Writes dist/openapi.json from the built contract, so the server and the docs serve the same file.
import { readFile, writeFile } from 'node:fs/promises';
import { generateOpenApiDocument } from '../dist/openapi/index.js';

const { version } = JSON.parse(await readFile(new URL('../package.json', import.meta.url), 'utf8'));
const document = generateOpenApiDocument({ version });
await writeFile(new URL('../dist/openapi.json', import.meta.url), `${JSON.stringify(document, null, 2)}\n`);
console.log(`openapi.json: ${Object.keys(document.paths).length} paths`);
