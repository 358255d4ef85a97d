import { listen, reply } from "./http";

type Obj = Record<string, any>;

/** Stripe's form encoding: `a[b][0][c]=v` nests objects and arrays (numeric keys are arrays). */
function parseForm(raw: string): Obj {
  const root: Obj = {};
  for (const [key, value] of new URLSearchParams(raw)) {
    const path = key.split(/\[|\]\[|\]/).filter(Boolean);
    let node: any = root;
    path.forEach((part, i) => {
      if (i === path.length - 1) node[part] = value;
      else node = node[part] ??= /^\d+$/.test(path[i + 1]!) ? [] : {};
    });
  }
  return root;
}

const error = (status: number, type: string, message: string, extra: Obj = {}) => ({
  status,
  body: { error: { type, message, ...extra } },
});
const id = (prefix: string) => `${prefix}_${crypto.randomUUID().replace(/-/g, "").slice(0, 24)}`;
const now = () => Math.floor(Date.now() / 1000);

// Stripe's test payment methods: what happens when they are charged off-session.
const DECLINES: Record<string, { code: string; decline_code?: string; message: string }> = {
  pm_card_chargeDeclined: { code: "card_declined", decline_code: "generic_decline", message: "Your card was declined." },
  pm_card_authenticationRequired: {
    code: "authentication_required",
    message: "Your card was declined. This transaction requires authentication.",
  },
};

/**
 * A contract fake of the Stripe REST API on loopback, for the real SDK: bearer `sk_test_` keys,
 * form-encoded bodies, Idempotency-Key replay (and the 400 for a key reused with other
 * parameters), Checkout Sessions, PaymentIntents (off-session charges of saved cards, with
 * Stripe's test cards), refunds and charges, answered in Stripe's shapes and errors.
 *
 * Test controls: POST /__sessions/{id}/pay (the customer pays; JSON { paymentMethod }) and
 * GET /__requests (what the SDK sent).
 */
