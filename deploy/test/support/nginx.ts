import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { freePort } from '@ads/testing';
import { deployDir } from './bundle.js';

export interface RunningNginx {
  /** The proxy's HTTPS address. */
  url: string;
  /** The self-signed certificate clients must trust. */
  certificate: string;
  /** The configuration as nginx runs it (deploy/nginx/ads.conf with this run's ports and paths). */
  config: string;
  errorLog(): string;
  close(): Promise<void>;
}

/** Debian's nginx is in /usr/sbin, which a non-root PATH may lack. */
const nginxBinary = existsSync('/usr/sbin/nginx') ? '/usr/sbin/nginx' : 'nginx';

/** Replaces text that must be there: the test runs the shipped file, not a look-alike. */
function swap(text: string, from: string, to: string): string {
  if (!text.includes(from)) throw new Error(`deploy/nginx/ads.conf no longer has "${from}"`);
  return text.replaceAll(from, to);
}

/**
 * Debian's nginx on loopback with deploy/nginx/ads.conf inside a minimal main configuration:
 * a certificate made here (openssl), the upstreams pointed at `upstreamPorts`.
 */
export async function startNginx(upstreamPorts: [number, number]): Promise<RunningNginx> {
  const dir = mkdtempSync(path.join(tmpdir(), 'ads-nginx-'));
  for (const temp of ['body', 'proxy', 'fastcgi', 'uwsgi', 'scgi']) mkdirSync(path.join(dir, temp));
  const certificate = path.join(dir, 'fullchain.pem');
  const key = path.join(dir, 'privkey.pem');
  execFileSync(
    'openssl',
    [
      ...['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '2', '-subj', '/CN=localhost'],
      ...['-addext', 'subjectAltName=IP:127.0.0.1,DNS:localhost', '-keyout', key, '-out', certificate],
    ],
    { stdio: 'pipe' },
  );
  const [httpsPort, httpPort] = [await freePort(), await freePort()];
  let site = readFileSync(path.join(deployDir, 'nginx', 'ads.conf'), 'utf8');
  site = swap(site, '127.0.0.1:8081', `127.0.0.1:${upstreamPorts[0]}`);
  site = swap(site, '127.0.0.1:8082', `127.0.0.1:${upstreamPorts[1]}`);
  site = swap(site, 'listen 443 ssl http2;', `listen 127.0.0.1:${httpsPort} ssl http2;`);
  site = swap(site, 'listen 80;', `listen 127.0.0.1:${httpPort};`);
  site = swap(site, '/etc/ssl/ads/fullchain.pem', certificate);
  site = swap(site, '/etc/ssl/ads/privkey.pem', key);
  writeFileSync(path.join(dir, 'ads.conf'), site);
  // What Debian's /etc/nginx/nginx.conf gives the site, with every path in this folder.
  const main = [
    // As root, nginx's workers would drop to nobody, who cannot read this folder.
    process.getuid?.() === 0 ? 'user root;' : '',
    'worker_processes 2;',
    'daemon off;',
    `pid ${dir}/nginx.pid;`,
    `error_log ${dir}/error.log notice;`,
    'events { worker_connections 1024; }',
    'http {',
    '  include /etc/nginx/mime.types;',
    `  access_log ${dir}/access.log;`,
    ...['body', 'proxy', 'fastcgi', 'uwsgi', 'scgi'].map(
      (temp) => `  ${temp === 'body' ? 'client_body' : temp}_temp_path ${dir}/${temp};`,
    ),
    `  include ${dir}/ads.conf;`,
    '}',
  ].join('\n');
  const mainPath = path.join(dir, 'nginx.conf');
  writeFileSync(mainPath, main);
  execFileSync(nginxBinary, ['-t', '-q', '-p', dir, '-c', mainPath], { stdio: 'pipe' });
  const child: ChildProcess = spawn(nginxBinary, ['-p', dir, '-c', mainPath], { stdio: 'ignore' });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const errorLog = () => {
    try {
      return readFileSync(path.join(dir, 'error.log'), 'utf8');
    } catch {
      return '';
    }
  };
  return {
    url: `https://127.0.0.1:${httpsPort}`,
    certificate: readFileSync(certificate, 'utf8'),
    config: site,
    errorLog,
    async close() {
      child.kill('SIGQUIT');
      await exited;
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
