import { describe, expect, it } from "vitest";
import { deliveryKey } from "./delivery-key";
import type { InboundItem } from "./inbound";

const message = (id: string): InboundItem => ({
  type: "message",
  providerMessageId: id,
  from: "15125550100",
  timestamp: 1,
  content: { kind: "text", text: "hi" },
});
const status = (id: string, state: "sent" | "delivered"): InboundItem => ({
  type: "status",
  providerMessageId: id,
  recipient: "15125550100",
  status: state,
  timestamp: 1,
});

describe("deliveryKey", () => {
  it("is the message ids, whatever order a resend carries them in", () => {
    expect(deliveryKey([message("wamid.A"), message("wamid.B")])).toBe("wamid.A wamid.B");
    expect(deliveryKey([message("wamid.B"), message("wamid.A")])).toBe(deliveryKey([message("wamid.A"), message("wamid.B")]));
  });

  it("tells a status's steps apart, so delivered after sent is a new delivery", () => {
    expect(deliveryKey([status("SM1", "sent")])).toBe("SM1:sent");
    expect(deliveryKey([status("SM1", "delivered")])).not.toBe(deliveryKey([status("SM1", "sent")]));
  });

  it("is undefined for a body carrying nothing this app reads", () => {
    expect(deliveryKey([])).toBeUndefined();
  });
});