export function startStripeFake(port = 0) {
  const customers = new Map<string, Obj>();
  const sessions = new Map<string, Obj>();
  const intents = new Map<string, Obj>();
  const charges = new Map<string, Obj>();
  const idempotent = new Map<string, { fingerprint: string; status: number; body: unknown }>();
  const requests: { method: string; path: string; idempotencyKey?: string; params: Obj }[] = [];

  function createIntent(params: Obj, decline?: { message: string }): Obj {
    const intent = {
      id: id("pi"),
      object: "payment_intent",
      amount: Number(params.amount),
      currency: params.currency,
      customer: params.customer ?? null,
      payment_method: params.payment_method ?? null,
      setup_future_usage: params.setup_future_usage ?? null,
      metadata: params.metadata ?? {},
      status: "succeeded",
      latest_charge: null as string | null,
      last_payment_error: null as Obj | null,
      created: now(),
    };
    if (decline) {
      Object.assign(intent, { status: "requires_payment_method", last_payment_error: { message: decline.message } });
      intents.set(intent.id, intent);
      return intent;
    }
    const charge = {
      id: id("ch"),
      object: "charge",
      amount: intent.amount,
      amount_refunded: 0,
      refunded: false,
      currency: intent.currency,
      payment_intent: intent.id,
      metadata: intent.metadata,
      status: "succeeded",
    };
    intent.latest_charge = charge.id;
    intents.set(intent.id, intent);
    charges.set(charge.id, charge);
    if (intent.customer && intent.payment_method && intent.setup_future_usage)
      customers.get(intent.customer)?.methods.add(intent.payment_method);
    return intent;
  }

  function route(method: string, path: string, params: Obj): { status: number; body: unknown } {
    if (method === "POST" && path === "/v1/customers") {
      const customer = {
        id: id("cus"),
        object: "customer",
        name: params.name ?? null,
        email: params.email ?? null,
        metadata: params.metadata ?? {},
        methods: new Set<string>(),
      };
      customers.set(customer.id, customer);
      return { status: 200, body: { ...customer, methods: undefined } };
    }
    if (method === "POST" && path === "/v1/checkout/sessions") {
      const items = params.line_items as Obj[] | undefined;
      if (params.mode !== "payment") return error(400, "invalid_request_error", "Missing required param: mode.", { param: "mode" });
      if (!params.success_url) return error(400, "invalid_request_error", "Missing required param: success_url.", { param: "success_url" });
      if (
        !items?.length ||
        items.some((i) => !i.quantity || !i.price_data?.currency || !i.price_data?.unit_amount || !i.price_data?.product_data?.name)
      )
        return error(400, "invalid_request_error", "Invalid line_items.", { param: "line_items" });
      if (params.customer && !customers.has(params.customer))
        return error(400, "invalid_request_error", `No such customer: '${params.customer}'`, {
          code: "resource_missing",
          param: "customer",
        });
      const amount = items.reduce((sum, i) => sum + Number(i.price_data.unit_amount) * Number(i.quantity), 0);
      const session = {
        id: id("cs_test"),
        object: "checkout.session",
        mode: "payment",
        status: "open",
        payment_status: "unpaid",
        amount_total: amount,
        currency: items[0]!.price_data.currency,
        customer: params.customer ?? null,
        client_reference_id: params.client_reference_id ?? null,
        metadata: params.metadata ?? {},
        payment_intent: null,
        payment_intent_data: params.payment_intent_data ?? {},
        success_url: params.success_url,
        cancel_url: params.cancel_url ?? null,
        expires_at: now() + 86_400,
      };
      sessions.set(session.id, session);
      return { status: 200, body: { ...session, url: `https://checkout.stripe.com/c/pay/${session.id}`, payment_intent_data: undefined } };
    }
    let match = path.match(/^\/v1\/payment_intents\/(pi_\w+)$/);
    if (method === "GET" && match) {
      const intent = intents.get(match[1]!);
      if (!intent) return error(404, "invalid_request_error", `No such payment_intent: '${match[1]}'`, { code: "resource_missing" });
      const expand = (params.expand as string[] | undefined) ?? [];
      const method =
        expand.includes("payment_method") && intent.payment_method
          ? {
              id: intent.payment_method,
              object: "payment_method",
              type: "card",
              card: { brand: "visa", last4: intent.payment_method === "pm_card_visa" ? "4242" : "0341" },
            }
          : intent.payment_method;
      return { status: 200, body: { ...intent, payment_method: method } };
    }
    if (method === "POST" && path === "/v1/payment_intents") {
      if (!params.amount || !params.currency)
        return error(400, "invalid_request_error", "Missing required param: amount.", { param: "amount" });
      if (params.off_session === "true" && params.confirm === "true") {
        const customer = customers.get(params.customer);
        if (!customer?.methods.has(params.payment_method))
          return error(400, "invalid_request_error", "The provided PaymentMethod is not attached to this Customer.", {
            code: "payment_method_not_attached",
          });
        const decline = DECLINES[params.payment_method];
        if (decline)
          return error(402, "card_error", decline.message, {
            code: decline.code,
            decline_code: decline.decline_code,
            payment_intent: createIntent(params, decline),
          });
      }
      return { status: 200, body: createIntent(params) };
    }
    if (method === "POST" && path === "/v1/refunds") {
      const intent = intents.get(params.payment_intent);
      const charge = intent && charges.get(intent.latest_charge);
      if (!charge) return error(400, "invalid_request_error", "No such payment_intent.", { code: "resource_missing" });
      const amount = params.amount ? Number(params.amount) : charge.amount - charge.amount_refunded;
      if (amount > charge.amount - charge.amount_refunded)
        return error(400, "invalid_request_error", "Refund amount is greater than unrefunded amount on charge.", {
          code: "amount_too_large",
        });
      charge.amount_refunded += amount;
      charge.refunded = charge.amount_refunded === charge.amount;
      return {
        status: 200,
        body: { id: id("re"), object: "refund", amount, charge: charge.id, payment_intent: intent.id, status: "succeeded" },
      };
    }
    match = path.match(/^\/v1\/charges\/(ch_\w+)$/);
    if (method === "GET" && match && charges.has(match[1]!)) return { status: 200, body: charges.get(match[1]!) };
    return error(404, "invalid_request_error", `Unrecognized request URL (${method}: ${path}).`);
  }

  /** The customer completes the hosted page: a PaymentIntent with the session's metadata, card saved. */
  function pay(sessionId: string, paymentMethod = "pm_card_visa"): { status: number; body: unknown } {
    const session = sessions.get(sessionId);
    if (!session) return error(404, "invalid_request_error", "No such session");
    const intent = createIntent({
      amount: session.amount_total,
      currency: session.currency,
      customer: session.customer,
      payment_method: paymentMethod,
      ...session.payment_intent_data,
    });
    Object.assign(session, { status: "complete", payment_status: "paid", payment_intent: intent.id });
    return {
      status: 200,
      body: { session: { ...session, payment_intent_data: undefined }, paymentIntent: intent, charge: charges.get(intent.latest_charge) },
    };
  }

  return listen((req, raw, res) => {
    const url = new URL(req.url ?? "/", "http://fake");
    if (req.method === "GET" && url.pathname === "/__requests") return reply(res, 200, requests);
    const paying = url.pathname.match(/^\/__sessions\/(cs_test_\w+)\/pay$/);
    if (req.method === "POST" && paying) {
      const { status, body } = pay(paying[1]!, raw ? JSON.parse(raw).paymentMethod : undefined);
      return reply(res, status, body);
    }
    if (!req.headers.authorization?.startsWith("Bearer sk_test_"))
      return reply(res, 401, { error: { type: "invalid_request_error", message: "Invalid API Key provided." } });
    const params = req.method === "GET" ? parseForm(url.search.slice(1)) : parseForm(raw);
    const key = req.headers["idempotency-key"] as string | undefined;
    requests.push({ method: req.method!, path: url.pathname, idempotencyKey: key, params });
    const fingerprint = `${req.method} ${url.pathname} ${raw}`;
    const seen = key ? idempotent.get(key) : undefined;
    if (seen && seen.fingerprint !== fingerprint)
      return reply(res, 400, {
        error: {
          type: "idempotency_error",
          message: "Keys for idempotent requests can only be used with the same parameters they were first used with.",
        },
      });
    if (seen) return reply(res, seen.status, seen.body, { "Idempotent-Replayed": "true" });
    const { status, body } = route(req.method!, url.pathname, params);
    if (key && req.method === "POST") idempotent.set(key, { fingerprint, status, body });
    reply(res, status, body, { "Request-Id": id("req") });
  }, port);
}
