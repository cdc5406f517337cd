// Types for tests inside workerd: the test-only migrations binding, and the main
// module (so `exports.default` is typed).
declare namespace Cloudflare {
  interface Env {
    TEST_MIGRATIONS: import('cloudflare:test').D1Migration[];
  }
  interface GlobalProps {
    mainModule: typeof import('../../src/index');
    durableNamespaces: 'RoomDO' | 'PanelDO';
  }
}
