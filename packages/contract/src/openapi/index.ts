import type { AppRoute } from '@ts-rest/core';
import { generateOpenApi } from '@ts-rest/open-api';
import type { z } from 'zod';
import { contract } from '../contract.js';
import { errorCodeTable } from '../errors.js';
import { toJsonSchema } from '../json-schema.js';
import type { RouteMetadata } from '../route-metadata.js';
import { withExample } from './operation-example.js';

function isZodSchema(value: unknown): value is z.ZodType {
  return typeof value === 'object' && value !== null && '_zod' in value;
}

export type OpenApiDocument = ReturnType<typeof generateOpenApi>;

const securityByAuth: Record<RouteMetadata['auth'], Array<Record<string, string[]>>> = {
  'api-key': [{ bearerApiKey: [] }, { headerApiKey: [] }, { consoleSession: [] }],
  admin: [{ adminToken: [] }, { consoleSession: [] }],
  session: [{ consoleSession: [] }],
  none: [],
  // The signature in the query is the other way in: no security scheme at all.
  'api-key-or-signed-link': [{ bearerApiKey: [] }, { headerApiKey: [] }, {}],
};

const errorCodesDescription = Object.entries(errorCodeTable)
  .map(([code, { status, description }]) => `- \`${code}\` (${status}): ${description}`)
  .join('\n');

/**
 * The OpenAPI 3.1 document of the whole contract. Every schema goes through zod's own JSON Schema
 * output, the same one the action schemas use.
 */
export function generateOpenApiDocument(
  options: { version?: string; serverUrl?: string } = {},
): OpenApiDocument {
  const document = generateOpenApi(
    contract,
    {
      info: {
        title: 'ads API',
        version: options.version ?? '0.1.0',
        description: `A self-hostable gateway for AI video generation.\n\nEvery error answers with the envelope \`{"error": {"code", "message", "issues"?, "details"?, "requestId"?}}\`. Error codes:\n\n${errorCodesDescription}`,
      },
      servers: [{ url: options.serverUrl ?? 'http://localhost:8787' }],
      components: {
        securitySchemes: {
          consoleSession: {
            type: 'apiKey',
            in: 'cookie',
            name: 'ads_session',
            description:
              'The console’s session cookie (POST /v1/session); calls that change something also send X-CSRF-Token. On admin routes, only a user with the operator role.',
          },
          bearerApiKey: { type: 'http', scheme: 'bearer', description: 'Authorization: Bearer sk-...' },
          headerApiKey: { type: 'apiKey', in: 'header', name: 'X-Api-Key', description: 'X-Api-Key: sk-...' },
          adminToken: {
            type: 'http',
            scheme: 'bearer',
            description: 'Authorization: Bearer $ADS_ADMIN_TOKEN',
          },
        },
      },
    },
    {
      setOperationId: 'concatenated-path',
      schemaTransformer: ({ schema, type }) =>
        isZodSchema(schema)
          ? (toJsonSchema(schema, type === 'response' ? 'output' : 'input') as never)
          : null,
      operationMapper: (operation, appRoute: AppRoute) => {
        const metadata = appRoute.metadata as RouteMetadata;
        return withExample({ ...operation, security: securityByAuth[metadata.auth] }, metadata.example);
      },
    },
  );
  return { ...document, openapi: '3.1.0' };
}
