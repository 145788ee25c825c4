import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { expect, it } from 'vitest';
import { parse, parseAllDocuments } from 'yaml';
import { deployDir, repository } from './support/bundle.js';

// The recipes no test machine can run (Docker, compose, Kubernetes), held to what can be checked:
// they start the bundle the other tests run, with variables, commands and probes the gateway has.

const read = (file: string) => readFileSync(path.join(deployDir, file), 'utf8');
const help = execFileSync(
  process.execPath,
  [path.join(repository, 'packages/server/bin/ads-server.js'), '--help'],
  {
    encoding: 'utf8',
  },
);
/** Every variable ads-server reads, as its --help lists them. */
const known = new Set([...help.matchAll(/^ {2}([A-Z][A-Z0-9_]+)/gm)].map((match) => match[1]));
/** Read by the AWS SDK for S3 storage, beside the gateway's own. */
const sdkVariables = new Set(['AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY']);
const commands = new Set([...help.matchAll(/^ {2}([a-z]+)\b/gm)].map((match) => match[1]));

function expectKnownVariables(names: string[]) {
  expect(names.length).toBeGreaterThan(0);
  for (const name of names)
    expect(known.has(name) || sdkVariables.has(name) || name === 'NODE_ENV', name).toBe(true);
}

it('the Dockerfile ships the pnpm bundle on a slim image, as a non-root user, with a health check', () => {
  const dockerfile = read('Dockerfile');
  expect(dockerfile).toMatch(/RUN pnpm install --frozen-lockfile && pnpm bundle/);
  expect(dockerfile).toMatch(/^COPY --from=build .*\/src\/dist\/ads-server \/opt\/ads-server$/m);
  expect(dockerfile).toMatch(/^FROM node:20-bookworm-slim$/m);
  expect(dockerfile).toMatch(/^USER ads$/m);
  expect(dockerfile).toMatch(/^HEALTHCHECK .*\n.*\/healthz/m);
  expect(dockerfile).toMatch(/^VOLUME \["\/var\/lib\/ads-server"\]$/m);
  expect(dockerfile).toMatch(/^ENTRYPOINT \["node", "\/opt\/ads-server\/bin\/ads-server.js"\]$/m);
  expectKnownVariables([...dockerfile.matchAll(/^\s+([A-Z_]+)=/gm)].map((match) => match[1] as string));
  // The image's build runs the same script as the root package's `bundle`.
  const manifest = JSON.parse(readFileSync(path.join(repository, 'package.json'), 'utf8'));
  expect(manifest.scripts.bundle).toContain('scripts/bundle.mjs');
});

it('compose runs two gateways in the proxy namespace, with the nginx file the nginx test runs', () => {
  const compose = parse(read('compose.yaml'), { merge: true }) as {
    services: Record<
      string,
      {
        environment?: Record<string, string>;
        network_mode?: string;
        volumes?: string[];
        command?: string[];
        build?: { dockerfile: string };
      }
    >;
  };
  const gateways = ['gateway-1', 'gateway-2'].map((name) => compose.services[name]);
  expect(gateways.map((gateway) => gateway?.environment?.PORT)).toEqual(['8081', '8082']);
  for (const gateway of gateways) {
    expect(gateway?.network_mode).toBe('service:proxy');
    expect(gateway?.build?.dockerfile).toBe('deploy/Dockerfile');
    expect(gateway?.environment?.ADS_TRUST_PROXY).toBe('127.0.0.1');
    expectKnownVariables(Object.keys(gateway?.environment ?? {}));
  }
  const nginx = read('nginx/ads.conf');
  expect(nginx).toContain('server 127.0.0.1:8081');
  expect(nginx).toContain('server 127.0.0.1:8082');
  expect(compose.services.proxy?.volumes).toContain('./nginx/ads.conf:/etc/nginx/conf.d/default.conf:ro');
  expect(compose.services.migrate?.command).toEqual(['migrate']);
  expect(commands.has('migrate')).toBe(true);
});

it('the Kubernetes example probes /healthz and /readyz, migrates first and keeps keys in a Secret', () => {
  const documents = parseAllDocuments(read('kubernetes/ads-server.yaml')).map((document) => document.toJS());
  expect(documents.map((document) => document.kind)).toEqual(['Secret', 'Deployment', 'Service']);
  const deployment = documents[1];
  const pod = deployment.spec.template.spec;
  const [container] = pod.containers;
  expect(container.readinessProbe.httpGet.path).toBe('/readyz');
  expect(container.livenessProbe.httpGet.path).toBe('/healthz');
  expect(pod.initContainers[0].args).toEqual(['migrate']);
  expect(container.args).toEqual(['start']);
  expect(container.envFrom[0].secretRef.name).toBe(documents[0].metadata.name);
  expectKnownVariables([
    ...container.env.map((entry: { name: string }) => entry.name),
    ...Object.keys(documents[0].stringData),
  ]);
  // The grace outlasts the gateway's own drain (ADS_SHUTDOWN_TIMEOUT_MS, 30 s by default).
  expect(pod.terminationGracePeriodSeconds).toBeGreaterThan(30);
  expect(deployment.spec.strategy.rollingUpdate.maxUnavailable).toBe(0);
});
