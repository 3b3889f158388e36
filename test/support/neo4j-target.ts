/**
 * Where tests find a Neo4j 5: the server named by NEO4J_TEST_URL, else a throw-away
 * container (testcontainers) when a Docker engine answers, else nowhere, with the reason.
 * The decision is synchronous so a test file can choose between its suite and a loud skip
 * while jest collects tests; it never waits more than a few seconds for Docker.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import type { Neo4jTarget } from '../../src/graph/neo4j/neo4j.engine';

/** The image started when no NEO4J_TEST_URL is given; NEO4J_TEST_IMAGE overrides it. */
export const DEFAULT_NEO4J_IMAGE = 'neo4j:5';

/** How to get a Neo4j for this test run. */
export type Neo4jTestSource =
  | { readonly kind: 'url'; readonly target: Neo4jTarget }
  | { readonly kind: 'docker'; readonly image: string; readonly dockerEndpoint: string }
  | { readonly kind: 'none'; readonly reason: string };

/** A Neo4j ready for tests; `stop()` releases what was started (nothing for a given URL). */
export interface RunningNeo4j {
  readonly target: Neo4jTarget;
  readonly description: string;
  stop(): Promise<void>;
}

/** How long the Docker probe may take before Docker counts as unreachable. */
const DOCKER_PROBE_TIMEOUT_MS = 3_000;

/**
 * Decides where a Neo4j comes from, reading NEO4J_TEST_URL (with NEO4J_TEST_USER and
 * NEO4J_TEST_PASSWORD, default neo4j/neo4j, and optional NEO4J_TEST_DATABASE), then
 * probing the Docker engine testcontainers would use (DOCKER_HOST or the usual sockets).
 */
export function findNeo4jForTests(env: NodeJS.ProcessEnv = process.env): Neo4jTestSource {
  const url = env.NEO4J_TEST_URL;
  if (url !== undefined && url.length > 0) {
    return {
      kind: 'url',
      target: {
        engine: 'neo4j',
        url,
        user: env.NEO4J_TEST_USER ?? 'neo4j',
        password: env.NEO4J_TEST_PASSWORD ?? 'neo4j',
        database: env.NEO4J_TEST_DATABASE || undefined,
      },
    };
  }
  const docker = probeDocker(env);
  const image = env.NEO4J_TEST_IMAGE ?? DEFAULT_NEO4J_IMAGE;
  if (docker.ok) return { kind: 'docker', image, dockerEndpoint: docker.endpoint };
  return {
    kind: 'none',
    reason:
      `no NEO4J_TEST_URL set and no Docker engine reachable (${docker.reason}). ` +
      'Set NEO4J_TEST_URL=bolt://host:7687 (+ NEO4J_TEST_USER, NEO4J_TEST_PASSWORD) or start Docker to run it.',
  };
}

/**
 * Makes the Neo4j of `source` ready: returns the given server as is, or starts
 * `source.image` with testcontainers (slow the first time: give the caller's
 * beforeAll a timeout of minutes).
 * @throws Error when the source is 'none'.
 */
export async function startNeo4jForTests(source: Neo4jTestSource): Promise<RunningNeo4j> {
  switch (source.kind) {
    case 'url':
      return { target: source.target, description: `Neo4j at ${source.target.url}`, stop: () => Promise.resolve() };
    case 'docker': {
      // Loaded only here, so test files that skip never load testcontainers.
      const { Neo4jContainer } = await import('@testcontainers/neo4j');
      const container = await new Neo4jContainer(source.image).withPassword('xrm-graph-test').start();
      return {
        target: {
          engine: 'neo4j',
          url: container.getBoltUri(),
          user: container.getUsername(),
          password: container.getPassword(),
          database: undefined,
        },
        description: `${source.image} in a container at ${container.getBoltUri()}`,
        stop: async () => {
          await container.stop();
        },
      };
    }
    case 'none':
      throw new Error(`No Neo4j for tests: ${source.reason}`);
    default:
      return unreachable(source);
  }
}

