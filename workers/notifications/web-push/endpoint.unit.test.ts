import { describe, expect, it } from "vitest";
import { pushEndpointProblem } from "./endpoint";

describe("pushEndpointProblem", () => {
  it("accepts push services over HTTPS", () => {
    expect(pushEndpointProblem("https://fcm.googleapis.com/fcm/send/abc", "production")).toBeNull();
    expect(pushEndpointProblem("https://updates.push.services.mozilla.com/wpush/v2/x", "development")).toBeNull();
  });

  it("accepts plain HTTP only on loopback and never in production", () => {
    expect(pushEndpointProblem("http://127.0.0.1:8841/push/1", "test")).toBeNull();
    expect(pushEndpointProblem("http://127.0.0.1:8841/push/1", "production")).toMatch(/https/);
    expect(pushEndpointProblem("http://10.0.0.5/push/1", "development")).toMatch(/https/);
  });

  it("refuses what is not a URL, or carries credentials", () => {
    expect(pushEndpointProblem("not a url", "test")).toMatch(/not a URL/);
    expect(pushEndpointProblem("https://user:pw@push.example/x", "test")).toMatch(/https/);
    expect(pushEndpointProblem("file:///etc/passwd", "test")).toMatch(/https/);
  });
});
