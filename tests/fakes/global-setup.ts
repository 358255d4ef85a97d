import type { TestProject } from "vitest/node";
import { startResendFake } from "./resend";

declare module "vitest" {
  export interface ProvidedContext {
    resendUrl: string;
  }
}

/** Contract fakes of outside APIs, on loopback for the whole run. */
export default async function setup(project: TestProject) {
  const resend = await startResendFake();
  project.provide("resendUrl", resend.url);
  return () => new Promise<void>((resolve) => resend.server.close(() => resolve()));
}
