// npm run simulate:sms -- --from +15125550100 "burst pipe in the kitchen"
// Signs a Twilio SMS webhook exactly as Twilio does (the auth token from .dev.vars), posts it to
// the local Worker (--url, default http://localhost:8787) for the demo workspace's number (--to
// another Twilio number), and prints the replies from the outbox.
import { main } from "./lib/toolchain.mjs";
import { simulate, simulatorOptions, smsRequest } from "./lib/simulate.mjs";

main(async () => {
  const options = simulatorOptions('npm run simulate:sms -- --from +15125550100 "burst pipe in the kitchen"');
  await simulate("SMS", options, smsRequest(options));
});
