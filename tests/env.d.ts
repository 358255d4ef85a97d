type HomelineEnv = import("../workers/env").Env;

// `env` from cloudflare:workers in tests: the Worker's Env (generated bindings narrowed, secrets) and the test-only bindings.
declare namespace Cloudflare {
  interface Env extends HomelineEnv {
    TEST_MIGRATIONS: import("cloudflare:test").D1Migration[];
    // workers/bindings.d.ts types these loosely for Cloudflare.Env too; the Worker's narrower types win.
    ENVIRONMENT: HomelineEnv["ENVIRONMENT"];
    EVENTS: HomelineEnv["EVENTS"];
    EVENTS_DLQ: HomelineEnv["EVENTS_DLQ"];
  }
}
