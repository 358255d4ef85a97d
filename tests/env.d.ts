type HomelineEnv = import("../workers/env").Env;

declare namespace Cloudflare {
  interface Env extends HomelineEnv {
    TEST_MIGRATIONS: import("cloudflare:test").D1Migration[];
  }
  interface GlobalProps {
    mainModule: typeof import("../workers/index");
    durableNamespaces: "ActivityFeed" | "MetricsAggregator" | "Conversation" | "ProCalendar" | "Wallet";
  }
}
