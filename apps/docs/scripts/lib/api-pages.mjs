import { curlExample } from './curl.mjs';
import { cell, code, fence, generatedFrom, kebab, page, table } from './markdown.mjs';
import { fieldsTable, typeOf } from './schema-fields.mjs';

/** The API's surfaces, in reading order, by OpenAPI tag. */
export const surfaces = [
  { tag: 'actions', title: 'Actions API', note: 'camelCase fields, as in the CLI & API guide.' },
  { tag: 'videos', title: 'REST API: videos and tasks', note: 'snake_case fields, as in the credits guide.' },
  {
    tag: 'files',
    title: 'REST API: files',
    note: 'Uploads to give as image or video inputs on any surface (multipart/form-data).',
  },
  {
    tag: 'openai',
    title: 'OpenAI-compatible videos API',
    // The heading's own anchor (a camel-cased name would split "OpenAI").
    anchor: 'openai-compatible-videos-api',
    note: 'What the `openai` package calls: `client.videos.*` with `baseURL` set to the gateway’s `/v1`.',
  },
  { tag: 'models', title: 'REST API: models', note: 'The catalog, with prices and scene defaults.' },
  { tag: 'account', title: 'REST API: account', note: "The key's workspace and balance." },
  {
    tag: 'ledger',
    title: 'REST API: ledger',
    note: "The workspace's credit entries: top-ups, reserves, refunds and adjustments.",
  },
  {
    tag: 'webhooks',
    title: 'REST API: webhooks',
    note: 'Signed task events to your endpoints, their deliveries, the callback signing secret.',
  },
  {
    tag: 'admin',
    title: 'Admin API',
    note: 'Needs `ADS_ADMIN_TOKEN` on the server and as the bearer token.',
  },
  {
    tag: 'session',
    title: 'Console: sessions',
    note: 'Sign-in for people (the console): a cookie session, with X-CSRF-Token on every change.',
  },
  {
    tag: 'keys',
    title: 'Console: API keys',
    note: 'A signed-in user’s own keys: only a session mints or revokes them.',
  },
  {
    tag: 'users',
    title: 'Admin API: users',
    note: 'The admin token, or the session of a user with the operator role.',
  },
  { tag: 'usage', title: 'REST API: usage', note: 'Credits spent per day and per model.' },
  { tag: 'health', title: 'Health', note: 'For load balancers and orchestrators; no credentials.' },
];

const authText = {
  'api-key': 'API key: `Authorization: Bearer sk-...` or `X-Api-Key: sk-...`.',
  admin: 'Admin token: `Authorization: Bearer $ADS_ADMIN_TOKEN`, or an operator’s console session.',
  session:
    'A console session: the `ads_session` cookie of `POST /v1/session`, and `X-CSRF-Token` on changes.',
  none: 'None.',
};

function authOf(operation) {
  const schemes = (operation.security ?? []).flatMap((entry) => Object.keys(entry));
  if (schemes.includes('adminToken')) return 'admin';
  if (schemes.length === 1 && schemes[0] === 'consoleSession') return 'session';
  return schemes.length ? 'api-key' : 'none';
}

/** The file name (without `.md`) of an operation's page under `reference/api/`. */
export function endpointSlug(operationId) {
  return kebab(operationId);
}

/** Every operation of the document with its method, path, page slug and surface. */
export function operationsOf(document) {
  return Object.entries(document.paths).flatMap(([path, methods]) =>
    Object.entries(methods).map(([method, operation]) => ({
      method: method.toUpperCase(),
      path,
      operation,
      auth: authOf(operation),
      tag: operation.tags?.[0] ?? 'other',
      slug: endpointSlug(operation.operationId),
      title: `${method.toUpperCase()} ${path}`,
    })),
  );
}

function parametersTable(parameters) {
  return table(
    ['Name', 'Type', 'Required', 'Description'],
    parameters.map((parameter) => [
      code(parameter.name),
      code(typeOf(parameter.schema)),
      parameter.required ? 'yes' : 'no',
      cell(parameter.description ?? parameter.schema?.description ?? ''),
    ]),
  );
}

function jsonSchemaDetails(schema) {
  return `<details><summary>JSON Schema</summary>\n\n${fence('json', JSON.stringify(schema, null, 2))}\n\n</details>`;
}

function requestSection(operation) {
  const parts = ['## Request'];
  for (const [location, title] of [
    ['path', 'Path parameters'],
    ['query', 'Query parameters'],
    ['header', 'Headers'],
  ]) {
    const parameters = (operation.parameters ?? []).filter((parameter) => parameter.in === location);
    if (parameters.length) parts.push(`### ${title}`, parametersTable(parameters));
  }
  const body = operation.requestBody?.content?.['application/json']?.schema;
  if (body) {
    parts.push(
      '### Body',
      'JSON (`Content-Type: application/json`).',
      fieldsTable(body),
      jsonSchemaDetails(body),
    );
  } else if (parts.length === 1) {
    parts.push('No parameters and no body.');
  }
  return parts.join('\n\n');
}