type DockerProbe = { ok: true; endpoint: string } | { ok: false; reason: string };

/** Asks the Docker engine's API for `/_ping` in a child process bounded by a timeout. */
function probeDocker(env: NodeJS.ProcessEnv): DockerProbe {
  const endpoint = dockerEndpoint(env);
  // ssh://, npipe:// …: trust the explicit setting; testcontainers reports it if it is wrong.
  if (endpoint?.kind === 'other') return { ok: true, endpoint: endpoint.label };
  if (endpoint === undefined) {
    return { ok: false, reason: `DOCKER_HOST is unset and no Docker socket exists at ${candidateSockets(env).join(', ')}` };
  }
  const script = `
    const http = require('node:http');
    const [kind, where, port] = process.argv.slice(1);
    const target = kind === 'unix' ? { socketPath: where } : { host: where, port: Number(port) };
    const req = http.get({ ...target, path: '/_ping', timeout: ${DOCKER_PROBE_TIMEOUT_MS - 500} }, (res) => {
      res.resume();
      // A TLS-only daemon answers plain HTTP with 400: it is there.
      process.exit(res.statusCode === 200 || res.statusCode === 400 ? 0 : 3);
    });
    req.on('timeout', () => { console.error('no answer'); process.exit(4); });
    req.on('error', (e) => { console.error(e.message); process.exit(5); });`;
  const args = endpoint.kind === 'unix' ? ['unix', endpoint.path] : ['tcp', endpoint.host, String(endpoint.port)];
  const probe = spawnSync(process.execPath, ['-e', script, ...args], { timeout: DOCKER_PROBE_TIMEOUT_MS, encoding: 'utf8' });
  if (probe.status === 0) return { ok: true, endpoint: endpoint.label };
  const why = probe.error?.message ?? (probe.stderr.trim() || `exit ${String(probe.status ?? probe.signal)}`);
  return { ok: false, reason: `Docker at ${endpoint.label} did not answer /_ping: ${why}` };
}

type DockerEndpoint =
  | { kind: 'unix'; path: string; label: string }
  | { kind: 'tcp'; host: string; port: number; label: string }
  | { kind: 'other'; label: string };

function dockerEndpoint(env: NodeJS.ProcessEnv): DockerEndpoint | undefined {
  const host = env.DOCKER_HOST;
  if (host !== undefined && host.length > 0) {
    if (host.startsWith('unix://')) return { kind: 'unix', path: host.slice('unix://'.length), label: host };
    const tcp = /^tcp:\/\/([^:/]+):(\d+)/.exec(host);
    if (tcp?.[1] !== undefined && tcp[2] !== undefined) return { kind: 'tcp', host: tcp[1], port: Number(tcp[2]), label: host };
    return { kind: 'other', label: host };
  }
  const socket = candidateSockets(env).find((path) => existsSync(path));
  return socket === undefined ? undefined : { kind: 'unix', path: socket, label: `unix://${socket}` };
}

/** The sockets testcontainers looks at without DOCKER_HOST (rootful, rootless, Docker Desktop). */
function candidateSockets(env: NodeJS.ProcessEnv): string[] {
  const home = homedir();
  const runtimeDir = env.XDG_RUNTIME_DIR;
  const uid = typeof process.getuid === 'function' ? process.getuid() : undefined;
  return [
    '/var/run/docker.sock',
    ...(runtimeDir ? [join(runtimeDir, 'docker.sock')] : []),
    join(home, '.docker', 'run', 'docker.sock'),
    join(home, '.docker', 'desktop', 'docker.sock'),
    ...(uid !== undefined ? [`/run/user/${uid}/docker.sock`] : []),
  ];
}

function unreachable(value: never): never {
  throw new Error(`Unknown Neo4j test source ${JSON.stringify(value)}`);
}
