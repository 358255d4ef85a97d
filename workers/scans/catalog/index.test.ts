import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import type { Env } from "../../env";
import { catalogFor } from "./index";

describe("catalogFor", () => {
  it("uses D1 unless Postgres is enabled and bound", () => {
    expect(catalogFor(env).kind).toBe("d1");
    expect(catalogFor({ ...env, PG_ENABLED: "false" } as Env).kind).toBe("d1");
    expect(catalogFor({ ...env, PG_ENABLED: "true", PG: undefined } as unknown as Env).kind).toBe("d1");
    expect(
      catalogFor({ ...env, PG_ENABLED: "true", PG: { connectionString: "postgres://u:p@127.0.0.1:5432/x" } as Hyperdrive } as Env).kind,
    ).toBe("postgres");
  });
});