function responsesSection(operation, errorCodeTable) {
  const entries = Object.entries(operation.responses);
  const successes = entries.filter(([status]) => status.startsWith('2'));
  const errors = entries.filter(([status]) => !status.startsWith('2'));
  const parts = ['## Responses'];
  for (const [status, response] of successes) {
    const schema = response.content?.['application/json']?.schema;
    parts.push(`### ${status}`, cell(response.description ?? ''));
    if (schema) parts.push(fieldsTable(schema), jsonSchemaDetails(schema));
  }
  if (errors.length) {
    parts.push(
      '### Errors',
      'Every error answers with the [error envelope](./index.md#the-error-envelope); its `code` says why.',
      table(
        ['Status', 'Codes'],
        errors.map(([status]) => [
          status,
          Object.entries(errorCodeTable)
            .filter(([, entry]) => String(entry.status) === status)
            .map(([name]) => code(name))
            .join(', ') || '–',
        ]),
      ),
    );
  }
  return parts.join('\n\n');
}

function endpointPage(entry, surface, errorCodeTable) {
  const { operation } = entry;
  const body = [
    `# ${entry.title}`,
    `**${cell(operation.summary ?? '')}**`,
    operation.description ? cell(operation.description) : '',
    [
      `- **Surface:** [${surface.title}](./index.md#${surface.anchor ?? kebab(surface.title)})`,
      `- **Authentication:** ${authText[entry.auth]}`,
      `- **Operation id:** ${code(operation.operationId)}`,
    ].join('\n'),
    '## Example',
    fence('sh', curlExample(entry)),
    requestSection(operation),
    responsesSection(operation, errorCodeTable),
    generatedFrom('the contract’s OpenAPI document (`packages/contract/dist/openapi.json`)'),
  ];
  return page({
    title: entry.title,
    description: operation.summary,
    body: body.filter(Boolean).join('\n\n'),
  });
}

function envelopeSchema(operations) {
  for (const { operation } of operations) {
    const schema = operation.responses?.['400']?.content?.['application/json']?.schema;
    if (schema) return schema;
  }
  throw new Error('No operation documents the error envelope (a 400 response).');
}

function indexPage(document, operations, errorCodeTable) {
  const sections = surfaces.map((surface) => {
    const rows = operations
      .filter((entry) => entry.tag === surface.tag)
      .map((entry) => [`[${code(entry.title)}](./${entry.slug}.md)`, cell(entry.operation.summary ?? '')]);
    return [`## ${surface.title}`, surface.note, table(['Endpoint', 'What it does'], rows)].join('\n\n');
  });
  const body = [
    '# HTTP API reference',
    'Two surfaces, one server, one task model: a task created through the actions API can be read through the REST API and the other way round. The base URL is the gateway’s address (`http://127.0.0.1:8787` on a local install). The OpenAPI 3.1 document this page is built from is served by every gateway at `/openapi.json`, with an interactive reference at `/docs`.',
    '## Authentication',
    'Send the API key as `Authorization: Bearer sk-...` or `X-Api-Key: sk-...`. A key belongs to a workspace; `workspaceId` (actions) or `workspace_id` (REST) selects another workspace of the same owner. Admin routes take the server’s `ADS_ADMIN_TOKEN` as the bearer token instead.',
    '## Retrying safely',
    'Creates accept an `Idempotency-Key` header: the same key with the same body returns the same task and charges once; the same key with another body is a `409 idempotency_conflict`. Reads are always safe to retry.',
    ...sections,
    '## The error envelope',
    'Every error, on every route, has this shape:',
    fence(
      'json',
      '{ "error": { "code": "invalid_request", "message": "…", "issues": [{ "path": "image_input", "message": "…" }], "requestId": "…" } }',
    ),
    fieldsTable(envelopeSchema(operations)),
    '## Error codes',
    table(
      ['Code', 'Status', 'Meaning'],
      Object.entries(errorCodeTable).map(([name, entry]) => [
        code(name),
        String(entry.status),
        cell(entry.description),
      ]),
    ),
    generatedFrom(`the contract’s OpenAPI document (${Object.keys(document.paths).length} paths)`),
  ];
  return page({
    title: 'HTTP API reference',
    description: 'Every route of the ads gateway',
    body: body.join('\n\n'),
  });
}

/** The API reference pages (`reference/api/...`) and their sidebar group. */
export function apiReference(document, errorCodeTable) {
  const operations = operationsOf(document);
  const known = new Set(surfaces.map((surface) => surface.tag));
  const stray = operations.filter((entry) => !known.has(entry.tag));
  if (stray.length)
    throw new Error(`No API reference section for tag(s): ${stray.map((entry) => entry.tag)}`);
  const pages = { 'reference/api/index.md': indexPage(document, operations, errorCodeTable) };
  for (const entry of operations) {
    const surface = surfaces.find((candidate) => candidate.tag === entry.tag);
    pages[`reference/api/${entry.slug}.md`] = endpointPage(entry, surface, errorCodeTable);
  }
  const sidebar = {
    text: 'HTTP API',
    collapsed: false,
    items: [
      { text: 'Overview and errors', link: '/reference/api/' },
      ...surfaces.map((surface) => ({
        text: surface.title,
        collapsed: true,
        items: operations
          .filter((entry) => entry.tag === surface.tag)
          .map((entry) => ({ text: entry.title, link: `/reference/api/${entry.slug}` })),
      })),
    ],
  };
  return { pages, sidebar, operations };
}
